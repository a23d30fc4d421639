"""The panel's meetings calendar and consultations: thin views over panel.storage."""
from datetime import date, datetime

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from accounts import access
from accounts import storage as accounts_storage
from accounts.auth import found_in_my_panels, require_panel, roles_required
from db import get_db
from panel import agenda as agenda_view
from panel import calendar, identity_codes, storage
from panel.forms import ConsultationForm, GenerateMeetingsForm, MeetingForm
from web.security import forbid_caching

bp = Blueprint("panel", __name__)
# consultations' questions and background, agendas: never cached
bp.after_request(forbid_caching)


# ---------------------------------------------------------------- helpers

def today():
    """Today in the panel's time zone; tests and demos pin it with config TODAY."""
    pinned = current_app.config["TODAY"]
    if pinned:
        return calendar.as_date(pinned)
    return calendar.today(current_app.config["TIMEZONE"])


def closes_days():
    return current_app.config["BOOKING_CLOSES_DAYS_BEFORE"]


def documents_days():
    return current_app.config["DOCUMENTS_DUE_DAYS_BEFORE"]


def is_coordinator_of(panel_id):
    return access.coordinates(current_user, panel_id)


def coordinator_panel_ids():
    """Panels the user coordinates (none for an admin who is not a coordinator)."""
    return list(current_user.panel_ids) if current_user.has_role("coordinator") else []


def panel_choices(panel_ids):
    panels = accounts_storage.list_panels(get_db())
    return [(p["id"], p["name"]) for p in panels if p["id"] in panel_ids]


def load_meeting(meeting_id):
    """The meeting, or 404 when it does not exist or is another panel's."""
    return found_in_my_panels(storage.get_meeting(get_db(), meeting_id))


def load_consultation(consultation_id):
    """The consultation if the user may see it: its panel's coordinators and
    the social worker responsible. Everyone else gets 404."""
    consultation = found_in_my_panels(storage.get_consultation(get_db(), consultation_id))
    if not access.sees_case(current_user, consultation):
        abort(404)
    return consultation


def describe(consultation, meeting_starts_at=None):
    """Deadlines and state of a consultation for the templates."""
    starts_at = meeting_starts_at or (consultation.get("meeting") or {}).get("starts_at") \
        or consultation.get("meeting_starts_at")
    on_day = today()
    info = {"state": calendar.consultation_state(consultation["status"], starts_at,
                                                 consultation["documents_received_at"], on_day, documents_days()),
            "booking_deadline": None, "documents_due": None, "documents_in_days": None, "booking_open": False}
    if starts_at:
        info["booking_deadline"] = calendar.booking_deadline(starts_at, closes_days())
        info["documents_due"] = calendar.documents_due(starts_at, documents_days())
        info["documents_in_days"] = calendar.days_until(info["documents_due"], on_day)
        info["booking_open"] = calendar.booking_open(starts_at, on_day, closes_days())
    return info


def owner_may_change(consultation, info):
    return (access.is_consultations_worker(current_user, consultation) and consultation["status"] == "booked"
            and info["booking_open"])


def may_change(consultation, info):
    if consultation["status"] == "cancelled" or info["state"] == calendar.HANDLED:
        return False
    return is_coordinator_of(consultation["panel_id"]) or owner_may_change(consultation, info)


def show_booking_error(form, error, coordinates):
    """Put a refused booking's message next to the field it is about: a
    coordinator past the deadline is asked for the reason, everyone else
    gets the refusal beside the meeting."""
    if error.code == "worker_not_in_panel" and coordinates:
        form.social_worker_id.errors = list(form.social_worker_id.errors) + [booking_error_message(error)]
    elif error.code == "booking_closed" and coordinates:
        form.late_reason.errors = list(form.late_reason.errors) + [
            _("The booking deadline has passed: write the reason for the late booking.")]
    else:
        form.meeting_id.errors = list(form.meeting_id.errors) + [booking_error_message(error)]


def booking_error_message(error):
    messages = {
        "meeting_full": _("This meeting is full. Please choose another meeting."),
        "meeting_cancelled": _("This meeting has been cancelled. Please choose another meeting."),
        "meeting_past": _("This meeting has already taken place. Please choose another meeting."),
        "booking_closed": _("Booking for this meeting has closed: it closes %(days)d days before the meeting. "
                            "Please choose a later meeting or contact the coordinator.", days=closes_days()),
        "no_meeting": _("Please choose a meeting."),
        "worker_not_in_panel": _("This social worker does not belong to the meeting's panel."),
        "no_questions": _("Write at least one question to the panel."),
        "too_many_questions": _("At most three questions."),
        "question_too_long": _("At most %(max)d characters.", max=storage.MAX_QUESTION_LENGTH),
        "bad_age": _("Enter the child's age as a number from 0 to 17."),
        "background_too_long": _("At most %(max)d characters.", max=storage.MAX_BACKGROUND_LENGTH),
        "capacity_below_booked": _("%(num)d consultations are already booked on this meeting.",
                                   num=error.details.get("booked", 0)),
    }
    return messages.get(error.code, _("The change could not be saved."))


