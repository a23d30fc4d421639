"""Accounts: the admin's users and panels pages, sessions ending, own password."""
import pytest

from accounts import storage
from tests import dom
from tests.conftest import PASSWORD, csrf_from, login, make_user

NEW_PASSWORD = "a brand new password"


def post_form(client, url, data, form_url=None):
    """POST `data` to `url` with the CSRF token of the page at `form_url` (default `url`)."""
    page = client.get(form_url or url)
    assert page.status_code == 200, page.status_code
    return client.post(url, data={**data, "csrf_token": csrf_from(page.get_data(as_text=True))})


def text(response):
    return response.get_data(as_text=True)


@pytest.fixture
def admin(client, users):
    """The test client logged in as the admin (English pages)."""
    client.get("/language/en")
    assert login(client, users["admin"][1]).status_code == 302
    return client


@pytest.fixture
def second(app):
    """Another browser: a separate client with its own cookies."""
    return app.test_client()


# --- access -----------------------------------------------------------------

ADMIN_URLS = ["/admin/users", "/admin/users/new", "/admin/users/1", "/admin/panels", "/admin/panels/new",
              "/admin/panels/1", "/admin/audit"]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_admin_pages_send_anonymous_users_to_login(client, users, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["social_worker", "coordinator", "expert"])
@pytest.mark.parametrize("url", ADMIN_URLS)
def test_admin_pages_are_forbidden_to_other_roles(login_as, role, url):
    assert login_as(role).get(url).status_code == 403


def test_admin_pages_refuse_posts_from_other_roles(login_as, users):
    client = login_as("coordinator")
    page = text(client.get("/account/password"))
    response = client.post(f"/admin/users/{users['expert'][0]}/active",
                           data={"active": "0", "csrf_token": csrf_from(page)})
    assert response.status_code == 403


# --- listing ----------------------------------------------------------------

def test_admin_sees_every_user_and_can_filter_by_panel(admin, db, users, panel_id, other_panel_id):
    make_user(db, "toinen@example.fi", ["expert"], [other_panel_id], name="Tuula Toinen")
    everyone = text(admin.get("/admin/users"))
    assert "toinen@example.fi" in everyone and "coordinator@example.fi" in everyone
    assert "admin@example.fi" in everyone
    only_other = text(admin.get(f"/admin/users?panel={other_panel_id}"))
    assert "toinen@example.fi" in only_other and "coordinator@example.fi" not in only_other
    only_first = text(admin.get(f"/admin/users?panel={panel_id}"))
    assert "toinen@example.fi" not in only_first and "coordinator@example.fi" in only_first


@pytest.mark.parametrize("query", ["panel=abc", "panel=99999", "panel=-1", "panel=" + "9" * 40])
def test_a_strange_panel_filter_shows_everyone(admin, users, query):
    response = admin.get(f"/admin/users?{query}")
    assert response.status_code == 200
    assert "coordinator@example.fi" in text(response)


def test_the_admin_start_page_is_the_users_list(admin):
    response = admin.get("/home")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/users")


# --- creating and editing -----------------------------------------------------

def test_admin_creates_a_user_who_can_then_log_in(admin, db, second, panel_id):
    response = post_form(admin, "/admin/users/new", {
        "name": "Uusi Käyttäjä", "email": "uusi@example.fi", "roles": ["expert", "coordinator"],
        "panels": [str(panel_id)], "password": "temporary password 1"})
    assert response.status_code == 302
    row = storage.get_user_by_email(db, "uusi@example.fi")
    assert row["name"] == "Uusi Käyttäjä"
    assert row["roles"] == ["coordinator", "expert"] and row["panel_ids"] == [panel_id]
    assert login(second, "uusi@example.fi", "temporary password 1").status_code == 302
    assert second.get("/account/password").status_code == 200
    assert any(a["action"] == "user.create" for a in db["audit_log"].rows)


