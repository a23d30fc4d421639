"""A request's connection is kept idle for the same thread's next request (db.py,
`_idle`): a new connection parses the whole schema and prepares every statement
anew (bench/RESULTS.md). Each test checks which connection a request gets."""
import sqlite3
import threading

import pytest

import db as db_module


@pytest.fixture
def opened(monkeypatch):
    """The connections db.connect opens from now on, in order."""
    made, connect = [], db_module.connect

    def counted(*args, **kwargs):
        made.append(connect(*args, **kwargs))
        return made[-1]
    monkeypatch.setattr(db_module, "connect", counted)
    return made


def one_request(app):
    """The connection one request (an app context) used."""
    with app.app_context():
        database = db_module.get_db()
        database.execute("SELECT count(*) FROM users").fetchone()
        return database


def is_open(database):
    try:
        database.conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return False
    return True


def test_the_threads_next_request_uses_the_same_connection(app, opened):
    first, second = one_request(app), one_request(app)
    assert second is first and len(opened) == 1 and is_open(first)


def test_pages_served_one_after_another_open_one_connection(app, client, opened):
    for path in ("/login", "/login", "/healthz"):
        assert client.get(path).status_code == 200
    assert len(opened) == 1


def test_a_connection_left_in_a_transaction_is_closed_not_kept(app, opened):
    with app.app_context():
        left = db_module.get_db()
        left.execute("BEGIN IMMEDIATE")
    assert not is_open(left)
    assert one_request(app) is not left and len(opened) == 2


def test_another_synchronous_level_gets_its_own_connection(app, opened):
    first = one_request(app)
    app.config["DATABASE_SYNCHRONOUS"] = "FULL"
    second = one_request(app)
    assert second is not first and not is_open(first)
    assert second.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_another_database_gets_its_own_connection(app, tmp_path, opened):
    first = one_request(app)
    other = db_module.connect(str(tmp_path / "other.sqlite"))
    db_module.migrate(other)
    other.conn.close()
    app.config["DATABASE"] = str(tmp_path / "other.sqlite")
    assert one_request(app) is not first and not is_open(first)


def test_each_thread_has_its_own_connection(app, opened):
    here = one_request(app)
    there = []
    thread = threading.Thread(target=lambda: there.append(one_request(app)))
    thread.start()
    thread.join()
    assert there[0] is not here and is_open(here)
    assert one_request(app) is here
