"""After the meeting, in a real browser: one consultation from booking to the
message delivered to the child and the follow-up three months later (in
Finnish), and axe-core on every page of the statement in fi, sv and en.

The live server runs in this process, so "today" is moved by setting the
app's TODAY; the meetings are on dates the demo data never uses."""
import re
from datetime import datetime

import pytest

from panel import attendance_storage
from panel import statement_storage as storage
from panel import storage as panel_storage
from participation import storage as views_storage
from tests.browser.conftest import LANGUAGES, assert_accessible, login_page
from tests.test_tablet import make_views


def user_id(db, role):
    return db.execute("SELECT id FROM users WHERE email = ?", [f"b-{role}@example.fi"]).fetchone()[0]


def new_meeting(live_server, day):
    db = live_server.db()
    try:
        return panel_storage.create_meeting(db, live_server.context["panel_id"], datetime.fromisoformat(f"{day}T09:00"),
                                            datetime.fromisoformat(f"{day}T11:30"), capacity=3)
    finally:
        db.conn.close()


def childs_views(live_server, consultation_id):
    """The child's views, found out and finished (the views' own pages are tested elsewhere)."""
    db = live_server.db()
    try:
        views_id = make_views(db, consultation_id, "7-12")
        views_storage.save_answer(db, views_id, "q1", {"choice": None, "text": "Että saisin jäädä tähän kouluun.",
                                                       "declined": False, "visibility": "panel"})
        views_storage.finish(db, views_id, user_id(db, "social_worker"))
        return views_id
    finally:
        db.conn.close()


