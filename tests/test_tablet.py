"""Tablet mode (issue 5): codes, the start page, the tablet session and its
walls, saving, idle end, hand-back, the worker's status. Browser tests are in
tests/browser/test_tablet*.py."""
import re
import time
from urllib.parse import unquote, urlsplit

import pytest
from flask import template_rendered

from accounts.storage import list_audit
from participation import questionnaires, tablet_codes, wording
from participation import storage as views_storage
from participation import tablet_storage
from participation.tablet_session import TABLET_COOKIE
from tests import dom
from tests.conftest import csrf_from, make_user

SECRET = "test-secret"  # tests.conftest's SECRET_KEY


# ---- arranging ---------------------------------------------------------------

def make_consultation(db, panel_id, social_worker_id, child_age=9, case_code=None):
    case_code = case_code or f"KS-T-{time.time_ns() % 10**12}"
    return db["consultations"].insert({
        "panel_id": panel_id, "case_code": case_code, "social_worker_id": social_worker_id,
        "child_age": child_age, "created_by": social_worker_id}).last_pk


def make_views(db, consultation_id, band="7-12"):
    definition = questionnaires.definition_for(band)
    return views_storage.create_views(db, consultation_id, band,
                                      texts=wording.texts_for(questionnaires.wording_keys(definition)))


def make_code(db, consultation_id, views_id, user_id, ttl=24 * 3600, now=None, secret=SECRET):
    """A code stored the way the app stores it; returns (plain code, code id)."""
    code = tablet_codes.new_code()
    code_id = tablet_storage.create_code(db, tablet_codes.hash_code(secret, code), consultation_id, views_id,
                                         user_id, time.time() if now is None else now, ttl)
    return code, code_id


def start_tablet(client, code, lang="fi"):
    page = client.get("/t")
    return client.post("/t", data={"code": code, "lang": lang, "csrf_token": csrf_from(page.get_data(as_text=True))})


def tablet_csrf(client, step=0):
    return csrf_from(client.get(f"/t/s/{step}").get_data(as_text=True))


@pytest.fixture
def case(db, users, panel_id):
    """A consultation of the social worker with one 7–12 child's views record."""
    worker_id = users["social_worker"][0]
    consultation_id = make_consultation(db, panel_id, worker_id)
    views_id = make_views(db, consultation_id)
    return {"consultation_id": consultation_id, "views_id": views_id, "worker_id": worker_id}


@pytest.fixture
def started(client, db, case):
    """A client holding a live tablet session on `case`."""
    code, code_id = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    response = start_tablet(client, code)
    assert response.status_code == 302, response.get_data(as_text=True)
    return dict(case, code=code, code_id=code_id)


# ---- codes (pure) ------------------------------------------------------------

def test_the_alphabet_has_no_look_alikes():
    for ch in "0O1lIL":
        assert ch not in tablet_codes.ALPHABET
    assert len(set(tablet_codes.ALPHABET)) == len(tablet_codes.ALPHABET) == 31


def test_new_codes_are_random_from_the_alphabet():
    codes = {tablet_codes.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 8 and set(c) <= set(tablet_codes.ALPHABET) for c in codes)


@pytest.mark.parametrize("typed, expected", [
    ("ABCD-EFGH", "ABCDEFGH"), ("abcd efgh", "ABCDEFGH"), (" abcdefgh ", "ABCDEFGH"),
    ("ABCD-EFG", None), ("ABCD-EFGHJ", None), ("ABCD-EFG0", None), ("ABCD-EFGI", None), ("", None),
    (None, None), ("ABCD<EFG", None)])
def test_typed_codes_are_normalised(typed, expected):
    assert tablet_codes.normalise(typed) == expected


def test_code_hash_is_keyed_and_reveals_nothing():
    h = tablet_codes.hash_code("key-1", "ABCDEFGH")
    assert h == tablet_codes.hash_code("key-1", "ABCDEFGH")
    assert h != tablet_codes.hash_code("key-2", "ABCDEFGH")
    assert h != tablet_codes.hash_code("key-1", "ABCDEFGJ")
    assert "ABCD" not in h.upper() and len(h) == 64
    assert tablet_codes.display("ABCDEFGH") == "ABCD-EFGH"


