"""Feedback surveys: after each consultation, anonymous feedback from the social
worker, the expert members, the child and the parents (issue 12).

    definitions.py  the surveys as data on the form engine (positive answers per question)
    requests.py     who is asked and when (after a statement, after the message back, the yearly round)
    storage.py      all SQL; how anonymity is kept (its docstring)
    periods.py      response periods and their release after the grace period (pure)
    summary.py      the study-style summary the reports read (pure)
    export.py       the summary as CSV, CSV for Excel (fi) and XLSX (pure); routes_export.py its downloads,
                    export_cli.py `flask export-summary`, export_storage.py the read with its audit line
    answering.py    reading a submitted survey (pure)
    codes.py        a child's or parent's feedback code (pure)
    routes.py       the staff's pages; tablet.py the child's and parent's screens
    report.py       the coordinator's report as data (pure); routes_report.py its page and charts,
                    report_storage.py its SQL, chart_cache.py its caches
    pages.py        what both share (a request's version in the page's language); labels.py words for them
    demo.py         a year of feedback for `flask demo-data`
"""
from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from panel import signals
from surveys import export_cli, labels, notify, requests, routes, routes_export, routes_report, tablet
from web.extensions import register_nav_link, register_page_notice

# the pages where each role starts after login (accounts.routes.HOME_BY_ROLE): the notice shows there
START_PAGES = ("panel.meetings", "panel.my_consultations", "surveys.index", "surveys.my_requests")


def survey_notice():
    """The notice of the user's open feedback requests on their start page, or ''."""
    if request.endpoint not in START_PAGES or not current_user.is_authenticated \
            or not current_user.has_role(*routes.STAFF) or request.endpoint == "surveys.my_requests":
        return ""
    from db import get_db
    db = get_db()
    today = requests.today()
    count = routes.storage.count_open_requests(db, current_user.id, today)
    family = routes.storage.waiting_family_requests(db, current_user.id, today) \
        if current_user.has_role("social_worker") else []
    if not count and not family:
        return ""
    return Markup(render_template("surveys/_notice.html", count=count, family=family))


def _on_statement_finalised(sender, **kwargs):
    opened = requests.open_after_statement(**kwargs)
    notify.notify_opened(kwargs["db"], opened)


def _on_reminders_due(sender, *, db, today):
    notify.queue_reminders(db, today)


def _on_message_delivered(sender, **kwargs):
    requests.open_family_feedback(**kwargs)


def connect_signals():
    """Open the requests when the panel's workflow says so (panel/signals.py):
    statement_finalised(db, consultation_id, statement_id, meeting_id,
    social_worker_id, present_member_ids) and message_delivered(db,
    consultation_id, views_ids). Connected once; blinker keeps one connection per receiver."""
    signals.statement_finalised.connect(_on_statement_finalised)
    signals.message_delivered.connect(_on_message_delivered)
    signals.reminders_due.connect(_on_reminders_due)


def init_app(app):
    app.register_blueprint(routes.bp)
    app.register_blueprint(tablet.bp)
    app.register_blueprint(routes_export.bp)
    app.cli.add_command(export_cli.export_summary_command)
    routes_report.init_app(app)
    tablet.guard.init_app(app)
    register_page_notice(app, survey_notice)
    app.context_processor(lambda: {"survey_group_label": labels.group, "survey_percent": labels.percent})
    # one "Feedback" link: the report, which links to the response rates and the yearly round
    # (two links made the coordinator's header wrap onto a second row)
    register_nav_link(app, "surveys_report.index", _l("Feedback"), ("coordinator", "admin"))
    register_nav_link(app, "surveys.my_requests", _l("Feedback requests"), ("social_worker", "expert"))
    connect_signals()
    app.jinja_env.filters["survey_period"] = labels.period
