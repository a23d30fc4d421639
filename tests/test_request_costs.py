"""What every request costs, and the survey submit (bench/RESULTS.md, "survey submit"):
the logged-in user is read in one statement, a submit runs no statement it does not
need, the security headers are made once per process and stay Talisman's own, and
`create_app` does not load numpy. Statements are counted, not timed."""
import re
import time

import flask_talisman
import pytest
from flask import request
from werkzeug.datastructures import Headers

from accounts import storage as accounts_storage
from tests.conftest import csrf_from, fresh_python, trace_requests
from tests.test_survey_pages import app, opened  # noqa: F401  (fixtures)
from web.security import talisman



@pytest.fixture
def statements(monkeypatch):
    """Every SQL statement the app's requests run from now on, in order."""
    return trace_requests(monkeypatch, [])


def queries(statements):
    return [s for s in statements if not s.lstrip().upper().startswith("PRAGMA")]


# ---- the logged-in user ------------------------------------------------------------------------

def test_a_logged_in_page_reads_its_user_in_one_statement(client, login_as, statements):
    login_as("expert")
    client.get("/healthz")  # the first page after the login stores the user's language for emails
    statements.clear()
    assert client.get("/healthz").status_code == 200
    user_read, page_read = queries(statements)
    assert "FROM users u" in user_read and "login_sessions" in user_read and page_read == "SELECT 1"


def test_the_live_login_has_the_users_roles_and_panels_in_order(db, panel_id, other_panel_id):
    from tests.conftest import make_user
    user_id = make_user(db, "kaksi@example.fi", ["expert", "coordinator"], [other_panel_id, panel_id])
    accounts_storage.start_login_session(db, user_id, "hash", time.time(), 3600)
    row = accounts_storage.get_live_login(db, user_id, "hash", time.time() - 3600)
    full = accounts_storage.get_user(db, user_id)
    assert {key: row[key] for key in ("id", "email", "name", "active", "session_epoch", "roles", "panel_ids",
                                      "panel_names")} == {key: full[key] for key in row if key != "live"}
    assert row["roles"] == ["coordinator", "expert"] and row["panel_ids"] == sorted([panel_id, other_panel_id])
    assert row["live"] is True
    assert accounts_storage.get_live_login(db, user_id, "other", time.time() - 3600)["live"] is False
    assert accounts_storage.get_live_login(db, user_id, "hash", time.time() + 1)["live"] is False


def test_a_user_without_roles_or_panels_has_empty_lists(db):
    from tests.conftest import make_user
    user_id = make_user(db, "tyhja@example.fi", [], [])
    row = accounts_storage.get_live_login(db, user_id, "none", 0)
    assert (row["roles"], row["panel_ids"], row["panel_names"], row["live"]) == ([], [], [], False)
    assert accounts_storage.get_live_login(db, user_id + 1, "none", 0) is None


def test_a_login_ends_when_its_row_goes(client, db, login_as):
    login_as("expert")
    assert client.get("/feedback/requests").status_code == 200
    db.execute("DELETE FROM login_sessions")
    assert client.get("/feedback/requests").status_code == 302


# ---- the survey submit ---------------------------------------------------------------------------

def opened_version(db, opened):
    return db.execute("SELECT version_id FROM survey_requests WHERE id = ?", [opened["expert"]]).fetchone()[0]


def test_a_submit_stores_the_response_in_one_transaction_without_reading_the_request_again(
        client, db, opened, login_as, statements):
    login_as("expert")
    token = csrf_from(client.get(f"/feedback/requests/{opened['expert']}").get_data(as_text=True))
    statements.clear()
    response = client.post(f"/feedback/requests/{opened['expert']}",
                           data={"csrf_token": token, "q-works_well-choice": "4", "q-competence-choice": "5"})
    assert response.status_code == 302
    # the version's definition alone (built once per process); its texts are read only to show the page
    assert [s for s in statements if "questionnaire_versions" in s] == \
        [f"SELECT definition FROM questionnaire_versions WHERE id = {opened_version(db, opened)}"]
    used = next(i for i, s in enumerate(statements) if s.startswith("UPDATE survey_requests SET used = 1"))
    assert statements[used - 1] == "BEGIN IMMEDIATE" and "RETURNING" in statements[used]
    inside = statements[used:statements.index("COMMIT", used)]
    assert not any(s.startswith("SELECT") for s in inside)
    assert sum(s.startswith("INSERT INTO survey_answers") for s in inside) == 2
    request_row = db.execute("SELECT panel_id, survey_id, version_id, respondent_group, used FROM survey_requests "
                             "WHERE id = ?", [opened["expert"]]).fetchone()
    assert db.execute("SELECT panel_id, survey_id, version_id, respondent_group, period FROM survey_responses"
                      ).fetchall() == [request_row[:4] + ("2027-02",)]
    assert request_row[4] == 1


# ---- the security headers ------------------------------------------------------------------------

def talismans_own(app, **environ):
    """The headers flask-talisman itself makes for a request (its per-request path)."""
    with app.test_request_context("/login", **environ):
        sink = type("Sink", (), {"headers": Headers()})()
        flask_talisman.Talisman._set_response_headers(talisman, sink)
        return dict(sink.headers)


@pytest.mark.parametrize("environ", [{}, {"base_url": "https://localhost"},
                                     {"headers": {"X-Forwarded-Proto": "https"}}])
