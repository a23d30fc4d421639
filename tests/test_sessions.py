"""A staff login lives on the server (issue 9, item 4): logging out, or starting
tablet mode over a staff login, ends it there, so a copy of the cookie taken
before opens nothing; both answers tell the browser to forget the site's data.
Logins, logouts and failed logins are in the audit log, ids only (item 8)."""
import time

import pytest

from accounts.storage import list_audit
from tests.conftest import PASSWORD, csrf_from, login
from tests.test_tablet import make_code, make_consultation, make_views, start_tablet

COOKIE = "session"  # Flask's signed session cookie
STAFF_PAGE = "/consultations/mine"


def copied_cookie(client):
    return client.get_cookie(COOKIE).value


def other_browser(app, cookie):
    """Another browser sending a copied session cookie."""
    other = app.test_client()
    other.set_cookie(COOKIE, cookie)
    return other


def replay(app, cookie):
    """Another browser, somewhere else, sending a copied session cookie."""
    return other_browser(app, cookie).get(STAFF_PAGE, environ_base={"REMOTE_ADDR": "198.51.100.77"})


def logout(client):
    token = csrf_from(client.get("/account/password").get_data(as_text=True))
    return client.post("/logout", data={"csrf_token": token})


def actions(db):
    return [(row["action"], row["user_id"], row["detail"]) for row in reversed(list_audit(db)[0])]


def test_a_cookie_copied_before_logout_no_longer_opens_the_staff_pages(app, client, login_as):
    login_as("social_worker")
    cookie = copied_cookie(client)
    assert replay(app, cookie).status_code == 200
    assert logout(client).status_code == 302
    response = replay(app, cookie)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_tells_the_browser_to_forget_cookies_cache_and_storage(client, login_as):
    login_as("social_worker")
    response = logout(client)
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'


def test_logout_ends_only_that_login_not_the_users_other_devices(app, client, login_as, users):
    login_as("social_worker")
    phone = app.test_client()
    assert login(phone, users["social_worker"][1]).status_code == 302
    logout(client)
    assert phone.get(STAFF_PAGE).status_code == 200


def test_after_logout_the_login_page_says_so_in_the_language_chosen(client, users):
    client.get("/language/sv")
    assert login(client, users["expert"][1]).status_code == 302
    page = logout(client)
    html = client.get(page.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert 'lang="sv"' in html and "Du har loggat ut." in html


def test_a_staff_cookie_copied_before_tablet_start_no_longer_opens_the_staff_pages(app, client, db, users, panel_id,
                                                                                    login_as):
    worker_id = users["social_worker"][0]
    consultation_id = make_consultation(db, panel_id, worker_id)
    code, _ = make_code(db, consultation_id, make_views(db, consultation_id), worker_id)
    login_as("social_worker")
    cookie = copied_cookie(client)
    started = start_tablet(client, code)
    assert started.status_code == 302 and started.headers["Location"].endswith("/t/s/0")
    response = replay(app, cookie)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert ("logout", worker_id, "tablet session") in actions(db)


def test_tablet_start_tells_the_browser_to_forget_cache_and_storage(client, db, users, panel_id):
    worker_id = users["social_worker"][0]
    consultation_id = make_consultation(db, panel_id, worker_id)
    code, _ = make_code(db, consultation_id, make_views(db, consultation_id), worker_id)
    response = start_tablet(client, code)
    assert response.status_code == 302
    # "cookies" would also drop the tablet cookie set by this same answer
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    assert "kuulluksi_tablet=" in response.headers["Set-Cookie"]


def test_a_login_older_than_the_session_lifetime_is_over(app, client, db, login_as):
    login_as("coordinator")
    assert client.get("/home").status_code == 302
    db.execute("UPDATE login_sessions SET started_at = ?", [time.time() - app.config["PERMANENT_SESSION_LIFETIME"] - 1])
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_deactivated_user_has_no_login_left(admin_client, db, users, app):
    worker = app.test_client()
    assert login(worker, users["social_worker"][1]).status_code == 302
    token = csrf_from(admin_client.get(f"/admin/users/{users['social_worker'][0]}").get_data(as_text=True))
    admin_client.post(f"/admin/users/{users['social_worker'][0]}/active", data={"csrf_token": token, "active": "0"})
    assert db["login_sessions"].count_where("user_id = ?", [users["social_worker"][0]]) == 0


@pytest.fixture
def admin_client(client, users):
    assert login(client, users["admin"][1]).status_code == 302
    return client


# ---- the audit trail of logins ---------------------------------------------------

def test_logins_logouts_and_failed_logins_are_audit_logged_with_ids_only(app, client, db, users):
    expert_id, email = users["expert"]
    assert login(client, "nobody@example.fi", "wrong password").status_code == 401
    assert login(client, email, "wrong password").status_code == 401
    assert login(client, email, PASSWORD).status_code == 302
    logout(client)
    assert actions(db) == [("login.failed", None, ""), ("login.failed", expert_id, ""),
                           ("login", expert_id, ""), ("logout", expert_id, "")]
    stored = " ".join(str(value) for row in list_audit(db)[0] for value in row.values())
    assert "nobody" not in stored and "127.0.0.1" not in stored


def test_the_audit_log_names_the_login_actions_in_the_admins_language(admin_client, db, users):
    login(admin_client.application.test_client(), users["expert"][1], "wrong password")
    html = admin_client.get("/admin/audit").get_data(as_text=True)
    for name in ("Kirjautui sisään", "Epäonnistunut kirjautuminen"):
        assert name in html
