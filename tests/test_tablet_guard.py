"""The shared tablet session guard (web/tablet_guard.py) on its own: a small app
with one guarded blueprint ("kiosk"), a staff blueprint ("desk") and sessions kept
in a dict, so that each rule is seen apart from both modes that use it (the
modes' own tests: test_tablet.py, test_survey_tablet.py, test_routes_access.py)."""
import time

import pytest
from flask import Blueprint, Flask, g, make_response, redirect
from flask_login import LoginManager

import db as database
from web.tablet_guard import TabletGuard

COOKIE = "kiosk_cookie"
IDLE_LIMIT = 10


def hash_token(token):
    return "hashed:" + token


class Sessions:
    """The lookup and touch functions a mode gives the guard, over a dict."""

    def __init__(self):
        self.rows = {}

    def add(self, token, quiet_for=0, lang="sv"):
        self.rows[hash_token(token)] = {"id": len(self.rows) + 1, "lang": lang, "last_seen": time.time() - quiet_for}

    def find(self, db, token_hash, now, max_quiet):
        row = self.rows.get(token_hash)
        if row is None or row["last_seen"] + max_quiet < now:
            self.rows.pop(token_hash, None)  # a quiet session ends in the lookup
            return None
        return row

    def touch(self, db, session_id, now):
        for row in self.rows.values():
            if row["id"] == session_id:
                row["last_seen"] = now


@pytest.fixture
def sessions():
    return Sessions()


@pytest.fixture
def guard(sessions):
    return TabletGuard(name="kiosk", cookie=COOKIE, blueprint="kiosk", find=sessions.find, touch=sessions.touch,
                       hash_token=hash_token, refused_template="refused.html", start_endpoint="kiosk.start",
                       open_endpoints=("static", "desk.open"), no_store_blueprints=("desk_codes",),
                       quiet_seconds=lambda: IDLE_LIMIT)


@pytest.fixture
def app(tmp_path, guard):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "refused.html").write_text("not on the kiosk")
    app = Flask(__name__, template_folder=str(tmp_path / "templates"))
    app.config.update(SECRET_KEY="test", DATABASE=str(tmp_path / "guard.sqlite"), DATABASE_SYNCHRONOUS="OFF",
                      SESSION_COOKIE_SECURE=True)
    database.init_app(app)
    LoginManager(app).user_loader(lambda user_id: None)
    kiosk, desk, desk_codes = Blueprint("kiosk", __name__), Blueprint("desk", __name__), Blueprint("desk_codes", __name__)
    kiosk.add_url_rule("/k", "start", lambda: "start")
    kiosk.add_url_rule("/k/screen", "screen",
                       lambda: f"screen {guard.require(touch=True)['id']} in {g.forced_locale}")
    kiosk.add_url_rule("/k/begin", "begin", lambda: guard.begin(database.get_db(), redirect("/k/screen"), "new-token"))
    kiosk.add_url_rule("/k/forget", "forget", lambda: guard.forget(make_response("bye")))
    kiosk.add_url_rule("/k/still-here", "still_here", guard.still_here, methods=["POST"])
    desk.add_url_rule("/desk", "home", lambda: "staff home")
    desk.add_url_rule("/desk/open", "open", lambda: f"open, session loaded: {guard.current() is not None}")
    desk_codes.add_url_rule("/desk/codes", "codes", lambda: "the codes")
    for blueprint in (kiosk, desk, desk_codes):
        app.register_blueprint(blueprint)
    guard.init_app(app)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def on_kiosk(client, sessions):
    """A browser holding a live kiosk session."""
    sessions.add("live-token")
    client.set_cookie(COOKIE, "live-token")
    return client


def set_cookie_header(response):
    [header] = [v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith(COOKIE + "=")]
    return header