def identity_code_warnings(form):
    """{field name: warning} for free text that looks like a personal identity code."""
    return identity_codes.form_warnings(form, form.TEXT_FIELDS)


# ---------------------------------------------------------------- meetings

@bp.get("/meetings")
@roles_required("coordinator", "expert", "social_worker")
def meetings():
    """Coordinators: meetings with their agenda and what is missing. Experts:
    the agendas read-only. Social workers: meetings with free places."""
    return _meetings_page()


def _meetings_page(generate_form=None, status=200):
    """The meetings page; `generate_form` is a refused "create a year's
    meetings" form, shown again with its messages and the typed year."""
    db = get_db()
    on_day = today()
    year = request.args.get("year", type=int)
    if year is not None and not 2000 <= year <= 2100:
        year = None
    if year:
        rows = storage.list_meetings(db, current_user.visible_panel_ids(), date(year, 1, 1), date(year + 1, 1, 1))
    else:
        rows = storage.list_meetings(db, current_user.visible_panel_ids(), from_day=on_day)
    coordinated = coordinator_panel_ids()
    shows_agenda = current_user.has_role("coordinator", "expert")
    agenda = storage.list_meeting_consultations(db, [m["id"] for m in rows], include_cancelled=False)
    for meeting in rows:
        meeting["coordinated"] = is_coordinator_of(meeting["panel_id"])
        meeting["booking_deadline"] = calendar.booking_deadline(meeting["starts_at"], closes_days())
        meeting["documents_due"] = calendar.documents_due(meeting["starts_at"], documents_days())
        meeting["free"] = max(0, meeting["capacity"] - meeting["booked"])
        meeting["past"] = calendar.as_date(meeting["starts_at"]) < on_day
        meeting["bookable"] = (not meeting["cancelled"] and not meeting["past"] and meeting["free"] > 0
                               and calendar.booking_open(meeting["starts_at"], on_day, closes_days()))
        items = agenda[meeting["id"]]
        for item in items:
            item["info"] = describe(item, meeting["starts_at"])
        meeting["own"] = [c for c in items if c["social_worker_id"] == current_user.id]
        meeting["agenda"] = items if (meeting["coordinated"] or shows_agenda) else []
        meeting["missing"] = sum(1 for c in items if not c["documents_received_at"])
        meeting["overdue"] = sum(1 for c in items if c["info"]["state"] == calendar.DOCUMENTS_OVERDUE)
    agenda_view.annotate_meetings(db, current_user, rows, on_day, documents_days())  # material, declarations
    years = storage.meeting_years(db, current_user.visible_panel_ids())
    if coordinated:
        if generate_form is None:
            # by default the first year from this one that has no meetings yet: usually next year
            next_free = next(y for y in range(on_day.year, on_day.year + 200) if y not in years)
            generate_form = GenerateMeetingsForm(formdata=None, year=(year or next_free))
        generate_form.panel_id.choices = panel_choices(coordinated)
    else:
        generate_form = None
    shown_years = sorted({on_day.year - 1, on_day.year, on_day.year + 1}
                         | {y for y in years if y > on_day.year} | ({year} if year else set()))
    return render_template("panel/meetings.html", meetings=rows, year=year, this_year=on_day.year,
                           years=shown_years,
                           generate_form=generate_form, may_coordinate=bool(coordinated),
                           may_book=current_user.has_role("social_worker")), status


@bp.post("/meetings/generate")
@roles_required("coordinator")
def generate():
    form = GenerateMeetingsForm()
    form.panel_id.choices = panel_choices(coordinator_panel_ids())
    if not form.validate_on_submit():
        return _meetings_page(form, 400)
    require_panel(form.panel_id.data)
    created = storage.generate_meetings(get_db(), form.panel_id.data, form.year.data,
                                        capacity=current_app.config["DEFAULT_MEETING_CAPACITY"],
                                        actor_id=current_user.id)
    if created:
        flash(ngettext("%(num)d meeting created for %(year)s.", "%(num)d meetings created for %(year)s.",
                       len(created), year=form.year.data), "success")
    else:
        flash(_("All meetings of %(year)s already exist; nothing was added.", year=form.year.data), "info")
    return redirect(url_for("panel.meetings", year=form.year.data))


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
    meeting = load_meeting(meeting_id)
    if not is_coordinator_of(meeting["panel_id"]):
        abort(404)
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
            form.capacity.errors = list(form.capacity.errors) + [booking_error_message(error)]
        else:
            flash(_("The meeting was saved."), "success")
            return redirect(url_for("panel.meetings", year=form.day.data.year))
    status = 400 if request.method == "POST" else 200
    return render_template("panel/meeting_form.html", form=form, meeting=meeting, warnings=warnings), status


