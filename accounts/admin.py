"""Administration: users, panels and the audit log (admins only)."""
import time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from accounts import storage
from accounts.auth import roles_required
from accounts.forms import ROLE_LABELS, AuditFilterForm, NewUserForm, PanelForm, ResetPasswordForm, UserFilterForm, UserForm
from accounts.passwords import hash_password
from accounts.routes import account_locked_until, bp
from db import get_db, immediate
from web import throttle
from web.bidi import bdi, with_isolated
from web.i18n import format_clock, local_time

AUDIT_PAGE_SIZE = 50

# what each audit action means, for people; unknown actions show their code
AUDIT_ACTIONS = {
    "user.create": _l("User created"),
    "user.update": _l("User changed"),
    "user.activate": _l("User activated"),
    "user.deactivate": _l("User deactivated"),
    "user.reset_password": _l("Password reset"),
    "user.change_password": _l("Own password changed"),
    "user.unlock": _l("Account unlocked"),
    "login": _l("Logged in"),
    "login.failed": _l("Failed login"),
    "logout": _l("Logged out"),
    "panel.create": _l("Panel created"),
    "panel.update": _l("Panel changed"),
    "meeting.generate": _l("Meetings of a year created"),
    "meeting.create": _l("Meeting added"),
    "meeting.edit": _l("Meeting changed"),
    "meeting.cancel": _l("Meeting cancelled"),
    "meeting.restore": _l("Meeting restored"),
    "consultation.book": _l("Consultation booked"),
    "consultation.edit": _l("Consultation changed"),
    "consultation.cancel": _l("Consultation cancelled"),
    "consultation.documents": _l("Documents marked"),
    "consultation.read": _l("Consultation read"),
    "meeting.held": _l("Meeting marked held"),
    "meeting.attendance": _l("Who took part changed"),
    "statement.save": _l("Statement draft saved"),
    "statement.finalise": _l("Statement finalised"),
    "statement.read": _l("Statement read"),
    "statement.delivery": _l("Delivery of the message marked"),
    "statement.follow_up": _l("Follow-up answered"),
    "member.field": _l("Member's field recorded"),
    "member.attendance": _l("Attendance at a meeting recorded"),
    "expert.create": _l("Outside expert added"),
    "expert.update": _l("Outside expert changed"),
    "expert.invite": _l("Outside expert invited"),
    "expert.outcome": _l("Outside expert's participation recorded"),
    "expert.uninvite": _l("Outside expert's invitation removed"),
    "conflict.declare": _l("Conflict of interest declared"),
    "conflict.clear": _l("Declaration of conflict of interest cleared"),
    "document.upload": _l("Document sent"),
    "document.download": _l("Document downloaded"),
    "document.delete": _l("Document removed"),
    "material.publish": _l("Pre-meeting material published"),
    "material.read": _l("Pre-meeting material read"),
    "family.schedule": _l("Family's 30 minutes scheduled"),
    "family.unschedule": _l("Family's 30 minutes removed"),
    "family.invitation_ready": _l("Family's invitation marked ready"),
    "views.read": _l("Child's views read"),
    "views.summary": _l("Summary of views read"),
    "views.panel_read": _l("Views read for the panel"),
    "views.drawing": _l("Drawing viewed"),
    "views.create": _l("Child or parent added"),
    "views.answer": _l("Answer saved"),
    "views.drawing_save": _l("Drawing saved"),
    "views.drawing_delete": _l("Drawing removed"),
    "views.details": _l("Details of how the views were found out changed"),
    "views.band": _l("Age band changed"),
    "views.finish": _l("Views finished"),
    "views.hand_over": _l("Answers handed over to the worker"),
    "views.reopen": _l("Answers opened again"),
    "views.correct": _l("Answer corrected"),
    "views.note": _l("Worker's note added"),
    "views.worry_set": _l("Worry marker set"),
    "views.worry_clear": _l("Worry marker removed"),
    "tablet_code_created": _l("Tablet code made"),
    "tablet_code_cancelled": _l("Tablet code cancelled"),
    "tablet_session_start": _l("Tablet session started"),
    "tablet_session_end": _l("Tablet session ended"),
    "survey.round_sent": _l("Yearly feedback survey sent"),
    "survey.code_created": _l("Feedback code made"),
    "survey.code_cancelled": _l("Feedback code cancelled"),
    "survey.summary_exported": _l("Feedback summary exported"),
    "report.viewed": _l("Feedback report viewed"),
    "report.chart_downloaded": _l("Report chart downloaded"),
}