# ---- the worker makes and cancels a code ------------------------------------------

def test_worker_makes_a_code_shown_large_with_a_qr_and_stored_only_hashed(client, db, case, login_as):
    login_as("social_worker")
    page = client.get(f"/consultations/{case['consultation_id']}/tablet")
    assert page.status_code == 200
    response = client.post(f"/consultations/{case['consultation_id']}/views/{case['views_id']}/tablet-code",
                           data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("no-store")
    assert re.search(r"<h1>Tablettikoodi: Lapsi 1 <span", html)  # whose code it is (siblings in a row)
    shown = dom.find(html, class_="tablet-code-page__code").text
    code = tablet_codes.normalise(shown)
    assert code and len(shown) == 9
    from participation.tablet_staff import qr_svg
    assert qr_svg(f"http://localhost/t#code={shown}") in html  # the QR opens the start page with the code
    assert not dom.find(html, "svg", style=True) and not dom.find(html, "path", style=True)
    row = db.execute("SELECT * FROM tablet_codes").fetchone()
    assert code not in " ".join(str(v) for v in row)
    assert row[1] == tablet_codes.hash_code(SECRET, code)
    assert any(a["action"] == "tablet_code_created" for a in list_audit(db)[0])


def test_only_the_consultations_worker_makes_codes(client, db, case, panel_id, users):
    make_user(db, "other-worker@example.fi", ["social_worker"], [panel_id])
    from tests.conftest import login
    login(client, "other-worker@example.fi")
    page = client.get("/t")  # any page for a token
    token = csrf_from(page.get_data(as_text=True))
    response = client.post(f"/consultations/{case['consultation_id']}/views/{case['views_id']}/tablet-code",
                           data={"csrf_token": token})
    assert response.status_code == 403
    assert db["tablet_codes"].count == 0


def test_other_panels_consultation_is_not_found(client, db, users, other_panel_id, login_as):
    other_worker = make_user(db, "tp-worker@example.fi", ["social_worker"], [other_panel_id])
    consultation_id = make_consultation(db, other_panel_id, other_worker)
    views_id = make_views(db, consultation_id)
    login_as("social_worker")
    assert client.get(f"/consultations/{consultation_id}/tablet").status_code == 404
    code, code_id = make_code(db, consultation_id, views_id, other_worker)
    assert client.get(f"/tablet-codes/{code_id}/status").status_code == 404


def test_anonymous_cannot_make_codes(client, case):
    response = client.get(f"/consultations/{case['consultation_id']}/tablet")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_cancelled_code_does_not_start(client, db, case, login_as):
    code, code_id = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    login_as("social_worker")
    page = client.get(f"/consultations/{case['consultation_id']}/tablet")
    response = client.post(f"/tablet-codes/{code_id}/cancel", data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    assert response.status_code == 302
    assert client.get(f"/tablet-codes/{code_id}/status").get_json()["state"] == "cancelled"
    other = client.application.test_client()
    assert start_tablet(other, code).status_code == 400


def test_a_new_code_replaces_the_persons_unused_one(client, db, case):
    old, old_id = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    assert tablet_storage.get_code(db, old_id)["cancelled_at"] is not None
    assert start_tablet(client, old).status_code == 400


# ---- the start page ---------------------------------------------------------------

def test_start_page_asks_code_and_language_without_login(client):
    response = client.get("/t?lang=sv")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("no-store")
    assert dom.html_lang(html) == "sv" and dom.field_value(html, "code") == ""
    assert dom.find(html, "input", name="code").get("autocomplete") == "off"
    for name in ("Suomi", "Svenska", "English"):
        assert name in html


class RequestLog:
    """Every URL the app receives, as an access log would write it (path and query)."""

    def __init__(self, app):
        self.lines, self.wsgi_app = [], app.wsgi_app
        app.wsgi_app = self

    def __call__(self, environ, start_response):
        query = environ.get("QUERY_STRING")
        self.lines.append(environ.get("REQUEST_URI") or environ["PATH_INFO"] + (f"?{query}" if query else ""))
        return self.wsgi_app(environ, start_response)


def test_no_tablet_code_reaches_the_server_in_any_url(app, db, case, login_as):
    log = RequestLog(app)
    worker = login_as("social_worker")
    qr_urls = []

    def record(sender, template, context, **extra):
        qr_urls.append(context.get("url"))  # the URL code.html turns into the QR code

    page = worker.get(f"/consultations/{case['consultation_id']}/tablet")
    with template_rendered.connected_to(record, app):
        html = worker.post(f"/consultations/{case['consultation_id']}/views/{case['views_id']}/tablet-code",
                           data={"csrf_token": csrf_from(page.get_data(as_text=True))}).get_data(as_text=True)
    shown = re.search(r'class="tablet-code-page__code"[^>]*>([A-Z0-9-]+)<', html).group(1)
    qr_url = urlsplit(next(url for url in qr_urls if url))
    assert (qr_url.path, qr_url.query, qr_url.fragment) == ("/t", "", f"code={shown}")
    # the tablet's browser opens the QR link: what it sends stops before the '#'
    tablet = app.test_client()
    opened = tablet.get(qr_url._replace(fragment="").geturl())
    assert opened.status_code == 200
    # ... and the page posts the code in the body of the form
    started = tablet.post("/t", data={"code": shown, "lang": "fi", "csrf_token": csrf_from(opened.get_data(as_text=True))})
    assert started.status_code == 302 and started.headers["Location"].endswith("/t/s/0")
    assert log.lines and "/t" in log.lines
    code = tablet_codes.normalise(shown)
    assert not [line for line in log.lines if shown in unquote(line).upper() or code in unquote(line).upper()]


def test_a_code_in_the_address_is_never_taken_nor_shown(client, db, case):
    code, _ = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    shown = tablet_codes.display(code)
    assert shown not in client.get(f"/t?code={shown}").get_data(as_text=True)
    token = csrf_from(client.get("/t").get_data(as_text=True))
    response = client.post(f"/t?code={shown}", data={"lang": "fi", "csrf_token": token})
    assert response.status_code == 400 and db["tablet_sessions"].count == 0


def test_a_good_code_starts_a_tablet_session_once(client, db, case, app):
    code, code_id = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    response = start_tablet(client, tablet_codes.display(code).lower(), lang="sv")
    assert response.status_code == 302 and response.headers["Location"].endswith("/t/s/0")
    assert TABLET_COOKIE in response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in response.headers["Set-Cookie"] and "SameSite=Strict" in response.headers["Set-Cookie"]
    session = db.execute("SELECT lang, views_id, ended_at FROM tablet_sessions").fetchone()
    assert session == ("sv", case["views_id"], None)
    assert db.execute("SELECT language, method, mode FROM views WHERE id = ?",
                      [case["views_id"]]).fetchone() == ("sv", "tablet_alone", "tablet")
    actions = [a["action"] for a in list_audit(db)[0]]
    assert "tablet_session_start" in actions
    # the same code on another tablet: refused
    other = app.test_client()
    again = start_tablet(other, code)
    assert again.status_code == 400
    assert "Tämä koodi ei toimi" in again.get_data(as_text=True)


def test_forged_code_gets_a_clear_message_and_is_counted(client, db):
    response = start_tablet(client, "ABCD-EFGH", lang="en")
    assert response.status_code == 400
    assert "This code does not work" in response.get_data(as_text=True)
    assert db["throttle_attempts"].count_where("scope = 'tablet'") == 1
    assert db["tablet_sessions"].count == 0


def test_expired_code_does_not_start(client, db, case):
    code, _ = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"],
                        ttl=24 * 3600, now=time.time() - 24 * 3600 - 1)
    assert start_tablet(client, code).status_code == 400
    assert db["tablet_sessions"].count == 0


def test_empty_code_and_missing_language_get_messages(client, db):
    page = client.get("/t?lang=en")
    token = csrf_from(page.get_data(as_text=True))
    response = client.post("/t?lang=en", data={"code": "", "lang": "en", "csrf_token": token})
    assert response.status_code == 400 and "Write the code first" in response.get_data(as_text=True)
    response = client.post("/t", data={"code": "ABCD-EFGH", "csrf_token": token})
    assert response.status_code == 400 and "Valitse kieli" in response.get_data(as_text=True)
    assert db["throttle_attempts"].count == 0


def test_guessing_is_throttled_even_for_a_right_code(app, client, db, case):
    app.config["TABLET_MAX_FAILURES_PER_ADDRESS"] = 3
    for _ in range(3):
        assert start_tablet(client, tablet_codes.new_code(), lang="en").status_code == 400
    code, _ = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    response = start_tablet(client, code, lang="en")
    assert response.status_code == 429
    assert "Too many wrong codes" in response.get_data(as_text=True)
    assert db["tablet_sessions"].count == 0


# ---- the walls of a tablet session -----------------------------------------------

def test_tablet_start_ends_the_staff_login_on_the_same_browser(client, db, case, login_as):
    login_as("social_worker")
    code, _ = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    assert start_tablet(client, code).status_code == 302
    for url in ("/home", f"/consultations/{case['consultation_id']}/tablet", f"/views/{case['views_id']}",
                "/account/password", "/language/en", "/healthz", "/"):
        response = client.get(url)
        assert response.status_code == 403, url
        html = response.get_data(as_text=True)
        assert "Log out" not in html and "Kirjaudu ulos" not in html
        assert response.headers["Cache-Control"].startswith("no-store")


def test_staff_posts_are_refused_during_a_tablet_session(client, started):
    token = tablet_csrf(client)
    response = client.post(f"/tablet-codes/{started['code_id']}/cancel", data={"csrf_token": token})
    assert response.status_code == 403
    response = client.post("/login", data={"email": "social_worker@example.fi", "password": "x", "csrf_token": token})
    assert response.status_code == 403


def test_a_staff_browser_cannot_reach_tablet_screens(client, login_as, started, app):
    staff = app.test_client()
    from tests.conftest import login
    login(staff, "social_worker@example.fi")
    response = staff.get("/t/s/1")
    assert response.status_code == 302 and response.headers["Location"].endswith("/t")
    assert staff.post("/t/autosave", json={"question": "q1", "text": "x"}).status_code in (400, 410)


def test_start_page_during_a_session_goes_back_to_the_questions(client, started):
    response = client.get("/t")
    assert response.status_code == 302 and "/t/s/0" in response.headers["Location"]


# ---- answering -------------------------------------------------------------------

def test_screens_show_progress_and_one_question(client, started):
    response = client.get("/t/s/1")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("no-store")
    assert "2 / " in html
    assert len(dom.find_all(html, "section", class_="pq")) == 1
    assert "Mitä sinä toivoisit tässä tilanteessa, että ainakin tapahtuisi?" in html
    assert dom.find(html, "form", data_autosave_url="/t/autosave").get("autocomplete") == "off"


def test_autosave_stores_the_answer_as_given(client, db, started):
    token = tablet_csrf(client, 1)
    text = "Että äiti ja minä saisimme asua yhdessä 🏠 <b>"
    response = client.post("/t/autosave", json={"question": "q1", "text": text, "choice": None,
                                                "declined": False, "visibility": "worker"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.get_json()["saved"]
    answer = views_storage.get_views(db, started["views_id"])["answers"]["q1"]
    assert answer["text"] == text and answer["visibility"] == "worker"


def test_plain_form_post_saves_and_moves_on(client, db, started):
    token = tablet_csrf(client, 2)
    response = client.post("/t/s/2", data={"csrf_token": token, "q-q2-choice": "yes", "q-q2-text": "koulu",
                                           "q-q2-visibility": "panel", "nav": "next"})
    assert response.status_code == 302 and "/t/s/3" in response.headers["Location"]
    answer = views_storage.get_views(db, started["views_id"])["answers"]["q2"]
    assert (answer["choice"], answer["text"]) == ("yes", "koulu")
    back = client.post("/t/s/3", data={"csrf_token": token, "nav": "back"})
    assert "/t/s/2" in back.headers["Location"]


def test_i_dont_want_to_answer_is_saved(client, db, started):
    token = tablet_csrf(client, 3)
    client.post("/t/s/3", data={"csrf_token": token, "q-q3-declined": "1", "q-q3-visibility": "panel", "nav": "next"})
    assert views_storage.get_views(db, started["views_id"])["answers"]["q3"]["declined"] is True


def test_too_long_answer_gets_a_message_and_keeps_the_text(client, started):
    token = tablet_csrf(client, 1)
    response = client.post("/t/s/1", data={"csrf_token": token, "q-q1-text": "x" * 5001, "nav": "next"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "x" * 5001 in html


def test_drawing_of_the_session_only(client, db, started, app):
    token = tablet_csrf(client, 1)
    import io
    from participation.demo import demo_png
    response = client.post("/t/drawing", data={"question": "q1", "drawing": (io.BytesIO(demo_png()), "d.png")},
                           headers={"X-CSRFToken": token}, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert client.get("/t/drawings/q1.png").data == views_storage.get_drawing(db, started["views_id"], "q1")
    stranger = app.test_client()
    assert stranger.get("/t/drawings/q1.png").status_code == 302


# ---- idle -------------------------------------------------------------------------

def test_idle_session_ends_server_side_with_answers_kept_as_draft(app, client, db, started):
    app.config["TABLET_IDLE_SECONDS"] = 5
    app.config["TABLET_IDLE_GRACE_SECONDS"] = 5
    token = tablet_csrf(client, 1)
    client.post("/t/autosave", json={"question": "q1", "text": "kesken"}, headers={"X-CSRFToken": token})
    db.execute("UPDATE tablet_sessions SET last_seen = last_seen - 11")
    response = client.get("/t/s/1")
    assert response.status_code == 302 and response.headers["Location"].endswith("/t")
    row = db.execute("SELECT end_reason FROM tablet_sessions").fetchone()
    assert row[0] == "idle"
    record = views_storage.get_views(db, started["views_id"])
    assert record["status"] == "draft" and record["answers"]["q1"]["text"] == "kesken"
    assert "tablet_session_end" in [a["action"] for a in list_audit(db)[0]]


def test_timeout_post_ends_the_session_and_clears_the_site(client, db, started):
    token = tablet_csrf(client, 1)
    response = client.post("/t/timeout", data={"csrf_token": token})
    assert response.status_code == 302 and "reason=idle" in response.headers["Location"]
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert db.execute("SELECT end_reason FROM tablet_sessions").fetchone()[0] == "idle"
    assert views_storage.get_views(db, started["views_id"])["status"] == "draft"


def test_still_here_keeps_the_session_alive(app, client, db, started):
    app.config["TABLET_IDLE_SECONDS"] = 5
    app.config["TABLET_IDLE_GRACE_SECONDS"] = 5
    token = tablet_csrf(client, 1)
    db.execute("UPDATE tablet_sessions SET last_seen = last_seen - 8")
    assert client.post("/t/still-here", headers={"X-CSRFToken": token}).status_code == 200
    assert client.get("/t/s/1").status_code == 200


# ---- hand-back ------------------------------------------------------------------

def test_hand_back_finishes_ends_and_forgets(client, db, started, login_as, app):
    token = tablet_csrf(client, 1)
    client.post("/t/autosave", json={"question": "q1", "text": "salainen toive"}, headers={"X-CSRFToken": token})
    response = client.post("/t/finish", data={"csrf_token": token})
    assert response.status_code == 302 and "/t/thanks" in response.headers["Location"]
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert f"{TABLET_COOKIE}=;" in response.headers["Set-Cookie"]
    thanks = client.get(response.headers["Location"])
    html = thanks.get_data(as_text=True)
    assert thanks.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "salainen" not in html
    assert "Kiitos" in html
    assert views_storage.get_views(db, started["views_id"])["status"] == "handed_over"  # the worker checks
    assert db.execute("SELECT end_reason FROM tablet_sessions").fetchone()[0] == "finished"
    assert [a["action"] for a in list_audit(db)[0]].count("tablet_session_end") == 1
    for a in list_audit(db)[0]:
        assert "salainen" not in a["detail"]
    # the old cookie (if a browser kept it) reaches nothing
    client.set_cookie(TABLET_COOKIE, "stale")
    assert client.get("/t/s/1").status_code == 302
    assert client.get("/t").status_code == 200


@pytest.mark.parametrize("band, lang, words", [("3-6", "fi", "Kiitos! Teit tosi hienosti."),
                                               ("7-12", "sv", "Tack för dina svar!"),
                                               ("parent", "en", "social worker")])
def test_thanks_per_band_and_language(client, band, lang, words):
    html = client.get(f"/t/thanks?band={band}&lang={lang}").get_data(as_text=True)
    assert dom.html_lang(html) == lang and words in html


# ---- the worker sees the state ----------------------------------------------------

def test_status_follows_the_tablet(app, client, db, case, login_as):
    code, code_id = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    login_as("social_worker")
    assert client.get(f"/tablet-codes/{code_id}/status").get_json()["state"] == "waiting"
    tablet = app.test_client()
    start_tablet(tablet, code)
    status = client.get(f"/tablet-codes/{code_id}/status")
    assert status.get_json()["state"] == "answering"
    assert status.headers["Cache-Control"].startswith("no-store")
    tablet.post("/t/finish", data={"csrf_token": tablet_csrf(tablet)})
    payload = client.get(f"/tablet-codes/{code_id}/status").get_json()
    assert payload["state"] == "finished" and payload["done"] is True
    page = client.get(f"/consultations/{case['consultation_id']}/tablet").get_data(as_text=True)
    assert "data-tablet-status-url" in page


def test_cancelling_ends_a_running_tablet_session(app, client, db, case, login_as):
    code, code_id = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    tablet = app.test_client()
    start_tablet(tablet, code)
    login_as("social_worker")
    page = client.get(f"/consultations/{case['consultation_id']}/tablet")
    client.post(f"/tablet-codes/{code_id}/cancel", data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    assert tablet.get("/t/s/1").status_code == 302
    assert db.execute("SELECT end_reason FROM tablet_sessions").fetchone()[0] == "cancelled"


def test_schema_stores_no_plain_code():
    import inspect
    import migrations.m004_tablet as m
    source = inspect.getsource(m)
    assert "code_hash" in source and re.search(r"\bcode TEXT", source) is None


def test_a_tablet_left_alone_shows_as_stopped_to_the_worker(app, db, started):
    app.config["TABLET_IDLE_SECONDS"] = 5
    app.config["TABLET_IDLE_GRACE_SECONDS"] = 5
    db.execute("UPDATE tablet_sessions SET last_seen = last_seen - 11")
    worker = app.test_client()
    from tests.conftest import login
    login(worker, "social_worker@example.fi")
    payload = worker.get(f"/tablet-codes/{started['code_id']}/status").get_json()
    assert payload["state"] == "idle" and payload["done"] is True
    assert views_storage.get_views(db, started["views_id"])["status"] == "draft"
    assert [a["action"] for a in list_audit(db)[0]].count("tablet_session_end") == 1


def test_record_finished_by_the_worker_ends_the_tablet_session(client, db, started):
    views_storage.finish(db, started["views_id"], started["worker_id"])
    response = client.get("/t/s/1")
    assert response.status_code == 302 and "/t/thanks" in response.headers["Location"]
    assert response.headers["Clear-Site-Data"]
    assert db.execute("SELECT end_reason FROM tablet_sessions").fetchone()[0] == "finished"
    assert client.get("/t").status_code == 200


def test_the_last_screen_has_back_and_i_am_ready_in_one_row_and_no_file_upload_without_need(client, started):
    from participation import questionnaires
    last = len(questionnaires.screens(questionnaires.DEFINITIONS["7-12"])) - 1
    page = client.get(f"/t/s/{last}").get_data(as_text=True)
    nav = dom.find(page, "div", class_="tablet-nav")
    assert nav.find("button", value="back") and nav.find("button", id="tablet-ready", form="tablet-finish-form")
    assert dom.find(page, "form", id="tablet-finish-form") and "”Olen valmis”" in page
    question = client.get("/t/s/1").get_data(as_text=True)
    assert "data-no-js-only" in dom.find(question, "div", class_="drawing__upload").attrs
