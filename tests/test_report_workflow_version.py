"""The child's-voice figures are cached by the workflow's version (migration m013,
child_voice_storage.workflow_version): it must change whenever a row they read is
added, removed or changed in a column they read, and only then; the report's page
and charts show the new figures after such a change and read nothing while it holds."""
import re
from datetime import date
from pathlib import Path

import pytest

from migrations.m013_report_workflow_version import READ_COLUMNS
from panel import statement_storage
from surveys import child_voice, definitions, requests
from surveys import child_voice_storage as storage
from surveys import storage as survey_storage
from tests.test_child_voice import world  # noqa: F401 (the fixture: a year of held meetings)

ROOT = Path(__file__).resolve().parent.parent

# a new value for every column the figures read (valid under the table's checks), None: another row's key
NEW = {
    ("consultations", "panel_id"): "other_panel", ("consultations", "meeting_id"): "other_meeting",
    ("consultations", "status"): "cancelled", ("consultations", "child_age"): 3,
    ("meetings", "starts_at"): "2027-02-02T09:00", ("meetings", "cancelled"): 1,
    ("meetings", "held_at"): "2027-02-02T12:00:00Z",
    ("views", "consultation_id"): "unmarked_consultation", ("views", "person"): "parent", ("views", "band"): "parent",
    ("views", "status"): "draft", ("views", "refused"): 1,
    ("consultation_attendance", "consultation_id"): "unmarked_consultation",
    ("consultation_attendance", "child_joined"): "flip", ("consultation_attendance", "parents_joined"): "flip",
    ("statement_versions", "consultation_id"): "other_consultation", ("statement_versions", "version"): 9,
    ("statement_versions", "message_to_child"): "Toinen viesti.",
    ("message_deliveries", "consultation_id"): "unmarked_consultation", ("message_deliveries", "recipient"): "child-2",
    ("message_deliveries", "how"): "meeting", ("message_deliveries", "marked_at"): "2027-03-03T10:00:00Z",
    ("follow_ups", "consultation_id"): "unmarked_consultation", ("follow_ups", "outcome"): "dont_know",
    ("survey_requests", "panel_id"): "other_panel", ("survey_requests", "respondent_group"): "expert",
    ("survey_requests", "period"): "2027-03", ("survey_requests", "expires_on"): "2027-09-30",
    ("survey_requests", "used"): 1,
}
PAIRS = [(table, column) for table, columns in READ_COLUMNS.items() for column in columns if column != "id"]


@pytest.fixture
def request_id(db, panel_id, users):
    """One feedback request, not used, in the world's panel."""
    definition = definitions.SURVEYS["feedback-professional"]
    version_id = survey_storage.ensure_survey_version(db, definition, requests.texts_of(definition))
    return survey_storage.create_request(
        db, panel_id=panel_id, survey_id=definition.id, version_id=version_id, group="professional",
        period="2027-02", once_key="test:1", created_on="2027-02-01", expires_on="2027-02-28",
        user_id=users["social_worker"][0])


def version(db):
    return storage.workflow_version(db)


def _first_rowid(db, table, world=None):
    if table == "views" and world:   # a child with no parent's record beside it: 'parent' 1 stays free
        return db.execute("SELECT min(rowid) FROM views WHERE consultation_id = ?", [world["young"]]).fetchone()[0]
    return db.execute(f"SELECT min(rowid) FROM {table}").fetchone()[0]


def _value(db, table, column, rowid, world, other_panel_id):
    wanted = NEW[(table, column)]
    current = db.execute(f"SELECT {column} FROM {table} WHERE rowid = ?", [rowid]).fetchone()[0]
    if wanted == "flip":
        return 1 - current
    if wanted == "other_panel":
        return other_panel_id
    if wanted == "other_meeting":
        return db.execute("SELECT id FROM meetings WHERE id IS NOT ? ORDER BY id LIMIT 1", [current]).fetchone()[0]
    if wanted == "other_consultation":
        return next(cid for cid in world.values() if cid != current)
    if wanted == "unmarked_consultation":
        taken = {r[0] for r in db.execute(f"SELECT consultation_id FROM {table}")}
        return next(cid for cid in world.values() if cid not in taken)
    assert wanted != current
    return wanted