def _panel_choices(db):
    """The panels as checkboxes; each name is a label of its own, so isolated as user text."""
    return [SelectChoice(p["id"], bdi(p["name"])) for p in storage.list_panels(db)]


def _user_or_404(db, user_id):
    row = storage.get_user(db, user_id)
    if row is None:
        abort(404)
    return row


def _user_page(db, row, form, reset_form):
    """The edit page of a user, with the lock of too many wrong passwords if any."""
    locked = account_locked_until(db, row["email"], time.time())
    return render_template("accounts/user_form.html", form=form, user=row, reset_form=reset_form,
                           locked_until=format_clock(local_time(locked)) if locked else None)


def _validate_user_form(db, form, user_id=None):
    """The form's own checks plus a free email address, all reported at once."""
    ok = form.validate_on_submit()
    if form.is_submitted() and form.email.data and not form.email.errors \
            and storage.email_taken(db, form.email.data, except_user_id=user_id):
        form.email.errors.append(_("Another user already has this email address."))
        ok = False
    return ok


@bp.get("/admin/users")
@roles_required("admin")
def users():
    db = get_db()
    panels = storage.list_panels(db)
    form = UserFilterForm(request.args)
    form.panel.choices = [SelectChoice(0, _("All panels"))] + [SelectChoice(p["id"], p["name"]) for p in panels]
    panel_id = request.args.get("panel", type=int)
    if panel_id not in {p["id"] for p in panels}:
        panel_id = None
    form.panel.data = panel_id or 0
    rows = storage.list_users(db, None if panel_id is None else [panel_id])
    return render_template("accounts/users.html", users=rows, form=form, role_labels=ROLE_LABELS,
                           panel_names={p["id"]: p["name"] for p in panels}, panel_id=panel_id)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@roles_required("admin")
def create_user():
    db = get_db()
    form = NewUserForm()
    form.panels.choices = _panel_choices(db)
    if _validate_user_form(db, form):
        storage.create_user(db, form.email.data, form.name.data, hash_password(form.password.data),
                            form.roles.data, form.panels.data, actor_id=current_user.id)
        flash(with_isolated(_("User %(name)s was created. Give them the temporary password in a secure way "
                              "and ask them to change it."), name=form.name.data.strip()), "success")
        return redirect(url_for("accounts.users"))
    return render_template("accounts/user_form.html", form=form, user=None)


@bp.route("/admin/users/<id:user_id>", methods=["GET", "POST"])
@roles_required("admin")
def edit_user(user_id):
    db = get_db()
    row = _user_or_404(db, user_id)
    form = UserForm(data={"name": row["name"], "email": row["email"], "roles": row["roles"],
                          "panels": row["panel_ids"]})
    form.panels.choices = _panel_choices(db)
    if _validate_user_form(db, form, user_id):
        if user_id == current_user.id and "admin" not in form.roles.data:
            form.roles.errors.append(_("You cannot remove your own administrator role. "
                                       "Ask another administrator to do it."))
        else:
            storage.update_user(db, user_id, form.email.data, form.name.data, form.roles.data, form.panels.data,
                                actor_id=current_user.id)
            flash(_("The changes were saved."), "success")
            return redirect(url_for("accounts.users"))
    return _user_page(db, row, form, ResetPasswordForm())


