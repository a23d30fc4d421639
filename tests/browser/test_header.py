"""The site header on a common laptop screen: at 1280 px every role's header
is one row (brand, menu, log out and languages side by side) in every
language, with the menu's targets still 44 px high."""
import pytest

from tests.browser.conftest import LANGUAGES, assert_accessible, login_page

# Each role's start page; the coordinator has the most links.
ROLES = ("coordinator", "social_worker", "expert", "admin")


def boxes(page, selector):
    """(text, top, bottom, height) of every element matching `selector`."""
    return page.eval_on_selector_all(selector, """els => els.map(el => {
        const box = el.getBoundingClientRect();
        return [el.textContent.trim().slice(0, 40), box.top, box.bottom, box.height];
    })""")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_the_header_is_one_row_at_1280_px(context_factory, live_server, role, lang):
    page = login_page(context_factory(viewport={"width": 1280, "height": 800}).new_page(), live_server, role, lang)
    # the brand, the menu, log out and the languages: none starts below another's bottom
    parts = boxes(page, ".site-header__inner > *, .site-nav li, .languages li")
    assert max(top for _text, top, _bottom, _height in parts) < min(bottom for _text, _top, bottom, _height in parts), \
        f"{role} {lang}: the header wraps: {parts}"
    targets = boxes(page, ".site-nav a, .languages a, .logout button")
    assert all(height >= 44 for _text, _top, _bottom, height in targets), targets
    assert_accessible(page, f"{role} {lang} header")
