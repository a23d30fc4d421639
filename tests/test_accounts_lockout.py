"""A locked account (issue 9, item 5): the login page says at what time to try
again, and an administrator can unlock the account before that."""
import types
from datetime import datetime, timezone

import pytest

import accounts.routes
from accounts.storage import list_audit
from tests.conftest import PASSWORD, csrf_from, login
from tests.test_accounts_throttle import alert

# 23 Nov 2026 08:27:30 UTC is 10.27 in Helsinki (UTC+2 in winter)
FIXED = datetime(2026, 11, 23, 8, 27, 30, tzinfo=timezone.utc).timestamp()


def lock(client, email):
    for _ in range(5):
        assert login(client, email, "wrong password").status_code == 401


@pytest.mark.parametrize("lang, expected", [
    ("fi", "Liian monta epäonnistunutta yritystä. Odota 15 minuuttia ja yritä uudelleen klo 10.42."),
    ("sv", "För många misslyckade försök. Vänta 15 minuter och försök igen kl. 10.42."),
    ("en", "Too many failed attempts. Please wait 15 minutes and try again at 10:42."),
])
def test_the_lockout_message_says_at_what_time_to_try_again_in_the_sites_time_zone(client, users, monkeypatch,
                                                                                   lang, expected):
    monkeypatch.setattr(accounts.routes, "time", types.SimpleNamespace(time=lambda: FIXED))
    client.get(f"/language/{lang}")
    lock(client, users["expert"][1])
    blocked = login(client, users["expert"][1], PASSWORD)
    assert blocked.status_code == 429
    assert alert(blocked) == expected


@pytest.fixture
def admin(app, users):
    client = app.test_client()
    assert login(client, users["admin"][1]).status_code == 302
    return client


def test_an_admin_sees_the_lock_and_unlocks_the_account(app, admin, client, db, users):
    expert_id, email = users["expert"]
    lock(client, email)
    assert login(client, email).status_code == 429
    page = admin.get(f"/admin/users/{expert_id}").get_data(as_text=True)
    assert "Tili on lukittu klo " in page and "Avaa tilin lukitus" in page
    response = admin.post(f"/admin/users/{expert_id}/unlock", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/admin/users/{expert_id}")
    assert "Avaa tilin lukitus" not in admin.get(f"/admin/users/{expert_id}").get_data(as_text=True)
    assert login(client, email).status_code == 302
    line = next(row for row in list_audit(db)[0] if row["action"] == "user.unlock")
    assert (line["user_id"], line["detail"]) == (users["admin"][0], f"user {expert_id}")


def test_an_account_that_is_not_locked_shows_no_unlock_button(admin, users):
    page = admin.get(f"/admin/users/{users['expert'][0]}").get_data(as_text=True)
    assert "Avaa tilin lukitus" not in page


def test_only_an_admin_can_unlock_and_only_with_a_csrf_token(app, admin, db, login_as, users):
    expert_id, email = users["expert"]
    lock(app.test_client(), email)
    assert admin.post(f"/admin/users/{expert_id}/unlock").status_code == 400
    coordinator = login_as("coordinator")
    token = csrf_from(coordinator.get("/account/password").get_data(as_text=True))
    assert coordinator.post(f"/admin/users/{expert_id}/unlock", data={"csrf_token": token}).status_code == 403
    assert login(app.test_client(), email).status_code == 429


def test_unlocking_an_unknown_user_is_404(admin):
    token = csrf_from(admin.get("/account/password").get_data(as_text=True))
    assert admin.post("/admin/users/999/unlock", data={"csrf_token": token}).status_code == 404
