"""The worker checks before it locks (issue 10): the person's "Finished"
hands over (not finished), the worker reviews every answer, records how the
views were found out and finishes; afterwards a correction keeps the earlier
value, is audit-logged without content and the panel sees the current one."""
import sqlite3

import pytest

from migrations import MIGRATIONS
from participation import panel_reads, review_storage, storage
from tests import dom
from tests.conftest import csrf_from, login
from tests.test_tablet import make_code, make_consultation, make_views, start_tablet

SECRET = "Haluan asua mummolla"


@pytest.fixture
def case(db, users, panel_id):
    worker = users["social_worker"][0]
    consultation_id = make_consultation(db, panel_id, worker)
    views_id = make_views(db, consultation_id, "7-12")
    storage.save_answer(db, views_id, "q1", {"text": "Haluan asua mumolla", "visibility": "panel"})
    storage.save_answer(db, views_id, "q2", {"choice": "no", "text": "", "visibility": "panel"})
    return {"consultation_id": consultation_id, "views_id": views_id, "worker": worker}


def handed_over(db, case):
    assert review_storage.hand_over(db, case["views_id"], via="tablet session 1")
    return case["views_id"]


def worker_token(client, views_id):
    return csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))


# ---- the hand-over ------------------------------------------------------------------

def test_the_tablets_ready_hands_over_and_the_panel_sees_nothing_yet(app, client, db, case, users):
    code, _code_id = make_code(db, case["consultation_id"], case["views_id"], case["worker"])
    start_tablet(client, code)
    client.post("/t/finish", data={"csrf_token": csrf_from(client.get("/t/s/0").get_data(as_text=True))})
    assert storage.get_views(db, case["views_id"])["status"] == "handed_over"
    assert panel_reads.panel_material(db, case["consultation_id"]) == []
    coordinator = app.test_client()
    login(coordinator, users["coordinator"][1])
    assert coordinator.get(f"/views/{case['views_id']}/summary/panel").status_code == 404
    worker = app.test_client()
    login(worker, users["social_worker"][1])
    overview = worker.get(f"/consultations/{case['consultation_id']}/views").get_data(as_text=True)
    assert dom.find(overview, "span", data_status="handed_over").text == "Annettu sinulle: odottaa tarkistustasi"


def test_after_the_hand_over_the_person_can_no_longer_change_the_words(db, case):
    handed_over(db, case)
    with pytest.raises(storage.Locked):
        storage.save_answer(db, case["views_id"], "q1", {"text": "muutettu"})
    assert review_storage.hand_over(db, case["views_id"]) is False  # a double tap hands over once


def test_the_childs_finished_on_the_workers_device_hands_over_to_the_review(client, db, case, login_as):
    login_as("social_worker")
    views_id = case["views_id"]
    last = len(storage.get_views(db, views_id)["definition"].pages)
    page = client.get(f"/views/{views_id}/show/{last}").get_data(as_text=True)
    response = client.post(f"/views/{views_id}/show/{last}", data={"csrf_token": csrf_from(page), "nav": "finish"})
    assert response.location.endswith(f"/views/{views_id}")
    assert storage.get_views(db, views_id)["status"] == "handed_over"


def test_the_review_shows_every_answer_and_asks_how_the_views_were_found_out(client, db, case, login_as):
    login_as("social_worker")
    views_id = handed_over(db, case)
    html = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert dom.find(html, "section", class_="review-intro") is not None
    answers = dom.find(html, "dl", class_="answer-list")
    terms = [dt.get("id") for dt in answers.find_all("dt")]
    assert f"answer-{views_id}-q1" in terms and f"answer-{views_id}-q3" in terms  # q3: not answered, shown too
    assert "Haluan asua mumolla" in answers.text and "Ei vastattu" in answers.text
    assert dom.find(html, "select", id="method") is not None
    assert dom.find(html, "button", value="finish") is not None
    assert dom.field_value(html, "asked_on")  # the day is filled in for the worker to check


