"""What the meetings page and the consultation pages show (pure: no Flask).

The routes read the deadlines from the configuration once (`Deadlines`) and
pass them here with today's date and the user; these functions only compute:
a consultation's deadlines and state, a meeting's agenda and what is
missing, and who may still change a consultation.
"""
from dataclasses import dataclass

from accounts import access
from panel import calendar


@dataclass(frozen=True)
class Deadlines:
    """Booking closes and documents are due this many days before a meeting (config)."""
    closes_days: int
    documents_days: int


def describe(consultation, on_day, deadlines, meeting_starts_at=None):
    """Deadlines and state of a consultation for the templates."""
    starts_at = meeting_starts_at or (consultation.get("meeting") or {}).get("starts_at") \
        or consultation.get("meeting_starts_at")
    info = {"state": calendar.consultation_state(consultation["status"], starts_at,
                                                 consultation["documents_received_at"], on_day,
                                                 deadlines.documents_days),
            "booking_deadline": None, "documents_due": None, "documents_in_days": None, "booking_open": False}
    if starts_at:
        info["booking_deadline"] = calendar.booking_deadline(starts_at, deadlines.closes_days)
        info["documents_due"] = calendar.documents_due(starts_at, deadlines.documents_days)
        info["documents_in_days"] = calendar.days_until(info["documents_due"], on_day)
        info["booking_open"] = calendar.booking_open(starts_at, on_day, deadlines.closes_days)
    return info


def may_change(user, consultation, info):
    """The panel's coordinator, or the consultation's worker while booking is open."""
    if consultation["status"] == "cancelled" or info["state"] == calendar.HANDLED:
        return False
    if access.coordinates(user, consultation["panel_id"]):
        return True
    return (access.is_consultations_worker(user, consultation) and consultation["status"] == "booked"
            and info["booking_open"])


def meeting_view(meeting, items, user, on_day, deadlines):
    """`meeting` (a row of list_meetings) with what its card shows; `items` are its consultations.

    The agenda (case codes and ages) is for the panel's coordinators and
    experts; a social worker sees free places and only their own consultations.
    """
    meeting["coordinated"] = access.coordinates(user, meeting["panel_id"])
    meeting["booking_deadline"] = calendar.booking_deadline(meeting["starts_at"], deadlines.closes_days)
    meeting["documents_due"] = calendar.documents_due(meeting["starts_at"], deadlines.documents_days)
    meeting["free"] = max(0, meeting["capacity"] - meeting["booked"])
    meeting["past"] = calendar.as_date(meeting["starts_at"]) < on_day
    meeting["started"] = calendar.meeting_started(meeting["starts_at"], meeting["cancelled"], on_day)
    meeting["bookable"] = (not meeting["cancelled"] and not meeting["past"] and meeting["free"] > 0
                           and calendar.booking_open(meeting["starts_at"], on_day, deadlines.closes_days))
    for item in items:
        item["info"] = describe(item, on_day, deadlines, meeting["starts_at"])
    shows_agenda = meeting["coordinated"] or user.has_role("coordinator", "expert")
    meeting["own"] = [c for c in items if c["social_worker_id"] == user.id]
    meeting["agenda"] = items if shows_agenda else []
    meeting["missing"] = sum(1 for c in items if not c["documents_received_at"])
    meeting["overdue"] = sum(1 for c in items if c["info"]["state"] == calendar.DOCUMENTS_OVERDUE)
    return meeting


def shown_years(on_day, years_with_meetings, year=None):
    """The year links: last, this and next year, every later year with meetings, and the chosen one."""
    return sorted({on_day.year - 1, on_day.year, on_day.year + 1}
                  | {y for y in years_with_meetings if y > on_day.year} | ({year} if year else set()))


def first_free_year(on_day, years_with_meetings):
    """The first year from this one that has no meetings yet: usually next year."""
    return next(y for y in range(on_day.year, on_day.year + 200) if y not in years_with_meetings)
