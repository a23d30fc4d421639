"""The panel's statement: the coordinator writes and finalises it, the
social worker (and the panel's members) read every finalised version, the
social worker marks how the message reached the child and answers the
follow-up three months later. Thin views over panel.statement_storage.

Who may do what: accounts.access.statement_rights, asked only in
`rights_for()` below.
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts import access
from accounts.auth import found_in_my_panels, roles_required
from accounts.storage import write_audit
from db import get_db
from panel import attendance_storage, identity_codes
from panel import statement_rules as rules
from panel import statement_status
from panel import statement_storage as storage
from panel import conflicts
from panel.routes import bp, today
from panel.statement_forms import DELIVERY_LABELS, OUTCOME_LABELS, DeliveryForm, FollowUpForm, StatementForm
from panel.storage import get_consultation
from participation.storage import list_views
from web.bidi import with_isolated

PROBLEMS = {
    "meeting_not_held": lambda: _("Mark the meeting held and who took part before finalising."),
    "answer_missing": lambda: _("Write the panel's answer to this question."),
    "recommendations_missing": lambda: _("Write the panel's recommendations."),
    "message_to_child_missing": lambda: _("The child gave their views, so a message to the child is needed."),
    "reason_missing": lambda: _("Write why the finalised statement is changed."),
    "unchanged": lambda: _("Nothing has changed since the latest version: there is no new version to finalise."),
    "too_long": lambda: _("The text is too long."),
    "no_draft": lambda: _("Save the draft first."),
    "how_missing": lambda: _("Choose how the message reached them."),
    "no_such_recipient": lambda: _("The page was out of date. Please check the marks and save again."),
    "outcome_missing": lambda: _("Choose an answer."),
}


def problem_text(code):
    return PROBLEMS.get(code, lambda: _("The change could not be saved."))()


def rights_for(consultation):
    """The current user's rights on the consultation's statement: every page,
    link and list of this module asks here (and only here). A member with a
    conflict of interest, or who has not declared yet, reads nothing (an agenda
    row already annotated by conflicts.annotate carries the answer as "may_see")."""
    user = current_user._get_current_object()  # asked for every agenda row: resolve the proxy once
    may_see = consultation.get("may_see")
    if may_see is None:
        may_see = conflicts.member_may_see(get_db(), user, consultation)
    return access.statement_rights(user, consultation, member_may_see=may_see)


def load_statement(consultation_id, right):
    """The consultation when the user has `right` (an access.STATEMENT_* word)
    on its statement, with the user's rights; 404 otherwise."""
    consultation = found_in_my_panels(get_consultation(get_db(), consultation_id))
    rights = rights_for(consultation)
    if right not in rights:
        abort(404)
    return consultation, rights


def person_name(recipient):
    if recipient["position"] is None:
        return _("The child") if recipient["person"] == "child" else _("The parent")
    if recipient["person"] == "parent":
        return _("Parent %(num)d", num=recipient["position"])
    return _("Child %(num)d", num=recipient["position"])


# ---------------------------------------------------------------- reading

def _show_version(consultation, rights, version):
    db = get_db()
    found = storage.get_version(db, consultation["id"], version)
    versions = storage.list_versions(db, consultation["id"])
    if found is None and version is not None:
        abort(404)
    if found is not None:
        write_audit(db, current_user.id, "statement.read", consultation["id"], f"version {found['version']}")
    return render_template("panel/statement.html", consultation=consultation, version=found, versions=versions,
                           rights=rights, latest=versions[-1] if versions else None,
                           status=statement_status.status(db, consultation, today()), person_name=person_name,
                           delivery_labels=DELIVERY_LABELS)


@bp.get("/consultations/<id:consultation_id>/statement")
@roles_required("social_worker", "coordinator", "expert")
def statement(consultation_id):
    consultation, rights = load_statement(consultation_id, access.STATEMENT_READ)
    return _show_version(consultation, rights, None)


@bp.get("/consultations/<id:consultation_id>/statement/<id:version>")
@roles_required("social_worker", "coordinator", "expert")
def statement_version(consultation_id, version):
    consultation, rights = load_statement(consultation_id, access.STATEMENT_READ)
    return _show_version(consultation, rights, version)


# ---------------------------------------------------------------- writing

def _fill_from_draft(form, draft):
    for position, text in (draft or {}).get("answers", {}).items():
        form[f"answer_{position}"].data = text
    for name in storage.TEXT_FIELDS:
        form[name].data = (draft or {}).get(name, "")


def _before(draft):
    """The stored draft's texts: an identity-code look-alike confirmed there warns no more."""
    if not draft:
        return {}
    return {**{f"answer_{p}": t for p, t in draft["answers"].items()},
            **{name: draft[name] for name in storage.TEXT_FIELDS}}


def _add_problems(form, problems):
    general = []
    for field, code in problems:
        if field and field in form:
            form[field].errors = list(form[field].errors) + [problem_text(code)]
        else:
            general.append(problem_text(code))
    return general


