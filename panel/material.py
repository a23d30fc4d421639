"""The pre-meeting material of a meeting: when it opens and what changed
since a member last read it. Pure: no Flask, no SQL.

The coordinator publishes a meeting's material from the day the documents
are due (DOCUMENTS_DUE_DAYS_BEFORE, one week before) until the meeting; the
members see it once published. The page is live: a document sent late
appears at once, and each consultation's part carries a digest of what it
shows, so a member is told which parts changed since the last reading.
"""
import hashlib
import json

from panel import calendar


def opens_on(meeting_starts_at, documents_days_before=7):
    """The first day the material can be published: the documents' due day."""
    return calendar.documents_due(meeting_starts_at, documents_days_before)


def may_publish(meeting, on_day, documents_days_before=7):
    """Not cancelled, and between the documents' due day and the meeting day."""
    day = calendar.as_date(on_day)
    return (not meeting["cancelled"] and opens_on(meeting["starts_at"], documents_days_before) <= day
            <= calendar.as_date(meeting["starts_at"]))


def digest(parts):
    """A short fingerprint of what a consultation's part of the material shows."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def changed_since(now, seen):
    """The consultation ids whose digest in `now` ({id: digest}) differs from
    `seen` (the digests at the last reading; None: never read, so none is
    "changed" but all are new). Keys may be ints or (from JSON) strings."""
    if seen is None:
        return set()
    seen = {str(k): v for k, v in seen.items()}
    return {cid for cid, value in now.items() if seen.get(str(cid)) != value}
