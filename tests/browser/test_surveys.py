"""The feedback surveys in a real browser (issue 12): each survey in each
language with axe-core, the staff's pages, and a child answering on a tablet
with every text read aloud (speech stubbed) and handing the tablet back."""
import re
import time

import pytest

from participation import tablet_codes
from surveys import definitions, requests, storage
from tests.browser.conftest import LANGUAGES, assert_accessible, login_page
from tests.browser.test_read_aloud import SPEECH_STUB  # speaks item after item, as a real voice does
from tests.browser.test_tablet import TABLET, storage_dump, wait_until
from tests.test_tablet import make_consultation, make_views

SECRET = "browser-test"  # the live server's SECRET_KEY
VOICES = '[{"lang": "fi-FI", "name": "fi"}, {"lang": "sv-SE", "name": "sv"}, {"lang": "en-GB", "name": "en"}]'


def user_id(db, role):
    return db.execute("SELECT id FROM users WHERE email = ?", [f"b-{role}@example.fi"]).fetchone()[0]


def staff_requests(live_server):
    """A fresh request of each staff survey for the browser tests' social worker and expert member."""
    db = live_server.db()
    try:
        panel_id, worker, expert = live_server.context["panel_id"], user_id(db, "social_worker"), user_id(db, "expert")
        meeting_id = db["meetings"].insert({"panel_id": panel_id, "starts_at": "2026-01-30T09:00",
                                            "ends_at": "2026-01-30T11:30"}).last_pk
        consultation_id = make_consultation(db, panel_id, worker)
        with live_server.app.app_context():
            professional, expert_request = requests.open_after_statement(
                db, consultation_id=consultation_id, meeting_id=meeting_id, social_worker_id=worker,
                present_member_ids=[expert])
            made = {"feedback-professional": ("social_worker", professional),
                    "feedback-expert": ("expert", expert_request)}
            for group, role, who in (("professional", "social_worker", worker), ("expert", "expert", expert)):
                survey_id = definitions.YEARLY[group]
                version_id = storage.ensure_survey_version(db, definitions.get(survey_id),
                                                           requests.texts_of(definitions.get(survey_id)))
                today = requests.today()
                made[survey_id] = (role, storage.create_request(
                    db, panel_id=panel_id, survey_id=survey_id, version_id=version_id, group=group,
                    period=f"{today.year}-round", once_key=f"browser:{time.time_ns()}:{who}", created_on=today,
                    expires_on=today.replace(year=today.year + 1), user_id=who))
        return made
    finally:
        db.conn.close()


def family_code(live_server, band):
    """A consultation of the browser tests' social worker with a child's (or parent's) feedback code."""
    db = live_server.db()
    try:
        worker = user_id(db, "social_worker")
        consultation_id = make_consultation(db, live_server.context["panel_id"], worker)
        views_id = make_views(db, consultation_id, band)
        with live_server.app.app_context():
            request_id = requests.open_family_feedback(db, consultation_id=consultation_id, views_ids=[views_id])[0]
        code = tablet_codes.new_code()
        storage.create_code(db, tablet_codes.hash_code(SECRET, code), request_id, worker, time.time(), 3600)
        return {"code": code, "request_id": request_id, "consultation_id": consultation_id}
    finally:
        db.conn.close()


def request_used(live_server, request_id):
    db = live_server.db()
    try:
        return storage.get_request(db, request_id)["used"] == 1
    finally:
        db.conn.close()


def start_feedback(page, live_server, code, lang="fi"):
    page.goto(f"{live_server.url}/feedback/t?lang={lang}#code={tablet_codes.display(code)}")
    page.locator(f"button[name=lang][value={lang}]").tap()
    page.wait_for_url(re.compile(r"/feedback/t/answer$"))