@bp.route("/consultations/<id:consultation_id>/statement/edit", methods=["GET", "POST"])
@roles_required("coordinator")
def edit_statement(consultation_id):
    consultation, _rights = load_statement(consultation_id, access.STATEMENT_WRITE)
    if consultation["status"] == "cancelled":
        abort(404)
    db = get_db()
    draft = storage.get_statement(db, consultation_id)
    versions = storage.list_versions(db, consultation_id)
    positions = [q["position"] for q in consultation["questions"]]
    form = StatementForm(formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        _fill_from_draft(form, draft)
    warnings, general, status = {}, [], 200
    if request.method == "POST":
        warnings = identity_codes.form_warnings(form, form.TEXT_FIELDS, identity_codes.confirmed(request.form),
                                                _before(draft))
        if form.validate_on_submit() and not warnings:
            texts = {name: form[name].data or "" for name in storage.TEXT_FIELDS}
            try:
                storage.save_draft(db, consultation_id, current_user.id, answers=form.answers(positions), **texts)
                if request.form.get("action") == "finalise":
                    number = storage.finalise(db, consultation_id, current_user.id, reason=form.reason.data or "",
                                              link=url_for("panel.statement", consultation_id=consultation_id))
                    flash(_("Version %(num)d of the statement was finalised and delivered to the social worker.",
                            num=number), "success")
                    return redirect(url_for("panel.statement", consultation_id=consultation_id))
            except storage.StatementError as error:
                general = _add_problems(form, error.problems)
            else:
                flash(_("The draft was saved."), "success")
                return redirect(url_for("panel.edit_statement", consultation_id=consultation_id))
        status = 400
    views = list_views(db, consultation_id)
    return render_template(
        "panel/statement_edit.html", consultation=consultation, form=form, warnings=warnings, general=general,
        versions=versions, draft=draft, child_gave_views=rules.child_gave_views(views),
        participants=attendance_storage.participants(db, consultation_id),
        meeting_held=bool((consultation["meeting"] or {}).get("held_at"))), status


# ---------------------------------------------------------------- the message back to the child

@bp.route("/consultations/<id:consultation_id>/statement/delivery", methods=["GET", "POST"])
@roles_required("social_worker")
def message_delivery(consultation_id):
    consultation, _rights = load_statement(consultation_id, access.STATEMENT_DELIVERY)
    db = get_db()
    latest = storage.get_version(db, consultation_id)
    recipients = storage.recipients(db, consultation_id, latest) if latest else []
    marks = storage.deliveries(db, consultation_id)
    form = DeliveryForm()
    errors, warnings, reason_errors, status = {}, {}, set(), 200
    entered = {r["key"]: (request.form.get(f"how-{r['key']}", ""), request.form.get(f"reason-{r['key']}", ""))
               for r in recipients} if request.method == "POST" else {}
    if request.method == "POST":
        chosen = {key: value for key, value in entered.items() if value[0]}
        warnings = identity_codes.warnings_for(
            {key: reason for key, (how, reason) in chosen.items() if how == "not_delivered"},
            identity_codes.confirmed(request.form), {key: row["reason"] for key, row in marks.items()})
        # nothing chosen: said beside the first choices, where the worker starts
        problems = (rules.delivery_problems(chosen) if chosen
                    else [(recipients[0]["key"] if recipients else None, "how_missing")])
        if form.validate_on_submit() and recipients and not problems and not warnings:
            try:
                storage.mark_deliveries(db, consultation_id, current_user.id, chosen)
            except storage.StatementError as error:
                problems = error.problems
            else:
                flash(_("Thank you: how the message reached them is saved."), "success")
                return redirect(url_for("panel.statement", consultation_id=consultation_id))
        for key, code in problems:
            errors.setdefault(key, []).append(problem_text(code))
        # only a problem with the reason marks the reason's box
        reason_errors = {key for key, code in problems if code in ("reason_missing", "too_long")}
        status = 400
    if latest:
        write_audit(db, current_user.id, "statement.read", consultation_id, f"version {latest['version']}")
    return render_template("panel/message_delivery.html", consultation=consultation, latest=latest,
                           recipients=recipients, marks=marks, entered=entered, errors=errors, warnings=warnings,
                           reason_errors=reason_errors,
                           form=form, person_name=person_name, delivery_labels=DELIVERY_LABELS), status


# ---------------------------------------------------------------- the follow-up

@bp.route("/consultations/<id:consultation_id>/follow-up", methods=["GET", "POST"])
@roles_required("social_worker")
def follow_up(consultation_id):
    consultation, _rights = load_statement(consultation_id, access.STATEMENT_DELIVERY)
    db = get_db()
    found = statement_status.status(db, consultation, today())
    answered = found["follow_up"]
    may_answer = bool(found["latest"]) and found["follow_up_asked"] and today() >= found["follow_up_due_on"]
    form = FollowUpForm(formdata=request.form if request.method == "POST" else None)
    if request.method == "GET" and answered:
        form.outcome.data, form.comment.data = answered["outcome"], answered["comment"]
    warnings, status = {}, 200
    if request.method == "POST":
        warnings = identity_codes.form_warnings(form, form.TEXT_FIELDS, identity_codes.confirmed(request.form),
                                                {"comment": (answered or {}).get("comment", "")})
        if may_answer and form.validate_on_submit() and not warnings:
            storage.save_follow_up(db, consultation_id, current_user.id, form.outcome.data, form.comment.data or "")
            flash(with_isolated(_("Thank you: your answer on %(code)s is saved."), code=consultation["case_code"]),
                  "success")
            return redirect(url_for("panel.my_consultations"))
        status = 400
    return render_template("panel/follow_up.html", consultation=consultation, form=form, found=found,
                           may_answer=may_answer, warnings=warnings, outcome_labels=OUTCOME_LABELS), status


# ---------------------------------------------------------------- the coordinator's list

@bp.get("/statements")
@roles_required("coordinator")
def statements():
    panel_ids = list(current_user.panel_ids)
    rows = statement_status.held_consultations(get_db(), panel_ids, today())
    undelivered = [r for r in rows if r["statement"]["undelivered_overdue"]]
    return render_template("panel/statements.html", rows=rows, undelivered=undelivered, person_name=person_name,
                           delivery_labels=DELIVERY_LABELS, outcome_labels=OUTCOME_LABELS)
