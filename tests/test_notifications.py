"""The emails the workflow promises reach the outbox (panel/outbox.py): the
material published, the family's invitation ready, a feedback request when it
opens and its one reminder. Each links to a page of Kuulluksi, never to a token."""
from datetime import date

from panel import material_storage, signals
from panel.mail import _queue_reminders
from tests.test_surveys import world  # noqa: F401  (fixture)


def queued(db, kind):
    return [(row["user_id"], row["link"]) for row in db.query(
        "SELECT user_id, link FROM outbox WHERE kind = ? ORDER BY user_id", [kind])]


def test_publishing_the_material_emails_each_expert_member_of_the_panel(app, db, world):
    material_storage.publish(db, world["meeting_id"], world["worker"], link=f"/meetings/{world['meeting_id']}/material")
    assert queued(db, "material_published") == [(e, f"/meetings/{world['meeting_id']}/material")
                                                for e in sorted(world["experts"])]


def test_an_invitation_marked_ready_emails_the_social_worker(app, db, world):
    db["family_slots"].insert({"consultation_id": world["consultation_id"], "starts_at": "2027-01-29T09:00",
                               "ends_at": "2027-01-29T09:30", "who": "child", "how": "on_site", "language": "fi",
                               "scheduled_by": world["worker"]})
    link = f"/consultations/{world['consultation_id']}/family/invitation"
    assert material_storage.mark_invitation_ready(db, world["consultation_id"], world["worker"], link=link)
    assert queued(db, "invitation_ready") == [(world["worker"], link)]


def test_a_finalised_statement_emails_the_feedback_requests_with_a_link_to_the_list(app, db, world):
    with app.test_request_context():
        signals.statement_finalised.send(None, db=db, consultation_id=world["consultation_id"], statement_id=1,
                                         meeting_id=world["meeting_id"], social_worker_id=world["worker"],
                                         present_member_ids=world["experts"])
    emails = queued(db, "feedback_request")
    assert sorted(user for user, _link in emails) == sorted([world["worker"], *world["experts"]])
    assert {link for _user, link in emails} == {"/feedback/requests"}


def test_the_reminder_of_an_unused_request_is_queued_once(app, db, world):
    with app.test_request_context():
        signals.statement_finalised.send(None, db=db, consultation_id=world["consultation_id"], statement_id=1,
                                         meeting_id=world["meeting_id"], social_worker_id=world["worker"],
                                         present_member_ids=world["experts"])
    before = len(queued(db, "feedback_request"))
    opened_on = db.execute("SELECT MIN(created_on) FROM survey_requests").fetchone()[0]
    app.config["TODAY"] = str(date.fromordinal(date.fromisoformat(opened_on).toordinal() + 8))  # a week has passed
    with app.app_context():
        _queue_reminders(db)
        _queue_reminders(db)
    assert len(queued(db, "feedback_request")) == before * 2  # one reminder each, however often it runs


def test_the_emails_link_to_the_list_of_ones_own_requests(app):
    from flask import url_for

    from surveys.notify import MY_REQUESTS_PATH
    with app.test_request_context():
        assert url_for("surveys.my_requests") == MY_REQUESTS_PATH
