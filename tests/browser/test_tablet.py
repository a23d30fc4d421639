"""Tablet mode in a real browser on a tablet viewport with touch (issue 5)."""
import logging
import re
import time

import pytest

from participation import questionnaires
from participation import storage as views_storage
from participation import tablet_codes
from tests.browser.conftest import LANGUAGES, assert_accessible, login_page
from tests.test_tablet import make_code, make_consultation, make_views

SECRET = "browser-test"  # the live server's SECRET_KEY
TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True,
          "device_scale_factor": 1}
SECRET_WORDS = "Toivon että saan asua mummolla"


@pytest.fixture
def tablet(context_factory):
    """A page on a fresh tablet-sized touch browser context."""
    return context_factory(locale="fi-FI", **TABLET).new_page()


@pytest.fixture
def config(live_server):
    """Change the live app's config for one test; restored after."""
    saved = {}

    def set_(**values):
        for key, value in values.items():
            saved.setdefault(key, live_server.app.config.get(key))
            live_server.app.config[key] = value
    yield set_
    live_server.app.config.update(saved)


def new_case(live_server, band="7-12"):
    """A consultation of b-social_worker with one person's views and a code."""
    db = live_server.db()
    worker = db.execute("SELECT id FROM users WHERE email = 'b-social_worker@example.fi'").fetchone()[0]
    consultation_id = make_consultation(db, live_server.context["panel_id"], worker)
    views_id = make_views(db, consultation_id, band)
    code, code_id = make_code(db, consultation_id, views_id, worker, secret=SECRET)
    db.conn.close()
    return {"consultation_id": consultation_id, "views_id": views_id, "code": code, "code_id": code_id,
            "worker": worker}


def wait_until(page, script, arg=None, timeout=10.0):
    """Poll `script` (a JS function) until it returns true. (wait_for_function
    would need 'unsafe-eval', which our CSP rightly forbids.)"""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if page.evaluate(script, arg) if arg is not None else page.evaluate(script):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"not true within {timeout}s: {script}")


