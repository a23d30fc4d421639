"""The worker's record page of a draft (bench/: "child's form page (worker)"): what it reads and makes.
It reads its record in three statements, makes no WTForms form to show saved values, and its
questions in one call are each question's own HTML. (That its HTML stayed the same byte for byte
was checked against saved pages, fi, sv and en; see bench/RESULTS.md.)"""
from datetime import date

import pytest
from flask import g

from participation import api, forms, storage
from participation.demo import demo_png
from tests.conftest import csrf_from, trace_requests
from tests.test_read_aloud import record_for

PNG = demo_png(20, 10)


@pytest.fixture
def draft(db, users, panel_id):
    _consultation_id, views_id = record_for(db, users, panel_id, "7-12")
    storage.save_answer(db, views_id, "q1", {"text": "Kotona on kivaa", "visibility": "panel"})
    return views_id


def _reads(statements):
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


def test_a_drafts_page_reads_its_consultation_with_the_record_and_no_notes(client, login_as, draft, monkeypatch):
    login_as("social_worker")
    client.get(f"/views/{draft}")
    statements = trace_requests(monkeypatch, [])
    assert client.get(f"/views/{draft}").status_code == 200
    reads = [s for s in _reads(statements) if "FROM users u" not in s]  # the logged-in user's own read
    assert len(reads) == 3, reads
    assert "JOIN consultations c" in reads[0] and "questionnaire_versions" in reads[1] and "view_answers" in reads[2]
    assert not any("view_notes" in s or "consultation_questions" in s or "FROM meetings" in s for s in reads)


def test_a_finished_records_page_still_shows_the_workers_notes(client, db, login_as, draft):
    storage.finish(db, draft, None)
    storage.add_note(db, draft, "Huomio tapaamisesta", None)
    login_as("social_worker")
    assert "Huomio tapaamisesta" in client.get(f"/views/{draft}").get_data(as_text=True)


def test_a_drafts_page_makes_no_form_to_show_the_saved_details(client, db, login_as, draft, monkeypatch):
    db.execute("UPDATE views SET method = 'play', present = 'Isä', asked_on = '2026-11-30' WHERE id = ?", [draft])
    made = []
    for form_class in (forms.DetailsForm, forms.BandForm):
        original = form_class.__init__
        monkeypatch.setattr(form_class, "__init__",
                            lambda self, *a, _original=original, **k: made.append(type(self)) or _original(self, *a, **k))
    login_as("social_worker")
    client.get(f"/views/{draft}")  # the fields' stencils are made from an empty form once
    made.clear()
    page = client.get(f"/views/{draft}").get_data(as_text=True)
    assert made == []
    assert '<option selected value="play">' in page and 'value="Isä"' in page and 'value="30.11.2026"' in page
    assert '<option selected value="7-12">' in page


def test_the_questions_in_one_call_are_each_questions_own_html(app, db, draft):
    storage.save_drawing(db, draft, "q1", PNG)
    with app.test_request_context(f"/views/{draft}"):
        g.forced_locale = "sv"
        record = api.load(db, draft)
        env = app.jinja_env
        frame = env.get_template("questionnaire/_question.html").module.frame
        extension = env.get_template("participation/_extension.html").module
        ctx = {"mode": "worker", "audience": "child", "band": "7-12", "read_aloud": False, "gentle": False}
        entered = {"q2": {"choice": None, "text": "kirjoitettu", "declined": False, "visibility": "worker"}}
        errors = {"q2": ["Liian pitkä."]}
        src = f"/views/{draft}/drawings/q1.png"
        ours = app.jinja_env.globals["questions_html"](frame, record["form"].pages, ctx, extension, record["answers"],
                                                       entered, errors, record["drawings"], lambda qid: src)
        questions = [q for p in record["form"].pages if p.kind == "questions" for q in p.questions]
        theirs = [app.jinja_env.globals["question_html"](
            frame, q, entered.get(q.id) or record["answers"].get(q.id), errors.get(q.id),
            dict(ctx, has_drawing=q.id in record["drawings"], drawing_src=src if q.id in record["drawings"] else None),
            extension, dict(record["answers"], **entered)) for q in questions]
    assert len(ours) == len(questions) > 2 and ours == theirs
    assert src in ours[0] and "kirjoitettu" in ours[1] and "Liian pitkä." in ours[1]


def test_a_stored_drawing_shows_on_the_drafts_page(client, db, login_as, draft):
    storage.save_drawing(db, draft, "q1", PNG)
    login_as("social_worker")
    page = client.get(f"/views/{draft}").get_data(as_text=True)
    assert f'src="/views/{draft}/drawings/q1.png"' in page


def test_a_handed_over_record_without_a_date_suggests_the_review_day(client, db, app, login_as, draft):
    db.execute("UPDATE views SET status = 'handed_over' WHERE id = ?", [draft])
    app.config["TODAY"] = "2026-12-01"
    login_as("social_worker")
    page = client.get(f"/views/{draft}").get_data(as_text=True)
    assert 'value="1.12.2026"' in page
    db.execute("UPDATE views SET asked_on = ? WHERE id = ?", [date(2026, 11, 2).isoformat(), draft])
    assert 'value="2.11.2026"' in client.get(f"/views/{draft}").get_data(as_text=True)


def test_a_records_texts_read_lazily_are_the_stored_ones(db, draft):
    import json
    stored = db.execute("SELECT q.texts FROM views v JOIN questionnaire_versions q ON q.id = v.questionnaire_version_id "
                        "WHERE v.id = ?", [draft]).fetchone()[0]
    texts = storage.get_views(db, draft)["texts"]
    assert texts._texts is None  # not parsed until read
    assert dict(texts) == json.loads(stored) and len(texts) > 3 and texts == json.loads(stored)
