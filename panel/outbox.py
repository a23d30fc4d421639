"""The email outbox: notices waiting for `flask --app app send-mail`.

An email says only that something is ready and where (a link into
Kuulluksi, to be opened after logging in): never a child's answers, a
document or a case's background. So a queued email holds a kind, a link and
a few parameters of the kinds listed in KINDS (a case code, a date, a version
number), each short; anything else is refused with OutboxError. The texts are
written at sending time in the recipient's language (panel/mail_texts.py).

    from panel import outbox
    outbox.enqueue(db, user_id, "material_published", "/meetings/12/material", meeting_at="2027-01-29T09:00")

Call it inside the transaction of the change that the email tells about, so
that both are stored or neither. `dedupe_key` makes a reminder idempotent:
an email with the same key is queued once, ever.
"""
import json
import re

from db import immediate, marks

# kind: the parameters its text may use
KINDS = {
    "booking_confirmed": ("case_code", "meeting_at"),
    "documents_due": ("case_code", "due_on"),
    "material_published": ("meeting_at",),
    "invitation_ready": ("case_code", "meeting_at"),
    "statement_delivered": ("case_code", "version"),
    "message_undelivered": ("case_code", "meeting_at"),
    "follow_up_due": ("case_code", "meeting_at"),
    "feedback_request": ("case_code", "meeting_at"),
}
MAX_PARAM_LENGTH = 40
MAX_ATTEMPTS = 5
LINK = re.compile(r"/(?!/)[A-Za-z0-9/_.~%?=&#-]*")


class OutboxError(ValueError):
    """An email the outbox does not take (unknown kind, parameter or link)."""


def _check(kind, link, params):
    if kind not in KINDS:
        raise OutboxError(f"unknown email kind {kind!r}")
    if not isinstance(link, str) or not LINK.fullmatch(link) or len(link) > 500:
        raise OutboxError(f"the link must be a path inside Kuulluksi, got {link!r}")
    for name, value in params.items():
        if name not in KINDS[kind]:
            raise OutboxError(f"{kind} emails take no parameter {name!r} (only {', '.join(KINDS[kind])})")
        if not isinstance(value, (str, int)) or isinstance(value, bool) or len(str(value)) > MAX_PARAM_LENGTH:
            raise OutboxError(f"{name}: a short text or a number, got {value!r}")


def enqueue(db, user_id, kind, link, *, dedupe_key=None, **params):
    """Queue an email to the user; returns its id, or None when one with the
    same `dedupe_key` is already in the outbox (queued or sent)."""
    _check(kind, link, params)
    with immediate(db):
        cursor = db.execute(
            "INSERT OR IGNORE INTO outbox (user_id, kind, link, params, dedupe_key) VALUES (?, ?, ?, ?, ?)",
            [user_id, kind, link, json.dumps(params, sort_keys=True), dedupe_key])
        return cursor.lastrowid if cursor.rowcount else None


def _rows(db, where, params, limit):
    rows = list(db.query(f"""
        SELECT o.*, u.name AS user_name, u.email AS user_email, u.language AS user_language, u.active AS user_active
        FROM outbox o JOIN users u ON u.id = o.user_id WHERE {where} ORDER BY o.id LIMIT ?""", params + [limit]))
    for row in rows:
        row["params"] = json.loads(row["params"])
    return rows


def to_send(db, limit=200):
    """Queued emails, oldest first."""
    return _rows(db, "o.status = 'queued'", [], limit)


def _panel_filter(panel_ids):
    panel_ids = list(panel_ids)
    return (f"o.user_id IN (SELECT user_id FROM user_panels WHERE panel_id IN "
            f"({marks(panel_ids)}))", panel_ids)


def waiting(db, panel_ids, limit=500):
    """Emails to the people of `panel_ids` not sent yet (queued or given up), oldest first."""
    where, params = _panel_filter(panel_ids)
    return _rows(db, f"o.status != 'sent' AND {where}", params, limit)


def recently_sent(db, panel_ids, limit=20):
    where, params = _panel_filter(panel_ids)
    rows = list(db.query(f"""
        SELECT o.*, u.name AS user_name FROM outbox o JOIN users u ON u.id = o.user_id
        WHERE o.status = 'sent' AND {where} ORDER BY o.sent_at DESC, o.id DESC LIMIT ?""", params + [limit]))
    for row in rows:
        row["params"] = json.loads(row["params"])
    return rows


def mark_sent(db, outbox_id):
    with immediate(db):
        db.execute("UPDATE outbox SET status = 'sent', attempts = attempts + 1, last_error = '', "
                   "sent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", [outbox_id])


def mark_failed(db, outbox_id, error, give_up=False):
    """One failed attempt; after MAX_ATTEMPTS (or with `give_up`) the email is 'failed' and no longer tried."""
    with immediate(db):
        db.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
                   "status = CASE WHEN ? OR attempts + 1 >= ? THEN 'failed' ELSE status END WHERE id = ?",
                   [str(error)[:500], 1 if give_up else 0, MAX_ATTEMPTS, outbox_id])
