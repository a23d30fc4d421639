"""All SQL of the feedback surveys: requests, rounds, family codes and their
sessions, anonymous responses and response rates (the reports' reads: report_storage.py).

Plain functions taking `db` (and `today`, a date, or `now`, Unix seconds, so
tests need no clock) and returning dicts. Every read-then-write runs in
`immediate(db)`, with its audit line (ids only) in the same transaction.

How a request is marked used without telling which response was its
--------------------------------------------------------------------
The response and the request are written in one BEGIN IMMEDIATE transaction
(`submit`): the request's `used` flips from 0 to 1 only if it was 0, and only
then is the response inserted. So a double submit, however parallel, stores
one response, and a request is never used without its response or the
other way round. What the two rows share is nothing a reader can join on:

- the response has no request id, user, consultation, meeting, views record
  or time; its id is random (secrets.token_hex) in a WITHOUT ROWID table, so
  neither its id nor its place in the table (ordered by that random id)
  tells when it came, and its answers are keyed by that id alone;
- the request keeps `used` as a bare 0/1: no used-at time, no counter, no
  sequence, nothing that orders the uses of requests among themselves, so
  the k-th request used cannot be matched to a k-th response either (the
  responses have no order to match against). The request's own dates are
  the day it was sent, its last day and its reminder day: all known before
  anyone answers;
- the response's period is the month it was given (or its round), the only
  time it carries; a whole month is released at once after a grace period
  (periods.py), and until then the coordinator sees counts of requests used;
- a family's tablet session, the only row with a clock (`last_seen`, for the
  idle end), is deleted in the same transaction as the submit, and the code
  keeps only `redeemed` = 1; nothing about answering is written to the audit log.

What this cannot hide: someone who watches the live database file (or its
-wal file) from moment to moment sees a request flip and a response appear
together. The schema protects what is stored, the backups and every page
and export; the file itself is protected by the server's access rights.
"""
import secrets
from datetime import timedelta

from accounts.storage import write_audit
from db import immediate, marks
from questionnaire import versions
from surveys import definitions, periods

FAMILY_GROUPS = ("child", "parent")


def _one(db, sql, params):
    rows = list(db.query(sql, params))
    return rows[0] if rows else None


# ---- versions ------------------------------------------------------------------------

def ensure_survey_version(db, definition, texts):
    """The questionnaire_versions id of a survey definition (stored when a request
    is made, never when someone answers: its row's time must not be an answer's)."""
    return versions.ensure_version(db, definition, texts)


def load_versions(db, version_ids):
    """{version_id: {"definition": SurveyDefinition, "texts": {...}, "version": n}}."""
    out = {}
    for version_id in set(version_ids):
        row = versions.get_version(db, version_id, load=definitions.load)
        if row is not None:
            out[version_id] = row
    return out


def load_definition(db, version_id):
    """A version's SurveyDefinition alone (its texts are not read), or None."""
    return versions.get_definition(db, version_id, load=definitions.load)


# ---- requests --------------------------------------------------------------------------