@bp.post("/admin/users/<id:user_id>/password")
@roles_required("admin")
def reset_password(user_id):
    db = get_db()
    row = _user_or_404(db, user_id)
    reset_form = ResetPasswordForm()
    if reset_form.validate_on_submit():
        storage.set_password(db, user_id, hash_password(reset_form.password.data), actor_id=current_user.id)
        flash(with_isolated(_("The password of %(name)s was reset and their sessions were ended. Give them the "
                              "temporary password in a secure way."), name=row["name"]), "success")
        return redirect(url_for("accounts.edit_user", user_id=user_id))
    form = UserForm(data={"name": row["name"], "email": row["email"], "roles": row["roles"],
                          "panels": row["panel_ids"]}, formdata=None)
    form.panels.choices = _panel_choices(db)
    return _user_page(db, row, form, reset_form), 400


@bp.post("/admin/users/<id:user_id>/unlock")
@roles_required("admin")
def unlock(user_id):
    """Open an account locked by too many wrong passwords before the wait is over."""
    db = get_db()
    row = _user_or_404(db, user_id)
    with immediate(db):
        throttle.forget_account(db, "login", row["email"])
        storage.write_audit(db, current_user.id, "user.unlock", detail=f"user {user_id}")
    flash(with_isolated(_("%(name)s can try to log in again."), name=row["name"]), "success")
    return redirect(url_for("accounts.edit_user", user_id=user_id))


@bp.post("/admin/users/<id:user_id>/active")
@roles_required("admin")
def set_active(user_id):
    db = get_db()
    row = _user_or_404(db, user_id)
    activate = request.form.get("active") == "1"
    if user_id == current_user.id and not activate:
        flash(_("You cannot deactivate your own account."), "error")
        return redirect(url_for("accounts.edit_user", user_id=user_id))
    storage.set_active(db, user_id, activate, actor_id=current_user.id)
    if activate:
        flash(with_isolated(_("%(name)s can log in again."), name=row["name"]), "success")
    else:
        flash(with_isolated(_("%(name)s was deactivated and logged out."), name=row["name"]), "success")
    return redirect(url_for("accounts.edit_user", user_id=user_id))


@bp.get("/admin/panels")
@roles_required("admin")
def panels():
    db = get_db()
    return render_template("accounts/panels.html", panels=storage.list_panels(db),
                           members=storage.count_panel_members(db))


@bp.route("/admin/panels/new", methods=["GET", "POST"])
@roles_required("admin")
def create_panel():
    return _panel_form(None)


@bp.route("/admin/panels/<id:panel_id>", methods=["GET", "POST"])
@roles_required("admin")
def edit_panel(panel_id):
    return _panel_form(panel_id)


def _panel_form(panel_id):
    db = get_db()
    panel = None
    if panel_id is not None:
        panel = storage.get_panel(db, panel_id)
        if panel is None:
            abort(404)
    form = PanelForm(data=panel or {"case_code_prefix": "KS"})
    if form.validate_on_submit():
        if storage.panel_name_taken(db, form.name.data, except_panel_id=panel_id):
            form.name.errors.append(_("Another panel already has this name."))
        else:
            if panel is None:
                storage.create_panel(db, form.name.data.strip(), (form.area.data or "").strip(),
                                     form.case_code_prefix.data, actor_id=current_user.id)
            else:
                storage.update_panel(db, panel_id, form.name.data, form.area.data or "", form.case_code_prefix.data,
                                     actor_id=current_user.id)
            flash(_("The panel was saved."), "success")
            return redirect(url_for("accounts.panels"))
    return render_template("accounts/panel_form.html", form=form, panel=panel)


@bp.get("/admin/audit")
@roles_required("admin")
def audit_log():
    db = get_db()
    form = AuditFilterForm(request.args)
    consultation_id = case_code = None
    if form.consultation.data and form.validate():
        wanted = form.consultation.data.strip()
        if wanted.isdigit():
            consultation_id = int(wanted)
        else:
            case_code = wanted.upper()
    page = max(1, min(request.args.get("page", 1, type=int), 10**6))
    rows, total = storage.list_audit(db, consultation_id, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE,
                                     case_code=case_code)
    pages = max(1, -(-total // AUDIT_PAGE_SIZE))
    return render_template("accounts/audit_log.html", rows=rows, total=total, page=page, pages=pages,
                           form=form, consultation_id=consultation_id or case_code, actions=AUDIT_ACTIONS)