@bp.route("/meetings/<id:meeting_id>/cancel", methods=["GET", "POST"])
@roles_required("coordinator")
def cancel_meeting(meeting_id):
    """Cancelling asks first and lists the consultations booked on the meeting."""
    meeting = load_meeting(meeting_id)
    if not is_coordinator_of(meeting["panel_id"]):
        abort(404)
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


# ---------------------------------------------------------------- consultations

@bp.get("/consultations/mine")
@roles_required("social_worker")
def my_consultations():
    rows = storage.list_worker_consultations(get_db(), current_user.id, current_user.panel_ids)
    for row in rows:
        row["info"] = describe(row)
    return render_template("panel/my_consultations.html", consultations=rows)


@bp.get("/consultations/<id:consultation_id>")
@roles_required("social_worker", "coordinator")
def consultation(consultation_id):
    item = load_consultation(consultation_id)
    info = describe(item)
    db = get_db()
    accounts_storage.write_audit(db, current_user.id, "consultation.read", consultation_id)  # the background
    worker = accounts_storage.get_user(db, item["social_worker_id"])
    return render_template("panel/consultation.html", consultation=item, info=info,
                           social_worker_name=worker["name"] if worker else "",
                           may_change=may_change(item, info),
                           coordinates=is_coordinator_of(item["panel_id"]),
                           workflow=agenda_view.consultation_extras(db, item))


def _consultation_form(item=None, coordinates=False):
    """The booking form with the meetings and social workers the user may choose.
    Only coordinators choose the social worker and give a reason for a late booking.
    An existing consultation stays in its panel: only that panel's meetings and
    social workers are offered."""
    db = get_db()
    form = ConsultationForm(formdata=request.form if request.method == "POST" else None)
    on_day = today()
    if coordinates:
        coordinated = [item["panel_id"]] if item else coordinator_panel_ids()
        # coordinators: any coming meeting with a free place (late ones need a reason)
        meetings = storage.bookable_meetings(db, coordinated, on_day, closes_days(), late=True)
        workers = []
        for panel_id, _name in panel_choices(coordinated):
            workers += [(w["id"], w["name"]) for w in storage.panel_social_workers(db, panel_id)]
        if item and item["social_worker_id"] not in {w[0] for w in workers}:
            worker = accounts_storage.get_user(db, item["social_worker_id"])
            workers.append((worker["id"], worker["name"]))
        form.social_worker_id.choices = sorted(set(workers), key=lambda w: w[1])
    else:
        meetings = storage.bookable_meetings(db, [item["panel_id"]] if item else current_user.panel_ids, on_day,
                                             closes_days())
        del form.social_worker_id
        del form.late_reason
    if item and item["meeting"] and item["meeting_id"] not in {m["id"] for m in meetings}:
        current = storage.get_meeting(db, item["meeting_id"])
        meetings = [current] + meetings
    for meeting in meetings:
        meeting["late"] = not calendar.booking_open(meeting["starts_at"], on_day, closes_days())
    form.meeting_choices = meetings
    form.meeting_id.choices = [(m["id"], m["starts_at"]) for m in meetings]
    if request.method == "GET":
        if item:
            form.meeting_id.data = item["meeting_id"]
            for question in item["questions"]:
                form[f"question_{question['position']}"].data = question["text"]
            form.child_age.data, form.background.data = item["child_age"], item["background"]
            form.municipality.data, form.needed_expertise.data = item["municipality"], item["needed_expertise"]
            if coordinates:
                form.social_worker_id.data, form.late_reason.data = item["social_worker_id"], item["late_reason"]
        else:
            form.meeting_id.data = request.args.get("meeting_id", type=int)
            if coordinates:
                form.social_worker_id.data = current_user.id
    return form


def _render_consultation_form(form, item, warnings, coordinates, status=200):
    return render_template("panel/consultation_form.html", form=form, consultation=item, warnings=warnings,
                           coordinates=coordinates, closes_days=closes_days()), status


