"""The time-based emails, queued by `flask --app app queue-reminders` (and by
`send-mail` before it sends). Each is queued once (outbox dedupe keys), so
running the command any number of times a day queues nothing twice:

- documents due: DOCUMENTS_REMINDER_DAYS before the documents' due date
  (and until the meeting) while they have not been marked received;
- message still undelivered: two weeks after the meeting, while a child (or
  parent) of a delivered statement has not been marked;
- follow-up due: three months after the meeting, until answered.
"""
from datetime import timedelta

from panel import calendar, outbox
from panel.statement_status import status
from panel.storage import CONSULTATION_LIST_SQL

DOCUMENTS_REMINDER_DAYS = 3


def queue_reminders(db, today, documents_days_before, path_for):
    """Queue what is due on `today`; returns the number of emails queued.
    `path_for(endpoint, **values)` gives a link's path."""
    today = calendar.as_date(today)
    queued = 0
    for row in db.query(CONSULTATION_LIST_SQL + """
            WHERE c.status = 'booked' AND c.documents_received_at IS NULL AND m.cancelled = 0"""):
        meeting_day = calendar.as_date(row["meeting_starts_at"])
        due = calendar.documents_due(meeting_day, documents_days_before)
        if due - timedelta(days=DOCUMENTS_REMINDER_DAYS) <= today < meeting_day:
            queued += outbox.enqueue(
                db, row["social_worker_id"], "documents_due", path_for("panel.consultation", consultation_id=row["id"]),
                dedupe_key=f"documents_due:{row['id']}:{due}", case_code=row["case_code"],
                due_on=due.isoformat()) is not None
    for row in db.query(CONSULTATION_LIST_SQL + """
            WHERE c.status != 'cancelled' AND EXISTS (SELECT 1 FROM statement_versions v WHERE v.consultation_id = c.id)"""):
        found = status(db, row, today)
        if found["undelivered_overdue"] and found["unmarked"]:
            queued += outbox.enqueue(
                db, row["social_worker_id"], "message_undelivered",
                path_for("panel.message_delivery", consultation_id=row["id"]),
                dedupe_key=f"message_undelivered:{row['id']}", case_code=row["case_code"],
                meeting_at=row["meeting_starts_at"]) is not None
        if found["follow_up_open"]:
            queued += outbox.enqueue(
                db, row["social_worker_id"], "follow_up_due", path_for("panel.follow_up", consultation_id=row["id"]),
                dedupe_key=f"follow_up_due:{row['id']}", case_code=row["case_code"],
                meeting_at=row["meeting_starts_at"]) is not None
    return queued