def go(page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state()


def submit(page, text):
    page.locator("main form button[type=submit]", has_text=text).click()
    page.wait_for_load_state()


@pytest.fixture
def today(live_server):
    before = live_server.app.config["TODAY"]

    def set_today(day):
        live_server.app.config["TODAY"] = day
    yield set_today
    live_server.app.config["TODAY"] = before


def test_one_consultation_from_booking_to_the_delivered_message_and_the_follow_up(context_factory, live_server, today):
    meeting_id = new_meeting(live_server, "2031-03-12")
    worker = login_page(context_factory(locale="fi-FI").new_page(), live_server, "social_worker", "fi")
    coordinator = login_page(context_factory(locale="fi-FI").new_page(), live_server, "coordinator", "fi")

    # the social worker books, with two questions
    today("2031-02-20")
    go(worker, live_server, f"/consultations/new?meeting_id={meeting_id}")
    worker.fill("textarea[name=question_1]", "Miten koulunkäynti turvataan?")
    worker.fill("textarea[name=question_2]", "Tarvitaanko tukihenkilö?")
    worker.fill("input[name=child_age]", "11")
    worker.fill("textarea[name=background]", "Lapsi on vaihtanut koulua kahdesti.")
    submit(worker, "Varaa")
    code = re.search(r"KS-\d{4}-\d{3}", worker.locator("h1").inner_text()).group(0)
    consultation_id = int(re.search(r"/consultations/(\d+)", worker.url).group(1))
    childs_views(live_server, consultation_id)

    # the meeting day: the coordinator marks it held and who took part
    today("2031-03-12")
    go(coordinator, live_server, "/meetings?year=2031")
    coordinator.locator(f"a[href='/meetings/{meeting_id}/held']").click()
    coordinator.wait_for_load_state()
    assert_accessible(coordinator, "meeting held")
    coordinator.fill("textarea[name=outside_experts]", "Aino Esimerkki, Valteri-koulu")
    coordinator.check(f"#social_worker_present-{consultation_id}")
    coordinator.check(f"#child_joined-{consultation_id}")
    submit(coordinator, "Tallenna")
    assert "Kokous on merkitty pidetyksi" in coordinator.content()

    # the statement: one answer per question, the message to the child is required
    coordinator.locator("a", has_text=code).first.click()
    coordinator.wait_for_load_state()
    coordinator.fill("#answer_1", "Koulunkäyntiä tuetaan koulun oppilashuollon kanssa.")
    coordinator.fill("#answer_2", "Tukihenkilö on hyvä ajatus.")
    coordinator.fill("#recommendations", "Oppilashuollon palaveri ja tukihenkilö.")
    coordinator.fill("#next_steps", "Sosiaalityöntekijä kutsuu palaverin koolle kuukauden sisällä.")
    submit(coordinator, "Viimeistele")
    assert coordinator.locator("#message_to_child-error").is_visible()
    assert_accessible(coordinator, "statement with errors")
    coordinator.fill("#message_to_child", "Kiitos, että kerroit meille toiveesi. Koulusi saa jatkua.")
    submit(coordinator, "Viimeistele")
    assert "toimitettiin sosiaalityöntekijälle" in coordinator.content()

    # the social worker finds it, reads it and marks how the message reached the child
    go(worker, live_server, "/consultations/mine")
    assert worker.locator("#worker-tasks-title + ul a", has_text=code).count() == 1  # the task to mark it
    worker.locator(f"a[href='/consultations/{consultation_id}/statement']").first.click()
    worker.wait_for_load_state()
    assert "Koulusi saa jatkua" in worker.content()
    assert "Aino Esimerkki" in worker.content()
    worker.locator("a", has_text="Merkitse, miten viesti välitettiin").click()
    worker.wait_for_load_state()
    worker.get_by_label("Kerrottu henkilökohtaisesti").check()
    submit(worker, "Tallenna")
    assert "viestin välittäminen on kirjattu" in worker.content()

    # two weeks later nothing is undelivered
    today("2031-03-26")
    go(coordinator, live_server, "/statements")
    assert code not in coordinator.locator("#undelivered-title + *").inner_text()

    # three months later: the follow-up question in the worker's list
    today("2031-06-12")
    go(worker, live_server, "/consultations/mine")
    worker.locator("a", has_text="Seurantakysymys").click()
    worker.wait_for_load_state()
    worker.get_by_label("Osittain").check()
    worker.fill("textarea[name=comment]", "Tukihenkilö löytyi, koulu jatkuu.")
    submit(worker, "Tallenna")
    assert "vastauksesi" in worker.content()
    go(coordinator, live_server, "/statements")
    assert "Osittain" in coordinator.locator("tr", has_text=code).inner_text()


@pytest.fixture(scope="module")
def pages(live_server):
    """A consultation with a finalised statement in two versions, per language, and the pages to check."""
    made = {}
    db = live_server.db()
    try:
        coordinator, worker = user_id(db, "coordinator"), user_id(db, "social_worker")
        for n, lang in enumerate(LANGUAGES):
            meeting_id = new_meeting(live_server, f"2032-0{n + 1}-14")
            consultation_id = panel_storage.book_consultation(
                db, meeting_id=meeting_id, social_worker_id=worker, created_by=worker, child_age=9,
                background="Tausta.", questions=["Kysymys yksi?", "Kysymys kaksi?"], today="2031-12-01",
                closes_days_before=14)
            childs_views(live_server, consultation_id)
            attendance_storage.mark_held(db, meeting_id, coordinator, member_ids=[], experts=[("Aino", "Valteri")],
                                         consultations={consultation_id: {"social_worker": True}})
            for version, reason in ((1, ""), (2, "Tarkennus.")):
                storage.save_draft(db, consultation_id, coordinator, answers={1: f"Vastaus {version}.", 2: "Toinen."},
                                   recommendations="Suositus.", message_to_child="Kiitos!")
                storage.finalise(db, consultation_id, coordinator, link="/x", reason=reason)
            made[lang] = {"meeting_id": meeting_id, "id": consultation_id}
    finally:
        db.conn.close()
    return made


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_the_statement_is_accessible(context_factory, live_server, pages, today, lang):
    today("2032-06-30")  # the follow-up is due for every consultation of `pages`
    ids = pages[lang]
    coordinator = login_page(context_factory().new_page(), live_server, "coordinator", lang)
    for path in (f"/meetings/{ids['meeting_id']}/held", f"/consultations/{ids['id']}/statement/edit",
                 f"/consultations/{ids['id']}/statement", f"/consultations/{ids['id']}/statement/1", "/statements",
                 "/outbox", f"/consultations/{ids['id']}", "/meetings?year=2032"):
        go(coordinator, live_server, path)
        assert coordinator.get_attribute("html", "lang") == lang
        assert_accessible(coordinator, f"{lang} coordinator {path}")
    worker = login_page(context_factory().new_page(), live_server, "social_worker", lang)
    for path in (f"/consultations/{ids['id']}/statement", f"/consultations/{ids['id']}/statement/delivery",
                 f"/consultations/{ids['id']}/follow-up", "/consultations/mine", f"/consultations/{ids['id']}"):
        go(worker, live_server, path)
        assert_accessible(worker, f"{lang} worker {path}")
    # the forms with their errors
    go(worker, live_server, f"/consultations/{ids['id']}/statement/delivery")
    submit(worker, {"fi": "Tallenna", "sv": "Spara", "en": "Save"}[lang])
    assert worker.locator(".error-summary").is_visible()
    assert_accessible(worker, f"{lang} delivery with errors")
    go(worker, live_server, f"/consultations/{ids['id']}/follow-up")
    worker.locator("main form button[type=submit]").click()
    worker.wait_for_load_state()
    assert worker.locator(".error-summary").is_visible()
    assert_accessible(worker, f"{lang} follow-up with errors")
