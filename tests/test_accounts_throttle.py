"""Login throttling: 5 failures per account or 20 per address in 15 minutes,
kept in the database so that it holds across server processes (web/throttle.py,
shared with the tablet's code page: see test_tablet_throttle.py)."""
import re
import textwrap
import time

import pytest

from web import throttle
from app import create_app
from db import connect
from tests.conftest import PASSWORD, TEST_SPEED, at_once, csrf_from, fresh_python, login

WAIT_FI = "Liian monta epäonnistunutta yritystä."
WRONG_FI = "Sähköpostiosoite tai salasana on väärin."


def alert(response):
    """The login page's message."""
    return response.get_data(as_text=True).split('role="alert">')[1].split("<")[0]


def login_from(app, address, email, password):
    client = app.test_client()
    page = client.get("/login", environ_base={"REMOTE_ADDR": address})
    return client.post("/login", environ_base={"REMOTE_ADDR": address}, data={
        "email": email, "password": password, "csrf_token": csrf_from(page.get_data(as_text=True))})


def test_five_failures_for_an_account_make_the_next_attempts_wait_even_with_the_right_password(client, users):
    email = users["expert"][1]
    for _ in range(5):
        response = login(client, email, "wrong password")
        assert response.status_code == 401 and alert(response) == WRONG_FI
    blocked = login(client, email, PASSWORD)
    assert blocked.status_code == 429
    assert re.fullmatch(r"Liian monta epäonnistunutta yritystä\. Odota 15 minuuttia ja yritä uudelleen klo "
                        r"\d{1,2}\.\d\d\.", alert(blocked))
    # other accounts from the same address still get in
    assert login(client, users["coordinator"][1]).status_code == 302


def test_four_failures_still_let_the_right_password_in_and_clear_the_count(app, client, db, users):
    email = users["expert"][1]
    for _ in range(4):
        login(client, email, "wrong password")
    assert login(client, email).status_code == 302
    assert db["throttle_attempts"].count_where("account = ?", [email]) == 0


def test_twenty_failures_from_one_address_make_every_account_wait(app, users):
    for i in range(20):
        response = login_from(app, "203.0.113.7", f"guess{i}@example.fi", "wrong password")
        assert response.status_code == 401
    blocked = login_from(app, "203.0.113.7", users["coordinator"][1], PASSWORD)
    assert blocked.status_code == 429 and WAIT_FI in alert(blocked)
    # another address is not affected
    assert login_from(app, "198.51.100.1", users["coordinator"][1], PASSWORD).status_code == 302


def test_the_wait_message_is_the_same_for_an_unknown_email_and_a_known_one(app, users):
    known, unknown = users["expert"][1], "nobody@example.fi"
    for email in (known, unknown):
        for _ in range(5):
            login_from(app, "192.0.2.1", email, "wrong password")
    assert alert(login_from(app, "192.0.2.1", known, "wrong password")) == \
        alert(login_from(app, "192.0.2.1", unknown, "wrong password"))


def test_the_account_limit_ignores_the_case_and_spaces_of_the_email(client, users):
    for variant in ["EXPERT@example.fi", " expert@EXAMPLE.fi", "Expert@example.fi", "expert@example.fi ",
                    "eXpert@example.fi"]:
        login(client, variant, "wrong password")
    assert login(client, users["expert"][1]).status_code == 429


LIMITS = {"account": 5, "address": 20}


def attempt(db, email, address, now):
    return throttle.begin_attempt(db, "login", throttle.keys_for(address, email), LIMITS, 15 * 60, now)[0]


def test_failures_older_than_the_window_do_not_count(db):
    for _ in range(5):
        attempt(db, "a@example.fi", "10.0.0.1", now=1000.0)
    keys = throttle.keys_for("10.0.0.2", "a@example.fi")
    assert throttle.seconds_to_wait(db, "login", keys, LIMITS, 15 * 60, now=1000.0 + 60) == 15 * 60 - 60
    assert throttle.seconds_to_wait(db, "login", keys, LIMITS, 15 * 60, now=1000.0 + 15 * 60 + 1) == 0


def test_attempts_during_the_wait_do_not_make_the_wait_longer(db):
    for _ in range(5):
        attempt(db, "a@example.fi", "10.0.0.1", now=1000.0)
    for minute in range(1, 15):
        assert attempt(db, "a@example.fi", "10.0.0.1", now=1000.0 + minute * 60) > 0
    assert attempt(db, "a@example.fi", "10.0.0.1", now=1000.0 + 15 * 60 + 1) == 0


