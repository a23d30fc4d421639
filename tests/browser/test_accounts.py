"""Accounts in a real browser: the admin adds a user who logs in, a password
change, and axe-core on every page of the accounts area in fi, sv and en."""
import time

import pytest

from accounts import storage
from tests.browser.conftest import LANGUAGES, assert_accessible, login_page
from tests.conftest import PASSWORD
from web import throttle


def submit(page, form_selector="main form[method=post]"):
    page.click(f"{form_selector} button[type=submit]")
    page.wait_for_load_state()


def test_the_admin_adds_a_user_who_then_logs_in(page, live_server, context_factory):
    login_page(page, live_server, "admin", "en")
    page.goto(f"{live_server.url}/admin/users")
    page.click("text=Add a user")
    page.fill("#name", "Selma Selain")
    page.fill("#email", "selma@example.fi")
    page.check("input[name=roles][value=expert]")
    page.check("input[name=panels] >> nth=0")
    page.fill("#password", "selaimen salasana 1")
    submit(page)
    assert page.url.endswith("/admin/users")
    assert "selma@example.fi" in page.content()

    other = context_factory(locale="fi-FI").new_page()
    other.goto(f"{live_server.url}/login")
    other.fill("input[name=email]", "selma@example.fi")
    other.fill("input[name=password]", "selaimen salasana 1")
    other.click("main button[type=submit]")
    other.wait_for_load_state()
    assert "/login" not in other.url
    assert other.get_by_role("button", name="Kirjaudu ulos").is_visible()


def test_a_form_error_keeps_what_was_typed_and_is_announced(page, live_server):
    login_page(page, live_server, "admin", "fi")
    page.goto(f"{live_server.url}/admin/users/new")
    page.fill("#name", "Pekka Puolikas")
    page.fill("#email", "ei-osoite")
    submit(page)
    assert page.input_value("#name") == "Pekka Puolikas"
    assert page.input_value("#email") == "ei-osoite"
    assert page.locator("#email-error").is_visible()
    assert page.get_attribute("#email", "aria-invalid") == "true"
    assert page.locator(".error-summary[role=alert]").is_visible()
    assert_accessible(page, "user form with errors")


def test_a_user_changes_their_password(page, live_server):
    db = live_server.db()
    storage_hash = storage.get_user_by_email(db, "b-social_worker@example.fi")["password_hash"]
    try:
        login_page(page, live_server, "social_worker", "en")
        page.click("text=My account")
        page.fill("#current_password", PASSWORD)
        page.fill("#new_password", "a new browser password")
        page.fill("#confirm", "a new browser password")
        submit(page)
        assert "Your password has been changed." in page.content()
        page.click("form.logout button")
        page.fill("input[name=email]", "b-social_worker@example.fi")
        page.fill("input[name=password]", "a new browser password")
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        assert "/login" not in page.url
    finally:
        # other tests in this module log in with the known password
        storage.set_password(db, storage.get_user_by_email(db, "b-social_worker@example.fi")["id"], storage_hash)
        db.conn.close()


def test_the_admin_pages_work_with_the_keyboard(page, live_server):
    login_page(page, live_server, "admin", "en")
    page.goto(f"{live_server.url}/admin/users")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_accounts_page_is_accessible(page, live_server, lang):
    pages = ["/login", "/accessibility", "/privacy", "/no-such-page"]
    for path in pages:
        page.goto(f"{live_server.url}/language/{lang}?next={path}")
        assert page.get_attribute("html", "lang") == lang
        assert_accessible(page, f"{path} ({lang}, anonymous)")
    login_page(page, live_server, "admin", lang)
    db = live_server.db()
    user_id = storage.get_user_by_email(db, "b-expert@example.fi")["id"]
    panel_id = live_server.context["panel_id"]
    storage.write_audit(db, user_id, "test.browser", consultation_id=1, detail="axe")
    db.conn.close()
    for path in ["/account/password", "/admin/users", f"/admin/users?panel={panel_id}", "/admin/users/new",
                 f"/admin/users/{user_id}", "/admin/panels", "/admin/panels/new", f"/admin/panels/{panel_id}",
                 "/admin/audit", "/admin/audit?consultation=1", "/accessibility", "/privacy", "/admin/users/99999"]:
        page.goto(f"{live_server.url}{path}")
        assert page.get_attribute("html", "lang") == lang
        assert_accessible(page, f"{path} ({lang}, admin)")


def lock_account(live_server, email):
    """As many wrong passwords for `email` as the login allows."""
    cfg = live_server.app.config
    limits = {"account": cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"]}
    db = live_server.db()
    for _ in range(limits["account"]):
        throttle.begin_attempt(db, "login", throttle.keys_for("192.0.2.1", email), limits,
                               cfg["LOGIN_THROTTLE_WINDOW_SECONDS"], time.time())
    db.conn.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_admin_unlocks_a_locked_account_on_an_accessible_page(page, live_server, context_factory, lang):
    lock_account(live_server, "b-expert@example.fi")
    login_page(page, live_server, "admin", lang)
    db = live_server.db()
    user_id = storage.get_user_by_email(db, "b-expert@example.fi")["id"]
    db.conn.close()
    page.goto(f"{live_server.url}/admin/users/{user_id}")
    assert page.locator("#lock-heading").is_visible()
    assert_accessible(page, f"locked user ({lang})")
    page.click("form[action$='/unlock'] button")
    page.wait_for_load_state()
    assert page.locator("#lock-heading").count() == 0
    assert_accessible(page, f"unlocked user ({lang})")
    login_page(context_factory(locale="fi-FI").new_page(), live_server, "expert", lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_forbidden_page_is_accessible(page, live_server, lang):
    login_page(page, live_server, "expert", lang)
    response = page.goto(f"{live_server.url}/admin/users")
    assert response.status == 403
    assert_accessible(page, f"403 ({lang})")


def test_the_header_fits_a_phone(context_factory, live_server):
    page = context_factory(locale="fi-FI", viewport={"width": 360, "height": 740}).new_page()
    login_page(page, live_server, "admin", "fi")
    page.goto(f"{live_server.url}/admin/users")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
