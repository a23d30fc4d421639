"""The panel's meeting rhythm and deadlines (seed 001). Pure: no Flask.

The panel meets on the last Friday of each month at 9.00–11.30 (Europe/Helsinki
wall-clock time); in June and December on the third Friday; in July not at all.
Booking closes a number of days before the meeting and the documents are due
a number of days before it: the callers pass the numbers of config.py
(BOOKING_CLOSES_DAYS_BEFORE, DOCUMENTS_DUE_DAYS_BEFORE), as they pass its TIMEZONE.
"""
import calendar as _calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

FRIDAY = 4
START = time(9, 0)
END = time(11, 30)
NO_MEETING_MONTHS = (7,)
THIRD_FRIDAY_MONTHS = (6, 12)


def last_weekday(year, month, weekday=FRIDAY):
    """The last `weekday` (Monday = 0) of the month."""
    last = date(year, month, _calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def nth_weekday(year, month, n, weekday=FRIDAY):
    """The n:th (1-based) `weekday` of the month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def meeting_date(year, month):
    """The rule's meeting day of one month, or None (July)."""
    if month in NO_MEETING_MONTHS:
        return None
    if month in THIRD_FRIDAY_MONTHS:
        return nth_weekday(year, month, 3)
    return last_weekday(year, month)


def meeting_dates(year):
    """The year's meeting days by the rule, in order (11 of them)."""
    return [d for d in (meeting_date(year, m) for m in range(1, 13)) if d is not None]


def meeting_slots(year, start=START, end=END):
    """The year's meetings as (starts_at, ends_at) naive local datetimes."""
    return [(datetime.combine(d, start), datetime.combine(d, end)) for d in meeting_dates(year)]


def today(tz):
    """Today's date in the panel's time zone."""
    return datetime.now(ZoneInfo(tz)).date()


def as_date(value):
    """A date from a date, a datetime or an ISO string ('2027-01-29' or '2027-01-29T09:00')."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(value).date()


def meeting_started(starts_at, cancelled, on_day):
    """From a meeting's day on (unless it is cancelled) it can be marked held
    and its statements written."""
    return not cancelled and as_date(starts_at) <= as_date(on_day)


def booking_deadline(meeting_day, days_before):
    """The last day a social worker can book (inclusive)."""
    return as_date(meeting_day) - timedelta(days=days_before)


def booking_open(meeting_day, on_day, days_before):
    """True when a booking made on `on_day` is in time for the meeting."""
    return as_date(on_day) <= booking_deadline(meeting_day, days_before)


def documents_due(meeting_day, days_before):
    """The day by which the documents should have reached the coordinator."""
    return as_date(meeting_day) - timedelta(days=days_before)


def days_until(day, on_day):
    """Whole days from `on_day` to `day`; negative when `day` has passed."""
    return (as_date(day) - as_date(on_day)).days


# Display states of a consultation, in the order a coordinator cares about.
CANCELLED = "cancelled"
HANDLED = "handled"
DOCUMENTS_OVERDUE = "documents_overdue"
DOCUMENTS_RECEIVED = "documents_received"
AWAITING_DOCUMENTS = "awaiting_documents"


def consultation_state(status, meeting_day, documents_received, on_day, documents_days_before):
    """Where a consultation stands on `on_day`, one of the constants above."""
    if status == "cancelled":
        return CANCELLED
    if status == "handled" or (meeting_day is not None and as_date(meeting_day) < as_date(on_day)):
        return HANDLED
    if documents_received:
        return DOCUMENTS_RECEIVED
    if meeting_day is not None and as_date(on_day) > documents_due(meeting_day, documents_days_before):
        return DOCUMENTS_OVERDUE
    return AWAITING_DOCUMENTS
