"""Login throttling kept in the database, so it holds across server processes.

An attempt is checked and counted in one BEGIN IMMEDIATE transaction
(`begin_attempt`): it is stored as a failure before the password is even
checked, and removed again when the login succeeds. So parallel attempts in
several processes can never slip past the limit together.
"""
import time

from flask import current_app

from db import immediate


def _window_start(now):
    return now - current_app.config["LOGIN_THROTTLE_WINDOW_SECONDS"]


def _key(email):
    return (email or "").strip().lower()


def seconds_to_wait(db, email, address, now=None):
    """0 when a login attempt may proceed, else seconds until it may."""
    now = time.time() if now is None else now
    cfg = current_app.config
    since = _window_start(now)
    waits = []
    for column, value, limit in (("email", _key(email), cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"]),
                                 ("address", address, cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"])):
        rows = [r["at"] for r in db.query(
            f"SELECT at FROM login_failures WHERE {column} = ? AND at > ? ORDER BY at DESC LIMIT ?",
            [value, since, limit])]
        if len(rows) >= limit:
            # the oldest failure that keeps the count at the limit must leave the window
            waits.append(rows[-1] - since)
    return max(waits, default=0)


def begin_attempt(db, email, address, now=None):
    """Check the limits and count this attempt as a failure, atomically.

    Returns the seconds to wait (nothing is counted then), or 0 when the
    attempt may go on; call `clear_failures` when the password was right.
    """
    now = time.time() if now is None else now
    with immediate(db):
        wait = seconds_to_wait(db, email, address, now)
        if not wait:
            record_failure(db, email, address, now)
    return wait


def record_failure(db, email, address, now=None):
    now = time.time() if now is None else now
    with immediate(db):
        db["login_failures"].insert({"email": _key(email), "address": address, "at": now})
        db.execute("DELETE FROM login_failures WHERE at < ?", [_window_start(now) - 86400])


def clear_failures(db, email):
    """A successful login forgets the account's failures."""
    db.execute("DELETE FROM login_failures WHERE email = ?", [_key(email)])
