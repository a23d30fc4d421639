"""Feedback requests by email, through the panel's outbox (panel/outbox.py): a
notice when a staff member's request opens, and its one reminder
(SURVEY_REMINDER_DAYS later). The email links to the list of one's own
requests (surveys.my_requests), never to a request or a token."""
from db import immediate, marks
from panel import outbox
from surveys import requests, storage

# The path of surveys.my_requests (a test checks they agree); a constant, so
# that a statement finalised outside a request still queues its notices.
MY_REQUESTS_PATH = "/feedback/requests"


def _params(row):
    params = {}
    if row.get("case_code") and row.get("consultation_id"):
        params["case_code"] = row["case_code"]
    if row.get("meeting_starts_at"):
        params["meeting_at"] = row["meeting_starts_at"]
    return params


def _rows(db, request_ids):
    ids = list(request_ids)
    if not ids:
        return []
    return list(db.query(storage.REQUEST_LIST_SQL + f" WHERE r.id IN ({marks(ids)}) "
                         "AND r.user_id IS NOT NULL ORDER BY r.id", ids))


def notify_opened(db, request_ids):
    """Queue the notice of each newly opened staff request; returns how many."""
    queued = 0
    for row in _rows(db, request_ids):
        queued += outbox.enqueue(db, row["user_id"], "feedback_request", MY_REQUESTS_PATH,
                                 dedupe_key=f"feedback_request:{row['id']}", **_params(row)) is not None
    return queued


def queue_reminders(db, today):
    """Queue the one reminder of every request whose time has come, and mark them
    reminded in the same transaction; returns how many."""
    with immediate(db):
        due = requests.due_reminders(db, on_day=today)
        for row in due:
            outbox.enqueue(db, row["user_id"], "feedback_request", MY_REQUESTS_PATH,
                           dedupe_key=f"feedback_reminder:{row['id']}", **_params(row))
        requests.mark_reminded(db, [row["id"] for row in due], on_day=today)
    return len(due)
