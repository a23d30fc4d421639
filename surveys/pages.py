"""What the staff's and the tablet's survey pages share: a request's own
version of its survey in the page's language, reading a submit, the day a
period is released, and the tablet's clock."""
from flask import current_app
from flask_babel import get_babel, get_locale

from panel.calendar import as_date
from web.tablet_guard import idle_seconds, max_quiet_seconds  # noqa: F401  (the same clock as tablet mode)
from questionnaire import localisation
from surveys import answering, periods, storage


def version(db, version_id):
    """The stored version a request sent: {"definition", "texts", "version", ...}."""
    return storage.load_versions(db, [version_id])[version_id]


def localized(version_row, locale=None):
    """The version's definition with its texts in `locale` (default: the page's
    language): today's translations where they exist, else the version's own.
    Made once per version and language (localisation.localized_version)."""
    return localisation.localized_version(version_row["definition"], version_row["texts"],
                                          (version_row["digest"], version_row["texts_json"]), locale or str(get_locale()),
                                          current_app.config["LANGUAGES"], tuple(get_babel().translation_directories))


def definition(db, version_id):
    """Only the definition of the version a request sent: what reading a submit needs."""
    return storage.load_definition(db, version_id)


def read(version_row, data, question_ids=None):
    return answering.read_answers(version_row["definition"], data, question_ids)


def released_on(period, rounds, grace_days):
    """The day `period`'s responses enter the reports (None for an unknown round)."""
    if periods.is_month(period):
        return periods.month_released_on(period, grace_days)
    for row in rounds:
        if row["period"] == period:
            return periods.round_released_on(as_date(row["closes_on"]), grace_days)
    return None
