"""The time-based emails: documents due, the message still undelivered two
weeks after the meeting, the follow-up three months after it; each queued
once by `flask queue-reminders` (and `send-mail`), however often it runs."""
import pytest

from panel import outbox
from panel import statement_storage as storage
from panel.storage import set_documents_received
from tests.conftest import make_user
from tests.statement_world import ANSWERS, DRAFT, book, child_views, hold


@pytest.fixture
def people(db, panel_id):
    return {"worker": make_user(db, "sw@example.fi", ["social_worker"], [panel_id]),
            "coordinator": make_user(db, "ko@example.fi", ["coordinator"], [panel_id])}


@pytest.fixture
def consultation_id(db, panel_id, people):
    return book(db, panel_id, people["worker"])


def queue_on(app, day):
    app.config["TODAY"] = day
    result = app.test_cli_runner().invoke(args=["queue-reminders"])
    assert result.exit_code == 0, result.output
    return result.output


def queued(db):
    return [(r["kind"], r["user_id"], r["link"]) for r in outbox.to_send(db)]


def finalise(db, consultation_id, people):
    child_views(db, consultation_id)
    hold(db, consultation_id, people["coordinator"])
    storage.save_draft(db, consultation_id, people["coordinator"], answers=ANSWERS, **DRAFT)
    storage.finalise(db, consultation_id, people["coordinator"], link="/x")
    db.execute("DELETE FROM outbox")  # the statement's own email is not a reminder


def test_documents_due_is_queued_three_days_before_the_due_date_once(app, db, consultation_id, people):
    assert "0 reminders" in queue_on(app, "2027-01-18")  # due 22.1., three days before is 19.1.

    queue_on(app, "2027-01-19")
    queue_on(app, "2027-01-20")

    assert queued(db) == [("documents_due", people["worker"], f"/consultations/{consultation_id}")]
    assert outbox.to_send(db)[0]["params"] == {"case_code": "KS-2027-001", "due_on": "2027-01-22"}


def test_no_documents_reminder_once_they_are_received(app, db, consultation_id, people):
    set_documents_received(db, consultation_id, True, people["coordinator"])

    queue_on(app, "2027-01-20")

    assert queued(db) == []


def test_the_undelivered_message_reminder_comes_two_weeks_after_the_meeting_once(app, db, consultation_id, people):
    finalise(db, consultation_id, people)

    queue_on(app, "2027-02-11")
    assert queued(db) == []
    queue_on(app, "2027-02-12")
    queue_on(app, "2027-02-13")

    assert queued(db) == [("message_undelivered", people["worker"],
                           f"/consultations/{consultation_id}/statement/delivery")]


def test_no_undelivered_reminder_when_the_message_was_marked(app, db, consultation_id, people):
    finalise(db, consultation_id, people)
    key = storage.recipients(db, consultation_id)[0]["key"]
    storage.mark_deliveries(db, consultation_id, people["worker"], {key: ("not_delivered", "Lapsi muutti.")})

    queue_on(app, "2027-02-12")

    assert queued(db) == []


def test_the_follow_up_reminder_comes_three_months_after_the_meeting_once_and_not_after_the_answer(
        app, db, consultation_id, people):
    finalise(db, consultation_id, people)
    key = storage.recipients(db, consultation_id)[0]["key"]
    storage.mark_deliveries(db, consultation_id, people["worker"], {key: ("in_person", "")})

    queue_on(app, "2027-04-28")
    assert queued(db) == []
    queue_on(app, "2027-04-29")
    queue_on(app, "2027-04-30")
    assert queued(db) == [("follow_up_due", people["worker"], f"/consultations/{consultation_id}/follow-up")]

    storage.save_follow_up(db, consultation_id, people["worker"], "yes")
    db.execute("DELETE FROM outbox")
    queue_on(app, "2027-05-01")
    assert queued(db) == []


def test_send_mail_queues_the_reminders_first(app, db, consultation_id, people):
    app.config["TODAY"] = "2027-01-20"

    output = app.test_cli_runner().invoke(args=["send-mail"]).output

    assert "1 reminders queued" in output
    assert [kind for kind, _user, _link in queued(db)] == ["documents_due"]
