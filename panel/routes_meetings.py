"""One meeting, for its coordinator: adding it, editing it, cancelling or
restoring it (the meetings page itself and a year's meetings are in routes.py)."""
from datetime import datetime

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from accounts.auth import require_panel, roles_required
from db import get_db
from panel import calendar, identity_codes, storage
from panel.forms import MeetingForm, booking_error_message
from panel.routes import bp, closes_days, coordinator_panel_ids, load_coordinated_meeting, panel_choices


def _meeting_form(meeting=None):
    form = MeetingForm(formdata=request.form if request.method == "POST" else None)
    form.panel_id.choices = panel_choices(coordinator_panel_ids())
    if request.method == "GET":
        if meeting:
            starts, ends = datetime.fromisoformat(meeting["starts_at"]), datetime.fromisoformat(meeting["ends_at"])
            form.panel_id.data = meeting["panel_id"]
            form.day.data, form.starts.data, form.ends.data = starts.date(), starts.time(), ends.time()
            for name in ("place", "teams_link", "capacity", "notes"):
                form[name].data = meeting[name]
        else:
            form.starts.data, form.ends.data = calendar.START, calendar.END
            form.capacity.data = current_app.config["DEFAULT_MEETING_CAPACITY"]
            if form.panel_id.choices:
                form.panel_id.data = form.panel_id.choices[0][0]
    return form


def _meeting_warnings(form):
    """Identity-code warnings of a meeting's free text; none once confirmed."""
    if request.method != "POST":
        return {}
    return identity_codes.form_warnings(form, form.TEXT_FIELDS, identity_codes.confirmed(request.form))


@bp.route("/meetings/new", methods=["GET", "POST"])
@roles_required("coordinator")
def new_meeting():
    form = _meeting_form()
    warnings = _meeting_warnings(form)
    if form.validate_on_submit() and not warnings:
        require_panel(form.panel_id.data)
        storage.create_meeting(get_db(), form.panel_id.data, datetime.combine(form.day.data, form.starts.data),
                               datetime.combine(form.day.data, form.ends.data), place=form.place.data or "",
                               teams_link=form.teams_link.data or "", capacity=form.capacity.data,
                               notes=form.notes.data or "", actor_id=current_user.id)
        flash(_("The meeting was added."), "success")
        return redirect(url_for("panel.meetings", year=form.day.data.year))
    return render_template("panel/meeting_form.html", form=form, meeting=None, warnings=warnings), \
        400 if request.method == "POST" else 200


@bp.route("/meetings/<id:meeting_id>/edit", methods=["GET", "POST"])
@roles_required("coordinator")
def edit_meeting(meeting_id):
    meeting = load_coordinated_meeting(meeting_id)
    form = _meeting_form(meeting)
    form.panel_id.data = meeting["panel_id"]  # a meeting never moves to another panel
    warnings = _meeting_warnings(form)
    if form.validate_on_submit() and not warnings:
        try:
            storage.update_meeting(get_db(), meeting_id,
                                   starts_at=datetime.combine(form.day.data, form.starts.data),
                                   ends_at=datetime.combine(form.day.data, form.ends.data),
                                   place=form.place.data or "", teams_link=form.teams_link.data or "",
                                   capacity=form.capacity.data, notes=form.notes.data or "",
                                   actor_id=current_user.id)
        except storage.BookingError as error:
            form.capacity.errors = list(form.capacity.errors) + [booking_error_message(error, closes_days())]
        else:
            flash(_("The meeting was saved."), "success")
            return redirect(url_for("panel.meetings", year=form.day.data.year))
    status = 400 if request.method == "POST" else 200
    return render_template("panel/meeting_form.html", form=form, meeting=meeting, warnings=warnings), status


@bp.route("/meetings/<id:meeting_id>/cancel", methods=["GET", "POST"])
@roles_required("coordinator")
def cancel_meeting(meeting_id):
    """Cancelling asks first and lists the consultations booked on the meeting."""
    meeting = load_coordinated_meeting(meeting_id)
    db = get_db()
    booked = storage.list_meeting_consultations(db, [meeting_id], include_cancelled=False)[meeting_id]
    if request.method == "POST":
        restore = request.form.get("action") == "restore"
        storage.set_meeting_cancelled(db, meeting_id, not restore, current_user.id)
        if restore:
            flash(_("The meeting was restored."), "success")
        elif booked:
            flash(ngettext("The meeting was cancelled. %(num)d consultation is still booked on it: move or cancel it.",
                           "The meeting was cancelled. %(num)d consultations are still booked on it: move or cancel them.",
                           len(booked)), "warning")
        else:
            flash(_("The meeting was cancelled."), "success")
        return redirect(url_for("panel.meetings", year=calendar.as_date(meeting["starts_at"]).year))
    return render_template("panel/meeting_cancel.html", meeting=meeting, booked=booked)