def test_creating_a_user_with_bad_input_shows_messages_and_keeps_the_values(admin, db, users):
    response = post_form(admin, "/admin/users/new", {
        "name": "Kaisa Kopio", "email": "COORDINATOR@example.fi", "roles": [], "password": "short"})
    html = text(response)
    assert response.status_code == 200
    assert "Another user already has this email address." in html
    assert "Choose at least one role." in html
    assert "The password must be 10–200 characters long." in html
    assert dom.field_value(html, "name") == "Kaisa Kopio" and dom.field_value(html, "email") == "COORDINATOR@example.fi"
    assert storage.get_user_by_email(db, "coordinator@example.fi")["name"] == "Coordinator"


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "x" * 300 + "@example.fi", "a b@example.fi"])
def test_a_bad_email_is_refused_next_to_the_field(admin, db, email):
    response = post_form(admin, "/admin/users/new", {
        "name": "N", "email": email, "roles": ["expert"], "password": "long enough password"})
    assert response.status_code == 200
    assert 'id="email-error"' in text(response)
    assert db["users"].count_where("name = 'N'") == 0


def test_made_up_roles_and_panels_are_refused(admin, db, panel_id):
    response = post_form(admin, "/admin/users/new", {
        "name": "N", "email": "n@example.fi", "roles": ["superuser"], "panels": ["99999"],
        "password": "long enough password"})
    html = text(response)
    assert response.status_code == 200
    assert "Choose roles from the list." in html and "Choose panels from the list." in html
    assert storage.get_user_by_email(db, "n@example.fi") is None


def test_admin_edits_name_email_roles_and_panels(admin, db, users, panel_id, other_panel_id):
    user_id = users["expert"][0]
    response = post_form(admin, f"/admin/users/{user_id}", {
        "name": "Eeva Ekspertti", "email": "eeva@example.fi", "roles": ["expert", "social_worker"],
        "panels": [str(other_panel_id)]})
    assert response.status_code == 302
    row = storage.get_user(db, user_id)
    assert (row["name"], row["email"]) == ("Eeva Ekspertti", "eeva@example.fi")
    assert row["roles"] == ["expert", "social_worker"] and row["panel_ids"] == [other_panel_id]


def test_an_unknown_user_is_404(admin):
    assert admin.get("/admin/users/99999").status_code == 404


def test_admin_cannot_remove_their_own_admin_role(admin, db, users):
    admin_id = users["admin"][0]
    response = post_form(admin, f"/admin/users/{admin_id}", {
        "name": "Admin", "email": "admin@example.fi", "roles": ["coordinator"]})
    assert response.status_code == 200
    assert "You cannot remove your own administrator role." in text(response)
    assert storage.get_user(db, admin_id)["roles"] == ["admin"]


def test_admin_cannot_deactivate_themselves(admin, db, users):
    admin_id = users["admin"][0]
    response = post_form(admin, f"/admin/users/{admin_id}/active", {"active": "0"},
                         form_url=f"/admin/users/{admin_id}")
    assert response.status_code == 302
    assert "You cannot deactivate your own account." in text(admin.get(response.headers["Location"]))
    assert storage.get_user(db, admin_id)["active"] == 1
    assert admin.get("/admin/users").status_code == 200


# --- sessions end -------------------------------------------------------------

def test_deactivating_ends_the_users_session_at_their_next_request(admin, second, db, users):
    user_id, email = users["coordinator"]
    assert login(second, email).status_code == 302
    assert second.get("/account/password").status_code == 200
    response = post_form(admin, f"/admin/users/{user_id}/active", {"active": "0"},
                         form_url=f"/admin/users/{user_id}")
    assert response.status_code == 302
    after = second.get("/account/password")
    assert after.status_code == 302 and "/login" in after.headers["Location"]
    # and cannot log in again: the same message as a wrong password
    again = login(second, email)
    assert again.status_code == 401 and "Sähköpostiosoite tai salasana on väärin." in text(again)
    assert storage.get_user(db, user_id)["active"] == 0


def test_a_reactivated_user_can_log_in_again(admin, second, db, users):
    user_id, email = users["expert"]
    storage.set_active(db, user_id, False)
    assert login(second, email).status_code == 401
    response = post_form(admin, f"/admin/users/{user_id}/active", {"active": "1"},
                         form_url=f"/admin/users/{user_id}")
    assert response.status_code == 302
    assert login(second, email).status_code == 302