def test_finishing_the_review_needs_how_the_views_were_found_out(client, db, case, login_as):
    login_as("social_worker")
    views_id = handed_over(db, case)
    token = worker_token(client, views_id)
    refused = client.post(f"/views/{views_id}", data={"csrf_token": token, "action": "finish", "method": ""})
    assert refused.status_code == 400
    assert "Valitse, miten näkemykset selvitettiin" in dom.find(refused.get_data(as_text=True), "p",
                                                                   id="method-error").text
    assert storage.get_views(db, views_id)["status"] == "handed_over"
    done = client.post(f"/views/{views_id}", data={"csrf_token": token, "action": "finish", "method": "tablet_alone",
                                                   "asked_on": "20.1.2027", "present": "lapsi"})
    assert done.status_code == 302
    record = storage.get_views(db, views_id)
    assert (record["status"], record["method"], record["asked_on"]) == ("finished", "tablet_alone", "2027-01-20")


def test_the_worker_can_let_the_child_go_on_answering(client, db, case, login_as):
    login_as("social_worker")
    views_id = handed_over(db, case)
    client.post(f"/views/{views_id}/reopen", data={"csrf_token": worker_token(client, views_id)})
    assert storage.get_views(db, views_id)["status"] == "draft"
    assert client.get(f"/views/{views_id}/show/1").status_code == 200
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'views.reopen'").fetchone()[0] == 1


# ---- corrections ------------------------------------------------------------------------

def test_a_typo_is_corrected_the_earlier_words_kept_and_the_panel_sees_the_current(app, client, db, case, login_as,
                                                                                   users):
    login_as("social_worker")
    views_id = handed_over(db, case)
    storage.finish(db, views_id, case["worker"])
    token = worker_token(client, views_id)
    response = client.post(f"/views/{views_id}/answers/q1/correct", data={"csrf_token": token, "text": SECRET,
                                                                          "visibility": "panel"})
    assert response.status_code == 302
    assert storage.get_views(db, views_id)["answers"]["q1"]["text"] == SECRET
    history = review_storage.answer_history(db, views_id)["q1"]
    assert [(h["text"], h["visibility"]) for h in history] == [("Haluan asua mumolla", "panel")]
    line = db.execute("SELECT action, detail, user_id FROM audit_log WHERE action = 'views.correct'").fetchone()
    assert tuple(line) == ("views.correct", f"views {views_id}, question q1: text", case["worker"])
    assert SECRET not in str(list(db.execute("SELECT * FROM audit_log")))
    # the worker sees the earlier words under the answer; the panel only the current ones
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert "Haluan asua mumolla" in dom.find(page, "div", class_="answer-history").text
    coordinator = app.test_client()
    login(coordinator, users["coordinator"][1])
    panel = coordinator.get(f"/consultations/{case['consultation_id']}/views/panel").get_data(as_text=True)
    assert SECRET in panel and "mumolla" not in panel


def test_who_may_see_is_changed_when_the_child_asks_and_the_panel_no_longer_sees_it(app, client, db, case, login_as,
                                                                                     users):
    login_as("social_worker")
    views_id = handed_over(db, case)
    storage.finish(db, views_id, case["worker"])
    client.post(f"/views/{views_id}/answers/q1/correct", data={"csrf_token": worker_token(client, views_id),
                                                               "text": "Haluan asua mumolla",
                                                               "visibility": "worker"})
    assert storage.get_views(db, views_id)["answers"]["q1"]["visibility"] == "worker"
    detail = db.execute("SELECT detail FROM audit_log WHERE action = 'views.correct'").fetchone()[0]
    assert detail == f"views {views_id}, question q1: visibility"
    coordinator = app.test_client()
    login(coordinator, users["coordinator"][1])
    assert "mumolla" not in coordinator.get(f"/consultations/{case['consultation_id']}/views/panel").get_data(
        as_text=True)


def test_an_unchanged_correction_writes_nothing(client, db, case, login_as):
    login_as("social_worker")
    views_id = handed_over(db, case)
    client.post(f"/views/{views_id}/answers/q2/correct", data={"csrf_token": worker_token(client, views_id),
                                                               "visibility": "panel"})
    assert review_storage.answer_history(db, views_id) == {}
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'views.correct'").fetchone()[0] == 0


