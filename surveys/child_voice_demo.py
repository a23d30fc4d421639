"""Demo data of what followed the year's meetings, so that the report's
child's-voice figures (surveys/child_voice.py) look like a real year: the
meetings marked held with the child or a parent joining the first 30 minutes
now and then, some small children heard through a drawing, a finalised
statement with its message to the child, how the social worker marked the
message delivered (a few days to a few weeks after the meeting, a few not
delivered, a few not marked yet), and the three-month follow-up.

Everything goes through the same storage functions as the real workflow.
The delivery's mark gets a date after the meeting instead of today (the one
thing a demo must invent), and the emails this step queues are marked sent:
they are a year old, and the coordinator's outbox should show today's work.

Called by demo_data.fill after surveys.demo, as `fill(db, context)`; reads
context["survey_consultation_ids"].
"""
from datetime import timedelta

import config
from panel import attendance_storage, calendar, statement_storage
from panel import outbox as panel_outbox
from panel.statement_demo import ANSWERS, NEXT_STEPS, RECOMMENDATIONS, TO_CHILD
from panel.statement_rules import follow_up_due_on
from panel.storage import get_consultation
from participation import questionnaires, wording
from participation import storage as views_storage
from participation.demo import demo_png

COORDINATOR = "koordinaattori@example.fi"
# how the n-th message was marked (None: not marked yet) and after how many days
DELIVERIES = ["in_person", "in_person", "letter", "in_person", "meeting", "in_person", "letter", "not_delivered",
              "in_person", None, "meeting", "in_person"]
DAYS = [3, 7, 12, 5, 21, 9, 16, 30, 4, 0, 11, 6]
NOT_DELIVERED_REASON = "Nuori ei halunnut tavata, viesti odottaa seuraavaa tapaamista."
# the follow-up's answers in turn (None: not answered although due)
OUTCOMES = ["yes", "partly", "yes", "no", "partly", "yes", "dont_know", "yes", None, "partly"]


def _small_child_views(db, consultation_id, worker):
    """A 3–6-year-old heard through a drawing, finished by the worker."""
    definition = questionnaires.definition_for("3-6")
    views_id = views_storage.create_views(db, consultation_id, "3-6", created_by=worker, language="fi",
                                          texts=wording.texts_for(questionnaires.wording_keys(definition)))
    views_storage.save_drawing(db, views_id, "q1", demo_png(), actor_id=worker)
    views_storage.save_answer(db, views_id, "q1", {"choice": None, "text": "Piirsi kodin ja kissan.",
                                                   "declined": False, "visibility": "panel"}, actor_id=worker)
    views_storage.finish(db, views_id, worker)


def _views(db, consultation_id):
    return list(db.query("SELECT person, status, refused FROM views WHERE consultation_id = ?", [consultation_id]))


def _hold(db, consultations, coordinator):
    """Each meeting marked held (again), its members and outside experts kept, the family's marks set."""
    by_meeting = {}
    for i, item in enumerate(consultations):
        views = _views(db, item["id"])
        child = any(v["person"] == "child" and v["status"] == "finished" for v in views)
        parent = any(v["person"] == "parent" for v in views)
        by_meeting.setdefault(item["meeting_id"], {})[item["id"]] = {
            "social_worker": True, "child_joined": child and i % 3 == 0, "parents_joined": parent and i % 4 == 1}
    for meeting_id, marks in by_meeting.items():
        held = attendance_storage.get_attendance(db, meeting_id, list(marks))
        attendance_storage.mark_held(db, meeting_id, coordinator, member_ids=sorted(held["member_ids"]),
                                     experts=[(e["name"], e["role"]) for e in held["outside_experts"]],
                                     consultations=marks)


def _deliver(db, item, worker, n):
    """Mark the message's recipients as DELIVERIES[n] says; returns how many recipients were marked."""
    recipients = statement_storage.recipients(db, item["id"])
    marks = {}
    for k, recipient in enumerate(recipients):
        how = DELIVERIES[(n + k) % len(DELIVERIES)]
        if how is not None:
            marks[recipient["key"]] = (how, NOT_DELIVERED_REASON if how == "not_delivered" else "")
    if marks:
        statement_storage.mark_deliveries(db, item["id"], worker, marks)
        day = calendar.as_date(item["meeting"]["starts_at"]) + timedelta(days=DAYS[n % len(DAYS)])
        for key in marks:
            row = db["message_deliveries"].rows_where("consultation_id = ? AND recipient = ?", [item["id"], key])
            for found in row:
                db["message_deliveries"].update(found["id"], {"marked_at": f"{day}T10:00:00Z"})
    return len(recipients)


def fill(db, context):
    on_day = calendar.as_date(context.get("today") or calendar.today(config.TIMEZONE))
    coordinator = context["users"][COORDINATOR]
    first_outbox = db.execute("SELECT coalesce(max(id), 0) FROM outbox").fetchone()[0]
    consultations = [get_consultation(db, cid) for cid in context.get("survey_consultation_ids", [])]
    for i, item in enumerate(consultations):
        if item["child_age"] <= 6 and i % 2 == 0:
            _small_child_views(db, item["id"], item["social_worker_id"])
    _hold(db, consultations, coordinator)
    delivered, answered = 0, 0
    for item in consultations:
        if statement_storage.get_version(db, item["id"]) is not None:
            continue
        gave_views = any(v["person"] == "child" and v["status"] == "finished" and not v["refused"]
                         for v in _views(db, item["id"]))
        statement_storage.save_draft(
            db, item["id"], coordinator, answers={q["position"]: ANSWERS[q["position"] - 1] for q in item["questions"]},
            recommendations=RECOMMENDATIONS, next_steps=NEXT_STEPS, message_to_child=TO_CHILD if gave_views else "",
            message_to_parent="")
        statement_storage.finalise(db, item["id"], coordinator, link=f"/consultations/{item['id']}/statement")
        if not gave_views:
            continue
        delivered += _deliver(db, item, item["social_worker_id"], delivered)
        if follow_up_due_on(item["meeting"]["starts_at"]) <= on_day:
            outcome = OUTCOMES[answered % len(OUTCOMES)]
            answered += 1
            if outcome is not None:
                statement_storage.save_follow_up(db, item["id"], item["social_worker_id"], outcome)
    for (outbox_id,) in db.execute("SELECT id FROM outbox WHERE id > ? AND status = 'queued'",
                                   [first_outbox]).fetchall():
        panel_outbox.mark_sent(db, outbox_id)
    return context