@bp.route("/consultations/new", methods=["GET", "POST"])
@roles_required("social_worker", "coordinator")
def book():
    coordinates = bool(coordinator_panel_ids())
    form = _consultation_form(coordinates=coordinates)
    # identity-code warnings come with the first answer, beside any other errors
    warnings = identity_code_warnings(form) if request.method == "POST" else {}
    if form.validate_on_submit():
        if not warnings or form.confirm_no_identity_code.data:
            meeting = storage.get_meeting(get_db(), form.meeting_id.data)
            require_panel(meeting["panel_id"])
            worker_id = form.social_worker_id.data if coordinates else current_user.id
            if worker_id not in {w["id"] for w in storage.panel_social_workers(get_db(), meeting["panel_id"])}:
                form.social_worker_id.errors = list(form.social_worker_id.errors) + [
                    _("This social worker does not belong to the meeting's panel.")]
                return _render_consultation_form(form, None, warnings, coordinates, 400)
            try:
                consultation_id = storage.book_consultation(
                    get_db(), meeting_id=meeting["id"], social_worker_id=worker_id, created_by=current_user.id,
                    child_age=form.child_age.data, background=form.background.data, questions=form.questions(),
                    today=today(), closes_days_before=closes_days(),
                    late_reason=(form.late_reason.data or "") if coordinates else "",
                    municipality=form.municipality.data or "", needed_expertise=form.needed_expertise.data or "")
            except storage.BookingError as error:
                show_booking_error(form, error, coordinates)
            else:
                code = storage.get_consultation(get_db(), consultation_id)["case_code"]
                flash(_("The consultation was booked. Its case code is %(code)s.", code=code), "success")
                return redirect(url_for("panel.consultation", consultation_id=consultation_id))
    status = 400 if request.method == "POST" and (form.errors or warnings) else 200
    return _render_consultation_form(form, None, warnings, coordinates, status)


@bp.route("/consultations/<id:consultation_id>/edit", methods=["GET", "POST"])
@roles_required("social_worker", "coordinator")
def edit_consultation(consultation_id):
    item = load_consultation(consultation_id)
    info = describe(item)
    if not may_change(item, info):
        flash(_("This consultation can no longer be changed here. Please contact the coordinator."), "warning")
        return redirect(url_for("panel.consultation", consultation_id=consultation_id))
    coordinates = is_coordinator_of(item["panel_id"])
    form = _consultation_form(item, coordinates)
    if request.method == "GET":  # the form shows the stored background
        accounts_storage.write_audit(get_db(), current_user.id, "consultation.read", consultation_id)
    # identity-code warnings come with the first answer, beside any other errors
    warnings = identity_code_warnings(form) if request.method == "POST" else {}
    if form.validate_on_submit():
        if not warnings or form.confirm_no_identity_code.data:
            try:
                storage.update_consultation(
                    get_db(), consultation_id, actor_id=current_user.id, child_age=form.child_age.data,
                    background=form.background.data, questions=form.questions(),
                    meeting_id=form.meeting_id.data,
                    social_worker_id=form.social_worker_id.data if coordinates else None,
                    late_reason=(form.late_reason.data or "") if coordinates else None,
                    today=today(), closes_days_before=closes_days(),
                    municipality=form.municipality.data or "", needed_expertise=form.needed_expertise.data or "")
            except storage.BookingError as error:
                show_booking_error(form, error, coordinates)
            else:
                flash(_("The consultation was saved."), "success")
                return redirect(url_for("panel.consultation", consultation_id=consultation_id))
    status = 400 if request.method == "POST" and (form.errors or warnings) else 200
    return _render_consultation_form(form, item, warnings, coordinates, status)


@bp.route("/consultations/<id:consultation_id>/cancel", methods=["GET", "POST"])
@roles_required("social_worker", "coordinator")
def cancel_consultation(consultation_id):
    item = load_consultation(consultation_id)
    info = describe(item)
    if not may_change(item, info):
        flash(_("This consultation can no longer be changed here. Please contact the coordinator."), "warning")
        return redirect(url_for("panel.consultation", consultation_id=consultation_id))
    if request.method == "POST":
        storage.cancel_consultation(get_db(), consultation_id, current_user.id)
        flash(_("The consultation %(code)s was cancelled.", code=item["case_code"]), "success")
        if current_user.has_role("social_worker") and item["social_worker_id"] == current_user.id:
            return redirect(url_for("panel.my_consultations"))
        return redirect(url_for("panel.meetings"))
    return render_template("panel/consultation_cancel.html", consultation=item, info=info)


@bp.post("/consultations/<id:consultation_id>/documents")
@roles_required("coordinator")
def documents(consultation_id):
    """The coordinator marks the pre-meeting documents received (or not)."""
    item = load_consultation(consultation_id)
    if not is_coordinator_of(item["panel_id"]):
        abort(404)
    received = request.form.get("received") == "1"
    storage.set_documents_received(get_db(), consultation_id, received, current_user.id)
    flash(_("Documents of %(code)s marked received.", code=item["case_code"]) if received
          else _("Documents of %(code)s marked not received.", code=item["case_code"]), "success")
    return redirect(url_for("panel.meetings", year=request.form.get("year", type=int)) if request.form.get("back") == "meetings"
                    else url_for("panel.consultation", consultation_id=consultation_id))