def next_screen(page, step, total):
    page.locator("[data-nav=next]:visible").tap()
    wait_until(page, "(want) => document.querySelector('.tablet-progress').textContent.includes(want)",
               f"{step} / {total}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_staff_survey_passes_axe_and_is_answered_by_keyboard(context_factory, live_server, lang):
    made = staff_requests(live_server)
    pages = {}
    for survey_id, (role, request_id) in made.items():
        if role not in pages:
            pages[role] = login_page(context_factory(locale="fi-FI").new_page(), live_server, role, lang)
        page = pages[role]
        page.goto(f"{live_server.url}/feedback/requests/{request_id}")
        assert page.get_attribute("html", "lang") == lang
        wording = definitions.get(survey_id).questions()[0].wording
        assert page.locator("#q-works_well-wording").inner_text() == page.evaluate(
            "() => document.getElementById('q-works_well-wording').textContent.trim()") != ""
        assert (wording in page.content()) == (lang == "fi")
        assert_accessible(page, f"{survey_id} {lang}")
    # the professional survey by keyboard alone: arrows along a scale, then send
    page = pages["social_worker"]
    page.goto(f"{live_server.url}/feedback/requests/{made['feedback-professional'][1]}")
    page.locator("#q-works_well-choice-1").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.locator("#q-works_well-choice-4").is_checked()
    page.locator("#q-do_differently-text").fill("Selkeämmät suositukset.")
    page.locator("form.survey-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/feedback/requests")
    assert page.locator(".flash--success").is_visible()
    assert_accessible(page, f"requests after sending {lang}")
    assert request_used(live_server, made["feedback-professional"][1])
    # sent once: the form is a clear page now
    response = page.goto(f"{live_server.url}/feedback/requests/{made['feedback-professional'][1]}")
    assert response.status == 410 and "Selkeämmät" not in page.content()
    assert_accessible(page, f"closed request {lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_family_survey_passes_axe_on_every_screen_of_the_tablet(context_factory, live_server, lang):
    for band in ("7-12", "13-17", "parent"):
        case = family_code(live_server, band)
        tablet = context_factory(locale="fi-FI", **TABLET).new_page()
        tablet.goto(f"{live_server.url}/feedback/t?lang={lang}")
        assert_accessible(tablet, f"feedback start {lang}")
        tablet.locator("#code").fill(tablet_codes.display(case["code"]))
        tablet.locator(f"button[name=lang][value={lang}]").tap()
        tablet.wait_for_url(re.compile(r"/feedback/t/answer$"))
        total = len(definitions.for_band(band).pages) + 1
        for step in range(1, total + 1):
            assert tablet.get_attribute("html", "lang") == lang
            assert_accessible(tablet, f"{band} screen {step} {lang}")
            if step < total:
                next_screen(tablet, step + 1, total)
        with tablet.expect_navigation():
            tablet.locator("#tablet-ready").tap()
        tablet.wait_for_url(re.compile(r"/feedback/t/thanks"))
        assert_accessible(tablet, f"{band} thanks {lang}")
        assert request_used(live_server, case["request_id"])


def test_a_child_answers_on_a_tablet_with_every_text_read_aloud_and_hands_it_back(context_factory, live_server):
    live_server.app.config["TABLET_RETURN_SECONDS"] = 1
    case = family_code(live_server, "7-12")
    tablet = context_factory(locale="fi-FI", **TABLET).new_page()
    tablet.add_init_script(SPEECH_STUB % VOICES)
    start_feedback(tablet, live_server, case["code"])
    total = len(definitions.CHILD_7_12.pages) + 1
    heard = []
    for step in range(1, total + 1):
        buttons = tablet.locator("[data-read-aloud]:visible")
        assert buttons.count() >= 1, step
        for i in range(buttons.count()):
            buttons.nth(i).tap()
            tablet.wait_for_timeout(200)  # each item is its own utterance, spoken one after another
        spoken = tablet.evaluate("() => window.__spoken.map(s => s.text)")
        heard += spoken
        tablet.evaluate("() => { window.__spoken = []; }")
        if step == 1:
            assert any("116 111" in text for text in spoken)  # where to turn, read aloud too
        if tablet.locator(".pq__wording:visible").count():
            assert tablet.locator(".pq__wording:visible").inner_text() in " ".join(spoken)
        if step == 2:
            tablet.locator("label[for='q-felt_heard-choice-3']").tap()
        if step == 3:
            tablet.locator("label[for='q-understood-choice-2']").tap()
        if step < total:
            next_screen(tablet, step + 1, total)
    assert all(text.strip() for text in heard)
    # back and forward keep the answers, on the page only: nothing reached the server yet
    for _ in range(total - 2):
        tablet.locator("[data-nav=back]:visible").tap()
    wait_until(tablet, "() => document.querySelector('.tablet-progress').textContent.includes('2 / 6')")
    assert tablet.locator("#q-felt_heard-choice-3").is_checked()
    assert not request_used(live_server, case["request_id"])
    for step in range(3, total + 1):
        next_screen(tablet, step, total)
    assert tablet.locator("#q-understood-choice-2").is_checked()
    with tablet.expect_navigation():
        tablet.locator("#tablet-ready").tap()
    tablet.wait_for_url(re.compile(r"/feedback/t/thanks"))
    assert "Kiitos palautteestasi!" in tablet.content()
    tablet.wait_for_url(re.compile(r"/feedback/t\?lang=fi$"))
    assert request_used(live_server, case["request_id"])
    db = live_server.db()
    try:
        assert db.execute("SELECT count(*) FROM survey_sessions").fetchone()[0] == 0
    finally:
        db.conn.close()
    # the tablet forgot: history shows only the start page, nothing is kept in the browser
    for _ in range(2):
        tablet.go_back()
        tablet.wait_for_load_state()
        assert "q-felt_heard" not in tablet.content()
        assert re.search(r"/feedback/t(\?[^#]*)?$", tablet.url), tablet.url
        assert tablet.locator("#code").count() == 1
    dump = storage_dump(tablet)
    assert dump["local"] == "{}" and dump["session"] == "{}" and dump["idb"] == []
    assert not [c for c in tablet.context.cookies() if c["name"] == "kuulluksi_feedback"]
    live_server.app.config["TABLET_RETURN_SECONDS"] = 20


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_coordinators_and_the_workers_feedback_pages_pass_axe(context_factory, live_server, lang):
    coordinator = login_page(context_factory(locale="fi-FI").new_page(), live_server, "coordinator", lang)
    coordinator.goto(f"{live_server.url}/feedback/")
    assert coordinator.locator("table").count() >= 1
    assert_accessible(coordinator, f"feedback index {lang}")
    case = family_code(live_server, "13-17")
    staff_requests(live_server)
    worker = login_page(context_factory(locale="fi-FI").new_page(), live_server, "social_worker", lang)
    assert worker.locator("aside.survey-notice").is_visible()  # on the start page, after login
    assert_accessible(worker, f"start page with the feedback notice {lang}")
    worker.goto(f"{live_server.url}/feedback/requests")
    assert_accessible(worker, f"feedback requests {lang}")
    worker.goto(f"{live_server.url}/feedback/consultations/{case['consultation_id']}")
    assert_accessible(worker, f"family feedback {lang}")
    with worker.expect_navigation():
        worker.locator("form[action$='/code'] button").first.click()
    assert worker.locator(".tablet-code-page__code").is_visible() and worker.locator(".tablet-qr svg").count() == 1
    assert_accessible(worker, f"feedback code {lang}")
