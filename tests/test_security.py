"""CSRF, security headers and cookies."""
import pytest

from app import create_app
from tests.conftest import PASSWORD, csrf_from, login


def test_a_form_posted_without_a_csrf_token_is_refused_with_the_400_page(client, users):
    response = client.post("/login", data={"email": users["expert"][1], "password": PASSWORD})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Pyyntöä ei voitu käsitellä" in html
    assert client.get("/account/password").status_code == 302  # not logged in


def test_a_form_posted_with_a_wrong_csrf_token_is_refused(client, users):
    response = client.post("/login", data={"email": users["expert"][1], "password": PASSWORD,
                                           "csrf_token": "forged"})
    assert response.status_code == 400


def test_logout_without_a_token_is_refused_and_the_session_stays(client, users):
    login(client, users["expert"][1])
    assert client.post("/logout").status_code == 400
    assert client.get("/account/password").status_code == 200


def test_admin_actions_without_a_token_are_refused(app, client, db, users):
    login(client, users["admin"][1])
    response = client.post(f"/admin/users/{users['expert'][0]}/active", data={"active": "0"})
    assert response.status_code == 400
    assert db["users"].get(users["expert"][0])["active"] == 1


def test_a_token_from_another_session_is_refused(app, client, users):
    other = app.test_client()
    token = csrf_from(other.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": users["expert"][1], "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/login", "/accessibility", "/no-such-page"])
def test_security_headers_are_sent_on_every_page(client, url):
    headers = client.get(url, base_url="https://localhost").headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"


def test_hsts_is_sent_behind_a_tls_proxy(client):
    headers = client.get("/login", headers={"X-Forwarded-Proto": "https"}).headers
    assert "Strict-Transport-Security" in headers


def test_pages_have_no_inline_scripts_or_style_attributes(client, users):
    login(client, users["admin"][1])
    for url in ["/admin/users", "/admin/users/new", f"/admin/users/{users['expert'][0]}", "/admin/panels",
                "/admin/audit", "/account/password", "/accessibility", "/privacy"]:
        html = client.get(url).get_data(as_text=True)
        assert "style=" not in html and "<script>" not in html and " onclick=" not in html, url


def session_cookie(response):
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, response.headers
    return cookies[0]


def test_the_session_cookie_is_httponly_samesite_lax_and_secure(tmp_path, users):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "s.sqlite"), "SECRET_KEY": "k",
                      "SESSION_COOKIE_SECURE": True})
    from db import connect, migrate
    migrate(connect(app.config["DATABASE"]))
    cookie = session_cookie(app.test_client().get("/login", base_url="https://localhost"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_secure_is_the_default_outside_development(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "DATABASE": str(tmp_path / "d.sqlite")})
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_without_secure_the_cookie_is_still_httponly_and_lax(client):
    cookie = session_cookie(client.get("/login"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_a_login_redirect_never_leaves_the_site(client, users):
    page = client.get("/login?next=https://evil.example/")
    response = client.post("/login?next=https://evil.example/", data={
        "email": users["expert"][1], "password": PASSWORD, "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert response.status_code == 302 and "evil.example" not in response.headers["Location"]


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:x"])
def test_the_language_switch_never_redirects_off_the_site(client, target):
    response = client.get("/language/sv", query_string={"next": target})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil.example" not in location and not location.startswith("javascript")


def test_behind_a_proxy_the_login_limit_counts_the_real_address(tmp_path, users):
    from db import connect, migrate
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "p.sqlite"), "SECRET_KEY": "k",
                      "SESSION_COOKIE_SECURE": False, "WTF_CSRF_ENABLED": False, "PROXY_HOPS": 1})
    db = connect(app.config["DATABASE"])
    migrate(db)
    client = app.test_client()
    client.post("/login", data={"email": "x@example.fi", "password": "wrong password"},
                headers={"X-Forwarded-For": "203.0.113.50"}, environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert [r["address"] for r in db["throttle_attempts"].rows] == ["203.0.113.50"]


def test_without_a_proxy_setting_forwarded_headers_are_not_trusted(app, client, db):
    client.post("/login", data={"email": "x@example.fi", "password": "wrong password",
                                "csrf_token": csrf_from(client.get("/login").get_data(as_text=True))},
                headers={"X-Forwarded-For": "203.0.113.50"})
    assert [r["address"] for r in db["throttle_attempts"].rows] == ["127.0.0.1"]