def create_request(db, *, panel_id, survey_id, version_id, group, period, once_key, created_on, expires_on,
                   user_id=None, views_id=None, consultation_id=None, meeting_id=None, round_id=None):
    """A new request; None when one with the same `once_key` exists (one per person
    per consultation, meeting, round or views record)."""
    with immediate(db):
        cursor = db.execute(
            """INSERT OR IGNORE INTO survey_requests (panel_id, survey_id, version_id, respondent_group, period,
                   user_id, views_id, consultation_id, meeting_id, round_id, once_key, created_on, expires_on)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [panel_id, survey_id, version_id, group, period, user_id, views_id, consultation_id, meeting_id,
             round_id, once_key, str(created_on), str(expires_on)])
        return cursor.lastrowid if cursor.rowcount == 1 else None


def get_request(db, request_id):
    return _one(db, "SELECT * FROM survey_requests WHERE id = ?", [request_id])


def is_open(request, today):
    return bool(request) and not request["used"] and request["expires_on"] >= str(today)


REQUEST_LIST_SQL = """
    SELECT r.*, c.case_code, m.starts_at AS meeting_starts_at, p.name AS panel_name,
           sr.closes_on AS round_closes_on
    FROM survey_requests r
    JOIN panels p ON p.id = r.panel_id
    LEFT JOIN consultations c ON c.id = r.consultation_id
    LEFT JOIN meetings m ON m.id = r.meeting_id
    LEFT JOIN survey_rounds sr ON sr.id = r.round_id
"""


def open_requests_of(db, user_id, today):
    """A staff member's requests still to be answered, the oldest first."""
    return list(db.query(REQUEST_LIST_SQL + """
        WHERE r.user_id = ? AND r.used = 0 AND r.expires_on >= ? ORDER BY r.created_on, r.id""",
                         [user_id, str(today)]))


def count_open_requests(db, user_id, today):
    return db.execute("SELECT count(*) FROM survey_requests WHERE user_id = ? AND used = 0 AND expires_on >= ?",
                      [user_id, str(today)]).fetchone()[0]


def family_requests_of_consultation(db, consultation_id):
    """A consultation's requests for children's and parents' feedback, with the person."""
    return list(db.query("""
        SELECT r.*, v.person, v.position, v.band FROM survey_requests r JOIN views v ON v.id = r.views_id
        WHERE r.consultation_id = ? ORDER BY v.person DESC, v.position""", [consultation_id]))


def waiting_family_requests(db, social_worker_id, today):
    """The worker's consultations whose family feedback has not been given yet:
    [{consultation_id, case_code, waiting}]."""
    return list(db.query("""
        SELECT c.id AS consultation_id, c.case_code, count(*) AS waiting
        FROM survey_requests r JOIN consultations c ON c.id = r.consultation_id
        WHERE r.views_id IS NOT NULL AND c.social_worker_id = ? AND r.used = 0 AND r.expires_on >= ?
        GROUP BY c.id ORDER BY c.id""", [social_worker_id, str(today)]))


def response_rates(db, panel_ids):
    """Requests sent and used per panel, period and group:
    [{panel_id, period, group, sent, used}], the newest period first."""
    panel_ids = list(panel_ids)
    return list(db.query(f"""
        SELECT panel_id, period, respondent_group AS "group", count(*) AS sent, sum(used) AS used
        FROM survey_requests WHERE panel_id IN ({marks(panel_ids)})
        GROUP BY panel_id, period, respondent_group
        ORDER BY panel_id, period DESC, respondent_group""", panel_ids))


def due_reminders(db, today, days):
    """Staff requests sent at least `days` ago, not used, still open and never
    reminded: the one reminder each gets (the outbox sends it)."""
    sent_by = today - timedelta(days=days)
    return list(db.query(REQUEST_LIST_SQL + """
        WHERE r.user_id IS NOT NULL AND r.used = 0 AND r.reminded_on IS NULL
          AND r.created_on <= ? AND r.expires_on >= ? ORDER BY r.user_id, r.id""", [str(sent_by), str(today)]))


def mark_reminded(db, request_ids, today):
    """The reminders of `request_ids` were sent (queued) on `today`; never again."""
    request_ids = list(request_ids)
    with immediate(db):
        db.execute(f"UPDATE survey_requests SET reminded_on = ? WHERE reminded_on IS NULL "
                   f"AND id IN ({marks(request_ids)})", [str(today)] + request_ids)


# ---- yearly rounds ----------------------------------------------------------------------

def get_round(db, panel_id, year):
    return _one(db, "SELECT * FROM survey_rounds WHERE panel_id = ? AND year = ?", [panel_id, year])


def rounds_of(db, panel_ids):
    panel_ids = list(panel_ids)
    return list(db.query(f"SELECT * FROM survey_rounds WHERE panel_id IN ({marks(panel_ids)}) "
                         "ORDER BY year DESC", panel_ids))


def create_round(db, *, panel_id, year, sent_on, closes_on, sent_by):
    """A new yearly round; None when the panel has one for `year` already."""
    with immediate(db):
        cursor = db.execute("""INSERT OR IGNORE INTO survey_rounds (panel_id, year, period, sent_on, closes_on, sent_by)
                               VALUES (?, ?, ?, ?, ?, ?)""",
                            [panel_id, year, periods.round_period(year), str(sent_on), str(closes_on), sent_by])
        if cursor.rowcount != 1:
            return None
        write_audit(db, sent_by, "survey.round_sent", None, f"panel {panel_id}, round {cursor.lastrowid}")
        return cursor.lastrowid


# ---- responses ---------------------------------------------------------------------------

def new_response_id():
    """A random id (128 bits): no sequence, no time (see the module docstring)."""
    return secrets.token_hex(16)


def _insert_response(db, request, answers, period):
    response_id = new_response_id()
    db.execute("""INSERT INTO survey_responses (id, panel_id, survey_id, version_id, respondent_group, period)
                  VALUES (?, ?, ?, ?, ?, ?)""",
               [response_id, request["panel_id"], request["survey_id"], request["version_id"],
                request["respondent_group"], period])
    db.conn.executemany("INSERT INTO survey_answers (response_id, question_id, choice, text) VALUES (?, ?, ?, ?)",
                        [(response_id, question_id, answer.choice, answer.text or "")
                         for question_id, answer in answers.items()])


def _response_period(db, request, today):
    if request["round_id"] is not None:
        return _one(db, "SELECT period FROM survey_rounds WHERE id = ?", [request["round_id"]])["period"]
    return periods.month_of(today)


def submit(db, request_id, answers, today):
    """Store one anonymous response to `request_id` and mark the request used,
    both or neither. `answers` maps question ids to engine Answers (skipped
    questions left out). Returns False, storing nothing, when the request is
    unknown, used or expired."""
    with immediate(db):
        cursor = db.execute("UPDATE survey_requests SET used = 1 WHERE id = ? AND used = 0 AND expires_on >= ? "
                            "RETURNING panel_id, survey_id, version_id, respondent_group, round_id",
                            [request_id, str(today)])
        used = cursor.fetchall()
        if len(used) != 1:
            return False
        request = dict(zip(("panel_id", "survey_id", "version_id", "respondent_group", "round_id"), used[0]))
        _insert_response(db, request, answers, _response_period(db, request, today))
        return True


# ---- a family's codes and tablet sessions ---------------------------------------------------------

def create_code(db, code_hash, request_id, user_id, now, ttl_seconds):
    """Store a new code (hashed) for a family request; its older unused codes are cancelled."""
    with immediate(db):
        request = get_request(db, request_id)
        db.execute("UPDATE survey_codes SET cancelled_at = ? WHERE request_id = ? AND redeemed = 0 "
                   "AND cancelled_at IS NULL", [now, request_id])
        code_id = db["survey_codes"].insert({
            "code_hash": code_hash, "request_id": request_id, "created_by": user_id, "created_at": now,
            "expires_at": now + ttl_seconds}).last_pk
        write_audit(db, user_id, "survey.code_created", request["consultation_id"],
                    f"views {request['views_id']}, feedback code {code_id}")
        return code_id


def get_code(db, code_id):
    return _one(db, """SELECT k.*, r.consultation_id, r.views_id, r.used, r.expires_on
                       FROM survey_codes k JOIN survey_requests r ON r.id = k.request_id WHERE k.id = ?""", [code_id])


def cancel_code(db, code_id, now, user_id):
    """Cancel a code; a session answering with it ends (nothing of it was stored)."""
    with immediate(db):
        code = get_code(db, code_id)
        if code is None:
            return
        db.execute("UPDATE survey_codes SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL", [now, code_id])
        db.execute("DELETE FROM survey_sessions WHERE code_id = ?", [code_id])
        write_audit(db, user_id, "survey.code_cancelled", code["consultation_id"], f"feedback code {code_id}")


def code_state(code, now, today, answering):
    """One word for the worker: waiting, answering, answered, stopped, cancelled, expired."""
    if code["used"]:
        return "answered"
    if code["cancelled_at"] is not None:
        return "cancelled"
    if code["redeemed"]:
        return "answering" if answering else "stopped"
    if code["expires_at"] <= now or code["expires_on"] < str(today):
        return "expired"
    return "waiting"


def code_with_state(db, code_id, now, today):
    code = get_code(db, code_id)
    if code is None:
        return None
    answering = db.execute("SELECT 1 FROM survey_sessions WHERE code_id = ?", [code_id]).fetchone() is not None
    code["state"] = code_state(code, now, today, answering)
    return code


def latest_codes(db, consultation_id, now, today):
    """{request_id: its newest code with `state`} of a consultation's family requests."""
    latest = {}
    for row in db.query("""SELECT k.id, k.request_id FROM survey_codes k JOIN survey_requests r ON r.id = k.request_id
                           WHERE r.consultation_id = ? ORDER BY k.id DESC""", [consultation_id]):
        if row["request_id"] not in latest:
            latest[row["request_id"]] = code_with_state(db, row["id"], now, today)
    return latest


def redeem_code(db, code_hash, token_hash, lang, now, today):
    """Start a session with a valid code, once. Returns the session or None
    (unknown, used, cancelled or expired code, or a request already used:
    the caller cannot tell which, on purpose)."""
    with immediate(db):
        code = _one(db, """SELECT k.id FROM survey_codes k JOIN survey_requests r ON r.id = k.request_id
                           WHERE k.code_hash = ? AND k.redeemed = 0 AND k.cancelled_at IS NULL AND k.expires_at > ?
                             AND r.used = 0 AND r.expires_on >= ?""", [code_hash, now, str(today)])
        if code is None:
            return None
        db.execute("UPDATE survey_codes SET redeemed = 1 WHERE id = ?", [code["id"]])
        db["survey_sessions"].insert({"token_hash": token_hash, "code_id": code["id"], "lang": lang,
                                      "last_seen": now})
    return _one(db, SESSION_SQL + " WHERE s.token_hash = ?", [token_hash])


SESSION_SQL = """
    SELECT s.id, s.code_id, s.lang, s.last_seen, k.request_id, r.survey_id, r.version_id, r.views_id
    FROM survey_sessions s JOIN survey_codes k ON k.id = s.code_id JOIN survey_requests r ON r.id = k.request_id
"""


def live_session(db, token_hash, now, max_quiet_seconds):
    """The live session of a cookie, or None; a session quiet for longer than
    `max_quiet_seconds` ends here (nothing of it was stored)."""
    session = _one(db, SESSION_SQL + " WHERE s.token_hash = ?", [token_hash])
    if session is None:
        return None
    if session["last_seen"] + max_quiet_seconds < now:
        end_session(db, session["id"])
        return None
    return session


def touch_session(db, session_id, now):
    db.execute("UPDATE survey_sessions SET last_seen = ? WHERE id = ?", [now, session_id])


def end_session(db, session_id):
    """The session ends: its row goes, so no time of answering stays behind."""
    db.execute("DELETE FROM survey_sessions WHERE id = ?", [session_id])


def end_quiet_sessions(db, now, max_quiet_seconds):
    db.execute("DELETE FROM survey_sessions WHERE last_seen < ?", [now - max_quiet_seconds])


def submit_from_session(db, session_id, answers, today):
    """The family's final submit: the response stored, the request used and
    the session gone, all in one transaction. False when nothing was stored."""
    with immediate(db):
        session = _one(db, SESSION_SQL + " WHERE s.id = ?", [session_id])
        if session is None:
            return False
        end_session(db, session_id)
        return submit(db, session["request_id"], answers, today)


def request_context(db, request_id):
    """A request with what it is about (case code, meeting, panel) for its form page."""
    return _one(db, REQUEST_LIST_SQL + " WHERE r.id = ?", [request_id])
