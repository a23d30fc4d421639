"""The audit trail (issue 9, items 8 and 9): every change to a child's views,
every reading of a case's background and every admin change is logged with
ids only, in the same transaction as the change; the log is append-only and
every action reads in the admin's language."""
import io
import sqlite3
from datetime import date, datetime

import pytest
from flask_babel import force_locale

from accounts import storage as accounts_storage
from accounts.admin import AUDIT_ACTIONS
from panel import storage as panel_storage
from participation import review_storage, storage, tablet_storage
from participation.demo import demo_png
from tests.conftest import csrf_from, login
from tests.test_tablet import make_code, start_tablet, tablet_csrf

PNG = demo_png(20, 10)
SECRET = "salainen toive"  # the child's words: never in the log


def make_consultation(db, panel_id, worker_id):
    start = datetime(2027, 1, 29, 9, 0)
    meeting_id = panel_storage.create_meeting(db, panel_id, start, start.replace(hour=11, minute=30), capacity=3)
    return panel_storage.book_consultation(
        db, meeting_id=meeting_id, social_worker_id=worker_id, created_by=worker_id, child_age=9,
        background="Perheen tausta", questions=["Mitä tehdään?"], today=date(2026, 11, 1),
        closes_days_before=14)


@pytest.fixture
def case(app, db, panel_id, users):
    app.config["TODAY"] = "2026-11-01"
    consultation_id = make_consultation(db, panel_id, users["social_worker"][0])
    views_id = storage.create_views(db, consultation_id, "7-12", created_by=users["social_worker"][0])
    return {"consultation_id": consultation_id, "views_id": views_id, "worker_id": users["social_worker"][0],
            "panel_id": panel_id}


@pytest.fixture
def worker(client, login_as, case):
    """The consultation's social worker, logged in, with a CSRF token."""
    login_as("social_worker")
    client.token = csrf_from(client.get(f"/views/{case['views_id']}").get_data(as_text=True))
    return client


def last_id(db):
    return db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]


def lines_since(db, after, action=None):
    sql, params = "SELECT user_id, action, consultation_id, detail FROM audit_log WHERE id > ?", [after]
    if action:
        sql, params = sql + " AND action = ?", params + [action]
    return [tuple(row) for row in db.execute(sql + " ORDER BY id", params).fetchall()]


def no_content_in_log(db):
    return not db.execute("SELECT 1 FROM audit_log WHERE detail LIKE ?", [f"%{SECRET}%"]).fetchone()


def answer(text=SECRET, visibility="panel"):
    return {"choice": None, "text": text, "declined": False, "visibility": visibility}


# ---- item 9: append-only ---------------------------------------------------------------

def test_the_audit_log_refuses_update_and_delete_and_still_takes_new_lines(db, users):
    accounts_storage.write_audit(db, users["admin"][0], "user.create", detail="user 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit_log SET detail = 'muutettu'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit_log")
    accounts_storage.write_audit(db, users["admin"][0], "user.update", detail="user 1")
    assert [r["detail"] for r in db["audit_log"].rows] == ["user 1", "user 1"]


# ---- item 8: what is logged, with which ids ------------------------------------------------

def test_the_workers_form_logs_each_changed_answer_the_details_and_finishing(worker, db, case):
    views_id, before = case["views_id"], last_id(db)
    response = worker.post(f"/views/{views_id}", data={
        "csrf_token": worker.token, "q-q1-text": SECRET, "q-q1-visibility": "panel", "q-q2-choice": "no",
        "q-q2-text": "", "q-q2-visibility": "panel", "q-q3-declined": "1", "q-q3-visibility": "panel",
        "method": "play", "present": "lapsi", "action": "finish"})
    assert response.status_code == 302
    who, cid = case["worker_id"], case["consultation_id"]
    assert lines_since(db, before, "views.answer") == [
        (who, "views.answer", cid, f"views {views_id}, question {q}") for q in ("q1", "q2", "q3")]
    assert lines_since(db, before, "views.details") == [(who, "views.details", cid, f"views {views_id}, method present")]
    assert lines_since(db, before, "views.finish") == [(who, "views.finish", cid, f"views {views_id}")]
    assert no_content_in_log(db)


