import pytest

from tests.browser.conftest import LANGUAGES, assert_accessible, login_page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_login_page_is_accessible_and_in_the_chosen_language(page, live_server, lang):
    page.goto(f"{live_server.url}/language/{lang}?next=/login")
    assert page.get_attribute("html", "lang") == lang
    assert_accessible(page, f"login {lang}")


def test_a_coordinator_logs_in_and_out(page, live_server):
    login_page(page, live_server, "coordinator", "sv")
    page.click("form.logout button")
    page.wait_for_load_state()
    assert "/login" in page.url
    # the browser forgot the site's data (Clear-Site-Data), the language was set again after it
    assert page.locator(".flash--info").inner_text() == "Du har loggat ut."
    assert page.get_attribute("html", "lang") == "sv"
    assert_accessible(page, "login after logout")
    page.goto(f"{live_server.url}/home")
    assert "/login" in page.url
