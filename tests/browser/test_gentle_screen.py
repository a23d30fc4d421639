"""A gentler screen in a real browser (issue 10): after Next the focus is on
the new question's heading with no frame for touch or mouse (a frame for the
keyboard), the progress in view; a skipped question gets a kind word, never
a red box, on the worker's device and on the tablet; our own file button."""
import re

import pytest

from tests.browser.conftest import LANGUAGES, assert_accessible
from tests.browser.test_participation import consultation_id, new_views, worker_state  # noqa: F401 (fixtures)
from tests.browser.test_tablet import new_case, start, tablet  # noqa: F401 (fixture)

TOUCH = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True}

FOCUSED = """() => { const el = document.activeElement, style = getComputedStyle(el);
  return {tag: el.tagName, id: el.id, text: el.textContent.trim(), outline: style.outlineStyle,
          shadow: style.boxShadow}; }"""


def in_view(page, selector):
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_after_next_by_touch_the_heading_has_the_focus_without_a_frame_and_the_progress_is_in_view(
        context_factory, worker_state, live_server, consultation_id):  # noqa: F811
    page = context_factory(storage_state=worker_state, **TOUCH).new_page()
    views_id = new_views(live_server, consultation_id, "7-12", "fi")
    page.goto(f"{live_server.url}/views/{views_id}/show/1")
    page.locator("#q-q1-text").tap()
    page.keyboard.insert_text("Toive")
    with page.expect_navigation():
        page.locator("button[name=nav][value=next]").tap()
    assert page.url.endswith(f"/views/{views_id}/show/2")
    focused = page.evaluate(FOCUSED)
    assert (focused["tag"], focused["id"]) == ("H2", "q-q2-wording")
    assert focused["outline"] == "none" and focused["shadow"] == "none"
    assert page.evaluate("() => getComputedStyle(document.querySelector('main')).boxShadow") == "none"
    assert in_view(page, "#progress") and "3 / " in page.locator("#progress").inner_text()
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(200)
    assert in_view(page, "#progress")  # it stays at the top while the screen scrolls


def test_after_next_by_keyboard_the_heading_has_the_focus_with_a_frame(context_factory, worker_state, live_server,
                                                                         consultation_id):  # noqa: F811
    page = context_factory(storage_state=worker_state).new_page()
    views_id = new_views(live_server, consultation_id, "7-12", "fi")
    page.goto(f"{live_server.url}/views/{views_id}/show/0")
    page.locator("button[name=nav][value=next]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === ''")  # the #k of the keyboard is taken away
    assert re.search(rf"/views/{views_id}/show/1$", page.url)
    focused = page.evaluate(FOCUSED)
    assert focused["id"] == "q-q1-wording" and focused["outline"] != "none"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_skipped_question_gets_a_kind_word_not_a_red_box_and_the_second_next_goes_on(
        context_factory, worker_state, live_server, consultation_id, lang):  # noqa: F811
    page = context_factory(storage_state=worker_state, **TOUCH).new_page()
    views_id = new_views(live_server, consultation_id, "3-6", lang)
    page.goto(f"{live_server.url}/views/{views_id}/show/2")
    page.locator("button[name=nav][value=next]").tap()
    page.wait_for_timeout(300)
    assert page.url.endswith(f"/views/{views_id}/show/2")
    nudge = page.locator("#q-q2-nudge")
    assert nudge.is_visible() and page.evaluate("() => document.activeElement.id") == "q-q2-nudge"
    assert page.locator(".error-summary, .error").count() == 0
    assert_accessible(page, f"kind word {lang}")
    with page.expect_navigation():
        page.locator("button[name=nav][value=next]").tap()
    assert page.url.endswith(f"/views/{views_id}/show/3")


def test_a_question_answered_or_declined_gets_no_kind_word(context_factory, worker_state, live_server,
                                                           consultation_id):  # noqa: F811
    page = context_factory(storage_state=worker_state, **TOUCH).new_page()
    views_id = new_views(live_server, consultation_id, "3-6", "fi")
    page.goto(f"{live_server.url}/views/{views_id}/show/3")
    page.locator("label[for='q-q3-declined']").tap()
    with page.expect_navigation():
        page.locator("button[name=nav][value=next]").tap()
    assert page.url.endswith(f"/views/{views_id}/show/4")


def test_on_the_tablet_a_skipped_question_gets_the_kind_word_too(tablet, live_server):  # noqa: F811
    case = new_case(live_server, "7-12")
    start(tablet, live_server, case["code"], "sv")
    with tablet.expect_navigation():
        tablet.locator("button[name=nav][value=next]").tap()
    tablet.locator("button[name=nav][value=next]").tap()
    tablet.wait_for_timeout(300)
    assert tablet.url.endswith("/t/s/1") and tablet.locator("#q-q1-nudge").is_visible()
    assert "Du kan också välja" in tablet.locator("#q-q1-nudge").inner_text()
    assert tablet.locator(".error-summary, .error").count() == 0
    with tablet.expect_navigation():
        tablet.locator("button[name=nav][value=next]").tap()
    assert tablet.url.endswith("/t/s/2")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_file_button_is_in_the_pages_language_and_names_the_chosen_file(context_factory, worker_state,
                                                                             live_server, consultation_id, lang,
                                                                             tmp_path):  # noqa: F811
    from participation.demo import demo_png
    page = context_factory(storage_state=worker_state).new_page()
    views_id = new_views(live_server, consultation_id, "3-6", lang)
    page.goto(f"{live_server.url}/views/{views_id}")
    button = page.locator("#q-q1-drawing-button")
    assert button.inner_text() == {"fi": "Valitse kuva", "sv": "Välj en bild", "en": "Choose a picture"}[lang]
    picture = tmp_path / "aurinko.png"
    picture.write_bytes(demo_png())
    with page.expect_file_chooser() as chooser:
        button.click()
    chooser.value.set_files(str(picture))
    assert page.locator("#q-q1-drawing-chosen").inner_text() == "aurinko.png"
    assert_accessible(page, f"file button {lang}")
