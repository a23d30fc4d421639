"""The guessing throttle of the tablet start page, kept in the database.

Wrong codes are counted per address and for all addresses together within a
sliding window; over either limit no code is even checked until the window
has moved on. Takes its limits as arguments (no Flask), see tablet.DEFAULTS.
"""
from participation import tablet_storage as storage


def seconds_to_wait(db, address, now, window, per_address, global_limit):
    """0 when a code may be tried now, else the seconds until one may."""
    since = now - window
    waits = []
    for addr, limit in ((address, per_address), (None, global_limit)):
        if storage.failures_since(db, since, addr) >= limit:
            oldest = storage.oldest_failure_since(db, since, addr, limit)
            waits.append(max(1.0, oldest - since))
    return max(waits, default=0)


def record_failure(db, address, now, window):
    storage.record_failure(db, address, now, keep_seconds=window + 86400)
