"""The family's 30 minutes at the start of their case (seed 000, the MASTER
pilot): who wants to join, when their slot is and which invitation they get.
Pure: no Flask, no SQL.

The wish comes from the questionnaires' "how to take part" questions (`join`,
`join_how`, `join_with` in participation/questionnaires.py), read only from
what the person allowed the panel to see. The coordinator schedules a 30
minute slot inside the meeting, not overlapping another family's, and the
invitation is worded for the child's age band or for the parent.
"""
from datetime import datetime, timedelta

from participation.questionnaires import suggest_band

WHO = ("child", "parent", "child_and_parent")
HOW = ("teams", "on_site")
SLOT = timedelta(minutes=30)
WANTS = ("yes", "dont_know")


class FamilyError(ValueError):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def _choice(record, question_id):
    answer = record["answers"].get(question_id) or {}
    return None if answer.get("declined") else answer.get("choice")


def wishes(records):
    """[{person, position, join, how, with}] of the people who said yes or
    "don't know" to joining; `records` are cut for the panel (for_panel)."""
    found = []
    for record in records:
        join = _choice(record, "join")
        if join in WANTS:
            found.append({"person": record["person"], "position": record["position"], "join": join,
                          "how": _choice(record, "join_how"), "with": _choice(record, "join_with")})
    return found


def suggestion(found):
    """(who, how) to offer the coordinator from the wishes: who asked, and the
    way they asked for when they agree (else None: the coordinator chooses)."""
    people = {w["person"] for w in found}
    who = ("child_and_parent" if people == {"child", "parent"} else "child" if "child" in people
           else "parent" if "parent" in people else None)
    ways = {w["how"] for w in found if w["how"] in HOW}
    return who, (ways.pop() if len(ways) == 1 else None)


def _as_datetime(value):
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def check_slot(meeting, starts_at, others=()):
    """(starts, ends) of a 30 minute slot starting at `starts_at`, inside the
    meeting and not overlapping `others` ([(starts, ends)] of the meeting's
    other families). Raises FamilyError "outside_meeting" or "overlaps"."""
    starts = _as_datetime(starts_at)
    ends = starts + SLOT
    if starts < _as_datetime(meeting["starts_at"]) or ends > _as_datetime(meeting["ends_at"]):
        raise FamilyError("outside_meeting")
    for other_start, other_end in others:
        if starts < _as_datetime(other_end) and _as_datetime(other_start) < ends:
            raise FamilyError("overlaps")
    return starts, ends


def default_start(meeting, others=()):
    """The meeting's start, or the first time after the other families' slots."""
    starts = _as_datetime(meeting["starts_at"])
    for other_start, other_end in sorted((_as_datetime(s), _as_datetime(e)) for s, e in others):
        if starts < other_end and other_start < starts + SLOT:
            starts = other_end
    return starts if starts + SLOT <= _as_datetime(meeting["ends_at"]) else _as_datetime(meeting["starts_at"])


def audience(who, child_age):
    """Whose wording the invitation has: the parent's, or the child's age band."""
    return "parent" if who == "parent" else suggest_band(child_age)
