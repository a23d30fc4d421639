"""The child's and the parent's views, worker-assisted mode.

Access (accounts/access.py): the consultation's social worker reads and
writes; the panel's coordinators and experts see only the panel's material
(what the person allowed) and the worry marker (on a worker-only answer: the
coordinator only); admins see nothing of it; another panel's consultation
is 404. Every read of answers and every change to them is written to the
audit log, and no page of this blueprint may be cached.
"""
import secrets
from datetime import date

from flask import (Blueprint, Response, abort, current_app, flash, g, jsonify, redirect, render_template, request,
                   url_for)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import get_locale, refresh
from flask_login import current_user, login_required

from accounts import access
from accounts.auth import found_in_my_panels, require_consultations_worker
from accounts.storage import write_audit
from db import get_db
from panel import calendar, conflicts
from panel import storage as panel_storage
from participation import (api, identity_check, labels, panel_reads, questionnaires, record_page, review_storage,
                           storage, tablet_staff)
from participation.extension import worry_questions
from participation.forms import AddPersonForm, BandForm, DetailsForm, NoteForm
from web.field_html import SavedForm
from web.json_body import json_body
from web.security import forbid_caching

bp = Blueprint("participation", __name__)
bp.after_request(forbid_caching)


def _consultation(consultation_id):
    return found_in_my_panels(panel_storage.get_consultation(get_db(), consultation_id))


def _worker_consultation(consultation_id):
    return require_consultations_worker(panel_storage.get_consultation(get_db(), consultation_id))


def is_consultations_worker(consultation):
    return access.is_consultations_worker(current_user, consultation)


def sees_panel_material(consultation):
    """What the person allowed the panel to see; a member only when clear of
    conflict of interest (panel.conflicts.member_may_see)."""
    return (access.sees_panel_material(current_user, consultation)
            and conflicts.member_may_see(get_db(), current_user, consultation))


def _views_row(views_id):
    rows = list(get_db().query("SELECT id, consultation_id, language, status FROM views WHERE id = ?", [views_id]))
    if not rows:
        abort(404)
    return rows[0]


def _record(views_id, in_its_language=False):
    """The views record (checked: the consultation's worker).
    With `in_its_language` the page is shown in the person's language;
    "while_draft" does so only while the person is still answering (a
    finished record is the worker's page, in the worker's language)."""
    found = storage.views_consultation(get_db(), views_id)
    if found is None:
        abort(404)
    item, consultation = found
    consultation = require_consultations_worker(consultation)
    if in_its_language == "while_draft":
        in_its_language = item["status"] == "draft"
    if in_its_language:
        _force_locale(item["language"])
    # a draft's pages show no worker's notes (record.html shows them once the answers are handed over)
    return api.load(get_db(), views_id, notes=item["status"] != "draft"), consultation


def _force_locale(locale):
    """Show the questions in the person's language (the page's language too)."""
    g.forced_locale = locale
    refresh()


def audit_read(consultation, record, action="views.read"):
    write_audit(get_db(), current_user.id, action, consultation["id"], f"views {record['id']}")


# -- the consultation's views ---------------------------------------------------------------

@bp.get("/consultations/<id:consultation_id>/views")
@login_required
def overview(consultation_id):
    consultation = _worker_consultation(consultation_id)
    form = AddPersonForm(band=questionnaires.suggest_band(consultation["child_age"]), language=str(get_locale()))
    form.request_key.data = secrets.token_urlsafe(16)
    return render_template("participation/overview.html", consultation=consultation, form=form,
                           views=storage.list_views(get_db(), consultation_id),
                           tablet_panel=tablet_staff.code_panel_context(get_db(), consultation_id),
                           suggested=questionnaires.suggest_band(consultation["child_age"]))


