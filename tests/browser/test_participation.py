"""The child's views in a real browser: every band in every language completed
by keyboard alone and by touch, drawing, reload and lost connection, read
aloud, axe on every screen, and what the panel may see."""
import pytest

from participation import questionnaires, storage
from questionnaire import localisation as wording
from tests.browser.conftest import LANGUAGES, assert_accessible, login_page

BANDS = questionnaires.bands()
TABLET = {"viewport": {"width": 1024, "height": 768}, "has_touch": True}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def consultation_id(live_server):
    """A consultation of the browser tests' social worker."""
    db = live_server.db()
    worker = db.execute("SELECT id FROM users WHERE email = 'b-social_worker@example.fi'").fetchone()[0]
    cid = db["consultations"].insert({"panel_id": live_server.context["panel_id"], "case_code": "KS-2098-001",
                                      "social_worker_id": worker, "child_age": 9, "created_by": worker}).last_pk
    db.conn.close()
    return cid


@pytest.fixture(scope="module")
def worker_state(browser, live_server):
    """The social worker's logged-in browser state, made once per module (logging in is slow on purpose)."""
    context = browser.new_context()
    login_page(context.new_page(), live_server, "social_worker")
    state = context.storage_state()
    context.close()
    return state


def new_views(live_server, consultation_id, band, lang):
    db = live_server.db()
    texts = wording.texts_for(questionnaires.wording_keys(questionnaires.DEFINITIONS[band]))
    views_id = storage.create_views(db, consultation_id, band, language=lang, texts=texts)
    db.conn.close()
    return views_id


