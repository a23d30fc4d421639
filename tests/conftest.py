"""Shared fixtures: an app on a real temporary SQLite file, a client, users."""
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from accounts import storage as accounts_storage
from accounts.passwords import hash_password
from app import create_app
from db import connect, migrate
from tests import dom

PASSWORD = "correct horse battery"
# Cheap argon2 and no fsync for throwaway databases (test_passwords checks the real profile).
TEST_SPEED = {"PASSWORD_HASH_PROFILE": "CHEAPEST", "DATABASE_SYNCHRONOUS": "OFF"}


@pytest.fixture
def app(tmp_path):
    app = create_app({
        "TESTING": True,
        "DATABASE": str(tmp_path / "test.sqlite"),
        "SECRET_KEY": "test-secret",
        "SESSION_COOKIE_SECURE": False,
        **TEST_SPEED,
    })
    db = connect(app.config["DATABASE"])
    migrate(db)
    db.conn.close()
    yield app


@pytest.fixture
def db(app):
    """A connection to the test database, for arranging and asserting."""
    conn = connect(app.config["DATABASE"], synchronous="OFF")
    yield conn
    conn.conn.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def panel_id(db):
    return accounts_storage.create_panel(db, "Testipaneeli")


@pytest.fixture
def other_panel_id(db):
    return accounts_storage.create_panel(db, "Toinen paneeli", case_code_prefix="TP")


_HASH = None


def trace_requests(patch, seen):
    """From now on (within `patch`, a monkeypatch or its context) every SQL statement
    of the app's requests is appended to `seen`: they get new, traced connections
    from a pool of their own instead of the pooled untraced ones."""
    import db as db_module
    connect = db_module.connect

    def traced(*args, **kwargs):
        database = connect(*args, **kwargs)
        database.conn.set_trace_callback(seen.append)
        return database
    patch.setattr(db_module, "connect", traced)
    patch.setattr(db_module, "_pool", db_module.ConnectionPool(db_module._pool.size))
    return seen


def make_user(db, email, roles, panel_ids, name=None):
    """Create a user with PASSWORD (hashed once per test session)."""
    global _HASH
    if _HASH is None:
        _HASH = hash_password(PASSWORD, profile="CHEAPEST")
    return accounts_storage.create_user(db, email, name or email.split("@")[0].title(), _HASH, roles, panel_ids)


def csrf_from(html):
    token = dom.field_value(html, "csrf_token")
    assert token, "no CSRF token on the page"
    return token


def fresh_python(script, timeout=120):
    """Run `script` in a fresh interpreter at the project's root (what an import loads, a second
    process): what it printed, stripped; it must exit with 0 (its stderr is the failure's message)."""
    done = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def at_once(target, count):
    """Call target() in `count` threads released together; returns what each
    returned (or raised), after all have ended."""
    barrier, results = threading.Barrier(count), [None] * count

    def run(index):
        barrier.wait()
        try:
            results[index] = target()
        except Exception as error:  # the test looks at it
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def login(client, email, password=PASSWORD):
    page = client.get("/login")
    return client.post("/login", data={"email": email, "password": password,
                                       "csrf_token": csrf_from(page.get_data(as_text=True))})


@pytest.fixture
def users(db, panel_id):
    """One user per role in panel_id; returns {role: (id, email)}."""
    made = {}
    for role in ("social_worker", "coordinator", "expert", "admin"):
        email = f"{role}@example.fi"
        made[role] = (make_user(db, email, [role], [] if role == "admin" else [panel_id]), email)
    return made


@pytest.fixture
def login_as(client, users):
    """login_as('coordinator') logs the client in with that role's user."""
    def do(role):
        response = login(client, users[role][1])
        assert response.status_code == 302, response.get_data(as_text=True)
        return client
    return do


def declare(db, consultation_id, user_id, declaration="no_conflict"):
    """The expert member `user_id` declares for the consultation (panel/conflicts.py):
    a member reads a case's material only after declaring no conflict of interest."""
    from types import SimpleNamespace

    from panel import conflicts
    from panel import storage as panel_storage
    consultation = panel_storage.get_consultation(db, consultation_id)
    member = SimpleNamespace(id=user_id, roles={"expert"}, panel_ids=[consultation["panel_id"]])
    conflicts.declare(db, consultation, member, declaration)
