"""What a tablet request writes (bench/RESULTS.md, "tablet"): a screen or a save
writes the session's last activity only when the stored one is older than
web.tablet_guard.TOUCH_EVERY_SECONDS; the "are you still there?" heartbeat writes
it every time; a Next whose answers are already stored writes nothing. The
statements are counted, not timed."""
import time

import pytest

from participation import storage as views_storage
from tests.conftest import trace_requests
from tests.test_survey_tablet import answering, family, start  # noqa: F401  (fixtures)
from tests.test_tablet import case, started, tablet_csrf  # noqa: F401  (fixtures)
from web.tablet_guard import TOUCH_EVERY_SECONDS

WRITES = ("INSERT", "UPDATE", "DELETE", "BEGIN", "REPLACE")


@pytest.fixture
def statements(monkeypatch):
    """Every SQL statement the app's requests run from now on, in order."""
    return trace_requests(monkeypatch, [])


def writes(statements):
    return [s for s in statements if s.lstrip().upper().startswith(WRITES)]


def last_seen(db, table="tablet_sessions"):
    return db.execute(f"SELECT last_seen FROM {table}").fetchone()[0]


def quiet_for(db, seconds, table="tablet_sessions"):
    db.execute(f"UPDATE {table} SET last_seen = last_seen - ?", [seconds])


def test_a_screen_shown_again_soon_after_the_last_write_writes_nothing(client, db, started, statements):
    assert client.get("/t/s/1").status_code == 200
    statements.clear()
    assert client.get("/t/s/1").status_code == 200
    assert writes(statements) == []


def test_a_screen_reads_its_session_record_answers_and_drawings_in_three_statements(client, db, started, statements):
    """The session (the guard), the record with its version, meeting and drawings, and its
    answers: a statement each, and no worker's notes (the tablet never shows them)."""
    assert client.get("/t/s/1").status_code == 200
    statements.clear()
    assert client.get("/t/s/1").status_code == 200
    reads = [s for s in statements if not s.lstrip().upper().startswith("PRAGMA")]
    assert len(reads) == 3, reads
    assert not any("view_notes" in s for s in reads)


def test_the_next_writes_the_answer_and_not_the_session(client, db, started, statements):
    token = tablet_csrf(client, 1)
    statements.clear()
    response = client.post("/t/s/1", data={"csrf_token": token, "q-q1-text": "Mummolle.", "q-q1-visibility": "panel",
                                           "nav": "next"})
    assert response.status_code == 302
    assert client.get("/t/s/2").status_code == 200
    assert [s for s in writes(statements) if "tablet_sessions" in s] == []
    assert any("INSERT INTO view_answers" in s for s in writes(statements))


def test_a_screen_of_three_answers_is_saved_in_one_transaction(client, db, started, statements):
    """One durable commit for the screen (api.save_questions -> storage.save_answers), not one per answer."""
    token = tablet_csrf(client, 4)
    statements.clear()
    response = client.post("/t/s/4", data={"csrf_token": token, "nav": "next", "q-join-choice": "yes",
                                           "q-join-visibility": "panel", "q-join_how-choice": "teams",
                                           "q-join_how-visibility": "panel", "q-join_with-choice": "alone",
                                           "q-join_with-visibility": "panel"})
    assert response.status_code == 302
    assert sum("INSERT INTO view_answers" in s for s in statements) == 3
    assert [s.strip().upper() for s in statements if s.strip().upper() in ("BEGIN IMMEDIATE", "COMMIT")] == [
        "BEGIN IMMEDIATE", "COMMIT"]


def test_a_screen_after_a_quiet_while_writes_the_last_activity(client, db, started):
    quiet_for(db, TOUCH_EVERY_SECONDS + 1)
    before = last_seen(db)
    assert client.get("/t/s/1").status_code == 200
    assert last_seen(db) > before + TOUCH_EVERY_SECONDS