def stored(live_server, views_id):
    db = live_server.db()
    try:
        return storage.get_views(db, views_id)
    finally:
        db.conn.close()


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches `selector` (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with Tab")


def words(band, lang, qid):
    return f"{band} {lang} {qid}: ääkköset & <b>merkit</b> 🙂"


def screens(band):
    return questionnaires.screens(questionnaires.DEFINITIONS[band])


def page_questions(band, page_id):
    page = questionnaires.DEFINITIONS[band].page(page_id)
    return page.questions if page else []


def answer_by_keyboard(page, band, lang, q):
    """Answer one question with the keyboard; q3 is kept for the social worker only."""
    qid = q.id
    if page.locator(f"#q-{qid}").is_hidden():
        return
    if q.choices:
        tab_to(page, f"input[name='q-{qid}-choice']")
        page.keyboard.press("Space")  # the first option: "yes" reveals the follow-up questions
    if q.type in ("free_text", "drawing") or q.comment:
        tab_to(page, f"#q-{qid}-text")
        page.keyboard.type(words(band, lang, qid))
    if qid == "q3":
        tab_to(page, f"#q-{qid}-visibility-panel")
        page.keyboard.press("ArrowDown")


def expect_answers(record, band, lang, hear_back="social_worker"):
    answers = record["answers"]
    assert record["status"] == "finished"
    for qid in ("q1", "q3"):
        assert answers[qid]["text"] == words(band, lang, qid)
    assert answers["q3"]["visibility"] == "worker" and answers["q1"]["visibility"] == "panel"
    assert answers["q2"]["choice"] == questionnaires.question(questionnaires.DEFINITIONS[band], "q2").choices[0].value
    assert answers["join"]["choice"] == "yes" and answers["join_how"]["choice"] == "teams"
    assert answers["hear_back"]["choice"] == hear_back


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("band", BANDS)
def test_each_band_is_completed_by_keyboard_alone_with_axe_on_every_screen(context_factory, worker_state, live_server,
                                                                           consultation_id, band, lang):
    page = context_factory(storage_state=worker_state).new_page()
    views_id = new_views(live_server, consultation_id, band, lang)
    page.goto(f"{live_server.url}/views/{views_id}/show/0")
    assert page.get_attribute("html", "lang") == lang
    for step, page_id in enumerate(screens(band)):
        # the child-focused frame: no staff navigation, a discreet way back for the worker
        assert page.locator(".site-nav, .site-footer, nav.languages").count() == 0
        assert page.locator(f".child-header a[href='/views/{views_id}']").count() == 1
        assert_accessible(page, f"{band} {lang} screen {step}")
        for q in page_questions(band, page_id):
            answer_by_keyboard(page, band, lang, q)
        button = "button[name=nav][value=finish]" if page_id == "end" else "button[name=nav][value=next]"
        tab_to(page, button)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "error-summary" not in page.content()
    # "Finished" hands the answers over: the worker checks them, says how the views were found out, finishes
    assert f"/views/{views_id}" in page.url and stored(live_server, views_id)["status"] == "handed_over"
    assert_accessible(page, f"{band} {lang} review")
    tab_to(page, "#method")
    page.keyboard.press("ArrowDown")  # the first way: discussion
    tab_to(page, "button[name=action][value=finish]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect_answers(stored(live_server, views_id), band, lang)
    assert_accessible(page, f"{band} {lang} finished")


# Touch: one language per band (every band and every language is completed by
# keyboard above, with axe on every screen; this keeps the suite's time down).
@pytest.mark.parametrize("band, lang", [("3-6", "fi"), ("7-12", "sv"), ("13-17", "en"), ("parent", "fi")])
def test_each_band_is_completed_by_touch_on_a_tablet(context_factory, worker_state, live_server, consultation_id,
                                                     band, lang):
    page = context_factory(storage_state=worker_state, **TABLET).new_page()
    views_id = new_views(live_server, consultation_id, band, lang)
    page.goto(f"{live_server.url}/views/{views_id}/show/0")
    for page_id in screens(band):
        for q in page_questions(band, page_id):
            qid = q.id
            if page.locator(f"#q-{qid}").is_hidden():
                continue
            if q.choices:
                page.locator(f"label[for='q-{qid}-choice-{q.choices[0].value}']").tap()
            if q.type == "multi_choice":  # several ways of hearing back
                page.locator(f"label[for='q-{qid}-choice-{q.choices[2].value}']").tap()
            if q.type in ("free_text", "drawing") or q.comment:
                page.locator(f"#q-{qid}-text").tap()
                page.keyboard.insert_text(words(band, lang, qid))  # the on-screen keyboard
            if qid == "q3":
                page.locator(f"label[for='q-{qid}-visibility-worker']").tap()
        with page.expect_navigation():
            page.locator("button[name=nav][value=finish]" if page_id == "end" else "button[name=nav][value=next]").tap()
    page.select_option("#method", "play")  # the review after the child's "Finished"
    with page.expect_navigation():
        page.locator("button[name=action][value=finish]").tap()
    expect_answers(stored(live_server, views_id), band, lang, hear_back="social_worker meeting")
    # the summary shows both ways of hearing back
    page.goto(f"{live_server.url}/views/{views_id}/summary")
    assert page.locator(f"#answer-{views_id}-hear_back + dd .chosen-list li").count() == 2


def draw(page, canvas, points, touch=False):
    """One stroke through `points` (fractions of the canvas), by mouse or by touch pointer events."""
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    xy = [(box["x"] + fx * box["width"], box["y"] + fy * box["height"]) for fx, fy in points]
    if not touch:
        page.mouse.move(*xy[0])
        page.mouse.down()
        for x, y in xy[1:]:
            page.mouse.move(x, y, steps=4)
        page.mouse.up()
        return
    canvas.evaluate("""(c, xy) => {
        const fire = (type, [x, y]) => c.dispatchEvent(new PointerEvent(type, {bubbles: true, cancelable: true,
            pointerId: 7, pointerType: 'touch', isPrimary: true, clientX: x, clientY: y, pressure: 0.5}));
        fire('pointerdown', xy[0]); xy.slice(1).forEach(p => fire('pointermove', p)); fire('pointerup', xy[xy.length - 1]);
    }""", xy)


@pytest.mark.parametrize("band, lang, touch", [("3-6", "fi", False), ("3-6", "sv", True), ("7-12", "en", True)])
def test_drawing_on_the_canvas_stores_a_png_with_undo_and_clear(context_factory, worker_state, live_server,
                                                                 consultation_id, band, lang, touch):
    page = context_factory(storage_state=worker_state, **(TABLET if touch else {})).new_page()
    views_id = new_views(live_server, consultation_id, band, lang)
    page.goto(f"{live_server.url}/views/{views_id}/show/1")
    if band != "3-6":
        page.locator("details.pq__draw-too summary").first.click()
    canvas = page.locator("#q-q1 canvas")
    page.locator("#q-q1 [data-colour='#c62828']").click()
    assert page.locator("#q-q1 [data-colour='#c62828']").get_attribute("aria-pressed") == "true"

    def stroke_saved(points, action=None):
        before = int(page.locator("#q-q1 [data-drawing]").get_attribute("data-uploads") or 0)
        draw(page, canvas, points, touch) if action is None else page.locator(f"#q-q1 [{action}]").click()
        page.wait_for_function("(n) => Number(document.querySelector('#q-q1 [data-drawing]')"
                               ".getAttribute('data-uploads') || 0) > n", arg=before)

    stroke_saved([(0.1, 0.1), (0.5, 0.5), (0.9, 0.2)])
    first = storage_png(live_server, views_id)
    assert first.startswith(PNG_MAGIC) and len(first) > 1000
    stroke_saved([(0.2, 0.8), (0.8, 0.8)])
    assert storage_png(live_server, views_id) != first
    stroke_saved(None, "data-undo")
    assert storage_png(live_server, views_id) == first  # undo gives back the first picture exactly
    # after a reload the drawing is still there, and clear removes it
    page.reload()  # (a stored drawing opens the "you can also draw" part by itself)
    assert page.locator("#q-q1 img[data-stored]").count() == 1
    stroke_saved(None, "data-clear")
    assert storage_png(live_server, views_id) is None


def test_a_drawing_made_offline_is_kept_said_plainly_and_sent_when_back_and_next_waits_for_it(
        context_factory, worker_state, live_server, consultation_id):
    context = context_factory(storage_state=worker_state, **TABLET)
    page = context.new_page()
    views_id = new_views(live_server, consultation_id, "3-6", "fi")
    page.goto(f"{live_server.url}/views/{views_id}/show/1")
    assert page.locator("#q-q1 .drawing__upload").is_hidden()  # the file upload only without JavaScript
    box = page.locator("#q-q1 [data-drawing]")
    context.set_offline(True)
    draw(page, page.locator("#q-q1 canvas"), [(0.1, 0.2), (0.6, 0.7), (0.9, 0.3)])
    page.wait_for_selector("#q-q1 [data-drawing][data-state=offline]")
    assert "ei ole vielä tallennettu" in box.locator("[data-drawing-status]").inner_text()
    assert page.evaluate("() => window.KuulluksiDrawing.pending()") == 1
    # "Next" waits for the drawing instead of leaving it behind
    page.locator("button[name=nav][value=next]").click()
    page.wait_for_timeout(300)
    assert page.url.endswith(f"/views/{views_id}/show/1") and storage_png(live_server, views_id) is None
    with page.expect_navigation(url=f"{live_server.url}/views/{views_id}/show/2", timeout=20000):
        context.set_offline(False)  # the "online" event sends the kept picture at once
    png = storage_png(live_server, views_id)
    assert png.startswith(PNG_MAGIC) and len(png) > 1000
    assert page.evaluate("() => Object.keys(localStorage).length + Object.keys(sessionStorage).length") == 0


def storage_png(live_server, views_id):
    db = live_server.db()
    try:
        return storage.get_drawing(db, views_id, "q1")
    finally:
        db.conn.close()


@pytest.mark.parametrize("band, lang", [("3-6", "en"), ("7-12", "fi"), ("13-17", "sv"), ("parent", "en")])
def test_a_reload_mid_way_loses_nothing(context_factory, worker_state, live_server, consultation_id, band, lang):
    page = context_factory(storage_state=worker_state).new_page()
    views_id = new_views(live_server, consultation_id, band, lang)
    page.goto(f"{live_server.url}/views/{views_id}/show/1")
    page.locator("#q-q1-text").fill("Kesken jäänyt vastaus 🙂")
    page.locator("label[for='q-q1-visibility-worker']").click()
    page.wait_for_selector("[data-save-status][data-state=saved]")
    page.wait_for_function("() => window.KuulluksiAutosave.pending() === 0")
    page.reload()
    assert page.locator("#q-q1-text").input_value() == "Kesken jäänyt vastaus 🙂"
    assert page.locator("#q-q1-visibility-worker").is_checked()
    # the all-on-one-page view shows the same, and its choices survive a reload too
    page.goto(f"{live_server.url}/views/{views_id}")
    page.locator("label[for='q-q2-choice-no']").click()
    page.wait_for_function("() => window.KuulluksiAutosave.pending() === 0")
    page.reload()
    assert page.locator("#q-q2-choice-no").is_checked()
    assert page.locator("#q-q1-text").input_value() == "Kesken jäänyt vastaus 🙂"


def test_a_lost_connection_keeps_the_answer_and_saves_it_when_back(context_factory, worker_state, live_server,
                                                                   consultation_id):
    context = context_factory(storage_state=worker_state, **TABLET)
    page = context.new_page()
    views_id = new_views(live_server, consultation_id, "7-12", "fi")
    page.goto(f"{live_server.url}/views/{views_id}/show/1")
    context.set_offline(True)
    page.locator("#q-q1-text").fill("Sanottu ilman yhteyttä")
    page.wait_for_selector("[data-save-status][data-state=offline]")
    assert "q1" not in stored(live_server, views_id)["answers"]
    context.set_offline(False)
    page.wait_for_selector("[data-save-status][data-state=saved]", timeout=20000)
    assert stored(live_server, views_id)["answers"]["q1"]["text"] == "Sanottu ilman yhteyttä"
    assert page.evaluate("() => Object.keys(localStorage).length + Object.keys(sessionStorage).length") == 0


SPEECH_STUB = """
window.__spoken = [];
const voices = %s;
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  getVoices: () => voices, speak: (u) => window.__spoken.push({text: u.text, lang: u.lang}),
  cancel: () => {}, addEventListener: () => {}}});
"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_listen_button_reads_the_question_in_the_page_language(context_factory, worker_state, live_server,
                                                                   consultation_id, lang):
    """(Every text of the question, choices included, is checked in test_read_aloud.py.)"""
    page = context_factory(storage_state=worker_state).new_page()
    page.add_init_script(SPEECH_STUB % '[{"lang": "fi-FI", "name": "fi"}, {"lang": "sv-SE", "name": "sv"}, '
                                       '{"lang": "en-GB", "name": "en"}]')
    views_id = new_views(live_server, consultation_id, "13-17", lang)
    page.goto(f"{live_server.url}/views/{views_id}/show/2")
    wording_text = page.locator("#q-q2-wording").inner_text()
    page.locator("#q-q2 .pq__head [data-read-aloud]").click()
    spoken = page.evaluate("() => window.__spoken")
    assert spoken[0]["text"] == wording_text  # the first utterance: the question; the rest follow
    assert spoken[0]["lang"].startswith(lang)
    page.goto(f"{live_server.url}/views/{views_id}/show/0")
    page.locator("[data-read-aloud]").first.click()
    assert page.evaluate("() => window.__spoken[0].text") == page.locator("#screen-title").inner_text()


def test_the_listen_button_is_hidden_without_a_voice_for_the_language(context_factory, worker_state, live_server,
                                                                      consultation_id):
    page = context_factory(storage_state=worker_state).new_page()
    page.add_init_script(SPEECH_STUB % '[{"lang": "de-DE", "name": "de"}]')
    views_id = new_views(live_server, consultation_id, "7-12", "fi")
    page.goto(f"{live_server.url}/views/{views_id}/show/1")
    assert page.locator("[data-read-aloud]").count() >= 1
    assert page.locator("[data-read-aloud]:visible").count() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_worker_pages_are_accessible_and_the_panel_never_sees_the_social_workers_only_answer(
        context_factory, live_server, consultation_id, lang):
    page = context_factory().new_page()
    login_page(page, live_server, "social_worker", lang)
    page.goto(f"{live_server.url}/consultations/{consultation_id}/views")
    assert_accessible(page, f"overview {lang}")
    page.select_option("#band", "7-12")
    page.select_option("#language", lang)
    page.click("form.card button[type=submit]")
    assert_accessible(page, f"record draft {lang}")
    views_id = int(page.url.rstrip("/").split("/")[-1])
    page.fill("#q-q1-text", f"Saa näkyä {lang}")
    page.fill("#q-q2-text", f"Vain minun sosiaalityöntekijälleni {lang}")
    page.click("label[for='q-q2-choice-yes']")
    page.click("label[for='q-q2-visibility-worker']")
    page.fill("#q-q3-text", "Kiitos")
    page.select_option("#method", "discussion")
    page.click("button[name=action][value=finish]")
    assert_accessible(page, f"record finished {lang}")
    page.click("form[action$='/worry'] button")
    page.click("a[href$='/summary']")
    assert_accessible(page, f"summary {lang}")
    assert f"Vain minun sosiaalityöntekijälleni {lang}" in page.content()
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden() and page.locator(".no-print").first.is_hidden()
    assert page.locator(".answer-list").first.is_visible()
    assert page.locator(".summary-audience--worker").is_visible()  # the worker's copy says so on paper
    page.emulate_media(media="screen")
    page.click("a[href$='/summary/panel']")
    assert_accessible(page, f"summary for the panel {lang}")
    assert f"Saa näkyä {lang}" in page.content()
    assert f"Vain minun sosiaalityöntekijälleni {lang}" not in page.content()
    coordinator = context_factory().new_page()
    login_page(coordinator, live_server, "coordinator", lang)
    coordinator.goto(f"{live_server.url}/consultations/{consultation_id}/views/panel")
    assert_accessible(coordinator, f"panel material {lang}")
    html = coordinator.content()
    assert f"Saa näkyä {lang}" in html
    assert f"Vain minun sosiaalityöntekijälleni {lang}" not in html
    assert coordinator.locator(".worry-marker").count() >= 1
    assert stored(live_server, views_id)["answers"]["q2"]["worry"] is True


def test_without_javascript_the_worker_fills_in_uploads_a_drawing_and_finishes(context_factory, live_server,
                                                                               consultation_id, tmp_path):
    from participation.demo import demo_png
    page = context_factory(java_script_enabled=False).new_page()
    views_id = new_views(live_server, consultation_id, "3-6", "fi")
    login_page(page, live_server, "social_worker", "fi")  # a real login form post without JavaScript
    page.goto(f"{live_server.url}/views/{views_id}")
    assert page.locator("#q-q1 canvas").is_hidden()
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"GIF89a" + b"\0" * 50)
    page.fill("#q-q1-text", "Aurinko ja talo")
    page.set_input_files("#q-q1-drawing", str(bad))
    page.click("button[name=action][value=save]")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#q-q1-text").input_value() == "Aurinko ja talo"
    good = tmp_path / "good.png"
    good.write_bytes(demo_png())
    page.set_input_files("#q-q1-drawing", str(good))
    page.check("#q-q2-choice-no")
    page.check("#q-q3-declined")
    page.select_option("#method", "drawing")
    page.click("button[name=action][value=finish]")
    record = stored(live_server, views_id)
    assert record["status"] == "finished" and record["drawings"] == {"q1"}
    assert record["answers"]["q1"]["text"] == "Aurinko ja talo" and record["answers"]["q3"]["declined"]
