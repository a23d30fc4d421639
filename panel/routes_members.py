"""The panel's standing members and their attendance, the registry of outside
experts and their invitations to a consultation: thin views over
panel.members_storage. Coordinators manage; an expert member says whether
they attend a meeting."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from accounts.auth import found_in_my_panels, roles_required
from db import get_db
from panel import identity_codes, members, members_storage, storage
from panel.forms_workflow import InviteForm, MemberFieldForm, OutcomeForm, OutsideExpertForm
from panel.routes import bp, coordinator_panel_ids, is_coordinator_of, load_meeting, panel_choices


def _coordinated_meeting(meeting_id):
    meeting = load_meeting(meeting_id)
    if not is_coordinator_of(meeting["panel_id"]):
        abort(403)
    return meeting


def _coordinated_consultation(consultation_id):
    consultation = found_in_my_panels(storage.get_consultation(get_db(), consultation_id))
    if not is_coordinator_of(consultation["panel_id"]):
        abort(403)
    return consultation


MEMBER_ERRORS = {
    "bad_field": lambda: _("Choose a field."),
    "not_a_member": lambda: _("This person is not an expert member of the panel."),
    "too_long": lambda: _("The text is too long."),
    "no_expert": lambda: _("Choose an outside expert from the registry."),
    "already_invited": lambda: _("This expert is already invited to the consultation."),
    "expert_incomplete": lambda: _("Write the organisation and the expertise."),
    "bad_outcome": lambda: _("The change could not be saved."),
    "no_invitation": lambda: _("The change could not be saved."),
    "bad_attendance": lambda: _("The change could not be saved."),
}


def member_error(error):
    return MEMBER_ERRORS.get(error.code, lambda: _("The change could not be saved."))()


# ---------------------------------------------------------------- standing members

@bp.get("/members")
@roles_required("coordinator")
def members_page():
    """The standing members of each panel the user coordinates, with their fields."""
    db = get_db()
    panels = [{"id": pid, "name": name, "members": members_storage.panel_members(db, pid)}
              for pid, name in panel_choices(coordinator_panel_ids())]
    for panel in panels:
        for member in panel["members"]:
            member["form"] = MemberFieldForm(formdata=None, prefix=f"m{member['user_id']}",
                                             field=member["field"] or "other", field_note=member["field_note"])
    return render_template("panel/members.html", panels=panels)


@bp.post("/members/<id:panel_id>/<id:user_id>")
@roles_required("coordinator")
def set_member_field(panel_id, user_id):
    if not is_coordinator_of(panel_id):
        abort(404)
    form = MemberFieldForm(prefix=f"m{user_id}")
    if not form.validate():
        abort(400)
    try:
        members_storage.set_member_field(get_db(), panel_id, user_id, form.field.data, form.field_note.data,
                                         current_user.id)
    except members.MemberError as error:
        if error.code == "not_a_member":
            abort(404)
        abort(400)
    flash(_("The member's field was saved."), "success")
    return redirect(url_for("panel.members_page") + f"#member-{user_id}")


# ---------------------------------------------------------------- attendance

def _attendance_rows(db, meeting):
    found = members_storage.attendance(db, meeting["id"])
    rows = members_storage.panel_members(db, meeting["panel_id"])
    for row in rows:
        row["attends"] = found.get(row["user_id"])
    return rows


@bp.route("/meetings/<id:meeting_id>/attendance", methods=["GET", "POST"])
@roles_required("coordinator")
def attendance(meeting_id):
    """Who of the standing members attends the meeting, and the outside
    experts invited to its consultations."""
    meeting = _coordinated_meeting(meeting_id)
    db = get_db()
    rows = _attendance_rows(db, meeting)
    if request.method == "POST":
        values = {row["user_id"]: members.attendance_value(request.form.get(f"attends-{row['user_id']}", ""))
                  for row in rows}
        if "bad" in values.values():
            abort(400)
        for user_id, attends in values.items():
            if attends != next(r["attends"] for r in rows if r["user_id"] == user_id):
                members_storage.set_attendance(db, meeting_id, user_id, attends, current_user.id)
        flash(_("The attendance was saved."), "success")
        return redirect(url_for("panel.attendance", meeting_id=meeting_id))
    agenda = storage.list_meeting_consultations(db, [meeting_id], include_cancelled=False)[meeting_id]
    invited = members_storage.invitations_many(db, [c["id"] for c in agenda])
    return render_template("panel/attendance.html", meeting=meeting, rows=rows, agenda=agenda, invited=invited)


@bp.post("/meetings/<id:meeting_id>/attendance/mine")
@roles_required("expert")
def my_attendance(meeting_id):
    """An expert member says whether they attend."""
    meeting = load_meeting(meeting_id)
    db = get_db()
    if current_user.id not in {m["user_id"] for m in members_storage.panel_members(db, meeting["panel_id"])}:
        abort(403)
    attends = members.attendance_value(request.form.get("attends", ""))
    if attends == "bad":
        abort(400)
    members_storage.set_attendance(db, meeting_id, current_user.id, attends, current_user.id)
    flash(_("Thank you: your attendance was saved."), "success")
    return redirect(url_for("panel.material_page", meeting_id=meeting_id))


# ---------------------------------------------------------------- the registry of outside experts

def _expert_warnings(form):
    if request.method != "POST":
        return {}
    return identity_codes.form_warnings(form, form.TEXT_FIELDS, identity_codes.confirmed(request.form))


def _expert_values(form):
    return {"organisation": form.organisation.data, "expertise": form.expertise.data,
            "contact": form.contact.data or "", "paid": form.paid.data, "cost_note": form.cost_note.data or ""}


@bp.route("/experts", methods=["GET", "POST"])
@roles_required("coordinator")
def outside_experts():
    """The installation's registry of outside special experts; the form adds one."""
    db = get_db()
    form = OutsideExpertForm(formdata=request.form if request.method == "POST" else None)
    warnings = _expert_warnings(form)
    if request.method == "POST" and form.validate() and not warnings:
        try:
            members_storage.add_outside_expert(db, current_user.id, **_expert_values(form))
        except members.MemberError as error:
            form.organisation.errors = list(form.organisation.errors) + [member_error(error)]
        else:
            flash(_("The expert was added to the registry."), "success")
            return redirect(url_for("panel.outside_experts"))
    status = 400 if request.method == "POST" else 200
    return render_template("panel/experts.html", experts=members_storage.list_outside_experts(db), form=form, expert=None,
                           warnings=warnings), status