def test_the_triggers_cover_every_pair_this_test_changes():
    assert set(PAIRS) == set(NEW)


@pytest.mark.parametrize("table, column", PAIRS)
def test_a_change_of_a_column_the_figures_read_raises_the_version(db, world, request_id, other_panel_id, table,
                                                                   column):
    rowid = _first_rowid(db, table, world)
    value = _value(db, table, column, rowid, world, other_panel_id)
    before = version(db)
    db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [value, rowid])
    assert version(db) > before


@pytest.mark.parametrize("table", list(READ_COLUMNS))
def test_a_row_added_or_removed_raises_the_version(db, world, request_id, table):
    rowid = _first_rowid(db, table)
    db.execute("PRAGMA foreign_keys = OFF")   # the row alone, not what refers to it
    db.execute(f"CREATE TEMP TABLE saved AS SELECT * FROM {table} WHERE rowid = ?", [rowid])
    before = version(db)
    db.execute(f"DELETE FROM {table} WHERE rowid = ?", [rowid])
    removed = version(db)
    db.execute(f"INSERT INTO {table} SELECT * FROM temp.saved")
    db.execute("PRAGMA foreign_keys = ON")
    assert before < removed < version(db)


def test_an_autosave_or_a_column_the_figures_do_not_read_leaves_the_version_alone(db, world, request_id):
    before = version(db)
    db.execute("UPDATE views SET updated_at = '2027-02-02T10:00:00Z'")      # every autosave does this
    db.execute("UPDATE meetings SET notes = 'Muistiinpano', place = 'Sali'")
    db.execute("UPDATE survey_requests SET reminded_on = '2027-02-10'")
    db.execute("UPDATE views SET status = status, refused = refused")      # named, but nothing changed
    assert version(db) == before


def test_every_column_the_figures_sql_reads_is_in_the_triggers():
    """A query reading a column the triggers do not watch would keep old figures in the cache."""
    source = (ROOT / "surveys" / "child_voice_storage.py").read_text(encoding="utf-8")
    aliases = {"c": "consultations", "m": "meetings", "v": "views", "a": "consultation_attendance",
               "sv": "statement_versions", "d": "message_deliveries", "f": "follow_ups"}
    read = {(aliases[alias], column) for alias, column in re.findall(r"\b(sv|[cmvadf])\.([a-z_]+)\b", source)}
    assert read, "no column found: the pattern no longer matches the SQL"
    missing = {(t, c) for t, c in read if c not in READ_COLUMNS[t]}
    assert not missing
    for column in re.findall(r"\b(respondent_group|used|expires_on|period|panel_id)\b",
                             source[source.index("def response_rates"):]):
        assert column in READ_COLUMNS["survey_requests"]


# ---------------------------------------------------------------- the report's cache

@pytest.fixture
def shown(app):
    """Every figure shown, however small (else a change could hide behind the suppression)."""
    app.config["SURVEY_MIN_N"] = 1


def test_the_report_reads_the_figures_once_while_nothing_changes(app, db, world, login_as, monkeypatch):
    built = []
    real = child_voice.build
    monkeypatch.setattr(child_voice, "build", lambda *a, **k: built.append(1) or real(*a, **k))
    client = login_as("coordinator")
    assert client.get("/feedback/report/").status_code == 200
    assert client.get("/feedback/report/").status_code == 200
    assert client.get("/feedback/report/charts/views_by_band.svg").status_code == 200
    assert built == [1]


def test_the_report_shows_new_figures_after_the_workflow_changes(app, shown, db, world, users, login_as):
    client = login_as("coordinator")
    first = client.get("/feedback/report/charts/follow_up.svg")
    statement_storage.save_follow_up(db, world["young"], users["social_worker"][0], "no")
    second = client.get("/feedback/report/charts/follow_up.svg")
    assert first.status_code == second.status_code == 200
    assert first.headers["ETag"] != second.headers["ETag"]
    assert first.data != second.data


def test_a_used_feedback_request_changes_the_response_rates_shown(app, shown, db, world, request_id, login_as):
    client = login_as("coordinator")
    before = client.get("/feedback/report/charts/response_rates.svg").headers["ETag"]
    assert survey_storage.submit(db, request_id, {}, date(2027, 2, 10))
    assert client.get("/feedback/report/charts/response_rates.svg").headers["ETag"] != before
