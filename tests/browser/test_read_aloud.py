"""Read-aloud in a real browser (issue 10): with speech stubbed, every text of
a question is spoken, choices included, each sentence its own utterance; a
tap on a picture card reads it; without a voice a stand-in recording made by
espeak-ng plays; axe passes with every listen control shown, in fi, sv, en."""
import os
import re
import shutil

import pytest

from participation import audio
from tests.browser.conftest import LANGUAGES, assert_accessible
from tests.browser.test_participation import consultation_id, new_views, worker_state  # noqa: F401 (fixtures)
from tests.browser.test_tablet import wait_until
from web import read_aloud

TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True}
ALL_VOICES = '[{"lang": "fi-FI", "name": "fi"}, {"lang": "sv-SE", "name": "sv"}, {"lang": "en-GB", "name": "en"}]'
SPEECH_STUB = """
window.KuulluksiReadAloudPauses = {sentence: 1, item: 1};
window.__spoken = [];
const voices = %s;
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  getVoices: () => voices,
  speak: (u) => { window.__spoken.push({text: u.text, lang: u.lang}); setTimeout(() => u.onend && u.onend(), 0); },
  cancel: () => {}, addEventListener: () => {}}});
"""
# every play() of a media element, and whether it ended or failed
PLAY_SPY = """
window.__played = [];
const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function () {
  const entry = {src: this.currentSrc || this.src, ended: false, error: null};
  window.__played.push(entry);
  this.addEventListener('ended', () => { entry.ended = true; }, {once: true});
  this.addEventListener('error', () => { entry.error = String(this.error && this.error.code); }, {once: true});
  return play.call(this).catch((e) => { entry.error = String(e); throw e; });
};
"""


def spoken(page, count=None):
    if count is not None:
        wait_until(page, "(n) => window.__spoken.length >= n", count)
    page.wait_for_timeout(100)  # nothing more comes
    return [s["text"] for s in page.evaluate("() => window.__spoken")]


def stubbed_page(context_factory, worker_state, voices=ALL_VOICES, **kwargs):  # noqa: F811
    page = context_factory(storage_state=worker_state, **kwargs).new_page()
    page.add_init_script(SPEECH_STUB % voices)
    return page


