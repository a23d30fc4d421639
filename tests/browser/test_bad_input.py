"""Refused input in a real browser (issue 9, items 12, 14 and 16): the page
says why, keeps what was typed, and saving the page still works; the pages
with the messages pass axe."""
import pytest

from participation import questionnaires, storage, wording
from tests.browser.conftest import assert_accessible, login_page

CODE = "131052-308T"


@pytest.fixture(scope="module")
def consultation_id(live_server):
    db = live_server.db()
    worker = db.execute("SELECT id FROM users WHERE email = 'b-social_worker@example.fi'").fetchone()[0]
    cid = db["consultations"].insert({"panel_id": live_server.context["panel_id"], "case_code": "KS-2097-001",
                                      "social_worker_id": worker, "child_age": 9, "created_by": worker}).last_pk
    db.conn.close()
    return cid


@pytest.fixture
def worker_record(live_server, consultation_id, page):
    """The social worker's page on a new 7–12 record: (page, views id)."""
    db = live_server.db()
    texts = wording.texts_for(questionnaires.wording_keys(questionnaires.DEFINITIONS["7-12"]))
    views_id = storage.create_views(db, consultation_id, "7-12", language="fi", texts=texts)
    db.conn.close()
    login_page(page, live_server, "social_worker")
    page.goto(f"{live_server.url}/views/{views_id}")
    return page, views_id


def answers(live_server, views_id):
    db = live_server.db()
    try:
        return storage.get_views(db, views_id)["answers"]
    finally:
        db.conn.close()


def test_an_answer_the_autosave_cannot_take_stays_on_the_page_and_is_saved_with_the_page(live_server, worker_record):
    page, views_id = worker_record
    # a lone surrogate, e.g. half of an emoji cut off: JSON.stringify sends it as "\udcff"
    page.evaluate("""() => { const box = document.querySelector('#q-q1-text');
                             box.value = 'Kissa ' + String.fromCharCode(0xdcff);
                             box.dispatchEvent(new Event('input', {bubbles: true})); }""")
    page.wait_for_selector("[data-save-status][data-state=error]")
    assert "automaattisesti" in page.locator("[data-save-status]").inner_text()
    assert page.evaluate("() => document.querySelector('#q-q1-text').value.startsWith('Kissa ')")
    assert page.evaluate("() => window.KuulluksiAutosave.pending()") == 0 and "q1" not in answers(live_server, views_id)
    with page.expect_navigation():
        page.locator("button[name=action][value=save]").click()
    assert answers(live_server, views_id)["q1"]["text"] == "Kissa \ufffd"


def test_an_identity_code_typed_by_the_worker_is_held_until_confirmed(live_server, worker_record):
    page, views_id = worker_record
    page.locator("#q-q1-text").fill(f"Isän tunnus {CODE}")
    page.wait_for_selector("[data-save-status][data-state=error]")
    assert "henkilötunnukselta" in page.locator("[data-save-status]").inner_text()
    assert "q1" not in answers(live_server, views_id)
    with page.expect_navigation():
        page.locator("button[name=action][value=save]").click()
    assert page.locator("#q-q1-text").input_value() == f"Isän tunnus {CODE}"
    assert page.locator("#q-q1 .error").inner_text().startswith("Tämä näyttää henkilötunnukselta")
    assert_accessible(page, "the record page with an identity-code warning")
    page.locator("#confirm_no_identity_code").check()
    with page.expect_navigation():
        page.locator("button[name=action][value=save]").click()
    assert answers(live_server, views_id)["q1"]["text"] == f"Isän tunnus {CODE}"


def test_a_refused_year_and_a_meetings_identity_code_are_shown_accessibly(live_server, page):
    login_page(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/meetings")
    # as a client without number fields or their checks (a script, an old browser)
    page.evaluate("() => { document.querySelector('.generate-form').noValidate = true; "
                  "document.querySelector('#year').type = 'text'; }")
    page.locator("#year").fill("9" * 400)
    with page.expect_navigation():
        page.locator(".generate-form button[type=submit]").click()
    assert page.locator("#year").get_attribute("value") == "9" * 400 and page.locator("#year-error").is_visible()
    assert_accessible(page, "the meetings page with a refused year")
    page.goto(f"{live_server.url}/meetings/new")
    page.locator("#notes").fill(f"Lapsi {CODE}")
    with page.expect_navigation():
        page.locator("form.card button[type=submit]").click()
    assert page.locator("#notes-warning").is_visible() and page.locator("#notes").input_value() == f"Lapsi {CODE}"
    assert_accessible(page, "the meeting form with an identity-code warning")
