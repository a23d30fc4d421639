"""Login throttling kept in the database, so it holds across server processes."""
import time

from flask import current_app

from db import immediate


def _window_start(now):
    return now - current_app.config["LOGIN_THROTTLE_WINDOW_SECONDS"]


def seconds_to_wait(db, email, address, now=None):
    """0 when a login attempt may proceed, else seconds until it may."""
    now = time.time() if now is None else now
    cfg = current_app.config
    since = _window_start(now)
    waits = []
    for column, value, limit in (("email", email.strip().lower(), cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"]),
                                 ("address", address, cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"])):
        rows = [r["at"] for r in db.query(
            f"SELECT at FROM login_failures WHERE {column} = ? AND at > ? ORDER BY at DESC LIMIT ?",
            [value, since, limit])]
        if len(rows) >= limit:
            # the oldest failure that keeps the count at the limit must leave the window
            waits.append(rows[-1] - since)
    return max(waits, default=0)


def record_failure(db, email, address, now=None):
    now = time.time() if now is None else now
    with immediate(db):
        db["login_failures"].insert({"email": email.strip().lower(), "address": address, "at": now})
        db.execute("DELETE FROM login_failures WHERE at < ?", [_window_start(now) - 86400])


def clear_failures(db, email):
    db.execute("DELETE FROM login_failures WHERE email = ?", [email.strip().lower()])
