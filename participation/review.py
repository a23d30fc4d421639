"""The worker's check (routes of the participation blueprint; SQL in review_storage.py).

After the person's "Finished" (handed over) the record page is the review:
every answer, the details of how the views were found out and "Finish".
From then on the worker may correct an answer's words (a typo) or who may see
it (when the person asks): the earlier value is kept and the change is in the
audit log. Before finishing, the worker may also let the person go on answering.
"""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from db import get_db
from panel import identity_codes
from participation import review_storage
from participation.extension import VISIBILITIES
from participation.routes import _details_as_saved, _record, _render_record, bp
from questionnaire.fields import MAX_TEXT


def _problem(text, visibility, before):
    """(message or None, True when it is the identity-code warning) of a correction."""
    if visibility not in VISIBILITIES:
        return _("Please choose who may see the answer."), False
    if text is not None and len(text) > MAX_TEXT:
        return _("The answer is too long: at most 5,000 characters."), False
    if text is not None and not identity_codes.confirmed(request.form):
        warning = identity_codes.warning_for(text, before)
        return warning, bool(warning)
    return None, False


@bp.post("/views/<id:views_id>/answers/<question_id>/correct")
@login_required
def correct_answer(views_id, question_id):
    """Correct the words of an answer or who may see it (handed over or finished)."""
    record, consultation = _record(views_id)
    answer = record["answers"].get(question_id)
    if record["status"] not in review_storage.CORRECTABLE or answer is None:
        abort(404)
    text = request.form.get("text")  # absent: an answer without words (a choice, declined)
    text = text.replace("\r\n", "\n") if text is not None else None
    visibility = request.form.get("visibility") or answer["visibility"]
    problem, identity = _problem(text, visibility, answer["text"])
    if problem:
        correction = {"question": question_id, "text": answer["text"] if text is None else text,
                      "visibility": visibility, "warning": problem, "identity": identity}
        return _render_record(record, consultation, _details_as_saved(record), correction=correction, status=400)
    changed = review_storage.correct_answer(get_db(), views_id, question_id, text=text, visibility=visibility,
                                            actor_id=current_user.id)
    if changed:
        flash(_("The answer was changed. The earlier version is kept and shown below the answer."), "success")
    return redirect(url_for(".record", views_id=views_id) + f"#answer-{views_id}-{question_id}")


@bp.post("/views/<id:views_id>/reopen")
@login_required
def reopen(views_id):
    """Before finishing: the person goes on answering (the record is a draft again)."""
    record, _consultation = _record(views_id)
    if review_storage.reopen(get_db(), views_id, actor_id=current_user.id):
        flash(_("The answers are open again: the child can go on answering.") if record["person"] == "child"
              else _("The answers are open again: the parent can go on answering."), "success")
    return redirect(url_for(".record", views_id=views_id))
