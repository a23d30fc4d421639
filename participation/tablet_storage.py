"""All SQL of tablet mode: codes and tablet sessions (the guessing throttle is web/throttle.py).

Plain functions taking `db` (and `now`, Unix seconds, so tests need no clock)
and returning dicts. Every read-then-write runs in `immediate(db)`, with its
audit line (ids only) in the same transaction.
"""
from accounts.storage import write_audit
from db import immediate

END_REASONS = ("finished", "idle", "cancelled")


# ---- codes -----------------------------------------------------------------

def create_code(db, code_hash, consultation_id, views_id, user_id, now, ttl_seconds):
    """Store a new code (hashed); an older unused code of the same person is cancelled."""
    with immediate(db):
        db.execute("""UPDATE tablet_codes SET cancelled_at = ?
                      WHERE consultation_id = ? AND views_id = ? AND used_at IS NULL
                        AND cancelled_at IS NULL""", [now, consultation_id, views_id])
        code_id = db["tablet_codes"].insert({
            "code_hash": code_hash, "consultation_id": consultation_id, "views_id": views_id,
            "created_by": user_id, "created_at": now, "expires_at": now + ttl_seconds}).last_pk
        write_audit(db, user_id, "tablet_code_created", consultation_id, f"views {views_id}, code {code_id}")
        return code_id


def get_code(db, code_id):
    rows = list(db["tablet_codes"].rows_where("id = ?", [code_id]))
    return rows[0] if rows else None


def cancel_code(db, code_id, now, user_id=None):
    """Cancel a code; a tablet session started with it ends too (answers stay as a draft).
    `user_id` (who cancelled) goes to the audit lines.

    Returns the ended session's id, or None.
    """
    with immediate(db):
        code = get_code(db, code_id)
        if code is None:
            return None
        db.execute("UPDATE tablet_codes SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL",
                   [now, code_id])
        write_audit(db, user_id, "tablet_code_cancelled", code["consultation_id"], f"code {code_id}")
        rows = list(db.query("SELECT id FROM tablet_sessions WHERE code_id = ? AND ended_at IS NULL",
                             [code_id]))
        for row in rows:
            db.execute("UPDATE tablet_sessions SET ended_at = ?, end_reason = 'cancelled' WHERE id = ?",
                       [now, row["id"]])
            write_audit(db, user_id, "tablet_session_end", code["consultation_id"],
                        f"tablet session {row['id']}, views {code['views_id']}: cancelled")
        return rows[0]["id"] if rows else None


def redeem_code(db, code_hash, token_hash, lang, now):
    """Use a valid code once: mark it used and start a tablet session.

    Returns the new session (dict) or None when the code is unknown, used,
    cancelled or expired — the caller cannot tell which, on purpose.
    """
    with immediate(db):
        rows = list(db.query("""SELECT * FROM tablet_codes WHERE code_hash = ? AND used_at IS NULL
                                AND cancelled_at IS NULL AND expires_at > ?""", [code_hash, now]))
        if not rows:
            return None
        code = rows[0]
        db.execute("UPDATE tablet_codes SET used_at = ? WHERE id = ?", [now, code["id"]])
        session_id = db["tablet_sessions"].insert({
            "token_hash": token_hash, "code_id": code["id"], "consultation_id": code["consultation_id"],
            "views_id": code["views_id"], "lang": lang, "started_at": now,
            "last_seen": now}).last_pk
        write_audit(db, None, "tablet_session_start", code["consultation_id"],
                    f"tablet session {session_id}, views {code['views_id']}, code {code['id']}, language {lang}")
    return get_session(db, session_id)


def code_state(code, session, now):
    """One word for the worker: waiting, expired, cancelled, answering, finished, idle."""
    if session is not None:
        if session["ended_at"] is None:
            return "answering"
        return session["end_reason"]
    if code["cancelled_at"] is not None:
        return "cancelled"
    if code["expires_at"] <= now:
        return "expired"
    return "waiting"


def list_codes(db, consultation_id, now):
    """The consultation's codes, newest first, each with its session and `state`."""
    codes = list(db.query("SELECT * FROM tablet_codes WHERE consultation_id = ? ORDER BY id DESC",
                          [consultation_id]))
    for code in codes:
        sessions = list(db["tablet_sessions"].rows_where("code_id = ?", [code["id"]]))
        code["session"] = sessions[0] if sessions else None
        code["state"] = code_state(code, code["session"], now)
    return codes


def code_with_state(db, code_id, now):
    code = get_code(db, code_id)
    if code is None:
        return None
    sessions = list(db["tablet_sessions"].rows_where("code_id = ?", [code_id]))
    code["session"] = sessions[0] if sessions else None
    code["state"] = code_state(code, code["session"], now)
    return code


# ---- tablet sessions --------------------------------------------------------

def get_session(db, session_id):
    rows = list(db.query("SELECT * FROM tablet_sessions WHERE id = ?", [session_id]))
    return rows[0] if rows else None


def active_session(db, token_hash, now, max_quiet_seconds):
    """The live session of a cookie, or None.

    A session quiet for longer than `max_quiet_seconds` is ended here as 'idle'
    (its answers stay as a draft); the caller then gets None and the ended
    session as the second value.
    """
    rows = list(db.query("SELECT * FROM tablet_sessions WHERE token_hash = ? AND ended_at IS NULL", [token_hash]))
    if not rows:
        return None, None
    session = rows[0]
    if session["last_seen"] + max_quiet_seconds < now:
        ended = end_session(db, session["id"], "idle", now)
        return None, ended
    return session, None


def touch_session(db, session_id, now):
    """The session was active at `now` (the guard writes it at most every
    web.tablet_guard.TOUCH_EVERY_SECONDS, the still-here heartbeat always): written
    without waiting for the disk (synchronous NORMAL for this statement only; the
    next real change's commit syncs it too). After a power cut the session may look
    a few seconds quieter than it was: nothing else is at stake."""
    relaxed = not db.conn.in_transaction
    if relaxed:
        level = db.execute("PRAGMA synchronous").fetchone()[0]
        db.execute(f"PRAGMA synchronous = {min(level, 1)}")  # NORMAL (or OFF, as the tests run)
    try:
        db.execute("UPDATE tablet_sessions SET last_seen = ? WHERE id = ? AND ended_at IS NULL", [now, session_id])
    finally:
        if relaxed:
            db.execute(f"PRAGMA synchronous = {level}")


def end_session(db, session_id, reason, now):
    """End a session once (with its audit line); returns the session when this
    call ended it, else None."""
    assert reason in END_REASONS
    with immediate(db):
        cursor = db.execute("UPDATE tablet_sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
                            [now, reason, session_id])
        if cursor.rowcount != 1:
            return None
        ended = get_session(db, session_id)
        write_audit(db, None, "tablet_session_end", ended["consultation_id"],
                    f"tablet session {ended['id']}, views {ended['views_id']}: {ended['end_reason']}")
    return ended


def end_quiet_sessions(db, now, max_quiet_seconds, consultation_id=None):
    """End as 'idle' every live session quiet for longer than `max_quiet_seconds`
    (a tablet left alone makes no more requests). Returns the ended sessions."""
    where, params = "ended_at IS NULL AND last_seen < ?", [now - max_quiet_seconds]
    if consultation_id is not None:
        where += " AND consultation_id = ?"
        params.append(consultation_id)
    ended = []
    for row in list(db.query(f"SELECT id FROM tablet_sessions WHERE {where}", params)):
        session = end_session(db, row["id"], "idle", now)
        if session:
            ended.append(session)
    return ended