def test_the_headers_made_once_are_talismans_own(app, client, environ):
    client.get("/login")  # the plain-HTTP set is made first
    client.get("/login", base_url="https://localhost")
    sent = client.get("/login", **environ).headers
    own = talismans_own(app, **environ)
    assert own and {name: sent.get(name) for name in own} == own
    assert ("Strict-Transport-Security" in own) == bool(environ)


def test_a_view_with_its_own_talisman_options_gets_them(app, client):
    @app.get("/framed-for-test")
    @talisman(frame_options="SAMEORIGIN")
    def framed():
        return request.path
    assert client.get("/framed-for-test").headers["X-Frame-Options"] == "SAMEORIGIN"
    assert client.get("/login").headers["X-Frame-Options"] == "DENY"


# ---- start-up ------------------------------------------------------------------------------------

def test_create_app_loads_no_numpy_and_numpy_still_imports_afterwards(tmp_path):
    """numpy (for the charts), Pillow (drawings), filetype (documents) and argon2 (passwords)
    load when first used, not at every start."""
    script = ("import sys, app\n"
              f"app.create_app({{'DATABASE': {str(tmp_path / 'x.sqlite')!r}, 'SECRET_KEY': 'x'}})\n"
              "import sqlite_utils\n"
              "loaded = [m for m in ('numpy', 'PIL', 'filetype', 'argon2', 'matplotlib') if m in sys.modules]\n"
              "assert not loaded, loaded\n"
              "import numpy\n"
              "print(numpy.int64(3) + 1)\n")
    assert fresh_python(script) == "4"


# ---- the page language ---------------------------------------------------------------------------

@pytest.mark.parametrize("header, lang", [("sv-FI,sv;q=0.9", "sv"), ("en-GB,en;q=0.5,fi;q=0.4", "en"),
                                          ("de", "fi"), ("", "fi"), ("fi;q=0.1,sv;q=0.9", "sv")])
def test_the_browsers_language_is_matched_on_every_request(client, header, lang):
    for _ in range(2):  # the second answer comes from what was remembered
        for other, expected in ((header, lang), ("en", "en"), (header, lang)):
            html = client.get("/login", headers={"Accept-Language": other}).get_data(as_text=True)
            assert f'<html lang="{expected}">' in html


def test_the_switchers_choice_goes_before_the_browsers(client):
    client.get("/language/sv")
    assert '<html lang="sv">' in client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_pillow_refuses_pictures_larger_than_the_canvas_once_a_drawing_is_read():
    from participation import drawings
    drawings.clean_png(b"not a png at all, but long enough to be looked at")
    assert drawings.clean_png(drawings.PNG_SIGNATURE + b"x" * 40) == (None, drawings.NOT_PNG)
    from PIL import Image
    drawings._pillow()
    assert Image.MAX_IMAGE_PIXELS == drawings.CANVAS_WIDTH * drawings.CANVAS_HEIGHT


# ---- the header's and footer's links, made once per process ------------------------------------

def nav_hrefs(html):
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return [(href, text) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)]


def test_the_remembered_nav_links_follow_the_language(client, login_as):
    login_as("coordinator")
    fi = nav_hrefs(client.get("/meetings", headers={"Accept-Language": "fi"}).get_data(as_text=True))
    client.get("/language/sv")
    sv = nav_hrefs(client.get("/meetings").get_data(as_text=True))
    assert ("/meetings", "Kokoukset") in fi and ("/meetings", "Sammanträden") in sv


def test_the_remembered_nav_links_follow_the_users_roles(client, db, login_as, users):
    login_as("coordinator")
    before = [href for href, _ in nav_hrefs(client.get("/meetings").get_data(as_text=True))]
    assert "/statements" in before and "/consultations/mine" not in before
    db.execute("INSERT INTO user_roles (user_id, role) VALUES (?, 'social_worker')", [users["coordinator"][0]])
    after = [href for href, _ in nav_hrefs(client.get("/meetings").get_data(as_text=True))]
    assert "/statements" in after and "/consultations/mine" in after


def test_the_remembered_addresses_follow_the_script_root(client):
    plain = client.get("/login").get_data(as_text=True)
    mounted = client.get("/login", environ_overrides={"SCRIPT_NAME": "/kuulluksi"}).get_data(as_text=True)
    assert 'href="/static/css/app.css"' in plain and 'href="/accessibility"' in plain
    assert 'href="/kuulluksi/static/css/app.css"' in mounted and 'href="/kuulluksi/accessibility"' in mounted
    assert 'href="/static/css/app.css"' in client.get("/login").get_data(as_text=True)


# ---- the login page's clean-up of old attempts ----------------------------------------------------

def test_the_login_page_takes_no_write_lock_when_no_attempt_is_old(client, db, statements):
    db.execute("INSERT INTO throttle_attempts (scope, account, address, network, at) "
               "VALUES ('login', 'a@example.fi', '10.0.0.1', '10.0.0.0/24', ?)", [time.time()])
    assert client.get("/login").status_code == 200
    assert not [s for s in statements if s.startswith(("BEGIN", "DELETE"))]
    assert db.execute("SELECT count(*) FROM throttle_attempts").fetchone()[0] == 1


def test_the_login_page_still_deletes_an_attempt_out_of_its_window(client, db, statements):
    db.execute("INSERT INTO throttle_attempts (scope, account, address, network, at) "
               "VALUES ('login', 'a@example.fi', '10.0.0.1', '10.0.0.0/24', ?)", [time.time() - 2 * 24 * 3600])
    assert client.get("/login").status_code == 200
    assert "BEGIN IMMEDIATE" in statements
    assert db.execute("SELECT count(*) FROM throttle_attempts").fetchone()[0] == 0
