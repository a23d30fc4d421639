"""Periods of survey responses and when they are released (pure, no Flask).

A response's period is the month it was given ('2027-03'), or the yearly
round it answered ('2027-round'), never anything finer. A request's period
is the month it was sent (or its round's): the response rate of a period is
its requests sent against those used.

Release: no single answer may be watched arriving, so a month's responses
enter the reports only when the month has closed and `grace_days` more have
passed, all at once; a round's when it has closed (its requests can no
longer be used) and `grace_days` have passed. Before that the coordinator
sees the response rate only.
"""
import re
from datetime import date, timedelta

MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")   # [0-9]: \d matches "２" too
ROUND = re.compile(r"^([0-9]{4})-round$")


def month_of(day):
    """'2027-03' for a day of March 2027."""
    return f"{day.year:04d}-{day.month:02d}"


def round_period(year):
    return f"{int(year):04d}-round"


def is_month(period):
    return isinstance(period, str) and bool(MONTH.match(period))


def is_round(period):
    return isinstance(period, str) and bool(ROUND.match(period))


def month_after(period):
    """The first day of the month after a month period."""
    year, month = (int(part) for part in period.split("-"))
    return date(year + month // 12, month % 12 + 1, 1)


def month_released_on(period, grace_days):
    """The day a month's responses enter the reports."""
    return month_after(period) + timedelta(days=grace_days)


def round_released_on(closes_on, grace_days):
    """The day a round's responses enter the reports (`closes_on`: its last day of answering)."""
    return closes_on + timedelta(days=1 + grace_days)


def released_before(today, grace_days):
    """Month periods earlier than this one are released on `today`
    (e.g. with 14 days: '2027-02' is released from 15 March on)."""
    return month_of(today - timedelta(days=grace_days))


def round_cutoff(today, grace_days):
    """A round whose answering closed on or before this day is released on `today`."""
    return today - timedelta(days=1 + grace_days)


def is_released(period, today, grace_days, round_closes_on=None):
    """Whether a period's responses are in the reports on `today`.
    A round needs its closing day (`round_closes_on`)."""
    if is_month(period):
        return today >= month_released_on(period, grace_days)
    if is_round(period) and round_closes_on is not None:
        return today >= round_released_on(round_closes_on, grace_days)
    return False


def months_between(first, last):
    """Month periods from `first` to `last` inclusive."""
    out, current = [], first
    while current <= last:
        out.append(current)
        current = month_of(month_after(current))
    return out