@pytest.mark.parametrize("data, message", [
    ({"text": "x", "visibility": "everyone"}, "Valitse, kuka saa nähdä vastauksen."),
    ({"text": "x" * 5001, "visibility": "panel"}, "Vastaus on liian pitkä"),
    ({"text": "Minun hetuni on 131052-308T", "visibility": "panel"}, "henkilötunnukselta"),
])
def test_a_correction_that_cannot_be_saved_says_why_next_to_it_and_keeps_the_text(client, db, case, login_as, data,
                                                                                 message):
    login_as("social_worker")
    views_id = handed_over(db, case)
    response = client.post(f"/views/{views_id}/answers/q1/correct",
                           data={"csrf_token": worker_token(client, views_id), **data})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in dom.find(html, "p", id="correct-q1-error").text
    assert "open" in dom.find(html, "details", class_="correction").attrs
    assert dom.field_value(html, "text") == data["text"]
    assert storage.get_views(db, views_id)["answers"]["q1"]["text"] == "Haluan asua mumolla"


def test_a_text_that_looks_like_an_identity_code_is_saved_once_confirmed(client, db, case, login_as):
    login_as("social_worker")
    views_id = handed_over(db, case)
    client.post(f"/views/{views_id}/answers/q1/correct", data={
        "csrf_token": worker_token(client, views_id), "text": "Koodi 131052-308T", "visibility": "panel",
        "confirm_no_identity_code": "y"})
    assert storage.get_views(db, views_id)["answers"]["q1"]["text"] == "Koodi 131052-308T"


@pytest.mark.parametrize("status", ["draft", "unknown question"])
def test_a_draft_or_an_unanswered_question_cannot_be_corrected(client, db, case, login_as, status):
    login_as("social_worker")
    views_id = case["views_id"]
    question = "q1"
    if status != "draft":
        handed_over(db, case)
        question = "q3"  # not answered
    response = client.post(f"/views/{views_id}/answers/{question}/correct",
                           data={"csrf_token": worker_token(client, views_id), "text": "x", "visibility": "panel"})
    assert response.status_code == 404
    with pytest.raises(review_storage.NotCorrectable):
        review_storage.correct_answer(db, views_id, question, text="x", actor_id=case["worker"])


def test_the_earlier_versions_cannot_be_rewritten(db, case):
    views_id = handed_over(db, case)
    review_storage.correct_answer(db, views_id, "q1", text="uusi", actor_id=case["worker"])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE view_answer_history SET text = 'toinen'")


def test_the_panels_view_does_not_repeat_who_may_see_under_every_answer(app, client, db, case, users):
    views_id = handed_over(db, case)
    storage.finish(db, views_id, case["worker"])
    login(client, users["coordinator"][1])
    panel = client.get(f"/consultations/{case['consultation_id']}/views/panel").get_data(as_text=True)
    assert "Haluan asua mumolla" in panel
    assert dom.find(panel, class_="visibility-tag") is None
    summary = client.get(f"/views/{views_id}/summary/panel").get_data(as_text=True)
    assert dom.find(summary, class_="visibility-tag") is None


# ---- the migration ------------------------------------------------------------------------

def test_m011_keeps_every_views_row_and_allows_the_hand_over(tmp_path):
    from db import connect, migrate
    db = connect(str(tmp_path / "old.sqlite"), synchronous="OFF")
    MIGRATIONS.apply(db, stop_before="m011_answer_history")
    db.execute("INSERT INTO panels (id, name, area, case_code_prefix) VALUES (1, 'P', 'A', 'KS')")
    db.execute("INSERT INTO users (id, email, name, password_hash) VALUES (1, 'a@example.fi', 'A', 'h')")
    db.execute("INSERT INTO consultations (id, panel_id, case_code, social_worker_id, child_age, created_by) "
               "VALUES (1, 1, 'KS-1', 1, 9, 1)")
    db.execute("INSERT INTO questionnaire_versions (id, questionnaire_id, version, digest, definition) "
               "VALUES (1, 'child-7-12', 1, 'd', '{}')")
    db.execute("INSERT INTO views (id, consultation_id, person, position, band, questionnaire_version_id, status) "
               "VALUES (1, 1, 'child', 1, '7-12', 1, 'finished')")
    db.execute("INSERT INTO view_answers (views_id, question_id, text) VALUES (1, 'q1', 'sana')")
    before = db.execute("SELECT * FROM views").fetchall()
    migrate(db)
    assert db.execute("SELECT * FROM views").fetchall() == before
    assert db.execute("SELECT text FROM view_answers").fetchone()[0] == "sana"
    db.execute("UPDATE views SET status = 'handed_over' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE views SET status = 'lost' WHERE id = 1")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.conn.close()