def test_show_to_the_child_logs_the_answer_of_its_screen(worker, db, case):
    views_id, before = case["views_id"], last_id(db)
    worker.post(f"/views/{views_id}/show/1", data={"csrf_token": worker.token, "q-q1-text": SECRET,
                                                   "q-q1-visibility": "panel", "nav": "next"})
    assert lines_since(db, before, "views.answer") == [
        (case["worker_id"], "views.answer", case["consultation_id"], f"views {views_id}, question q1")]


def test_the_workers_autosave_logs_the_answer_once_a_minute(worker, db, case):
    views_id, before = case["views_id"], last_id(db)
    for text in ("salainen", SECRET):
        response = worker.post(f"/views/{views_id}/autosave", json={"question": "q1", "text": text},
                               headers={"X-CSRFToken": worker.token})
        assert response.status_code == 200
    assert lines_since(db, before) == [
        (case["worker_id"], "views.answer", case["consultation_id"], f"views {views_id}, question q1")]
    assert no_content_in_log(db)


def test_an_autosave_line_older_than_the_window_does_not_swallow_the_next(db, case):
    views_id = case["views_id"]
    db.execute("INSERT INTO audit_log (at, user_id, action, consultation_id, detail) VALUES "
               "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?), ?, 'views.answer', ?, ?)",
               [f"-{storage.COALESCE_SECONDS + 1} seconds", case["worker_id"], case["consultation_id"],
                f"views {views_id}, question q1"])
    before = last_id(db)
    storage.save_answer(db, views_id, "q1", answer(), actor_id=case["worker_id"])
    assert len(lines_since(db, before, "views.answer")) == 1


def test_saving_an_unchanged_answer_writes_no_new_line(db, case):
    storage.save_answer(db, case["views_id"], "q1", answer(), actor_id=case["worker_id"])
    storage.save_answer(db, case["views_id"], "q2", answer(), actor_id=case["worker_id"])
    before = last_id(db)
    storage.save_answer(db, case["views_id"], "q1", answer(), actor_id=case["worker_id"])
    assert lines_since(db, before) == []


def test_the_workers_drawing_upload_and_removal_are_logged(worker, db, case):
    views_id, before = case["views_id"], last_id(db)
    headers = {"X-CSRFToken": worker.token}
    saved = worker.post(f"/views/{views_id}/drawing", headers=headers, content_type="multipart/form-data",
                        data={"question": "q1", "drawing": (io.BytesIO(PNG), "d.png")})
    cleared = worker.post(f"/views/{views_id}/drawing", headers=headers, data={"question": "q1", "clear": "1"})
    assert saved.status_code == cleared.status_code == 200
    detail = f"views {views_id}, question q1"
    assert [line for line in lines_since(db, before) if line[1].startswith("views.drawing_")] == [
        (case["worker_id"], "views.drawing_save", case["consultation_id"], detail),
        (case["worker_id"], "views.drawing_delete", case["consultation_id"], detail)]


def test_a_note_the_worry_marker_and_the_band_are_logged(worker, db, case):
    views_id, before, who, cid = case["views_id"], last_id(db), case["worker_id"], case["consultation_id"]
    worker.post(f"/views/{views_id}/notes", data={"csrf_token": worker.token, "text": "Lapsi oli väsynyt"})
    worker.post(f"/views/{views_id}/worry", data={"csrf_token": worker.token, "on": "1"})
    worker.post(f"/views/{views_id}/worry", data={"csrf_token": worker.token, "on": "0"})
    worker.post(f"/views/{views_id}/band", data={"csrf_token": worker.token, "band": "3-6"})
    note_id = storage.get_views(db, views_id)["notes"][0]["id"]
    assert lines_since(db, before) == [
        (who, "views.note", cid, f"views {views_id}, note {note_id}"),
        (who, "views.worry_set", cid, f"views {views_id}, question q2"),
        (who, "views.worry_clear", cid, f"views {views_id}, question q2"),
        (who, "views.band", cid, f"views {views_id}, band 7-12 to 3-6")]
    assert not db.execute("SELECT 1 FROM audit_log WHERE detail LIKE '%väsynyt%'").fetchone()