def submit(page, selector):
    """Tap a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(selector).tap()


def start(page, live_server, code, lang="fi"):
    page.goto(f"{live_server.url}/t?lang={lang}#code={tablet_codes.display(code)}")
    page.locator(f"button[name=lang][value={lang}]").tap()
    page.wait_for_url(re.compile(r"/t/s/0$"))


def next_screen(page, step):
    """Next; a question left unanswered gets its kind word first (issue 10), and a second Next goes on."""
    page.locator("button[name=nav][value=next]").tap()
    if page.locator("[data-nudge]:not([hidden])").count():
        page.locator("button[name=nav][value=next]").tap()
    page.wait_for_url(re.compile(rf"/t/s/{step}(#main)?$"))


def tap_label(page, for_id):
    page.locator(f"label[for='{for_id}']").tap()


def answers(live_server, views_id):
    db = live_server.db()
    try:
        return views_storage.get_views(db, views_id)
    finally:
        db.conn.close()


def storage_dump(page):
    """Everything in localStorage, sessionStorage and the IndexedDB database names."""
    return page.evaluate("""async () => {
        const dump = {local: JSON.stringify(Object.assign({}, localStorage)),
                      session: JSON.stringify(Object.assign({}, sessionStorage)), idb: []};
        if (indexedDB.databases) { dump.idb = (await indexedDB.databases()).map(d => d.name); }
        return dump;
    }""")


def test_code_questionnaire_hand_back_and_nothing_left(page, tablet, live_server, config):
    config(TABLET_RETURN_SECONDS=1)
    case = new_case(live_server)
    # the worker makes a code on the child's-views page and sees it large with a QR code
    login_page(page, live_server, "social_worker")
    overview = f"{live_server.url}/consultations/{case['consultation_id']}/views"
    page.goto(overview)
    page.locator(".tablet-panel form[action$='/tablet-code'] button").first.click()
    shown = page.locator(".tablet-code-page__code").inner_text()
    assert page.locator(".tablet-qr svg").count() == 1
    code = tablet_codes.normalise(shown)
    assert code
    # ... then watches the child's-views page
    page.goto(overview)
    status = page.locator(".tablet-panel [data-tablet-status-url]").first
    assert "Odottaa" in status.inner_text()

    # the QR link fills the code in and leaves it out of the address
    tablet.goto(f"{live_server.url}/t#code={shown}")
    assert tablet.locator("#code").input_value() == shown
    wait_until(tablet, "() => !location.href.includes('code')")
    tablet.locator("button[name=lang][value=fi]").tap()
    tablet.wait_for_url(re.compile(r"/t/s/0$"))
    assert "1 / 7" in tablet.locator(".tablet-progress").inner_text()
    assert tablet.locator("nav.site-nav").count() == 0
    next_screen(tablet, 1)
    assert "2 / 7" in tablet.locator(".tablet-progress").inner_text()
    tablet.locator("#q-q1-text").tap()
    tablet.locator("#q-q1-text").fill(SECRET_WORDS)
    tap_label(tablet, "q-q1-visibility-worker")
    wait_until(tablet, "() => window.KuulluksiAutosave && window.KuulluksiAutosave.pending() === 0")
    next_screen(tablet, 2)
    tap_label(tablet, "q-q2-choice-yes")
    next_screen(tablet, 3)
    tap_label(tablet, "q-q3-declined")
    next_screen(tablet, 4)
    tap_label(tablet, "q-join-choice-no")
    next_screen(tablet, 5)
    tap_label(tablet, "q-hear_back-choice-letter")
    # back and forward keep the answers
    tablet.locator("button[name=nav][value=back]").tap()
    tablet.wait_for_url(re.compile(r"/t/s/4(#main)?$"))
    assert tablet.locator("#q-join-choice-no").is_checked()
    next_screen(tablet, 5)
    assert tablet.locator("#q-hear_back-choice-letter").is_checked()
    next_screen(tablet, 6)
    assert "status" in (status.get_attribute("role") or "")
    wait_until(page, "() => document.querySelector('.tablet-panel [data-tablet-status-url]').getAttribute('data-state') === 'answering'")

    tablet.locator("#tablet-ready").tap()
    tablet.wait_for_url(re.compile(r"/t/thanks"))
    assert "Anna tabletti takaisin aikuiselle" in tablet.content()
    tablet.wait_for_url(re.compile(r"/t\?lang=fi$"))

    record = answers(live_server, case["views_id"])
    assert record["status"] == "handed_over"  # the worker checks the answers and finishes (below)
    assert record["answers"]["q1"]["text"] == SECRET_WORDS
    assert record["answers"]["q1"]["visibility"] == "worker"
    assert record["answers"]["q2"]["choice"] == "yes"
    assert record["answers"]["q3"]["declined"] is True
    assert record["answers"]["hear_back"]["choice"] == "letter"

    # the worker's page sees it at once (polling), no reload
    wait_until(page, "() => document.querySelector('.tablet-panel [data-tablet-status-url]').getAttribute('data-state') === 'finished'")
    assert "Vastannut tabletilla" in status.inner_text()
    # ... and checks the answers before they lock: "on a tablet alone" is filled in already
    page.goto(f"{live_server.url}/views/{case['views_id']}")
    assert page.locator(".review-intro").is_visible() and page.locator("#method").input_value() == "tablet_alone"
    assert_accessible(page, "the worker's review after the tablet")
    with page.expect_navigation():
        page.locator("button[name=action][value=finish]").click()
    assert answers(live_server, case["views_id"])["status"] == "finished"

    # back, reload and history show the start page only
    for _ in range(4):
        tablet.go_back()
        tablet.wait_for_load_state()
        assert SECRET_WORDS not in tablet.content()
        assert re.search(r"/t(\?[^#]*)?(#main)?$", tablet.url), tablet.url
        assert tablet.locator("#code").count() == 1
    tablet.reload()
    assert SECRET_WORDS not in tablet.content() and tablet.locator("#code").count() == 1
    tablet.go_forward()
    assert SECRET_WORDS not in tablet.content()
    dump = storage_dump(tablet)
    assert SECRET_WORDS not in dump["local"] + dump["session"]
    assert dump["local"] == "{}" and dump["session"] == "{}" and dump["idb"] == []
    assert not [c for c in tablet.context.cookies() if c["name"] == "kuulluksi_tablet"]


def test_forged_and_expired_codes_are_refused(tablet, live_server):
    tablet.goto(f"{live_server.url}/t?lang=en")
    tablet.locator("#code").fill("ABCD-EFGH")
    submit(tablet, "button[name=lang][value=en]")
    assert "This code does not work" in tablet.locator(".tablet-error").inner_text()
    assert tablet.locator("#code").get_attribute("aria-invalid") == "true"

    db = live_server.db()
    case = new_case(live_server)
    expired, _ = make_code(db, case["consultation_id"], case["views_id"], case["worker"], ttl=60,
                           now=time.time() - 120, secret=SECRET)
    db.conn.close()
    tablet.locator("#code").fill(expired)
    submit(tablet, "button[name=lang][value=fi]")
    assert "Tämä koodi ei toimi" in tablet.locator(".tablet-error").inner_text()
    assert "/t/s/" not in tablet.url


def test_the_qr_link_fills_the_code_in_and_no_code_reaches_the_server_log(tablet, live_server, caplog):
    caplog.set_level(logging.INFO, logger="werkzeug")  # the live server's access log
    case = new_case(live_server)
    shown = tablet_codes.display(case["code"])
    tablet.goto(f"{live_server.url}/t#code={shown}")  # what the QR code opens
    assert tablet.locator("#code").input_value() == shown
    wait_until(tablet, "() => !location.href.includes('code')")
    # changing the page's language keeps the code, still only in a fragment
    with tablet.expect_navigation():
        tablet.locator(".tablet-page-langs a[lang=sv]").tap()
    assert tablet.locator("#code").input_value() == shown
    wait_until(tablet, "() => !location.href.includes('code') && document.documentElement.lang === 'sv'")
    submit(tablet, "button[name=lang][value=sv]")
    assert re.search(r"/t/s/0$", tablet.url)
    log = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any('GET /t?lang=sv ' in line for line in log) and any('POST /t ' in line for line in log)
    assert not [line for line in log if shown in line or case["code"] in line]


def test_used_code_cannot_start_again(tablet, context_factory, live_server):
    case = new_case(live_server)
    start(tablet, live_server, case["code"])
    other = context_factory(locale="fi-FI", **TABLET).new_page()
    other.goto(f"{live_server.url}/t#code={case['code']}")
    submit(other, "button[name=lang][value=fi]")
    assert other.locator(".tablet-error").is_visible()


def test_staff_pages_are_refused_during_a_tablet_session(tablet, live_server):
    case = new_case(live_server)
    # a staff login on the same browser first
    login_page(tablet, live_server, "social_worker")
    start(tablet, live_server, case["code"])
    for path in ("/home", f"/consultations/{case['consultation_id']}/tablet", f"/views/{case['views_id']}",
                 "/login", "/admin/users"):
        response = tablet.goto(live_server.url + path)
        assert response.status == 403, path
        assert "Tämä sivu ei aukea tabletilla" in tablet.content()
        assert tablet.locator("form.logout").count() == 0
    tablet.locator("a.tablet-button").tap()
    tablet.wait_for_url(re.compile(r"/t/s/0$"))


def test_dropped_connection_loses_nothing(tablet, live_server):
    case = new_case(live_server)
    start(tablet, live_server, case["code"])
    next_screen(tablet, 1)
    tablet.context.set_offline(True)
    tablet.locator("#q-q1-text").fill("Kirjoitin tämän ilman yhteyttä")
    tablet.locator("button[name=nav][value=next]").tap()
    offline = tablet.locator("#tablet-nav-status")
    offline.wait_for(state="visible")
    wait_until(tablet, "() => document.getElementById('tablet-nav-status').textContent.includes('Yhteys on nyt poikki')")
    assert re.search(r"/t/s/1(#main)?$", tablet.url)
    assert tablet.locator("#q-q1-text").input_value() == "Kirjoitin tämän ilman yhteyttä"
    tablet.context.set_offline(False)
    tablet.wait_for_url(re.compile(r"/t/s/2(#main)?$"), timeout=20000)
    assert answers(live_server, case["views_id"])["answers"]["q1"]["text"] == "Kirjoitin tämän ilman yhteyttä"
    # offline again while autosaving a choice: kept, sent when back
    tablet.context.set_offline(True)
    tap_label(tablet, "q-q2-choice-no")
    wait_until(tablet, "() => document.querySelector('[data-save-status]').getAttribute('data-state') === 'offline'")
    tablet.context.set_offline(False)
    wait_until(tablet, "() => window.KuulluksiAutosave.pending() === 0", timeout=20)
    assert answers(live_server, case["views_id"])["answers"]["q2"]["choice"] == "no"


def test_idle_asks_then_ends_with_a_draft(tablet, live_server, config):
    config(TABLET_IDLE_SECONDS=2, TABLET_IDLE_GRACE_SECONDS=2, TABLET_RETURN_SECONDS=30)
    case = new_case(live_server)
    start(tablet, live_server, case["code"])
    next_screen(tablet, 1)
    tablet.locator("#q-q1-text").fill("puolivalmis")
    wait_until(tablet, "() => window.KuulluksiAutosave.pending() === 0")
    dialog = tablet.locator("#tablet-idle")
    dialog.wait_for(state="visible", timeout=10000)
    assert "Oletko vielä siinä?" in dialog.inner_text()
    # "yes, I'm here" keeps going
    tablet.locator("#tablet-idle-continue").tap()
    assert dialog.is_hidden()
    dialog.wait_for(state="visible", timeout=10000)
    assert_accessible(tablet, "idle dialog fi")
    tablet.wait_for_url(re.compile(r"/t/thanks\?.*reason=idle"), timeout=10000)
    assert "Lopetimme nyt tähän" in tablet.content()
    record = answers(live_server, case["views_id"])
    assert record["status"] == "draft" and record["answers"]["q1"]["text"] == "puolivalmis"
    db = live_server.db()
    assert db.execute("SELECT end_reason FROM tablet_sessions WHERE views_id = ?", [case["views_id"]]).fetchone()[0] == "idle"
    db.conn.close()
    tablet.goto(f"{live_server.url}/t/s/1")
    assert "puolivalmis" not in tablet.content() and tablet.locator("#code").count() == 1


def test_drawing_on_the_tablet_is_stored(tablet, live_server):
    case = new_case(live_server, band="3-6")
    start(tablet, live_server, case["code"])
    next_screen(tablet, 1)
    canvas = tablet.locator("canvas.drawing__canvas")
    canvas.wait_for(state="visible")
    box = canvas.bounding_box()
    tablet.mouse.move(box["x"] + 20, box["y"] + 20)
    tablet.mouse.down()
    tablet.mouse.move(box["x"] + 200, box["y"] + 120, steps=8)
    tablet.mouse.up()
    wait_until(tablet, "() => document.querySelector('[data-drawing-status]').textContent.length > 0")
    deadline = time.time() + 10
    while time.time() < deadline and "q1" not in answers(live_server, case["views_id"])["drawings"]:
        time.sleep(0.2)
    assert "q1" in answers(live_server, case["views_id"])["drawings"]


def test_next_waits_for_a_drawing_made_offline(tablet, live_server):
    case = new_case(live_server, band="3-6")
    start(tablet, live_server, case["code"])
    next_screen(tablet, 1)
    canvas = tablet.locator("canvas.drawing__canvas")
    canvas.wait_for(state="visible")
    tablet.context.set_offline(True)
    box = canvas.bounding_box()
    tablet.mouse.move(box["x"] + 30, box["y"] + 30)
    tablet.mouse.down()
    tablet.mouse.move(box["x"] + 220, box["y"] + 140, steps=8)
    tablet.mouse.up()
    wait_until(tablet, "() => document.querySelector('[data-drawing]').getAttribute('data-state') === 'offline'")
    assert "ei ole vielä tallennettu" in tablet.locator("[data-drawing-status]").inner_text()
    tablet.locator("button[name=nav][value=next]").tap()
    wait_until(tablet, "() => document.getElementById('tablet-nav-status').textContent.length > 0")
    assert re.search(r"/t/s/1(#main)?$", tablet.url)
    assert "q1" not in answers(live_server, case["views_id"])["drawings"]
    tablet.context.set_offline(False)
    tablet.wait_for_url(re.compile(r"/t/s/2(#main)?$"), timeout=20000)
    assert "q1" in answers(live_server, case["views_id"])["drawings"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_tablet_screen_is_accessible(tablet, page, live_server, config, lang):
    config(TABLET_RETURN_SECONDS=600)
    tablet.goto(f"{live_server.url}/t?lang={lang}")
    assert tablet.get_attribute("html", "lang") == lang
    assert_accessible(tablet, f"tablet start {lang}")
    tablet.locator("#code").fill("WRONG")
    submit(tablet, f"button[name=lang][value={lang}]")
    assert tablet.locator(".tablet-error").is_visible()
    assert_accessible(tablet, f"tablet wrong code {lang}")
    for band in questionnaires.bands():  # every band of the definitions, a new one too
        case = new_case(live_server, band)
        start(tablet, live_server, case["code"], lang)
        step = 0
        while True:
            assert tablet.get_attribute("html", "lang") == lang
            assert_accessible(tablet, f"tablet {band} screen {step} {lang}")
            if tablet.locator("#tablet-ready").count():
                break
            step += 1
            next_screen(tablet, step)
        if band == "7-12":
            tablet.goto(f"{live_server.url}/home")
            assert_accessible(tablet, f"tablet refused {lang}")
            tablet.goto(f"{live_server.url}/t/s/{step}")
        tablet.locator("#tablet-ready").tap()
        tablet.wait_for_url(re.compile(r"/t/thanks"))
        assert_accessible(tablet, f"tablet thanks {band} {lang}")
    # the worker's code page
    case = new_case(live_server)
    login_page(page, live_server, "social_worker", lang)
    page.goto(f"{live_server.url}/consultations/{case['consultation_id']}/tablet")
    assert_accessible(page, f"tablet codes page {lang}")
    page.locator("form[action$='/tablet-code'] button").first.click()
    assert page.locator(".tablet-code-page__code").is_visible()
    assert_accessible(page, f"tablet code page {lang}")