def test_a_password_reset_by_the_admin_ends_sessions_and_sets_the_new_password(admin, app, second, db, users):
    user_id, email = users["social_worker"]
    assert login(second, email).status_code == 302
    response = post_form(admin, f"/admin/users/{user_id}/password", {"password": "temporary password 2"},
                         form_url=f"/admin/users/{user_id}")
    assert response.status_code == 302
    assert second.get("/account/password").status_code == 302
    third = app.test_client()
    assert login(third, email, PASSWORD).status_code == 401
    assert login(third, email, "temporary password 2").status_code == 302


def test_a_too_short_reset_password_is_refused_next_to_the_field(admin, db, users):
    user_id = users["social_worker"][0]
    before = storage.get_user(db, user_id)["password_hash"]
    response = post_form(admin, f"/admin/users/{user_id}/password", {"password": "short"},
                         form_url=f"/admin/users/{user_id}")
    assert response.status_code == 400
    assert 'id="password-error"' in text(response)
    assert storage.get_user(db, user_id)["password_hash"] == before


# --- own password ---------------------------------------------------------------

def test_changing_own_password_keeps_this_session_and_ends_the_others(app, client, second, users):
    email = users["expert"][1]
    assert login(client, email).status_code == 302
    assert login(second, email).status_code == 302
    response = post_form(client, "/account/password", {
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/account/password").status_code == 200
    assert second.get("/account/password").status_code == 302
    third = app.test_client()
    assert login(third, email, PASSWORD).status_code == 401
    assert login(third, email, NEW_PASSWORD).status_code == 302


def test_changing_own_password_writes_an_audit_line_with_ids_only(client, db, users):
    user_id, email = users["expert"]
    assert login(client, email).status_code == 302
    response = post_form(client, "/account/password", {
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    line = list(db.query("SELECT * FROM audit_log WHERE action = 'user.change_password'"))
    assert [(r["user_id"], r["detail"]) for r in line] == [(user_id, f"user {user_id}")]


def test_a_password_change_whose_audit_line_fails_is_not_stored(app, client, db, users, monkeypatch):
    user_id, email = users["expert"]
    before = storage.get_user(db, user_id)["password_hash"]
    assert login(client, email).status_code == 302
    page = client.get("/account/password")

    def broken_audit(*args, **kwargs):
        raise RuntimeError("the audit log is full")
    monkeypatch.setattr(storage, "write_audit", broken_audit)
    response = client.post("/account/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                                      "confirm": NEW_PASSWORD, "csrf_token": csrf_from(text(page))})
    assert response.status_code == 500
    assert storage.get_user(db, user_id)["password_hash"] == before


@pytest.mark.parametrize("data, message", [
    ({"current_password": "wrong password", "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
     "Nykyinen salasana on väärin."),
    ({"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": "something else"},
     "Salasanat eivät ole samat."),
    ({"current_password": PASSWORD, "new_password": "short", "confirm": "short"},
     "Salasanassa pitää olla 10–200 merkkiä."),
    ({"current_password": "", "new_password": "", "confirm": ""}, "Kirjoita nykyinen salasanasi."),
    # both mistakes are told in one go
    ({"current_password": "wrong password", "new_password": NEW_PASSWORD, "confirm": "something else"},
     "Nykyinen salasana on väärin."),
    ({"current_password": "wrong password", "new_password": NEW_PASSWORD, "confirm": "something else"},
     "Salasanat eivät ole samat."),
])
def test_a_refused_password_change_says_why_next_to_the_field(app, client, users, data, message):
    email = users["expert"][1]
    assert login(client, email).status_code == 302
    response = post_form(client, "/account/password", data)
    assert response.status_code == 200
    assert message in text(response)
    assert login(app.test_client(), email, PASSWORD).status_code == 302


# --- panels -------------------------------------------------------------------

def test_admin_creates_and_edits_a_panel(admin, db):
    response = post_form(admin, "/admin/panels/new", {
        "name": "Pohjois-Savon asiantuntijaryhmä", "area": "Pohjois-Savon hyvinvointialue",
        "case_code_prefix": "PS"})
    assert response.status_code == 302
    panel = storage.get_panel_by_name(db, "Pohjois-Savon asiantuntijaryhmä")
    assert (panel["area"], panel["case_code_prefix"]) == ("Pohjois-Savon hyvinvointialue", "PS")
    assert "Pohjois-Savon asiantuntijaryhmä" in text(admin.get("/admin/panels"))
    response = post_form(admin, f"/admin/panels/{panel['id']}", {
        "name": "Pohjois-Savon ryhmä", "area": "", "case_code_prefix": "PSA"})
    assert response.status_code == 302
    panel = storage.get_panel(db, panel["id"])
    assert (panel["name"], panel["area"], panel["case_code_prefix"]) == ("Pohjois-Savon ryhmä", "", "PSA")


@pytest.mark.parametrize("prefix", ["ks", "K-S", "TOOLONGX", "", "Ä"])
def test_a_bad_case_code_prefix_is_refused(admin, db, prefix):
    response = post_form(admin, "/admin/panels/new", {"name": "Ryhmä X", "case_code_prefix": prefix})
    assert response.status_code == 200
    assert 'id="case_code_prefix-error"' in text(response)
    assert storage.get_panel_by_name(db, "Ryhmä X") is None


def test_a_panel_name_must_be_unique(admin, db, panel_id):
    response = post_form(admin, "/admin/panels/new", {"name": "Testipaneeli", "case_code_prefix": "TT"})
    assert response.status_code == 200
    assert "Another panel already has this name." in text(response)
    assert len(storage.list_panels(db)) == 1


def test_an_unknown_panel_is_404(admin):
    assert admin.get("/admin/panels/99999").status_code == 404


# --- audit log ------------------------------------------------------------------

def test_the_audit_log_is_newest_first_paged_and_filtered_by_consultation(admin, db, users):
    admin_id = users["admin"][0]
    for i in range(1, 61):
        storage.write_audit(db, admin_id, f"test.event{i:02d}", consultation_id=7 if i % 2 else 8)
    first = text(admin.get("/admin/audit"))
    assert first.index("test.event60") < first.index("test.event59")
    assert "test.event11" in first and "test.event10" not in first  # 50 per page
    second_page = text(admin.get("/admin/audit?page=2"))
    assert "test.event10" in second_page and "test.event01" in second_page and "test.event60" not in second_page
    only_seven = text(admin.get("/admin/audit?consultation=7"))
    assert "test.event59" in only_seven and "test.event60" not in only_seven
    assert "30 events" in only_seven


@pytest.mark.parametrize("query", ["consultation=abc", "consultation=-3", "consultation=" + "9" * 50,
                                   "page=0", "page=-5", "page=abc", "page=" + "9" * 30])
def test_strange_audit_log_parameters_never_break_the_page(admin, query):
    assert admin.get(f"/admin/audit?{query}").status_code == 200


def test_admin_actions_are_written_to_the_audit_log(admin, db, users):
    user_id = users["expert"][0]
    post_form(admin, f"/admin/users/{user_id}/active", {"active": "0"}, form_url=f"/admin/users/{user_id}")
    line = list(db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1"))[0]
    assert (line["user_id"], line["action"], line["detail"]) == (users["admin"][0], "user.deactivate",
                                                                 f"user {user_id}")


def test_the_audit_log_speaks_the_admins_language_and_finds_a_case_code(admin, db, users, panel_id):
    from datetime import date, datetime

    from panel import storage as panel_storage
    start = datetime(2027, 1, 29, 9, 0)
    meeting_id = panel_storage.create_meeting(db, panel_id, start, start.replace(hour=11, minute=30), capacity=3)
    worker_id = users["social_worker"][0]
    consultation_id = panel_storage.book_consultation(
        db, meeting_id=meeting_id, social_worker_id=worker_id, created_by=worker_id, child_age=9,
        background="Tausta.", questions=["Mitä tehdään?"], today=date(2026, 11, 1), closes_days_before=14)
    case_code = panel_storage.get_consultation(db, consultation_id)["case_code"]
    storage.write_audit(db, users["admin"][0], "views.panel_read", consultation_id=consultation_id)
    storage.write_audit(db, users["admin"][0], "user.create", detail="user 1")
    admin.get("/language/fi")
    page = text(admin.get(f"/admin/audit?consultation={case_code.lower()}"))
    assert "Näkemykset luettu asiantuntijaryhmälle" in page and case_code in page
    assert "Käyttäjä lisätty" not in page  # only that consultation's events
    assert "views.panel_read" in page  # the code stays beside the words
