"""A consultation with everything the panel's workflow shows, for the
workflow's tests: a meeting on site and on Teams, a case with secret-looking
questions, background and municipality, a finished child's views (one answer
for the panel with a drawing, one kept for the social worker), a document, and
the panel's people (a second expert too). Strings in SECRETS must never reach
anyone the rules keep out."""
from datetime import datetime

import pytest

from panel import documents_storage
from panel import storage as panel_storage
from participation import storage as views_storage
from participation.demo import demo_png
from tests import sample_documents
from tests.conftest import make_user
from tests.test_tablet import make_views

TODAY = "2027-01-10"          # booking open; documents due 22.1.
DUE_DAY = "2027-01-22"
MEETING_DAY = "2027-01-29"
QUESTION = "Kysymys numero yksi paneelille"
BACKGROUND = "Taustan luottamuksellinen kuvaus"
PANEL_ANSWER = "Ryhmän luettavaksi sallittu toive"
WORKER_ONLY_ANSWER = "Vain omalle sosiaalityöntekijälle kerrottu asia"
DOCUMENT = sample_documents.PDF + b"%% asiakirjan salainen sisalto\n"
SECRETS = (QUESTION, BACKGROUND, PANEL_ANSWER, WORKER_ONLY_ANSWER, "asiakirjan salainen sisalto")


def answer(text="", choice=None, visibility="panel"):
    return {"choice": choice, "text": text, "declined": False, "visibility": visibility}


@pytest.fixture
def case(app, db, panel_id, users):
    """{consultation_id, meeting_id, views_id, document_id, expert2_id}."""
    app.config["TODAY"] = TODAY
    meeting_id = panel_storage.create_meeting(db, panel_id, datetime(2027, 1, 29, 9), datetime(2027, 1, 29, 11, 30),
                                              place="Kokoushuone Aalto",
                                              teams_link="https://teams.example.fi/kokous", capacity=3)
    worker_id = users["social_worker"][0]
    consultation_id = panel_storage.book_consultation(
        db, meeting_id=meeting_id, social_worker_id=worker_id, created_by=worker_id, child_age=10,
        background=BACKGROUND, questions=[QUESTION], today=TODAY, municipality="Laukaa", closes_days_before=14)
    views_id = make_views(db, consultation_id)
    views_storage.save_answer(db, views_id, "q1", answer(PANEL_ANSWER))
    views_storage.save_drawing(db, views_id, "q1", demo_png(20, 10))
    views_storage.save_answer(db, views_id, "q3", answer(WORKER_ONLY_ANSWER, visibility="worker"))
    views_storage.save_answer(db, views_id, "join", answer(choice="yes"))
    views_storage.save_answer(db, views_id, "join_how", answer(choice="teams"))
    views_storage.save_answer(db, views_id, "join_with", answer(choice="with_parent"))
    views_storage.finish(db, views_id)
    document_id = documents_storage.add_document(db, consultation_id, title="Asiakassuunnitelma", content=DOCUMENT,
                                                 actor_id=worker_id, on_day=TODAY, documents_due=DUE_DAY)
    expert2_id = make_user(db, "expert2@example.fi", ["expert"], [panel_id])
    return {"consultation_id": consultation_id, "meeting_id": meeting_id, "views_id": views_id,
            "document_id": document_id, "expert2_id": expert2_id}