def test_parallel_attempts_cannot_slip_past_the_limit(app):
    """Ten simultaneous guesses on separate connections: exactly five are let through."""
    def guess():
        conn = connect(app.config["DATABASE"])
        try:
            return attempt(conn, "target@example.fi", "10.0.0.9", now=1000.0)
        finally:
            conn.conn.close()

    results = at_once(guess, 10)
    assert sorted(r == 0 for r in results) == [False] * 5 + [True] * 5


def test_the_limit_holds_across_two_app_instances_on_one_database(app, users):
    other = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"], "SECRET_KEY": "another-key",
                        "SESSION_COOKIE_SECURE": False, **TEST_SPEED})
    email = users["expert"][1]
    for instance in (app, other, app, other, app):
        assert login_from(instance, "10.1.1.1", email, "wrong password").status_code == 401
    assert login_from(other, "10.1.1.1", email, PASSWORD).status_code == 429
    assert login_from(app, "10.1.1.1", email, PASSWORD).status_code == 429


def test_the_limit_holds_across_server_processes(app, users):
    """Another Python process fails five times; this process must then wait."""
    email = users["expert"][1]
    script = textwrap.dedent(f"""
        from app import create_app
        app = create_app({{"TESTING": True, "DATABASE": {app.config["DATABASE"]!r}, "SECRET_KEY": "x",
                          "SESSION_COOKIE_SECURE": False, "WTF_CSRF_ENABLED": False}})
        client = app.test_client()
        codes = [client.post("/login", data={{"email": {email!r}, "password": "wrong password"}}).status_code
                 for _ in range(5)]
        print(codes)
    """)
    assert fresh_python(script) == "[401, 401, 401, 401, 401]"
    assert login(app.test_client(), email, PASSWORD).status_code == 429


@pytest.mark.parametrize("minutes_left, shown", [(14.5 * 60, 15), (30, 1), (61, 2)])
def test_the_wait_is_rounded_up_to_whole_minutes(app, client, users, monkeypatch, minutes_left, shown):
    monkeypatch.setattr(throttle, "begin_attempt", lambda *args, **kwargs: (minutes_left, None))
    text = alert(login(client, users["expert"][1]))
    assert f"Odota {shown} minuut" in text


# --- old attempts are deleted without waiting for the next one (the privacy notice: within a day) ---

def old_attempts(db, now):
    """A login failure out of its 15 minutes, a tablet code out of its hour, one of each more
    than a day old, and one of each still counting."""
    rows = [("login", now - 16 * 60), ("tablet", now - 61 * 60), ("login", now - 25 * 3600),
            ("tablet", now - 25 * 3600), ("login", now - 60), ("tablet", now - 60)]
    for scope, at in rows:
        db["throttle_attempts"].insert({"scope": scope, "account": "a@example.fi", "address": "203.0.113.7",
                                        "network": "203.0.113.0/24", "at": at})


def test_prune_deletes_what_no_longer_counts_and_whatever_is_older_than_a_day(app, db):
    now = 2_000_000_000.0
    old_attempts(db, now)
    assert throttle.prune(db, throttle.windows(app.config), now) == 4
    assert sorted((r["scope"], now - r["at"]) for r in db["throttle_attempts"].rows) == [("login", 60),
                                                                                         ("tablet", 60)]


def test_no_window_keeps_an_attempt_longer_than_a_day(db):
    now = 2_000_000_000.0
    old_attempts(db, now)
    throttle.prune(db, {"login": 7 * 24 * 3600}, now)
    assert sorted(now - r["at"] for r in db["throttle_attempts"].rows) == [60, 60, 16 * 60, 61 * 60]


def test_opening_the_login_page_deletes_old_failed_attempts(client, db):
    old_attempts(db, time.time())
    assert client.get("/login").status_code == 200
    assert db["throttle_attempts"].count == 2


@pytest.mark.parametrize("command", [["send-mail", "--no-reminders"], ["queue-reminders"]])
def test_the_scheduled_commands_delete_old_failed_attempts(app, db, command):
    old_attempts(db, time.time())
    result = app.test_cli_runner().invoke(args=command)
    assert result.exit_code == 0, result.output
    assert "4 old failed attempts deleted." in result.output
    assert db["throttle_attempts"].count == 2


def test_the_privacy_notice_says_how_long_an_attempt_counts_from_the_settings(app, client):
    app.config.update(LOGIN_THROTTLE_WINDOW_SECONDS=30 * 60, TABLET_THROTTLE_WINDOW_SECONDS=2 * 3600)
    client.get("/language/en")
    page = client.get("/privacy").get_data(as_text=True)
    assert "a login attempt after 30 min, a tablet code after 120 min" in page
    assert "always within a day" in page