@bp.post("/consultations/<id:consultation_id>/views")
@login_required
def add(consultation_id):
    consultation = _worker_consultation(consultation_id)
    form = AddPersonForm()
    if not form.validate_on_submit():
        flash(_("Please choose whose views to record."), "error")
        return redirect(url_for(".overview", consultation_id=consultation_id))
    views_id = api.create_views(get_db(), consultation["id"], form.band.data, created_by=current_user.id,
                                language=form.language.data, request_key=form.request_key.data or None)
    return redirect(url_for(".record", views_id=views_id))


# -- one person's views ---------------------------------------------------------------------

def _save_details(record, form):
    storage.update_details(get_db(), record["id"], method=form.method.data or "",
                           method_other=form.method_other.data or "",
                           asked_on=form.asked_on.data.isoformat() if form.asked_on.data else "",
                           present=form.present.data or "", actor_id=current_user.id)


def _details_as_saved(record, review_day=False):
    """The details form as saved, for showing (web.field_html.SavedForm: no form made to show them).
    With `review_day`, handed-over answers with no date yet show the day of the review: usually the
    day the views were found out (TODAY: the calendar's pinned day)."""
    asked_on = date.fromisoformat(record["asked_on"]) if record["asked_on"] else None
    if review_day and not asked_on and record["status"] == "handed_over":
        pinned = current_app.config["TODAY"]
        asked_on = calendar.as_date(pinned) if pinned else calendar.today(current_app.config["TIMEZONE"])
    return SavedForm(DetailsForm, {"method": record["method"], "method_other": record["method_other"],
                                   "asked_on": asked_on, "present": record["present"]})


def _render_record(record, consultation, details, errors=None, entered=None, warnings=None, note_form=None,
                   correction=None, status=200):
    """The record page; `warnings` {field or question id: message} are the identity-code warnings;
    `correction` a correction sent back with its message ({"question", "text", "visibility", "warning"})."""
    audit_read(consultation, record)
    errors, entered, warnings = errors or {}, entered or {}, warnings or {}
    context = {"details": details, "errors": errors, "entered": entered, "identity_warnings": warnings,
               "correction": correction}
    if record["status"] != "draft":  # a draft shows no notes and no history; only a draft the band form
        return render_template("participation/record.html", record=record, consultation=consultation, **context,
                               note_form=note_form or NoteForm(formdata=None),
                               history=review_storage.answer_history(get_db(), record["id"]), band_form=None), status
    band_form = SavedForm(BandForm, {"band": record["band"]}) if record["person"] == "child" else None
    context.update(note_form=None, history=None, band_form=band_form)
    parts = record_page.draft_parts(record, details, band_form, entered, errors, warnings)
    if errors or entered or warnings:
        return render_template("participation/record.html", record=record, consultation=consultation, **context,
                               parts=parts), status
    return record_page.draft_html(record, consultation, parts, context), status


FINISHING = ("draft", "handed_over")
METHOD_MISSING = _l("Choose how the views were found out before finishing.")


@bp.route("/views/<id:views_id>", methods=["GET", "POST"])
@login_required
def record(views_id):
    """All questions on one page (a draft), or the finished answers with the worker's notes."""
    record, consultation = _record(views_id, in_its_language="while_draft")
    details = DetailsForm() if request.method == "POST" else _details_as_saved(record, review_day=True)
    errors, entered, warnings = {}, {}, {}
    if request.method == "POST":
        finishing = request.form.get("action") == "finish" and record["status"] in FINISHING
        warnings = identity_check.details_warnings(details, record, request.form)
        valid = details.validate_on_submit()
        if finishing and valid and not details.method.data:  # the record never locks with "not recorded yet"
            details.method.errors.append(str(METHOD_MISSING))
            valid = False
        if not valid or warnings:
            errors["_details"] = True
        else:
            _save_details(record, details)
        if record["status"] == "draft":
            try:
                held = set()
                errors_q, entered = api.save_questions(get_db(), record, request.form,
                                                       enforce_required=request.form.get("action") == "finish",
                                                       hold=identity_check.answer_hold(record, request.form, held),
                                                       actor_id=current_user.id)
                warnings.update({qid: errors_q[qid][0] for qid in held})
                errors.update(errors_q)
                upload_errors = _save_uploads(record)
                for qid, msg in upload_errors.items():
                    errors.setdefault(qid, []).append(msg)
            except storage.Locked:
                pass
        if not errors:
            if finishing:
                storage.finish(get_db(), record["id"], current_user.id)
                _force_locale(None)  # the finished record is the worker's page, in the worker's language
                flash(_("The answers are finished. You can still add notes."), "success")
            else:
                flash(_("Saved."), "success")
            return redirect(url_for(".record", views_id=views_id))
        record = api.load(get_db(), views_id)
    return _render_record(record, consultation, details, errors, entered, warnings, status=400 if errors else 200)


