"""Error pages in the user's language, and no input that gives a 500."""
import pytest
from flask import abort

from app import create_app
from db import connect, migrate
from tests import dom
from tests.conftest import csrf_from, login

TITLES = {
    400: {"fi": "Pyyntöä ei voitu käsitellä", "sv": "Begäran kunde inte behandlas",
          "en": "The request could not be understood"},
    403: {"fi": "Sinulla ei ole pääsyä tälle sivulle", "sv": "Du har inte åtkomst till den här sidan",
          "en": "You do not have access to this page"},
    404: {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"},
    413: {"fi": "Tiedosto on liian suuri", "sv": "Filen är för stor", "en": "The file is too large"},
    500: {"fi": "Jokin meni vikaan", "sv": "Något gick fel", "en": "Something went wrong"},
}


@pytest.fixture
def error_app(tmp_path):
    """An app with test-only routes that fail on purpose (never in production code)."""
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "e.sqlite"), "SECRET_KEY": "k",
                      "SESSION_COOKIE_SECURE": False, "MAX_CONTENT_LENGTH": 1000})
    migrate(connect(app.config["DATABASE"]))

    @app.get("/test-only/abort/<int:code>")
    def abort_with(code):
        abort(code)

    @app.get("/test-only/crash")
    def crash():
        raise RuntimeError("boom")

    return app


def get_error(client, code, lang):
    headers = {"Accept-Language": lang}
    if code == 413:
        token = csrf_from(client.get("/login", headers=headers).get_data(as_text=True))
        return client.post("/login", headers=headers, data={"csrf_token": token, "email": "x" * 5000})
    if code == 500:
        return client.get("/test-only/crash", headers=headers)
    return client.get(f"/test-only/abort/{code}", headers=headers)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("code", sorted(TITLES))
def test_error_pages_speak_the_users_language(error_app, code, lang):
    response = get_error(error_app.test_client(), code, lang)
    html = response.get_data(as_text=True)
    assert response.status_code == code
    assert dom.html_lang(html) == lang
    assert TITLES[code][lang] in html
    assert "Traceback" not in html and "boom" not in html


def test_the_chosen_language_beats_the_browsers_on_error_pages(error_app):
    client = error_app.test_client()
    client.get("/language/sv")
    response = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert response.status_code == 404 and "Sidan hittades inte" in response.get_data(as_text=True)


def test_a_crash_is_logged(error_app, caplog):
    error_app.test_client().get("/test-only/crash")
    assert any("boom" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_the_error_page_still_answers_when_the_database_is_gone(error_app, tmp_path):
    error_app.config["DATABASE"] = str(tmp_path / "missing" / "x.sqlite")
    client = error_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1.0"
    response = client.get("/test-only/crash")
    assert response.status_code == 500
    assert "Jokin meni vikaan" in response.get_data(as_text=True)


# --- nothing a user sends gives a 500 ------------------------------------------------

@pytest.mark.parametrize("code", ["xx", "../../etc", "fi-FI", "<script>", "%00", "ä" * 300])
def test_a_garbage_language_code_is_ignored(client, code):
    response = client.get(f"/language/{code}")
    assert response.status_code in (302, 404)
    assert client.get("/login").status_code == 200


@pytest.mark.parametrize("header", ["", "*", "xx-YY;q=abc", "fi;q=0.1,sv;q=0.9", ";;;,,,", "ä" * 2000])
def test_a_strange_accept_language_header_is_fine(client, header):
    response = client.get("/login", headers={"Accept-Language": header})
    assert response.status_code == 200


def test_an_overlong_email_gives_a_message_next_to_the_field(client, db):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"csrf_token": token, "email": "a" * 300 + "@example.fi",
                                           "password": "whatever password"})
    assert response.status_code == 200
    assert "Sähköpostiosoitteessa voi olla enintään 254 merkkiä." in response.get_data(as_text=True)
    assert db["throttle_attempts"].count == 0


@pytest.mark.parametrize("email", ["nul\x00@example.fi", "'; DROP TABLE users; --", "ä@ö.fi", " ", "@"])
def test_odd_emails_are_just_wrong(client, users, email):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"csrf_token": token, "email": email, "password": "x"})
    assert response.status_code in (200, 401)


def test_non_utf8_form_data_does_not_break_the_login(client):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    body = b"csrf_token=" + token.encode() + b"&email=%FF%FE%C3%28&password=%80abc"
    response = client.post("/login", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 400, 401)


def test_non_utf8_multipart_data_does_not_break_the_login(client):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    boundary = "XyZ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n").encode() + \
        b"\xff\xfe\xfd@example.fi\r\n" + f"--{boundary}--\r\n".encode()
    response = client.post("/login", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code in (200, 400, 401)


def test_non_utf8_admin_form_data_does_not_break_the_page(client, users):
    login(client, users["admin"][1])
    token = csrf_from(client.get("/admin/users/new").get_data(as_text=True))
    body = b"csrf_token=" + token.encode() + b"&name=%FF%FE&email=%C3%28@x.fi&roles=%FF&panels=%FF&password=%80" * 1
    response = client.post("/admin/users/new", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200


def test_a_tampered_session_cookie_is_just_ignored(client):
    client.set_cookie("session", "garbage.not.a.signed.cookie")
    assert client.get("/login").status_code == 200
    assert client.get("/account/password").status_code == 302


@pytest.mark.parametrize("user_id", ["", "x", "1", "1.x", "999.0", "1.2.3", None])
def test_a_strange_user_id_in_the_session_means_logged_out(client, users, user_id):
    with client.session_transaction() as session:
        session["_user_id"] = user_id
    response = client.get("/account/password")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
