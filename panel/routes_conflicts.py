"""Conflicts of interest (jääviys): an expert member declares for each
consultation before seeing its material; the coordinator sees who declared
what and may clear a declaration. The rule itself: panel/conflicts.py."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts import access
from accounts.auth import found_in_my_panels, roles_required
from db import get_db
from panel import conflicts, members_storage, storage
from panel.forms_workflow import DeclarationForm
from panel.routes import bp, is_coordinator_of, load_meeting


def _consultation_in_my_panels(consultation_id):
    return found_in_my_panels(storage.get_consultation(get_db(), consultation_id))


@bp.route("/consultations/<id:consultation_id>/declaration", methods=["GET", "POST"])
@roles_required("expert")
def declaration(consultation_id):
    """The member's declaration, from the case code, municipality and age only."""
    consultation = _consultation_in_my_panels(consultation_id)
    if (not access.declares_conflicts(current_user, consultation) or consultation["status"] == "cancelled"
            or not consultation["meeting_id"]):
        abort(404)
    db = get_db()
    current = conflicts.declaration_of(db, consultation_id, current_user.id)
    form = DeclarationForm(formdata=request.form if request.method == "POST" else None, declaration=current)
    if current == conflicts.CONFLICT:  # stays until the coordinator clears it
        form.declaration.choices = [c for c in form.declaration.choices if c.value == conflicts.CONFLICT]
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                conflicts.declare(db, consultation, current_user, form.declaration.data)
            except conflicts.ConflictError:
                abort(400)
            if form.declaration.data == conflicts.CONFLICT:
                flash(_("Recorded: conflict of interest in %(code)s. You will not get its material.",
                        code=consultation["case_code"]), "success")
            else:
                flash(_("Recorded: no conflict of interest in %(code)s.", code=consultation["case_code"]), "success")
            return redirect(url_for("panel.material_page", meeting_id=consultation["meeting_id"])
                            + f"#case-{consultation_id}")
        status = 400
    return render_template("panel/declaration.html", consultation=consultation, form=form, current=current), status


@bp.get("/meetings/<id:meeting_id>/declarations")
@roles_required("coordinator")
def declarations(meeting_id):
    """Who of the members declared what, for each consultation of the meeting."""
    meeting = load_meeting(meeting_id)
    if not is_coordinator_of(meeting["panel_id"]):
        abort(403)
    db = get_db()
    agenda = storage.list_meeting_consultations(db, [meeting_id], include_cancelled=False)[meeting_id]
    people = members_storage.panel_members(db, meeting["panel_id"])
    return render_template("panel/declarations.html", meeting=meeting, agenda=agenda, people=people,
                           declared=conflicts.declarations_for(db, [c["id"] for c in agenda]))


@bp.post("/consultations/<id:consultation_id>/declarations/<id:user_id>/clear")
@roles_required("coordinator")
def clear_declaration(consultation_id, user_id):
    consultation = _consultation_in_my_panels(consultation_id)
    if not is_coordinator_of(consultation["panel_id"]):
        abort(403)
    if conflicts.clear(get_db(), consultation_id, user_id, current_user.id):
        flash(_("The declaration was cleared: the member declares again."), "success")
    if not consultation["meeting_id"]:
        return redirect(url_for("panel.meetings"))
    return redirect(url_for("panel.declarations", meeting_id=consultation["meeting_id"]))
