"""Rebuilding tables: the migration runner runs a NEEDS_FOREIGN_KEYS_OFF
migration with foreign keys off in a transaction of its own, and m007 takes
the band and language lists out of the schema without losing a row."""
import sqlite3

import pytest

from db import connect
from migrations import MIGRATIONS, ForeignKeyViolation, Migrations
from migrations.rebuild import rebuild_table, table_sql

REBUILD = "m007_open_bands_and_languages"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def upgrade_through_rebuild(db):
    """Apply the migrations up to and including m007, and no later one: a later
    migration's new tables and indexes are its own tests' business."""
    names = [m.name for m in MIGRATIONS.pending(db)]
    later = names[names.index(REBUILD) + 1:]
    MIGRATIONS.apply(db, stop_before=later[0] if later else None)


def fill_old_schema(db):
    """A row (or two) in every table of the schema before m007, through plain SQL
    of that schema, with references across all of them."""
    run = db.execute
    run("INSERT INTO panels (id, name, area, case_code_prefix) VALUES (1, 'Paneeli', 'Keski-Suomi', 'KS')")
    run("INSERT INTO users (id, email, name, password_hash) VALUES (1, 'sw@example.fi', 'Sosiaalityöntekijä', 'h1'),"
        " (2, 'ko@example.fi', 'Koordinaattori', 'h2')")
    run("INSERT INTO user_roles (user_id, role) VALUES (1, 'social_worker'), (2, 'coordinator')")
    run("INSERT INTO user_panels (user_id, panel_id) VALUES (1, 1), (2, 1)")
    run("INSERT INTO login_sessions (token_hash, user_id, started_at) VALUES ('s1', 1, 1700000000.5)")
    run("INSERT INTO throttle_attempts (scope, account, address, network, at) VALUES "
        "('login', 'sw@example.fi', '10.0.0.1', '10.0.0.0/24', 1700000000.5)")
    run("INSERT INTO audit_log (user_id, action, consultation_id, detail) VALUES (1, 'views.read', 1, 'views 1')")
    run("INSERT INTO meetings (id, panel_id, starts_at, ends_at, place, rule_date) "
        "VALUES (1, 1, '2027-01-29T09:00', '2027-01-29T11:30', 'Kokoushuone', '2027-01-29')")
    run("INSERT INTO consultations (id, panel_id, meeting_id, case_code, social_worker_id, child_age, background, "
        "created_by) VALUES (1, 1, 1, 'KS-2027-001', 1, 9, 'Tausta', 1)")
    run("INSERT INTO consultation_questions (consultation_id, position, text) VALUES (1, 1, 'Mitä tehdä?')")
    run("INSERT INTO questionnaire_versions (id, questionnaire_id, version, digest, definition, texts) "
        "VALUES (1, 'child-7-12', 1, 'd1', '{\"id\": \"child-7-12\"}', '{\"Ei\": {\"fi\": \"Ei\"}}'),"
        " (2, 'parent', 1, 'd2', '{\"id\": \"parent\"}', '{}')")
    run("INSERT INTO views (id, consultation_id, person, position, band, questionnaire_version_id, language, mode, "
        "status, method, request_key, created_by) VALUES "
        "(1, 1, 'child', 1, '7-12', 1, 'sv', 'tablet', 'draft', 'tablet_alone', 'k1', 1),"
        "(2, 1, 'parent', 1, 'parent', 2, 'fi', 'worker', 'finished', 'discussion', NULL, 1)")
    run("INSERT INTO view_answers (views_id, question_id, choice, text, declined, visibility, worry) VALUES "
        "(1, 'q1', NULL, 'Että saisin nähdä isää.', 0, 'panel', 0), (1, 'q2', 'yes', 'Äiti', 0, 'worker', 1),"
        "(2, 'q3', NULL, '', 1, 'panel', 0)")
    run("INSERT INTO view_drawings (views_id, question_id, png) VALUES (1, 'q1', ?)", [PNG])
    run("INSERT INTO view_notes (views_id, question_id, text, author_id) VALUES (1, 'q2', 'Keskustelin.', 1)")
    run("INSERT INTO tablet_codes (id, code_hash, consultation_id, views_id, created_by, created_at, expires_at, "
        "used_at) VALUES (1, 'c1', 1, 1, 1, 1700000000.0, 1700086400.0, 1700000100.0),"
        " (2, 'c2', 1, 2, 1, 1700000000.0, 1700086400.0, NULL)")
    run("INSERT INTO tablet_sessions (token_hash, code_id, consultation_id, views_id, lang, started_at, last_seen) "
        "VALUES ('t1', 1, 1, 1, 'sv', 1700000100.0, 1700000200.0)")
    run("INSERT INTO throttle_attempts (scope, account, address, network, at) VALUES "
        "('tablet', NULL, '10.0.0.2', '10.0.0.0/24', 1700000050.0)")


