"""The coordinator marks a meeting held and records who took part: the
expert members present, outside experts (names and roles), and per
consultation the social worker and whether the child or the parents joined."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from accounts.auth import roles_required
from db import get_db
from panel import attendance_storage, calendar, identity_codes
from panel import statement_rules as rules
from panel.routes import bp, is_coordinator_of, load_meeting, today
from panel.statement_forms import MeetingHeldForm
from panel.storage import list_meeting_consultations
from web.bidi import bdi

EXPERT_PROBLEMS = {
    "expert_name_missing": lambda: _("Write each outside expert on a line of their own: name, role."),
    "expert_too_long": lambda: _("A name or a role is longer than 200 characters."),
    "too_many_experts": lambda: _("At most 20 outside experts."),
}


@bp.app_template_global()
def meeting_started(meeting):
    """True from the meeting's day on: then it can be marked held."""
    return calendar.meeting_started(meeting["starts_at"], meeting["cancelled"], today())


@bp.route("/meetings/<id:meeting_id>/held", methods=["GET", "POST"])
@roles_required("coordinator")
def meeting_held(meeting_id):
    meeting = load_meeting(meeting_id)
    if not is_coordinator_of(meeting["panel_id"]):
        abort(404)
    db = get_db()
    consultations = list_meeting_consultations(db, [meeting_id], include_cancelled=False)[meeting_id]
    ids = [c["id"] for c in consultations]
    attendance = attendance_storage.get_attendance(db, meeting_id, ids)
    members = attendance_storage.panel_members(db, meeting["panel_id"])
    # a member marked present earlier stays on the list even if no longer in the panel
    known = {m["id"] for m in members}
    members += [{"id": uid, "name": row["name"]} for uid in sorted(attendance["member_ids"] - known)
                for row in db.query("SELECT name FROM users WHERE id = ?", [uid])]
    form = MeetingHeldForm(formdata=request.form if request.method == "POST" else None)
    form.members.choices = [SelectChoice(m["id"], bdi(m["name"])) for m in members]
    for name in ("social_worker_present", "child_joined", "parents_joined"):
        form[name].choices = [SelectChoice(c["id"], c["case_code"]) for c in consultations]
    if request.method == "GET":
        form.members.data = sorted(attendance["member_ids"]) if attendance["held_at"] else [m["id"] for m in members]
        form.outside_experts.data = rules.format_outside_experts(attendance["outside_experts"])
        marks = attendance["consultations"]
        form.social_worker_present.data = [cid for cid in ids if marks[cid]["social_worker"]]
        form.child_joined.data = [cid for cid in ids if marks[cid]["child_joined"]]
        form.parents_joined.data = [cid for cid in ids if marks[cid]["parents_joined"]]
    warnings, status = {}, 200
    if request.method == "POST":
        before = {"outside_experts": rules.format_outside_experts(attendance["outside_experts"])}
        warnings = identity_codes.form_warnings(form, form.TEXT_FIELDS, identity_codes.confirmed(request.form), before)
        experts, problem = rules.parse_outside_experts(form.outside_experts.data)
        if not meeting_started(meeting):
            flash(_("A meeting can be marked held from its day on."), "warning")
        elif form.validate_on_submit() and not warnings and not problem:
            attendance_storage.mark_held(db, meeting_id, current_user.id, member_ids=form.members.data,
                                         experts=experts, consultations={
                                             cid: {"social_worker": cid in form.social_worker_present.data,
                                                   "child_joined": cid in form.child_joined.data,
                                                   "parents_joined": cid in form.parents_joined.data}
                                             for cid in ids})
            flash(_("The meeting is marked held and who took part is saved."), "success")
            return redirect(url_for("panel.statements"))
        if problem:
            form.outside_experts.errors = list(form.outside_experts.errors) + [EXPERT_PROBLEMS[problem]()]
        status = 400
    return render_template("panel/meeting_held.html", meeting=meeting, form=form, consultations=consultations,
                           attendance=attendance, warnings=warnings, started=meeting_started(meeting)), status