def test_adding_a_person_and_finishing_from_the_record_page_are_logged(worker, db, case):
    cid, before = case["consultation_id"], last_id(db)
    page = worker.get(f"/consultations/{cid}/views").get_data(as_text=True)
    response = worker.post(f"/consultations/{cid}/views", data={
        "csrf_token": csrf_from(page), "band": "parent", "language": "fi", "request_key": "k-audit"})
    views_id = int(response.location.rstrip("/").split("/")[-1])
    worker.post(f"/views/{views_id}/finish", data={"csrf_token": worker.token, "refused": "1"})
    assert lines_since(db, before, "views.create") == [
        (case["worker_id"], "views.create", cid, f"views {views_id}, band parent")]
    assert lines_since(db, before, "views.finish") == [(case["worker_id"], "views.finish", cid, f"views {views_id}")]


@pytest.mark.parametrize("role", ["social_worker", "coordinator"])
def test_reading_a_consultations_background_is_logged(client, db, login_as, users, case, role):
    login_as(role)
    before = last_id(db)
    assert client.get(f"/consultations/{case['consultation_id']}").status_code == 200
    assert lines_since(db, before) == [(users[role][0], "consultation.read", case["consultation_id"], "")]


def test_the_edit_form_with_the_background_is_logged_as_a_reading(client, db, login_as, users, case):
    login_as("social_worker")
    before = last_id(db)
    assert client.get(f"/consultations/{case['consultation_id']}/edit").status_code == 200
    assert lines_since(db, before) == [(users["social_worker"][0], "consultation.read", case["consultation_id"], "")]


# ---- the tablet: the person alone, no user, the tablet session named --------------------

@pytest.fixture
def tablet(client, db, case):
    code, code_id = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    assert start_tablet(client, code).status_code == 302
    session_id = db.execute("SELECT id FROM tablet_sessions WHERE code_id = ?", [code_id]).fetchone()[0]
    client.token = tablet_csrf(client)
    return dict(case, session_id=session_id, code_id=code_id, client=client)


def test_the_tablet_start_logs_the_session_and_the_details_with_no_user(db, tablet):
    cid, views_id, session_id = tablet["consultation_id"], tablet["views_id"], tablet["session_id"]
    started = db.execute("SELECT id FROM audit_log WHERE action = 'tablet_session_start'").fetchone()[0]
    assert lines_since(db, started - 1) == [
        (None, "tablet_session_start", cid,
         f"tablet session {session_id}, views {views_id}, code {tablet['code_id']}, language fi"),
        (None, "views.details", cid, f"views {views_id}, method mode, tablet session {session_id}")]


def test_the_tablet_autosave_screens_drawing_and_hand_back_are_logged(db, tablet):
    client, views_id, cid = tablet["client"], tablet["views_id"], tablet["consultation_id"]
    via = f"tablet session {tablet['session_id']}"
    before = last_id(db)
    headers = {"X-CSRFToken": client.token}
    assert client.post("/t/autosave", json={"question": "q1", "text": SECRET}, headers=headers).status_code == 200
    client.post("/t/s/2", data={"csrf_token": client.token, "q-q2-choice": "no", "q-q2-visibility": "panel",
                                "nav": "next"})
    assert client.post("/t/drawing", headers=headers, content_type="multipart/form-data",
                       data={"question": "q3", "drawing": (io.BytesIO(PNG), "d.png")}).status_code == 200
    client.post("/t/finish", data={"csrf_token": client.token})
    changes = [line for line in lines_since(db, before) if line[1].startswith("views.")]
    assert changes == [
        (None, "views.answer", cid, f"views {views_id}, question q1, {via}"),
        (None, "views.answer", cid, f"views {views_id}, question q2, {via}"),
        (None, "views.drawing_save", cid, f"views {views_id}, question q3, {via}"),
        (None, "views.answer", cid, f"views {views_id}, question q3, {via}"),
        (None, "views.hand_over", cid, f"views {views_id}, {via}")]  # the worker checks and finishes
    assert no_content_in_log(db)