def items_of(page, selector):
    """The [data-say] texts inside `selector` that are shown, in order."""
    return page.eval_on_selector_all(
        f"{selector} [data-say]",
        "els => els.filter(e => e.getClientRects().length && !e.closest('[hidden]'))"
        ".map(e => e.textContent.replace(/\\s+/g, ' ').trim())")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_question_is_read_with_every_choice_decline_and_who_may_see(context_factory, worker_state, live_server,
                                                                        consultation_id, lang):  # noqa: F811
    page = stubbed_page(context_factory, worker_state)
    views_id = new_views(live_server, consultation_id, "7-12", lang)
    page.goto(f"{live_server.url}/views/{views_id}/show/2")
    wanted = items_of(page, "#q-q2")
    choices = page.eval_on_selector_all("#q-q2 .choice-card label span", "els => els.map(e => e.textContent.trim())")
    assert len(choices) == 3 and all(c in wanted for c in choices)
    page.locator("#q-q2 .pq__head [data-read-aloud]").click()
    said = spoken(page, len(wanted))
    assert said == wanted  # (each is one sentence here)
    for text in (page.locator("#q-q2-wording").inner_text(), page.locator("#q-q2-declined + span").inner_text(),
                 page.locator("#q-q2-visibility legend").inner_text(), *choices):
        assert text in said
    assert all(s["lang"].startswith(lang) for s in page.evaluate("() => window.__spoken"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_explanation_is_spoken_sentence_by_sentence(context_factory, worker_state, live_server, consultation_id,
                                                       lang):  # noqa: F811
    page = stubbed_page(context_factory, worker_state)
    views_id = new_views(live_server, consultation_id, "3-6", lang)
    page.goto(f"{live_server.url}/views/{views_id}/show/0")
    paragraphs = page.eval_on_selector_all("#explanation-intro-text p", "els => els.map(e => e.textContent.trim())")
    page.locator(".pq-explanation [data-read-aloud]").click()
    title = page.locator("#screen-title").inner_text()
    said = spoken(page, len(paragraphs) + 2)
    assert said[0] == title
    assert "".join(said).replace(" ", "") == (title + page.locator("#explanation-intro-title").inner_text()
                                              + "".join(paragraphs)).replace(" ", "")
    assert len(said) > len(paragraphs) + 2  # some paragraphs have two sentences: each is its own utterance
    assert not any(re.search(r"\w[.?!]\s*\w", s) for s in said), said  # never two sentences in one


def test_a_tap_on_a_picture_card_reads_it_and_chooses_it(context_factory, worker_state, live_server,
                                                        consultation_id):  # noqa: F811
    page = stubbed_page(context_factory, worker_state, **TABLET)
    views_id = new_views(live_server, consultation_id, "3-6", "fi")
    page.goto(f"{live_server.url}/views/{views_id}/show/2")
    page.locator("label[for='q-q2-choice-a_little']").tap()
    assert spoken(page, 1) == [page.locator("#q-q2-choice-a_little-text").inner_text()]
    assert page.locator("#q-q2-choice-a_little").is_checked()
    # a choice's own small control reads it too, without choosing it
    page.locator("[data-read-aloud='q-q2-choice-no-text']").tap()
    assert spoken(page, 2)[-1] == page.locator("#q-q2-choice-no-text").inner_text()
    assert not page.locator("#q-q2-choice-no").is_checked()


def test_the_who_may_see_choices_are_read_on_their_own(context_factory, worker_state, live_server,
                                                       consultation_id):  # noqa: F811
    page = stubbed_page(context_factory, worker_state, **TABLET)
    views_id = new_views(live_server, consultation_id, "3-6", "fi")
    page.goto(f"{live_server.url}/views/{views_id}/show/1")
    page.locator("[data-read-aloud='q-q1-visibility-worker-text']").tap()
    assert spoken(page, 1) == ["Vain oma sosiaalityöntekijäni"]
    assert page.locator("#q-q1-visibility img[src$='who_worker.svg']").is_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_listen_control_shown_passes_axe(context_factory, worker_state, live_server, consultation_id,
                                               lang):  # noqa: F811
    for band, step in (("3-6", 2), ("7-12", 4)):
        page = stubbed_page(context_factory, worker_state, **TABLET)
        views_id = new_views(live_server, consultation_id, band, lang)
        page.goto(f"{live_server.url}/views/{views_id}/show/{step}")
        assert page.locator(".listen--small:visible").count() >= 3
        assert_accessible(page, f"{band} {lang} screen {step} with listen controls")


@pytest.mark.skipif(shutil.which("espeak-ng") is None and os.environ.get("CI") != "true",
                    reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_without_a_voice_the_listen_button_stays_and_plays_the_stand_in_recording(
        context_factory, worker_state, live_server, consultation_id, tmp_path):  # noqa: F811
    app = live_server.app
    saved = app.config["AUDIO_FOLDER"]
    app.config["AUDIO_FOLDER"] = str(tmp_path / "audio")
    try:
        folder = tmp_path / "audio" / "fi"
        folder.mkdir(parents=True)
        wording = "Onko jotain mikä sinua huolestuttaa?"
        audio.speak_to_file(shutil.which("espeak-ng"), "fi", wording, str(folder / (read_aloud.digest(wording) + ".wav")))
        page = stubbed_page(context_factory, worker_state, voices="[]", **TABLET)
        page.add_init_script(PLAY_SPY)
        views_id = new_views(live_server, consultation_id, "7-12", "fi")
        page.goto(f"{live_server.url}/views/{views_id}/show/2")
        button = page.locator("#q-q2 .pq__head [data-read-aloud]")
        assert button.is_visible()
        assert page.locator("#q-q2 .listen--small:visible").count() == 0  # the choices have no recording
        button.tap()
        wait_until(page, "() => window.__played.length > 0 && (window.__played[0].ended || window.__played[0].error)")
        played = page.evaluate("() => window.__played")
        assert played[0]["src"].endswith(f"/audio/fi/{read_aloud.digest(wording)}.wav")
        assert played[0]["ended"] and played[0]["error"] is None
        assert page.evaluate("() => window.__spoken.length") == 0
    finally:
        app.config["AUDIO_FOLDER"] = saved
        read_aloud._index_cache.clear()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_tablet_code_for_a_child_under_7_warns_the_worker_and_passes_axe(context_factory, live_server, lang):
    from tests.browser.conftest import login_page
    from tests.browser.test_tablet import new_case
    case = new_case(live_server, "3-6")
    page = context_factory().new_page()
    login_page(page, live_server, "social_worker", lang)
    page.goto(f"{live_server.url}/consultations/{case['consultation_id']}/views")
    assert page.locator(".tablet-panel [data-young-child]").is_visible()
    assert_accessible(page, f"the child's views with a 3-6 child {lang}")
    with page.expect_navigation():
        page.locator(".tablet-panel form[action$='/tablet-code'] button").first.click()
    assert page.locator("[data-young-child]").is_visible()
    assert_accessible(page, f"a tablet code for a 3-6 child {lang}")
