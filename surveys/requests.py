"""Who is asked for feedback, and when: plain functions that open requests.

- `open_after_statement`: finalising a statement asks the social worker who
  consulted (the professional survey, one per consultation) and every member
  present (the expert survey, one per meeting). The lead connects it to
  `panel.signals.statement_finalised` (surveys.connect_signals).
- `open_family_feedback`: once the social worker has marked the message back
  delivered, each child (7–12, 13–17) and parent of the consultation gets a
  feedback request; the worker makes a code for it (a tablet code's twin) to
  hand over or to use at once on a tablet. Connected to
  `panel.signals.message_delivered`.
- `send_round`: the coordinator's yearly survey to every expert member and
  social worker of the panel, once a year; its responses form their own period.
- `due_reminders` / `mark_reminded`: the one reminder after SURVEY_REMINDER_DAYS
  (the outbox of the panel's workflow sends it, linking to the requests page,
  never to a request).

Each takes the database and keyword arguments and joins the caller's
transaction when there is one (a statement's finalising), so the requests
are made together with what opened them. Calling one twice opens nothing new.
"""
from datetime import timedelta

from flask import current_app, has_app_context
from flask_babel import get_babel

import config
from db import immediate, marks
from panel import calendar
from questionnaire import localisation
from surveys import definitions, periods, storage


def today():
    """Today in the app's time zone (config TODAY pins it for tests and demos)."""
    if has_app_context():
        pinned = current_app.config["TODAY"]
        if pinned:
            return calendar.as_date(pinned)
        return calendar.today(current_app.config["TIMEZONE"])
    return calendar.today(config.TIMEZONE)


def setting(name):
    """A setting of the app, or config.py's default outside one (demo data, scripts)."""
    return current_app.config[name] if has_app_context() else getattr(config, name)


def request_days():
    return setting("SURVEY_REQUEST_DAYS")


def texts_of(definition):
    """{key: {lang: text}} of a definition from the compiled catalogues (kept with its version)."""
    if has_app_context():
        return localisation.texts_for(definition.wording_keys(), current_app.config["LANGUAGES"],
                                      tuple(get_babel().translation_directories))
    return localisation.texts_for(definition.wording_keys())


def _version(db, survey_id):
    definition = definitions.get(survey_id)
    return definition, storage.ensure_survey_version(db, definition, texts_of(definition))


def _open(db, survey_id, *, panel_id, once_key, day, days, period=None, **links):
    definition, version_id = _version(db, survey_id)
    return storage.create_request(db, panel_id=panel_id, survey_id=survey_id, version_id=version_id,
                                  group=definition.group, period=period or periods.month_of(day),
                                  once_key=once_key, created_on=day, expires_on=day + timedelta(days=days), **links)


def _members_of(db, panel_id, user_ids, role):
    """Those of `user_ids` who are active members of the panel with `role`."""
    user_ids = [int(u) for u in user_ids]
    if not user_ids:
        return []
    return [row[0] for row in db.execute(f"""
        SELECT u.id FROM users u JOIN user_panels p ON p.user_id = u.id AND p.panel_id = ?
        JOIN user_roles r ON r.user_id = u.id AND r.role = ?
        WHERE u.active = 1 AND u.id IN ({marks(user_ids)}) ORDER BY u.id""", [panel_id, role] + user_ids)]


def open_after_statement(db, *, consultation_id, meeting_id, social_worker_id, present_member_ids, panel_id=None,
                         on_day=None, **_signal):
    """Requests after a finalised statement: the professional survey to the
    consultation's social worker, the expert survey to each member present
    (one per meeting, however many of its consultations they heard).
    Returns the ids of the requests made now."""
    on_day, days = on_day or today(), request_days()
    with immediate(db):
        if panel_id is None:
            panel_id = db.execute("SELECT panel_id FROM consultations WHERE id = ?", [consultation_id]).fetchone()[0]
        made = [_open(db, definitions.AFTER_CONSULTATION, panel_id=panel_id, day=on_day, days=days,
                      once_key=f"consultation:{consultation_id}:user:{social_worker_id}",
                      user_id=social_worker_id, consultation_id=consultation_id, meeting_id=meeting_id)]
        for member_id in _members_of(db, panel_id, present_member_ids, "expert"):
            made.append(_open(db, definitions.AFTER_MEETING, panel_id=panel_id, day=on_day, days=days,
                              once_key=f"meeting:{meeting_id}:user:{member_id}",
                              user_id=member_id, meeting_id=meeting_id))
    return [request_id for request_id in made if request_id]


def open_family_feedback(db, *, consultation_id, views_ids, on_day=None, **_signal):
    """A feedback request for each child 7–17 and parent among `views_ids` of the
    consultation (there is no survey for 3–6). Returns the ids made now."""
    on_day, days = on_day or today(), request_days()
    made = []
    with immediate(db):
        for views_id in views_ids:
            row = db.execute("SELECT v.band, c.panel_id FROM views v JOIN consultations c ON c.id = v.consultation_id "
                             "WHERE v.id = ? AND v.consultation_id = ?", [views_id, consultation_id]).fetchone()
            definition = definitions.for_band(row[0]) if row else None
            if definition is None:
                continue
            made.append(_open(db, definition.id, panel_id=row[1], day=on_day, days=days,
                              once_key=f"views:{views_id}", views_id=views_id, consultation_id=consultation_id))
    return [request_id for request_id in made if request_id]


def send_round(db, *, panel_id, sent_by, on_day=None):
    """The yearly survey to every active expert member (expert survey) and
    social worker (professional survey) of the panel. Returns (round id,
    requests made), or (None, 0) when this year's round was sent already."""
    on_day, days = on_day or today(), request_days()
    closes_on = on_day + timedelta(days=days)
    with immediate(db):
        round_id = storage.create_round(db, panel_id=panel_id, year=on_day.year, sent_on=on_day,
                                        closes_on=closes_on, sent_by=sent_by)
        if round_id is None:
            return None, 0
        period = periods.round_period(on_day.year)
        made = 0
        for role, group in (("expert", "expert"), ("social_worker", "professional")):
            members = [row[0] for row in db.execute(
                """SELECT u.id FROM users u JOIN user_panels p ON p.user_id = u.id AND p.panel_id = ?
                   JOIN user_roles r ON r.user_id = u.id AND r.role = ? WHERE u.active = 1 ORDER BY u.id""",
                [panel_id, role])]
            for user_id in members:
                if _open(db, definitions.YEARLY[group], panel_id=panel_id, day=on_day, days=days, period=period,
                         once_key=f"round:{round_id}:user:{user_id}:{group}", user_id=user_id, round_id=round_id):
                    made += 1
    return round_id, made


def due_reminders(db, on_day=None, days=None):
    """The staff requests whose one reminder is due now (SURVEY_REMINDER_DAYS
    after sending, not used, still open, not reminded before)."""
    days = setting("SURVEY_REMINDER_DAYS") if days is None else days
    return storage.due_reminders(db, on_day or today(), days)


def mark_reminded(db, request_ids, on_day=None):
    storage.mark_reminded(db, request_ids, on_day or today())