def _save_uploads(record):
    """Drawings sent as files with a plain form POST (no JavaScript)."""
    problems = {}
    for q in record["definition"].questions():
        upload = request.files.get(f"q-{q.id}-drawing")
        if upload is None or not upload.filename:
            continue
        body, status = api.save_drawing(get_db(), record, q.id, upload.read(), actor_id=current_user.id)
        if status != 200:
            problems[q.id] = body.get("error") or _("The drawing could not be saved.")
    return problems


@bp.route("/views/<id:views_id>/show/<id(min=0):step>", methods=["GET", "POST"])
@login_required
def show(views_id, step):
    """"Show to the child": one question per screen, large text."""
    record, consultation = _record(views_id, in_its_language=True)
    screens = record["screens"]
    if step < 0 or step >= len(screens):
        abort(404)
    page_id = screens[step]
    errors, entered, held = {}, {}, set()
    if request.method == "POST":
        if record["status"] != "draft":
            return redirect(url_for(".record", views_id=views_id))
        questions = [q["id"] for q in api.screen_questions(record, page_id)]
        if questions:
            try:
                # a skipped question is no error on the person's own screen: a kind word
                # instead (participation.js), and the worker sees it in the review
                errors, entered = api.save_questions(get_db(), record, request.form, set(questions),
                                                     hold=identity_check.answer_hold(record, request.form, held),
                                                     actor_id=current_user.id)
                for qid, msg in _save_uploads(record).items():
                    errors.setdefault(qid, []).append(msg)
            except storage.Locked:
                return redirect(url_for(".record", views_id=views_id))
        if not errors:
            direction = request.form.get("nav", "next")
            if direction == "finish":
                # the person's "Finished" hands the answers over: the worker checks them and finishes
                _force_locale(None)  # the review is the worker's page, in the worker's language
                if review_storage.hand_over(get_db(), record["id"], actor_id=current_user.id):
                    flash(_("The answers were handed over to you. Check them, record how the views were found "
                            "out and finish."), "success")
                return redirect(url_for(".record", views_id=views_id))
            target = step - 1 if direction == "back" else step + 1
            target = max(0, min(target, len(screens) - 1))
            # no #main: the next screen puts the focus on its heading (static/js/participation.js)
            return redirect(url_for(".show", views_id=views_id, step=target))
        record = api.load(get_db(), views_id)
    if record["status"] != "draft":
        return redirect(url_for(".record", views_id=views_id))
    audit_read(consultation, record)
    return render_template("participation/show.html", record=record, consultation=consultation, step=step,
                           page=api.page(record, page_id), page_id=page_id, errors=errors, entered=entered,
                           identity_warnings=held, total=len(screens)), 400 if errors else 200


@bp.post("/views/<id:views_id>/band")
@login_required
def change_band(views_id):
    record, consultation = _record(views_id)
    form = BandForm()
    if form.validate_on_submit() and record["person"] == "child":
        try:
            storage.change_band(get_db(), views_id, form.band.data, api.current_texts(
                questionnaires.definition_for(form.band.data)), actor_id=current_user.id)
            flash(_("The questions were changed to the chosen age band."), "success")
        except storage.Locked:
            flash(_("The answers are finished; the questions can no longer be changed."), "error")
    return redirect(url_for(".record", views_id=views_id))


