"""Schema changes only through numbered migrations: an old database is
upgraded in place, init-db is safe to repeat, and every connection gets the
project's pragmas."""
import re
from pathlib import Path

import pytest
import sqlite_utils

from app import create_app
from db import connect, migrate
from migrations import MIGRATIONS

# every migration, in order: all of them are pending on an empty database
NAMES = [m.name for m in MIGRATIONS.pending(sqlite_utils.Database(memory=True))]


def schema(db):
    """Every table, index and trigger with its SQL, ignoring the migrations log."""
    rows = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "AND name != '_sqlite_migrations' ORDER BY type, name").fetchall()
    return rows


def test_every_migration_file_is_registered_and_numbered_without_gaps_or_twins():
    files = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "migrations").glob("*.py")
                   if p.name not in ("__init__.py", "rebuild.py"))  # rebuild.py: the migrations' helper
    misnamed = [f for f in files if not re.fullmatch(r"m\d{3}_[a-z0-9_]+", f)]
    assert not misnamed, f"not mNNN_what.py, so never applied: {misnamed}"
    assert NAMES == files  # registered in the order of their numbers
    numbers = [int(name[1:4]) for name in NAMES]
    assert len(set(numbers)) == len(numbers), f"two migrations share a number: {NAMES}"
    assert numbers == list(range(1, len(numbers) + 1)), f"a number is missing: {NAMES}"


def test_a_database_made_by_the_first_migration_is_upgraded_to_the_latest(tmp_path):
    old = connect(str(tmp_path / "old.sqlite"))
    if len(NAMES) > 1:
        MIGRATIONS.apply(old, stop_before=NAMES[1])
    else:
        MIGRATIONS.apply(old)
    assert [m.name for m in MIGRATIONS.applied(old)] == NAMES[:1]
    # rows that the first schema allows must survive every later migration
    old.execute("INSERT INTO panels (id, name) VALUES (1, 'Vanha paneeli')")
    old.execute("INSERT INTO users (id, email, name, password_hash) VALUES (1, 'vanha@example.fi', 'Vanha', 'x')")
    old.execute("INSERT INTO user_roles (user_id, role) VALUES (1, 'social_worker')")
    old.execute("INSERT INTO user_panels (user_id, panel_id) VALUES (1, 1)")
    old.execute("INSERT INTO meetings (id, panel_id, starts_at, ends_at) "
                "VALUES (1, 1, '2023-01-27T09:00', '2023-01-27T11:30')")
    old.execute("INSERT INTO consultations (id, panel_id, meeting_id, case_code, social_worker_id, child_age, "
                "created_by) VALUES (1, 1, 1, 'KS-2023-001', 1, 12, 1)")
    old.execute("INSERT INTO consultation_questions (consultation_id, position, text) "
                "VALUES (1, 1, 'Mitä tehdä?')")

    migrate(old)

    assert [m.name for m in MIGRATIONS.applied(old)] == NAMES
    assert MIGRATIONS.pending(old) == []
    fresh = connect(str(tmp_path / "fresh.sqlite"))
    migrate(fresh)
    assert schema(old) == schema(fresh)
    assert old.execute("SELECT case_code FROM consultations WHERE id = 1").fetchone() == ("KS-2023-001",)
    assert old.execute("SELECT email FROM users WHERE id = 1").fetchone() == ("vanha@example.fi",)
    assert old.execute("PRAGMA foreign_key_check").fetchall() == []
    assert old.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_init_db_creates_the_database_and_is_safe_to_run_twice(tmp_path):
    path = tmp_path / "cli.sqlite"
    app = create_app({"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "x"})
    runner = app.test_cli_runner()
    # the `flask` command pushes an app context for every command; the test runner does not
    with app.app_context():
        first = runner.invoke(args=["init-db"])
        assert first.exit_code == 0, first.output
        assert NAMES[-1] in first.output
        db = connect(str(path))
        tables = set(db.table_names())
        assert {"panels", "users", "meetings", "consultations"} <= tables
        db.execute("INSERT INTO panels (name) VALUES ('Pysyvä')")
        db.conn.close()

        second = runner.invoke(args=["init-db"])
        assert second.exit_code == 0, second.output
        assert "up to date" in second.output

    db = connect(str(path))
    assert set(db.table_names()) == tables
    assert [m.name for m in MIGRATIONS.applied(db)] == NAMES
    assert db.execute("SELECT count(*) FROM panels WHERE name = 'Pysyvä'").fetchone() == (1,)
    db.conn.close()


@pytest.mark.parametrize("pragma, expected", [
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", 2),  # FULL
    ("busy_timeout", 5000),
])
def test_every_connection_gets_the_pragmas(tmp_path, pragma, expected):
    path = str(tmp_path / "p.sqlite")
    for _ in range(2):  # a new file and an existing one
        db = connect(path)
        assert db.execute(f"PRAGMA {pragma}").fetchone()[0] == expected
        db.conn.close()


def test_the_request_connection_gets_the_pragmas(app):
    from db import get_db
    app.config["DATABASE_SYNCHRONOUS"] = "FULL"  # the default; the test suite runs with OFF
    with app.app_context():
        db = get_db()
        values = [db.execute(f"PRAGMA {p}").fetchone()[0]
                  for p in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")]
    assert values == ["wal", 1, 2, 5000]


def test_the_throttle_migration_keeps_failed_attempts_in_progress(tmp_path):
    """m005 replaces login_failures and tablet_failures: their rows move to throttle_attempts."""
    db = connect(str(tmp_path / "t.sqlite"))
    MIGRATIONS.apply(db, stop_before="m005_sessions")
    db.execute("INSERT INTO login_failures (email, address, at) VALUES ('a@example.fi', '10.1.2.3', 1700000000.0)")
    db.execute("INSERT INTO tablet_failures (address, at) VALUES ('2001:db8:1:2::9', 1700000001.0)")
    migrate(db)
    rows = db.execute("SELECT scope, account, address, network, at FROM throttle_attempts ORDER BY at").fetchall()
    assert rows == [("login", "a@example.fi", "10.1.2.3", "10.1.2.0/24", 1700000000.0),
                    ("tablet", None, "2001:db8:1:2::9", "2001:db8:1:2::/64", 1700000001.0)]
    assert "login_failures" not in db.table_names() and "tablet_failures" not in db.table_names()


def test_a_users_open_feedback_requests_are_counted_from_the_index_alone(db):
    """m014: the survey notice on every staff page reads no request's row."""
    plan = " ".join(row[3] for row in db.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM survey_requests WHERE user_id = ? AND used = 0 AND expires_on >= ?",
        [1, "2026-12-01"]).fetchall())
    assert "COVERING INDEX survey_requests_user_open" in plan
