import pytest

from tests.browser.conftest import LANGUAGES, assert_accessible, login_page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_login_page_is_accessible_and_in_the_chosen_language(page, live_server, lang):
    page.goto(f"{live_server.url}/language/{lang}?next=/login")
    assert page.get_attribute("html", "lang") == lang
    assert_accessible(page, f"login {lang}")


def test_a_coordinator_logs_in_and_out(page, live_server):
    login_page(page, live_server, "coordinator")
    page.click("form.logout button")
    assert "/login" in page.url
