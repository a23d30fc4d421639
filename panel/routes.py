"""The panel's meetings calendar and consultations: thin views over panel.storage."""
from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from accounts import access
from accounts import storage as accounts_storage
from accounts.auth import found_in_my_panels, require_case_reader, require_panel, roles_required
from db import get_db
from panel import agenda, calendar, identity_codes, outbox, statement_status, storage
from panel.forms import ConsultationForm, GenerateMeetingsForm, show_booking_error
from web.extensions import sections_for
from panel import generate_form_view, meeting_links, workflow_view
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


def deadlines():
    """The booking and documents deadlines, as configured."""
    cfg = current_app.config
    return agenda.Deadlines(cfg["BOOKING_CLOSES_DAYS_BEFORE"], cfg["DOCUMENTS_DUE_DAYS_BEFORE"])


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


def load_coordinated_meeting(meeting_id):
    """A meeting of a panel the user coordinates; for anyone else 404."""
    meeting = load_meeting(meeting_id)
    if not is_coordinator_of(meeting["panel_id"]):
        abort(404)
    return meeting


def load_consultation(consultation_id):
    """The consultation's own page (questions, background): its panel's
    coordinators and the social worker responsible. Everyone else gets 404."""
    return require_case_reader(storage.get_consultation(get_db(), consultation_id))


def load_changeable_consultation(consultation_id):
    """(consultation, describe()) when the user may still change it; else back to its page with a word why."""
    item = load_consultation(consultation_id)
    info = describe(item)
    if not may_change(item, info):
        flash(_("This consultation can no longer be changed here. Please contact the coordinator."), "warning")
        abort(redirect(url_for("panel.consultation", consultation_id=consultation_id)))
    return item, info


def describe(consultation):
    return agenda.describe(consultation, today(), deadlines())


def may_change(consultation, info):
    return agenda.may_change(current_user, consultation, info)


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
    on_day, rules = today(), deadlines()
    user = current_user._get_current_object()  # the proxy resolves itself on every use: hundreds per page
    year = request.args.get("year", type=int)
    if year is not None and not 2000 <= year <= 2100:
        year = None
    if year:
        rows = storage.list_meetings(db, user.visible_panel_ids(), date(year, 1, 1), date(year + 1, 1, 1))
    else:
        rows = storage.list_meetings(db, user.visible_panel_ids(), from_day=on_day)
    coordinated = coordinator_panel_ids()
    items = storage.list_meeting_consultations(db, [m["id"] for m in rows], include_cancelled=False)
    for meeting in rows:
        agenda.meeting_view(meeting, items[meeting["id"]], user, on_day, rules)
    workflow_view.annotate_meetings(db, user, rows, on_day, rules.documents_days)  # material, declarations
    meeting_links.add_links(rows)
    years = storage.meeting_years(db, user.visible_panel_ids())
    if coordinated:
        if generate_form is None:
            generate_form = GenerateMeetingsForm(formdata=None, year=(year or agenda.first_free_year(on_day, years)))
        generate_form.panel_id.choices = panel_choices(coordinated)
    else:
        generate_form = None
    generate_fields = generate_form_view.fields_html(generate_form) if generate_form else None
    agenda_sections = sections_for("agenda", consultations=[c for m in rows for c in m["agenda"]])
    return render_template("panel/meetings.html", meetings=rows, year=year, this_year=on_day.year,
                           years=agenda.shown_years(on_day, years, year), agenda_sections=agenda_sections,
                           generate_fields=generate_fields, may_coordinate=bool(coordinated),
                           may_book=user.has_role("social_worker"), is_expert=user.has_role("expert")), status


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


# ---------------------------------------------------------------- consultations

@bp.get("/consultations/mine")
@roles_required("social_worker")
def my_consultations():
    rows = storage.list_worker_consultations(get_db(), current_user.id, current_user.panel_ids)
    for row in rows:
        row["info"] = describe(row)
    meeting_links.add_consultation_links(rows)
    tasks = statement_status.worker_tasks(get_db(), current_user.id, current_user.panel_ids, today())
    meeting_links.add_consultation_links(tasks, meeting_links.TASK_LINKS)
    return render_template("panel/my_consultations.html", consultations=rows, worker_tasks=tasks,
                           sections=sections_for("my_consultations", consultations=rows))


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
                           sections=sections_for("consultation", consultation=item),
                           workflow=workflow_view.consultation_extras(db, item))


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


def _ready_to_save(form):
    """(valid, with no identity-code warning left unconfirmed; the warnings). The warnings
    come with the first answer, beside any other errors."""
    warnings = identity_code_warnings(form) if request.method == "POST" else {}
    return form.validate_on_submit() and (not warnings or form.confirm_no_identity_code.data), warnings


def _render_consultation_form(form, item, warnings, coordinates, status=None):
    if status is None:
        status = 400 if request.method == "POST" and (form.errors or warnings) else 200
    return render_template("panel/consultation_form.html", form=form, consultation=item, warnings=warnings,
                           coordinates=coordinates, closes_days=closes_days()), status


@bp.route("/consultations/new", methods=["GET", "POST"])
@roles_required("social_worker", "coordinator")
def book():
    coordinates = bool(coordinator_panel_ids())
    form = _consultation_form(coordinates=coordinates)
    ready, warnings = _ready_to_save(form)
    if ready:
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
            show_booking_error(form, error, coordinates, closes_days())
        else:
            code = storage.get_consultation(get_db(), consultation_id)["case_code"]
            outbox.enqueue(get_db(), worker_id, "booking_confirmed",
                           url_for("panel.consultation", consultation_id=consultation_id),
                           case_code=code, meeting_at=meeting["starts_at"])
            flash(_("The consultation was booked. Its case code is %(code)s.", code=code), "success")
            return redirect(url_for("panel.consultation", consultation_id=consultation_id))
    return _render_consultation_form(form, None, warnings, coordinates)


@bp.route("/consultations/<id:consultation_id>/edit", methods=["GET", "POST"])
@roles_required("social_worker", "coordinator")
def edit_consultation(consultation_id):
    item, info = load_changeable_consultation(consultation_id)
    coordinates = is_coordinator_of(item["panel_id"])
    form = _consultation_form(item, coordinates)
    if request.method == "GET":  # the form shows the stored background
        accounts_storage.write_audit(get_db(), current_user.id, "consultation.read", consultation_id)
    ready, warnings = _ready_to_save(form)
    if ready:
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
            show_booking_error(form, error, coordinates, closes_days())
        else:
            flash(_("The consultation was saved."), "success")
            return redirect(url_for("panel.consultation", consultation_id=consultation_id))
    return _render_consultation_form(form, item, warnings, coordinates)


@bp.route("/consultations/<id:consultation_id>/cancel", methods=["GET", "POST"])
@roles_required("social_worker", "coordinator")
def cancel_consultation(consultation_id):
    item, info = load_changeable_consultation(consultation_id)
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