@bp.post("/views/<id:views_id>/autosave")
@login_required
def autosave(views_id):
    """JSON autosave of one answer (the contract: api.autosave)."""
    record, consultation = _record(views_id)
    payload = json_body()
    body, status = identity_check.autosave_refusal(record, payload) or api.autosave(
        get_db(), record, payload, actor_id=current_user.id)
    return jsonify(body), status


@bp.post("/views/<id:views_id>/drawing")
@login_required
def upload_drawing(views_id):
    """A drawing from the canvas (multipart: question, drawing=PNG file, or clear=1)."""
    record, consultation = _record(views_id)
    upload = request.files.get("drawing")
    body, status = api.save_drawing(get_db(), record, request.form.get("question", ""),
                                    upload.read() if upload else b"", clear=request.form.get("clear") == "1",
                                    actor_id=current_user.id)
    return jsonify(body), status


@bp.get("/views/<id:views_id>/drawings/<question_id>.png")
@login_required
def drawing(views_id, question_id):
    """A stored drawing: for the worker; for the panel only when the person allowed it."""
    item = _views_row(views_id)
    consultation = _consultation(item["consultation_id"])
    if not is_consultations_worker(consultation):
        allowed = panel_reads.allowed_for_panel(get_db(), views_id, question_id)
        if not allowed or not sees_panel_material(consultation):
            abort(404)
    png = storage.get_drawing(get_db(), views_id, question_id)
    if png is None:
        abort(404)
    write_audit(get_db(), current_user.id, "views.drawing", consultation["id"], f"views {views_id}")
    return Response(png, mimetype="image/png", headers={"Cache-Control": "no-store"})


@bp.post("/views/<id:views_id>/finish")
@login_required
def finish(views_id):
    """Finish (idempotent); with refused=1 the person did not want to take part."""
    record, consultation = _record(views_id)
    refused = request.form.get("refused") == "1"
    if storage.finish(get_db(), views_id, current_user.id, refused=refused):
        flash(_("Recorded: did not want to take part.") if refused
              else _("The answers are finished. You can still add notes."), "success")
    return redirect(url_for(".record", views_id=views_id))


@bp.post("/views/<id:views_id>/notes")
@login_required
def add_note(views_id):
    record, consultation = _record(views_id)
    form = NoteForm()
    warnings = identity_check.note_warnings(form, request.form)
    if form.validate_on_submit() and not warnings:
        storage.add_note(get_db(), views_id, form.text.data, current_user.id)
        flash(_("The note was added."), "success")
        return redirect(url_for(".record", views_id=views_id) + "#notes")
    if form.errors:
        form.text.errors = [_("The note was empty or too long (at most 5,000 characters).")]
    # the page again, the note as typed beside its message
    return _render_record(record, consultation, _details_as_saved(record), warnings=warnings, note_form=form,
                          status=400)


@bp.post("/views/<id:views_id>/worry")
@login_required
def worry(views_id):
    """Mark question 2's answer as needing attention before the meeting (or unmark)."""
    record, consultation = _record(views_id)
    on = request.form.get("on") == "1"
    worker_only = False
    for q in worry_questions(record["definition"]):
        storage.set_worry(get_db(), views_id, q.id, on, actor_id=current_user.id)
        worker_only = worker_only or (record["answers"].get(q.id) or {}).get("visibility") == "worker"
    if not on:
        flash(_("The worry marker was removed."), "success")
    else:  # the same words as beside the button (record.html): who will see the marker
        flash(_("Marked.") + " " + str(labels.worry_who(worker_only)), "success")
    return redirect(url_for(".record", views_id=views_id))


@bp.get("/views/<id:views_id>/summary")
@login_required
def summary(views_id):
    """Read-only, printable summary of one person's views: the worker's copy,
    with the answers kept for the social worker clearly marked."""
    record, consultation = _record(views_id)
    audit_read(consultation, record, "views.summary")
    worker_only = any(a["visibility"] == "worker" for a in record["answers"].values())
    return render_template("participation/summary.html", record=record, consultation=consultation,
                           for_panel=False, worker_only=worker_only)