def test_a_live_session_is_refused_outside_its_own_blueprint(on_kiosk):
    for path in ("/desk", "/desk/codes"):
        response = on_kiosk.get(path)
        assert response.status_code == 403 and response.get_data(as_text=True) == "not on the kiosk", path
    assert on_kiosk.get("/k/screen").get_data(as_text=True) == "screen 1 in sv"  # its own, in its language


def test_open_endpoints_neither_load_nor_refuse_a_session(on_kiosk):
    response = on_kiosk.get("/desk/open")
    assert response.status_code == 200 and response.get_data(as_text=True) == "open, session loaded: False"


def test_a_browser_without_a_session_is_sent_to_the_start_from_the_modes_screens(client):
    response = client.get("/k/screen")
    assert response.status_code == 302 and response.headers["Location"] == "/k"
    assert client.get("/desk").status_code == 200  # and the staff's pages are its own


def test_a_session_quiet_past_the_idle_limit_ends_and_its_cookie_goes(client, sessions):
    sessions.add("quiet-token", quiet_for=IDLE_LIMIT + 1)
    client.set_cookie(COOKIE, "quiet-token")
    response = client.get("/k/screen")
    assert response.status_code == 302 and response.headers["Location"] == "/k"
    assert set_cookie_header(response).startswith(f"{COOKIE}=;") and sessions.rows == {}
    assert client.get("/desk").status_code == 200  # no longer held in the kiosk


def test_a_session_quiet_within_the_idle_limit_goes_on_and_is_touched(client, sessions):
    sessions.add("resting-token", quiet_for=IDLE_LIMIT - 1)
    client.set_cookie(COOKIE, "resting-token")
    assert client.get("/k/screen").status_code == 200
    assert time.time() - sessions.rows[hash_token("resting-token")]["last_seen"] < IDLE_LIMIT - 1


@pytest.mark.parametrize("path, cached", [("/k", False), ("/desk/codes", False), ("/desk", True)])
def test_the_modes_pages_are_never_cached_and_staff_pages_keep_their_own_rule(client, path, cached):
    response = client.get(path)
    assert response.status_code == 200
    assert ("Cache-Control" not in response.headers) is cached
    if not cached:
        assert response.headers["Cache-Control"] == "no-store, max-age=0" and response.headers["Pragma"] == "no-cache"


def test_everything_answered_during_a_session_is_never_cached(on_kiosk):
    response = on_kiosk.get("/desk")  # the refusal too
    assert response.status_code == 403 and response.headers["Cache-Control"] == "no-store, max-age=0"


def test_the_start_sets_a_strict_cookie_and_clears_cache_and_storage_but_not_cookies(client):
    response = client.get("/k/begin")
    cookie = set_cookie_header(response)
    assert cookie.startswith(f"{COOKIE}=new-token;")
    assert {"HttpOnly", "SameSite=Strict", "Path=/", "Secure"} <= {part.strip() for part in cookie.split(";")}
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


def test_the_cookie_is_not_secure_where_the_staff_cookie_is_not(app, client):
    app.config["SESSION_COOKIE_SECURE"] = False
    assert "Secure" not in set_cookie_header(client.get("/k/begin"))


def test_the_hand_back_forgets_cache_cookies_and_storage_and_deletes_the_cookie(on_kiosk):
    response = on_kiosk.get("/k/forget")
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    cookie = set_cookie_header(response)
    assert cookie.startswith(f"{COOKIE}=;") and "SameSite=Strict" in cookie and "HttpOnly" in cookie


def test_still_here_touches_a_live_session_and_answers_410_once_it_has_ended(client, sessions, on_kiosk):
    sessions.rows[hash_token("live-token")]["last_seen"] -= IDLE_LIMIT - 1
    assert on_kiosk.post("/k/still-here").get_json() == {"active": True}
    assert time.time() - sessions.rows[hash_token("live-token")]["last_seen"] < IDLE_LIMIT - 1
    on_kiosk.delete_cookie(COOKIE)
    response = on_kiosk.post("/k/still-here")
    assert response.status_code == 410 and response.get_json() == {"active": False}
