"""The per-process pool of connections (db.ConnectionPool): a request gets a
connection that is as good as a new one, and only such a one is kept."""
import sqlite3

import pytest

import db as db_module
from db import get_db


def other_writer(app):
    conn = sqlite3.connect(app.config["DATABASE"], isolation_level=None)
    return conn


def test_a_connection_is_used_again_by_the_next_request(app):
    with app.app_context():
        first = get_db()
    with app.app_context():
        assert get_db() is first


def test_a_read_left_unfinished_does_not_keep_an_old_snapshot_for_the_next_request(app, db):
    db.execute("CREATE TABLE pool_probe (x INTEGER)")
    db.execute("INSERT INTO pool_probe VALUES (1), (2), (3)")
    with app.app_context():
        first = get_db()
        cursor = first.execute("SELECT x FROM pool_probe")
        assert cursor.fetchone() == (1,)  # the statement is still running: its snapshot is open
        kept = cursor  # noqa: F841  (the cursor outlives the request, as a leaked one would)
    writer = other_writer(app)
    writer.execute("INSERT INTO pool_probe VALUES (4)")
    writer.close()
    with app.app_context():
        again = get_db()
        assert again is first
        assert again.execute("SELECT count(*) FROM pool_probe").fetchone()[0] == 4


def test_a_connection_left_in_a_transaction_is_closed_not_kept(app):
    with app.app_context():
        first = get_db()
        first.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")  # closed
    with app.app_context():
        assert get_db() is not first
        assert not get_db().conn.in_transaction


def test_a_connection_with_foreign_keys_turned_off_is_closed_not_kept(app):
    with app.app_context():
        first = get_db()
        first.execute("PRAGMA foreign_keys = OFF")
    with app.app_context():
        again = get_db()
        assert again is not first
        assert again.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_foreign_keys_turned_off_through_a_cursor_or_a_script_are_noticed_too(app):
    for turn_off in (lambda db: db.conn.cursor().execute("pragma FOREIGN_KEYS = off"),
                     lambda db: db.conn.executescript("PRAGMA foreign_keys = OFF;")):
        with app.app_context():
            first = get_db()
            first.conn.finish()  # asked once already: only a new PRAGMA makes it ask again
            turn_off(first)
        with app.app_context():
            assert get_db() is not first
            assert get_db().execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_connection_that_ran_no_pragma_is_kept_without_asking_again(app):
    with app.app_context():
        get_db()  # its first hand-back asks (connect() ran the project's pragmas)
    with app.app_context():
        conn = get_db().conn
        conn.execute("SELECT count(*) FROM users").fetchone()
        statements = []
        conn.set_trace_callback(statements.append)
    conn.set_trace_callback(None)
    assert statements == []
    with app.app_context():
        assert get_db().conn is conn


def test_a_request_that_failed_closes_its_connection(app):
    with pytest.raises(RuntimeError):
        with app.app_context():
            first = get_db()
            raise RuntimeError("the request failed")
    with app.app_context():
        assert get_db() is not first


def test_a_connection_inherited_over_a_fork_is_not_handed_out(app, monkeypatch):
    with app.app_context():
        first = get_db()
    monkeypatch.setattr(db_module.os, "getpid", lambda: -1)  # as in a forked child
    with app.app_context():
        assert get_db() is not first


def test_a_pooled_connection_keeps_the_project_pragmas(app):
    with app.app_context():
        get_db()
    with app.app_context():
        conn = get_db()
        values = [conn.execute(f"PRAGMA {name}").fetchone()[0]
                  for name in ("journal_mode", "foreign_keys", "busy_timeout")]
    assert values == ["wal", 1, 5000]


def test_the_pool_keeps_at_most_its_size(app, monkeypatch):
    monkeypatch.setattr(db_module._pool, "size", 2)
    contexts = [app.app_context() for _ in range(4)]
    for context in contexts:
        context.push()
        get_db()
    for context in reversed(contexts):
        context.pop()
    assert len(db_module._pool.idle) == 2
