"""The session cookie opened once per process (web/session_cookie.py): a remembered cookie is
still refused when its signature is wrong or it is too old, a flashed message is never kept
in the remembered copy, and a new secret key forgets what the old one opened."""
import time

import pytest

from flask import flash, get_flashed_messages, session

from tests.test_sessions import STAFF_PAGE as PAGE
from tests.test_sessions import copied_cookie as cookie_of
from tests.test_sessions import other_browser
from web.session_cookie import RememberingSessionInterface


def test_the_app_opens_its_cookies_with_the_remembering_interface(app):
    assert isinstance(app.session_interface, RememberingSessionInterface)


def test_a_remembered_cookie_opens_the_same_session_and_a_changed_one_opens_none(app, client, login_as):
    login_as("social_worker")
    client.get(PAGE)  # shows and so removes the login's flashed message: the cookie changes
    assert client.get(PAGE).status_code == 200
    cookie = cookie_of(client)
    assert cookie in app.session_interface._opened
    assert other_browser(app, cookie).get(PAGE).status_code == 200
    payload, _, signature = cookie.rpartition(".")
    forged = payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    refused = other_browser(app, forged).get(PAGE)
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]
    assert forged not in app.session_interface._opened


def test_a_remembered_cookie_that_grew_too_old_is_refused(app, client, login_as, monkeypatch):
    login_as("social_worker")
    client.get(PAGE)
    cookie = cookie_of(client)
    assert client.get(PAGE).status_code == 200 and cookie in app.session_interface._opened
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 5
    monkeypatch.setattr("web.session_cookie.time.time", lambda: later)
    refused = other_browser(app, cookie).get(PAGE)
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]


def test_a_request_changing_its_session_does_not_change_the_remembered_copy(app):
    @app.get("/test/flash-once")
    def flash_once():
        flash("once")
        return "ok"

    @app.get("/test/flashes")
    def flashes():
        return ",".join(get_flashed_messages())

    @app.get("/test/set")
    def set_value():
        session["seen"] = "yes"
        return "ok"

    @app.get("/test/value")
    def value():
        session["seen"] = session.get("seen", "") + "+"  # changed in this request only
        return session["seen"]

    client = app.test_client()
    client.get("/test/set")
    plain = cookie_of(client)
    assert other_browser(app, plain).get("/test/value").get_data(as_text=True) == "yes+"
    assert other_browser(app, plain).get("/test/value").get_data(as_text=True) == "yes+"
    assert plain in app.session_interface._opened

    client.get("/test/flash-once")
    with_flash = cookie_of(client)
    for _ in range(2):  # each browser holding that cookie sees the message once, as before
        assert other_browser(app, with_flash).get("/test/flashes").get_data(as_text=True) == "once"
    assert with_flash not in app.session_interface._opened  # a list inside: never kept


def test_a_new_secret_key_forgets_what_the_old_one_opened(app, client, login_as):
    login_as("social_worker")
    cookie = cookie_of(client)
    assert client.get(PAGE).status_code == 200
    serializer = app.session_interface._serializers.copy()
    app.secret_key = "another-secret"
    refused = other_browser(app, cookie).get(PAGE)
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]
    assert cookie not in app.session_interface._opened
    assert app.session_interface._serializers.keys() != serializer.keys()


def test_the_serializer_is_made_once_per_set_of_keys(app, client, login_as):
    login_as("social_worker")
    first = app.session_interface.get_signing_serializer(app)
    client.get(PAGE)
    assert app.session_interface.get_signing_serializer(app) is first


def test_a_cookie_signed_with_a_fallback_key_still_opens(app, client, login_as):
    login_as("social_worker")
    client.get(PAGE)
    cookie = cookie_of(client)
    app.config["SECRET_KEY_FALLBACKS"] = [app.secret_key]
    app.secret_key = "the-new-secret"
    assert other_browser(app, cookie).get(PAGE).status_code == 200


def test_the_cookie_header_is_parsed_once_per_text_and_shared_unchangeable(app):
    from werkzeug.sansio.http import parse_cookie

    from web.nul_free import NulFreeRequest
    assert issubclass(app.request_class, NulFreeRequest)  # form values still lose their NULs
    header = 'session=abc.def; kuulluksi_tablet=t0k3n; quoted="a b"; session=second'
    with app.test_request_context("/", headers={"Cookie": header}) as first:
        cookies = first.request.cookies
    with app.test_request_context("/", headers={"Cookie": header}) as second:
        assert second.request.cookies is cookies
    with app.test_request_context("/", headers={"Cookie": "session=other"}) as third:
        assert third.request.cookies["session"] == "other"
    assert list(cookies.items(multi=True)) == list(parse_cookie(header).items(multi=True))
    with pytest.raises(TypeError):
        cookies["session"] = "forged"
