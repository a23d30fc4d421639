"""Every registered field type in a real browser, in fi, sv and en: the
worker's page, each one-question screen and each tablet screen pass axe;
the show-if rule is applied by the page as the server states it; a scale
is answered with the keyboard along its points."""
import pytest

from participation import storage
from tests import every_type
from tests.browser.conftest import LANGUAGES, assert_accessible, login_page
from tests.browser.test_tablet import SECRET, TABLET, start
from tests.test_tablet import make_code

STEPS = range(len(every_type.DEFINITION.pages))


@pytest.fixture(scope="module")
def worker(live_server):
    db = live_server.db()
    worker_id = db.execute("SELECT id FROM users WHERE email = 'b-social_worker@example.fi'").fetchone()[0]
    consultation_id = db["consultations"].insert({
        "panel_id": live_server.context["panel_id"], "case_code": "KS-2098-077", "social_worker_id": worker_id,
        "child_age": 9, "created_by": worker_id}).last_pk
    db.conn.close()
    return {"id": worker_id, "consultation_id": consultation_id}


@pytest.fixture(scope="module")
def worker_state(browser, live_server):
    context = browser.new_context()
    login_page(context.new_page(), live_server, "social_worker")
    state = context.storage_state()
    context.close()
    return state


def new_views(live_server, worker, lang):
    """A views record on the test questionnaire (registered only while it is made)."""
    db = live_server.db()
    with pytest.MonkeyPatch.context() as monkeypatch:
        every_type.use(monkeypatch)
        views_id = storage.create_views(db, worker["consultation_id"], every_type.BAND, language=lang,
                                        texts=every_type.TEXTS)
    db.conn.close()
    return views_id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_type_on_the_workers_page_and_the_childs_screens_passes_axe(context_factory, worker_state, live_server,
                                                                          worker, lang):
    page = context_factory(storage_state=worker_state).new_page()
    views_id = new_views(live_server, worker, lang)
    page.goto(f"{live_server.url}/views/{views_id}")
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("#q-faces").is_hidden()  # shown only when "pet" is yes: not answered yet
    assert_accessible(page, f"worker page {lang}")
    page.locator("label[for='q-pet-choice-yes']").click()
    assert page.locator("#q-faces").is_visible()
    assert page.locator("#q-faces svg.scale-face").count() == 3
    assert_accessible(page, f"worker page {lang}, every question shown")
    page.locator("label[for='q-pet-choice-no']").click()
    assert page.locator("#q-faces").is_hidden()
    for step in STEPS:
        page.goto(f"{live_server.url}/views/{views_id}/show/{step}")
        assert_accessible(page, f"screen {step} {lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_type_on_the_tablet_passes_axe_and_a_scale_is_answered_by_keyboard(context_factory, live_server,
                                                                                 worker, lang):
    views_id = new_views(live_server, worker, lang)
    db = live_server.db()
    storage.save_answer(db, views_id, "pet", {"choice": "yes"})  # the server shows "faces" on its own screen
    code, _code_id = make_code(db, worker["consultation_id"], views_id, worker["id"], secret=SECRET)
    db.conn.close()
    page = context_factory(locale="fi-FI", **TABLET).new_page()
    start(page, live_server, code, lang)
    for step in STEPS:
        page.goto(f"{live_server.url}/t/s/{step}")
        assert_accessible(page, f"tablet screen {step} {lang}")
    assert page.locator("#q-faces").is_visible()
    page.locator("#q-agree-choice-1").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # along the scale: 1 → 4
    assert page.locator("#q-agree-choice-4").is_checked()
    with page.expect_navigation():
        page.locator("button[name=nav][value=next]").tap()
    db = live_server.db()
    try:
        assert storage.get_views(db, views_id)["answers"]["agree"]["choice"] == "4"
    finally:
        db.conn.close()
