"""A consultation ready for its statement, for the statement, outbox and
reminder tests: a meeting on 29.1.2027 of panel_id, a booking with two
questions, optionally a child's finished views."""
from datetime import datetime

from panel import attendance_storage
from panel import storage as panel_storage
from participation import storage as views_storage
from tests.test_tablet import make_views

MEETING_DAY = "2027-01-29"
BOOKED_ON = "2027-01-05"
QUESTIONS = ["Mitä tukea perheelle?", "Sopiiko sijoitus?"]

ANSWERS = {1: "Perhetyötä viikoittain.", 2: "Ei tässä vaiheessa."}
DRAFT = {"recommendations": "Perhetyö jatkuu.", "next_steps": "Sosiaalityöntekijä sopii tapaamisen.",
         "message_to_child": "Kiitos, että kerroit toiveesi.", "message_to_parent": ""}


def book(db, panel_id, worker_id, questions=QUESTIONS, meeting_id=None):
    if meeting_id is None:
        meeting_id = panel_storage.create_meeting(db, panel_id, datetime(2027, 1, 29, 9), datetime(2027, 1, 29, 11, 30), capacity=3)
    return panel_storage.book_consultation(
        db, meeting_id=meeting_id, social_worker_id=worker_id, created_by=worker_id, child_age=10,
        background="Tausta.", questions=questions, today=BOOKED_ON, closes_days_before=14)


def child_views(db, consultation_id, finished=True, refused=False, band="7-12"):
    views_id = make_views(db, consultation_id, band)
    views_storage.save_answer(db, views_id, "q1", {"choice": None, "text": "Toive", "declined": False,
                                                   "visibility": "panel"})
    if finished:
        views_storage.finish(db, views_id, refused=refused)
    return views_id


def hold(db, consultation_id, coordinator_id, member_ids=(), experts=(("Aino Asiantuntija", "Valteri"),)):
    meeting_id = panel_storage.get_consultation(db, consultation_id)["meeting_id"]
    attendance_storage.mark_held(db, meeting_id, coordinator_id, member_ids=list(member_ids), experts=list(experts),
                                 consultations={consultation_id: {"social_worker": True, "child_joined": True,
                                                                  "parents_joined": False}})
    return meeting_id