@bp.route("/experts/<id:expert_id>/edit", methods=["GET", "POST"])
@roles_required("coordinator")
def edit_outside_expert(expert_id):
    db = get_db()
    expert = members_storage.get_outside_expert(db, expert_id)
    if expert is None:
        abort(404)
    form = OutsideExpertForm(formdata=request.form if request.method == "POST" else None,
                             data=None if request.method == "POST" else dict(expert, paid=bool(expert["paid"]),
                                                                            active=bool(expert["active"])))
    warnings = _expert_warnings(form)
    if request.method == "POST" and form.validate() and not warnings:
        try:
            members_storage.update_outside_expert(db, expert_id, current_user.id, active=form.active.data,
                                                  **_expert_values(form))
        except members.MemberError as error:
            form.organisation.errors = list(form.organisation.errors) + [member_error(error)]
        else:
            flash(_("The expert's details were saved."), "success")
            return redirect(url_for("panel.outside_experts"))
    status = 400 if request.method == "POST" else 200
    return render_template("panel/expert_form.html", expert=expert, form=form, warnings=warnings), status


# ---------------------------------------------------------------- invitations to a consultation

def _invite_form(db, consultation, formdata=None):
    form = InviteForm(formdata=formdata)
    taken = {i["outside_expert_id"] for i in members_storage.invitations(db, consultation["id"])}
    form.outside_expert_id.choices = [SelectChoice(e["id"], f"{e['organisation']} – {e['expertise']}")
                                      for e in members_storage.list_outside_experts(db, active_only=True)
                                      if e["id"] not in taken]
    return form


def _outcome_form(invitation, formdata=None):
    came = {1: "yes", 0: "no"}.get(invitation["came"], "")
    cost = "" if invitation["cost_cents"] is None else f"{invitation['cost_cents'] / 100:.2f}"
    return OutcomeForm(formdata=formdata, prefix=f"i{invitation['id']}", came=came, cost=cost,
                       cost_note=invitation["cost_note"])


def _render_invitations(consultation, form=None, outcome_forms=None, status=200):
    db = get_db()
    invited = members_storage.invitations(db, consultation["id"])
    outcome_forms = outcome_forms or {}
    for invitation in invited:
        invitation["form"] = outcome_forms.get(invitation["id"]) or _outcome_form(invitation)
    return render_template("panel/consultation_experts.html", consultation=consultation, invited=invited,
                           form=form or _invite_form(db, consultation),
                           registry_size=len(members_storage.list_outside_experts(db, active_only=True))), status


@bp.route("/consultations/<id:consultation_id>/experts", methods=["GET", "POST"])
@roles_required("coordinator")
def consultation_experts(consultation_id):
    """The outside experts invited to one consultation; the form invites one."""
    consultation = _coordinated_consultation(consultation_id)
    if request.method == "POST":
        db = get_db()
        form = _invite_form(db, consultation, request.form)
        if form.validate():
            try:
                members_storage.invite(db, consultation_id, form.outside_expert_id.data, current_user.id)
            except members.MemberError as error:
                form.outside_expert_id.errors = list(form.outside_expert_id.errors) + [member_error(error)]
            else:
                flash(_("The expert was invited to the consultation."), "success")
                return redirect(url_for("panel.consultation_experts", consultation_id=consultation_id))
        return _render_invitations(consultation, form=form, status=400)
    return _render_invitations(consultation)


@bp.post("/invitations/<id:invitation_id>")
@roles_required("coordinator")
def invitation_outcome(invitation_id):
    """Record whether the invited expert came and what it cost, or remove the invitation."""
    db = get_db()
    invitation = members_storage.get_invitation(db, invitation_id)
    if invitation is None:
        abort(404)
    consultation = _coordinated_consultation(invitation["consultation_id"])
    if request.form.get("action") == "remove":
        members_storage.remove_invitation(db, invitation_id, current_user.id)
        flash(_("The invitation was removed."), "success")
        return redirect(url_for("panel.consultation_experts", consultation_id=consultation["id"]))
    form = _outcome_form(invitation, request.form)
    warnings = identity_codes.form_warnings(form, form.TEXT_FIELDS, identity_codes.confirmed(request.form))
    if form.validate() and not warnings:
        members_storage.record_outcome(db, invitation_id, came=members.attendance_value(form.came.data),
                                       cost_cents=members.parse_cost(form.cost.data), cost_note=form.cost_note.data,
                                       actor_id=current_user.id)
        flash(_("Saved."), "success")
        return redirect(url_for("panel.consultation_experts", consultation_id=consultation["id"]))
    if warnings:
        form.cost_note.errors = list(form.cost_note.errors) + [warnings["cost_note"]]
    return _render_invitations(consultation, outcome_forms={invitation_id: form}, status=400)