def test_an_autosave_after_a_quiet_while_writes_the_last_activity(client, db, started):
    token = tablet_csrf(client, 1)
    quiet_for(db, TOUCH_EVERY_SECONDS + 1)
    before = last_seen(db)
    response = client.post("/t/autosave", json={"question": "q1", "text": "kesken"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200 and last_seen(db) > before + TOUCH_EVERY_SECONDS


def test_the_still_here_heartbeat_always_writes_the_last_activity(client, db, started):
    token = tablet_csrf(client, 1)
    quiet_for(db, 1)  # well within TOUCH_EVERY_SECONDS
    before = last_seen(db)
    assert client.post("/t/still-here", headers={"X-CSRFToken": token}).get_json() == {"active": True}
    assert last_seen(db) > before + 0.5


def test_the_feedback_screen_shown_again_soon_writes_nothing(client, db, answering, statements):
    assert client.get("/feedback/t/answer").status_code == 200
    statements.clear()
    assert client.get("/feedback/t/answer").status_code == 200
    assert writes(statements) == []


def test_the_feedback_screen_after_a_quiet_while_writes_the_last_activity(client, db, answering):
    quiet_for(db, TOUCH_EVERY_SECONDS + 1, "survey_sessions")
    before = last_seen(db, "survey_sessions")
    assert client.get("/feedback/t/answer").status_code == 200
    assert last_seen(db, "survey_sessions") > before + TOUCH_EVERY_SECONDS


def test_a_touch_is_due_after_a_twentieth_of_a_short_idle_limit(app, client, db, started):
    app.config["TABLET_IDLE_SECONDS"], app.config["TABLET_IDLE_GRACE_SECONDS"] = 5, 5  # quiet limit 10 s
    quiet_for(db, 1)  # past 10 / 20 s, within TOUCH_EVERY_SECONDS
    before = last_seen(db)
    assert client.get("/t/s/1").status_code == 200
    assert last_seen(db) > before + 0.5
    assert time.time() - last_seen(db) < 1


def next_of_screen_1(client, token, text="Mummolle.", visibility="panel"):
    response = client.post("/t/s/1", data={"csrf_token": token, "q-q1-text": text, "q-q1-visibility": visibility,
                                           "nav": "next"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/t/s/2")


def stored_answer(db, views_id, question_id="q1"):
    return db.execute("SELECT text, visibility, updated_at FROM view_answers WHERE views_id = ? AND question_id = ?",
                      [views_id, question_id]).fetchone()


def test_a_next_with_the_answer_already_stored_writes_nothing(client, db, started, statements):
    """The Next posts the screen's answers every time; saving the same ones again would only
    rewrite their times and wait for a durable commit (participation/tablet_answers.py)."""
    token = tablet_csrf(client, 1)
    next_of_screen_1(client, token)
    db.execute("UPDATE view_answers SET updated_at = '2026-01-01T00:00:00Z'")
    db.execute("UPDATE views SET updated_at = '2026-01-01T00:00:00Z'")
    statements.clear()
    next_of_screen_1(client, token)
    assert writes(statements) == []
    assert tuple(stored_answer(db, started["views_id"])) == ("Mummolle.", "panel", "2026-01-01T00:00:00Z")
    assert db.execute("SELECT updated_at FROM views").fetchone()[0] == "2026-01-01T00:00:00Z"


def test_a_next_that_changes_only_who_may_see_the_answer_saves_it_in_one_transaction(client, db, started, statements):
    token = tablet_csrf(client, 1)
    next_of_screen_1(client, token)
    statements.clear()
    next_of_screen_1(client, token, visibility="worker")
    assert tuple(stored_answer(db, started["views_id"]))[:2] == ("Mummolle.", "worker")
    assert [s.strip().upper() for s in statements if s.strip().upper() in ("BEGIN IMMEDIATE", "COMMIT")] == [
        "BEGIN IMMEDIATE", "COMMIT"]


def test_only_a_changed_answer_is_saved_and_audit_logged(client, db, started):
    """The worker stored the answer (their own audit line); the child's Next with it unchanged
    adds no line, the Next that changes it does (the tablet session's)."""
    views_storage.save_answer(db, started["views_id"], "q1", {"text": "Mummolle.", "visibility": "panel"},
                              actor_id=started["worker_id"])
    lines = "SELECT user_id, detail FROM audit_log WHERE action = 'views.answer' ORDER BY id"
    token = tablet_csrf(client, 1)
    next_of_screen_1(client, token)
    assert db.execute(lines).fetchall() == [(started["worker_id"], f"views {started['views_id']}, question q1")]
    next_of_screen_1(client, token, text="Mummolle ja papalle.")
    assert stored_answer(db, started["views_id"])[0] == "Mummolle ja papalle."
    session_id = db.execute("SELECT id FROM tablet_sessions").fetchone()[0]
    assert db.execute(lines).fetchall()[1:] == [
        (None, f"views {started['views_id']}, question q1, tablet session {session_id}")]


def test_a_next_with_a_problem_still_gets_its_message(client, db, started):
    """Only answers that would be stored are compared: a problem is shown as before, never skipped."""
    token = tablet_csrf(client, 2)
    response = client.post("/t/s/2", data={"csrf_token": token, "q-q2-choice": "maybe", "nav": "next"})
    assert response.status_code == 400
    assert "Valitse yksi vaihtoehdoista." in response.get_data(as_text=True)
    assert stored_answer(db, started["views_id"], "q2") is None


def test_a_next_with_its_answer_stored_runs_six_reads_and_no_write(client, db, started, statements):
    """The POST and the next screen's GET: each the session, the record with its version and the
    answers; no transaction (the answer is as stored) and no session write (touched lately)."""
    token = tablet_csrf(client, 1)
    next_of_screen_1(client, token)
    assert client.get("/t/s/2").status_code == 200
    statements.clear()
    next_of_screen_1(client, token)
    assert client.get("/t/s/2").status_code == 200
    run = [s for s in statements if not s.lstrip().upper().startswith("PRAGMA")]
    assert len(run) == 6, run
    assert writes(run) == []