def tables(db):
    return [name for name in db.table_names() if name != "_sqlite_migrations"]


def contents(db):
    """Every row of every table, in rowid order."""
    return {table: db.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall() for table in tables(db)}


def objects(db, kind):
    return {row[0]: row[1] for row in db.execute(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'", [kind])}


@pytest.fixture
def old_db(tmp_path):
    """A database at the schema just before m007, with data in every table."""
    db = connect(str(tmp_path / "old.sqlite"), synchronous="OFF")
    MIGRATIONS.apply(db, stop_before=REBUILD)
    assert REBUILD in [m.name for m in MIGRATIONS.pending(db)]
    fill_old_schema(db)
    yield db
    db.conn.close()


def test_the_old_schema_test_data_reaches_every_table(old_db):
    empty = [table for table in tables(old_db) if old_db[table].count == 0]
    assert empty == [], f"fill_old_schema() must put rows in every table: {empty}"


def test_upgrading_past_the_rebuild_keeps_every_row_of_every_table(old_db):
    before = contents(old_db)

    upgrade_through_rebuild(old_db)

    assert REBUILD not in [m.name for m in MIGRATIONS.pending(old_db)]
    assert contents(old_db) == before
    assert old_db.execute("SELECT png FROM view_drawings").fetchone()[0] == PNG


def test_after_the_rebuild_foreign_keys_and_integrity_check_are_clean_and_enforced(old_db):
    upgrade_through_rebuild(old_db)

    assert old_db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert old_db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert old_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # the rebuilt parent still cascades, and its children still point at it
    old_db.execute("DELETE FROM views WHERE id = 1")
    for table in ("view_answers", "view_drawings", "view_notes", "tablet_codes", "tablet_sessions"):
        assert old_db.execute(f"SELECT count(*) FROM {table} WHERE views_id = 1").fetchone() == (0,), table
    with pytest.raises(sqlite3.IntegrityError):
        old_db.execute("INSERT INTO view_answers (views_id, question_id) VALUES (99, 'q1')")


def test_the_rebuild_keeps_the_indexes_and_triggers(old_db):
    # a trigger on a rebuilt table, and one elsewhere that names it
    old_db.execute("CREATE TRIGGER views_touch AFTER UPDATE OF status ON views BEGIN "
                   "INSERT INTO audit_log (action, detail) VALUES ('trigger', new.id); END")
    old_db.execute("CREATE TRIGGER answers_band AFTER INSERT ON view_answers BEGIN "
                   "INSERT INTO audit_log (action, detail) SELECT 'band', band FROM views WHERE id = new.views_id; END")
    indexes, triggers = objects(old_db, "index"), objects(old_db, "trigger")

    upgrade_through_rebuild(old_db)

    assert indexes.items() <= objects(old_db, "index").items()  # (later migrations may add their own)
    assert triggers.items() <= objects(old_db, "trigger").items()
    old_db.execute("UPDATE views SET status = 'finished' WHERE id = 1")
    old_db.execute("INSERT INTO view_answers (views_id, question_id) VALUES (1, 'join')")
    assert old_db.execute("SELECT action, detail FROM audit_log WHERE action IN ('trigger', 'band') ORDER BY id"
                          ).fetchall() == [("trigger", "1"), ("band", "7-12")]


def test_the_new_schema_lists_no_band_and_no_language(old_db):
    upgrade_through_rebuild(old_db)

    for table in ("views", "tablet_sessions"):
        sql = table_sql(old_db, table)
        for listed in ("'3-6'", "'13-17'", "'sv'", "'en'"):
            assert listed not in sql, (table, listed)
    old_db.execute("INSERT INTO views (consultation_id, person, position, band, questionnaire_version_id, language) "
                   "VALUES (1, 'child', 2, '0-2', 1, 'se')")
    old_db.execute("INSERT INTO tablet_sessions (token_hash, code_id, consultation_id, views_id, lang, started_at, "
                   "last_seen) VALUES ('t2', 2, 1, 2, 'se', 1.0, 1.0)")


def test_the_rebuild_keeps_the_other_constraints(old_db):
    upgrade_through_rebuild(old_db)

    for bad in ("mode = 'paper'", "status = 'lost'", "refused = 2", "method = 'guess'"):
        with pytest.raises(sqlite3.IntegrityError):
            old_db.execute(f"UPDATE views SET {bad} WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError):
        old_db.execute("UPDATE tablet_sessions SET end_reason = 'bored'")
    with pytest.raises(sqlite3.IntegrityError):
        old_db.execute("UPDATE views SET person = 'parent' WHERE id = 1")  # parent 1 exists


# ---- the runner ---------------------------------------------------------------

def toy_migrations():
    """A parent and a child table with a cascading foreign key, and a migration
    set that rebuilds the parent (registered the way the loader does it)."""
    toys = Migrations("toys")

    @toys(name="t001_tables")
    def tables_(db):
        db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, kind TEXT CHECK (kind IN ('a', 'b')))")
        db.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, "
                   "parent_id INTEGER NOT NULL REFERENCES parent(id) ON DELETE CASCADE)")
        db.execute("INSERT INTO parent VALUES (1, 'a')")
        db.execute("INSERT INTO child VALUES (1, 1)")

    @toys(name="t002_rebuild", foreign_keys_off=True)
    def rebuild_(db):
        rebuild_table(db, "parent", "CREATE TABLE parent (id INTEGER PRIMARY KEY, kind TEXT)")

    return toys


def test_a_rebuilding_migration_keeps_the_rows_that_refer_to_the_rebuilt_table(tmp_path):
    db = connect(str(tmp_path / "toy.sqlite"), synchronous="OFF")
    toy_migrations().apply(db)
    assert db.execute("SELECT id, parent_id FROM child").fetchall() == [(1, 1)]
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_rebuilding_with_foreign_keys_on_is_refused_before_anything_is_deleted(tmp_path):
    db = connect(str(tmp_path / "toy.sqlite"), synchronous="OFF")
    toys = toy_migrations()
    toys.apply(db, stop_before="t002_rebuild")
    with pytest.raises(RuntimeError, match="cascade"):
        with db.atomic():  # what sqlite-utils' own runner would do
            toys.pending(db)[0].fn(db)
    assert db.execute("SELECT count(*) FROM child").fetchone() == (1,)


def test_a_rebuilding_migration_is_recorded_the_way_sqlite_utils_records(tmp_path):
    db = connect(str(tmp_path / "toy.sqlite"), synchronous="OFF")
    toys = toy_migrations()
    toys.apply(db)
    rows = db.execute("SELECT migration_set, name FROM _sqlite_migrations ORDER BY id").fetchall()
    assert rows == [("toys", "t001_tables"), ("toys", "t002_rebuild")]
    assert [m.name for m in toys.applied(db)] == ["t001_tables", "t002_rebuild"]
    assert toys.pending(db) == []
    toys.apply(db)  # nothing left to do, nothing done twice
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone() == (2,)


def test_a_rebuilding_migration_that_leaves_dangling_rows_is_rolled_back(tmp_path):
    db = connect(str(tmp_path / "toy.sqlite"), synchronous="OFF")
    toys = toy_migrations()

    @toys(name="t003_orphans", foreign_keys_off=True)
    def orphans(db):
        db.execute("DELETE FROM parent")

    with pytest.raises(ForeignKeyViolation):
        toys.apply(db)
    assert [m.name for m in toys.pending(db)] == ["t003_orphans"]
    assert db.execute("SELECT count(*) FROM parent").fetchone() == (1,)
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert not db.conn.in_transaction


def test_stop_before_is_honoured_around_a_rebuilding_migration(tmp_path):
    db = connect(str(tmp_path / "toy.sqlite"), synchronous="OFF")
    toys = toy_migrations()

    @toys(name="t003_after")
    def after(db):
        db.execute("CREATE TABLE later (id INTEGER PRIMARY KEY)")

    toys.apply(db, stop_before="t002_rebuild")
    assert [m.name for m in toys.applied(db)] == ["t001_tables"]
    toys.apply(db, stop_before="t003_after")
    assert [m.name for m in toys.applied(db)] == ["t001_tables", "t002_rebuild"]
    toys.apply(db)
    assert [m.name for m in toys.applied(db)] == ["t001_tables", "t002_rebuild", "t003_after"]


def test_the_loader_registers_m007_to_run_with_foreign_keys_off():
    assert REBUILD in MIGRATIONS.foreign_keys_off
