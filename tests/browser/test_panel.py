"""The panel's calendar and consultations in a real browser, with axe on every page in fi, sv and en."""
import re

import pytest

from panel import storage
from tests.browser.conftest import LANGUAGES, assert_accessible, login_page


def test_coordinator_generates_a_year_and_edits_a_meeting(page, live_server):
    login_page(page, live_server, "coordinator", "en")
    page.goto(f"{live_server.url}/meetings")
    page.fill("input[name=year]", "2029")
    page.click("form.generate-form button[type=submit]")
    page.wait_for_load_state()
    assert "11 meetings created for 2029" in page.content()
    assert page.locator("section.meeting").count() == 11
    assert "Fri 26 Jan 2029" in page.content()
    # the same again adds nothing
    page.fill("input[name=year]", "2029")
    page.click("form.generate-form button[type=submit]")
    assert "already exist" in page.content()
    assert page.locator("section.meeting").count() == 11
    # edit (move) the first one
    page.locator("section.meeting").first.get_by_role("link", name=re.compile("Edit or move")).click()
    page.fill("input[name=day]", "2029-01-19")
    page.fill("input[name=place]", "Sali Kuusi")
    page.fill("input[name=capacity]", "4")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "The meeting was saved." in page.content()
    first = page.locator("section.meeting").first
    assert "Fri 19 Jan 2029" in first.inner_text() and "Sali Kuusi" in first.inner_text()
    assert "0 / 4" in first.inner_text()


def test_social_worker_books_a_consultation_and_sees_it_listed(page, live_server):
    login_page(page, live_server, "social_worker", "fi")
    page.goto(f"{live_server.url}/meetings")
    page.locator("section.meeting a.button", has_text="Varaa konsultaatio").first.click()
    page.wait_for_load_state()
    page.fill("textarea[name=question_1]", "Onko avohuollon sijoitus nuoren edun mukainen?")
    page.fill("textarea[name=question_2]", "Miten koulunkäynti turvataan?")
    page.fill("input[name=child_age]", "15")
    page.fill("textarea[name=background]", "Nuori 010101A123N on ollut poissa koulusta.")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    # a warning next to the field; the worker edits the text
    assert page.locator("#background-warning").is_visible()
    assert page.input_value("textarea[name=question_2]") == "Miten koulunkäynti turvataan?"
    page.fill("textarea[name=background]", "Nuori on ollut poissa koulusta.")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Konsultaatio varattiin" in page.content()
    code = re.search(r"KS-\d{4}-\d{3}", page.locator("h1").inner_text()).group(0)
    page.goto(f"{live_server.url}/consultations/mine")
    row = page.locator("tr", has_text=code)
    assert row.count() == 1 and "Odottaa asiakirjoja" in row.inner_text()


def _pages(live_server):
    """Panel pages per role: (role, path) pairs, with ids from the demo data."""
    db = live_server.db()
    try:
        on_day = storage.calendar.today("Europe/Helsinki")
        meeting = storage.list_meetings(db, from_day=on_day, include_cancelled=False)[0]
        meeting_id = meeting["id"]
        sw = db.execute("SELECT id FROM users WHERE email = 'b-social_worker@example.fi'").fetchone()[0]
        bookable = storage.bookable_meetings(db, None, on_day, 14)
        own = [r["id"] for r in db.query("SELECT id FROM consultations WHERE social_worker_id = ? "
                                         "AND status = 'booked'", [sw])]
        if not own:
            own = [storage.book_consultation(db, meeting_id=bookable[-1]["id"], social_worker_id=sw, created_by=sw,
                                             child_age=9, background="Tausta.", questions=["Kysymys?"],
                                             today=on_day, closes_days_before=14)]
        other = live_server.context["consultation_ids"][4]
    finally:
        db.conn.close()
    return [
        ("coordinator", "/meetings"), ("coordinator", "/meetings?year=2026"), ("coordinator", "/meetings/new"),
        ("coordinator", f"/meetings/{meeting_id}/edit"), ("coordinator", f"/meetings/{meeting_id}/cancel"),
        ("coordinator", f"/consultations/{other}"), ("coordinator", f"/consultations/{other}/edit"),
        ("coordinator", "/consultations/new"),
        ("social_worker", "/meetings"), ("social_worker", "/consultations/mine"),
        ("social_worker", "/consultations/new"), ("social_worker", f"/consultations/{own[0]}"),
        ("social_worker", f"/consultations/{own[0]}/edit"), ("social_worker", f"/consultations/{own[0]}/cancel"),
        ("expert", "/meetings"),
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_panel_page_is_accessible(context_factory, live_server, lang):
    pages = _pages(live_server)
    for role in ("coordinator", "social_worker", "expert"):
        page = context_factory(locale="fi-FI").new_page()
        login_page(page, live_server, role, lang)
        for _role, path in (p for p in pages if p[0] == role):
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, (role, path, response.status)
            assert page.get_attribute("html", "lang") == lang
            assert_accessible(page, f"{role} {path} {lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_forms_with_errors_and_warnings_are_accessible(page, live_server, lang):
    login_page(page, live_server, "social_worker", lang)
    page.goto(f"{live_server.url}/consultations/new")
    page.fill("textarea[name=question_2]", "x 131052-308T")
    page.fill("input[name=child_age]", "42")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert page.locator("#question_1-error").count() == 1
    assert_accessible(page, f"booking with errors {lang}")
    page.fill("textarea[name=question_1]", "Kysymys?")
    page.fill("input[name=child_age]", "4")
    page.fill("textarea[name=background]", "Tausta.")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#question_2-warning").count() == 1
    assert_accessible(page, f"booking with identity-code warning {lang}")


def test_staff_pages_work_without_javascript(context_factory, live_server):
    page = context_factory(locale="fi-FI", java_script_enabled=False).new_page()
    login_page(page, live_server, "coordinator", "fi")
    page.goto(f"{live_server.url}/meetings")
    button = page.locator("form.inline-form button", has_text="Merkitse asiakirjat saapuneiksi").first
    button.click()
    page.wait_for_load_state()
    assert "merkitty saapuneiksi" in page.content()