# ---- a failed change leaves no line; a line that cannot be written undoes the change --------

def test_a_refused_change_leaves_no_audit_line(worker, db, case):
    views_id, headers = case["views_id"], {"X-CSRFToken": worker.token}
    too_long = worker.post(f"/views/{views_id}/autosave", json={"question": "q1", "text": "x" * 5001},
                           headers=headers)
    storage.finish(db, views_id, case["worker_id"])
    before = last_id(db)
    locked = worker.post(f"/views/{views_id}/autosave", json={"question": "q1", "text": SECRET}, headers=headers)
    with pytest.raises(sqlite3.IntegrityError):
        storage.add_note(db, views_id, "x" * 5001, case["worker_id"])
    assert (too_long.status_code, locked.status_code) == (400, 409)
    assert lines_since(db, before) == []
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'views.answer'").fetchone()[0] == 0


def break_the_audit_log(db):
    """Every audit insert fails from now on (as a full disk or a bug would make it)."""
    db.execute("CREATE TRIGGER audit_broken BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'broken'); END")


CHANGES = {
    "answer": (lambda db, c: storage.save_answer(db, c["views_id"], "q1", answer()),
               "SELECT count(*) FROM view_answers"),
    "drawing": (lambda db, c: storage.save_drawing(db, c["views_id"], "q1", PNG),
                "SELECT count(*) FROM view_drawings"),
    "note": (lambda db, c: storage.add_note(db, c["views_id"], "Huomio", c["worker_id"]),
             "SELECT count(*) FROM view_notes"),
    "worry": (lambda db, c: storage.set_worry(db, c["views_id"], "q2", True),
              "SELECT count(*) FROM view_answers WHERE worry"),
    "finish": (lambda db, c: storage.finish(db, c["views_id"], c["worker_id"]),
               "SELECT count(*) FROM views WHERE status = 'finished'"),
    "band": (lambda db, c: storage.change_band(db, c["views_id"], "3-6"),
             "SELECT count(*) FROM views WHERE band = '3-6'"),
    "details": (lambda db, c: storage.update_details(db, c["views_id"], method="play"),
                "SELECT count(*) FROM views WHERE method = 'play'"),
    "person": (lambda db, c: storage.create_views(db, c["consultation_id"], "parent", created_by=c["worker_id"]),
               "SELECT count(*) FROM views"),
    "meeting": (lambda db, c: panel_storage.create_meeting(db, c["panel_id"], datetime(2027, 3, 1, 9),
                                                           datetime(2027, 3, 1, 11), capacity=3,
                                                           actor_id=c["worker_id"]),
                "SELECT count(*) FROM meetings"),
    "tablet code": (lambda db, c: make_code(db, c["consultation_id"], c["views_id"], c["worker_id"]),
                    "SELECT count(*) FROM tablet_codes"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_whose_audit_line_cannot_be_written_is_not_stored(db, case, change):
    make, count = CHANGES[change]
    before = db.execute(count).fetchone()[0]
    break_the_audit_log(db)
    with pytest.raises(sqlite3.IntegrityError, match="broken"):
        make(db, case)
    assert db.execute(count).fetchone()[0] == before


def test_cancelling_a_tablet_code_and_its_session_is_one_transaction_with_its_lines(db, tablet):
    code_id = db.execute("SELECT code_id FROM tablet_sessions WHERE id = ?", [tablet["session_id"]]).fetchone()[0]
    break_the_audit_log(db)
    with pytest.raises(sqlite3.IntegrityError, match="broken"):
        tablet_storage.cancel_code(db, code_id, 0.0)
    db.execute("DROP TRIGGER audit_broken")
    assert db.execute("SELECT cancelled_at FROM tablet_codes WHERE id = ?", [code_id]).fetchone() == (None,)
    tablet_storage.cancel_code(db, code_id, 0.0, tablet["worker_id"])
    assert [line[1] for line in lines_since(db, 0) if line[0] == tablet["worker_id"]][-2:] == [
        "tablet_code_cancelled", "tablet_session_end"]


@pytest.mark.parametrize("url, data, table", [
    ("/admin/users/new", {"email": "uusi@example.fi", "name": "Uusi", "password": "pitkä salasana 123",
                          "roles": "expert"}, "users"),
    ("/admin/panels/new", {"name": "Uusi paneeli", "area": "", "case_code_prefix": "UP"}, "panels"),
])
def test_an_admin_change_whose_audit_line_cannot_be_written_is_not_stored(client, db, users, url, data, table):
    login(client, users["admin"][1])
    token = csrf_from(client.get(url).get_data(as_text=True))
    before = db[table].count
    break_the_audit_log(db)
    assert client.post(url, data={**data, "csrf_token": token}).status_code == 500
    assert db[table].count == before


# ---- the admin reads every action in their own language -------------------------------------

NEW_ACTIONS = ["consultation.read", "views.create", "views.answer", "views.drawing_save", "views.drawing_delete",
               "views.details", "views.band", "views.finish", "views.note", "views.worry_set", "views.worry_clear",
               "views.hand_over", "views.reopen", "views.correct"]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_new_action_has_a_label_in_the_admins_language(app, client, db, users, lang):
    for action in NEW_ACTIONS:
        accounts_storage.write_audit(db, users["admin"][0], action, detail="views 1")
    client.get(f"/language/{lang}")
    login(client, users["admin"][1])
    page = client.get("/admin/audit").get_data(as_text=True)
    with app.test_request_context():
        for action in NEW_ACTIONS:
            with force_locale("en"):
                english = str(AUDIT_ACTIONS[action])
            with force_locale(lang):
                label = str(AUDIT_ACTIONS[action])
            assert label != english, f"{action} is not translated into {lang}"
            assert f"{label} <code class=\"audit-code\">{action}</code>" in page


def test_every_action_the_app_writes_has_a_label(app, db, users, tablet):
    """Walk the worker's, the coordinator's and the tablet's routes; whatever
    they wrote to the log must read as words for the admin."""
    views_id, cid = tablet["views_id"], tablet["consultation_id"]
    staff = app.test_client()
    login(staff, users["social_worker"][1])
    token = csrf_from(staff.get(f"/views/{views_id}").get_data(as_text=True))
    staff.get(f"/consultations/{cid}")
    staff.get(f"/views/{views_id}/summary")
    staff.post(f"/views/{views_id}/notes", data={"csrf_token": token, "text": "Huomio"})
    staff.post(f"/views/{views_id}/worry", data={"csrf_token": token, "on": "1"})
    client, headers = tablet["client"], {"X-CSRFToken": tablet["client"].token}
    client.post("/t/autosave", json={"question": "q1", "text": SECRET}, headers=headers)
    client.post("/t/drawing", headers=headers, data={"question": "q3", "clear": "1"})
    client.post("/t/finish", data={"csrf_token": client.token})
    # the worker's check after the hand-over: a correction, back to answering, and finishing
    staff.post(f"/views/{views_id}/answers/q1/correct", data={"csrf_token": token, "text": "korjattu",
                                                               "visibility": "worker"})
    staff.post(f"/views/{views_id}/reopen", data={"csrf_token": token})
    review_storage.hand_over(db, views_id)
    staff.post(f"/views/{views_id}", data={"csrf_token": token, "method": "tablet_alone", "action": "finish"})
    actions = {row[0] for row in db.execute("SELECT DISTINCT action FROM audit_log")}
    assert {"consultation.read", "views.note", "views.answer", "views.finish", "views.hand_over", "views.correct",
            "views.reopen", "tablet_session_end"} <= actions
    assert actions <= set(AUDIT_ACTIONS), actions - set(AUDIT_ACTIONS)
