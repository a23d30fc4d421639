"""Case documents: the social worker uploads them (PDF, DOCX, ODT, at most 10
MB, recognised from the content); they are served only as downloads, to the
consultation's social worker, the coordinator and the members clear of
conflict (accounts.access.sees_documents + panel.conflicts), each download
audit-logged. Stored in the database: panel/documents_storage.py."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts import access
from accounts.auth import found_in_my_panels, roles_required
from db import get_db
from panel import calendar, conflicts, documents, documents_storage, identity_codes, storage
from panel.forms_workflow import DocumentForm
from panel.routes import bp, describe, documents_days, load_consultation, today

DOCUMENT_ERRORS = {
    documents.EMPTY: lambda: _("The file is empty."),
    documents.TOO_LARGE: lambda: _("The file is larger than 10 MB."),
    documents.NOT_ALLOWED: lambda: _("Only PDF, DOCX and ODT documents can be sent. This file is none of them, "
                                     "whatever its name says."),
    "bad_title": lambda: _("Write what the document is, e.g. the client plan."),
}


def _page(consultation, form, warnings=None, status=200):
    db = get_db()
    return render_template("panel/documents.html", consultation=consultation, info=describe(consultation),
                           documents=documents_storage.list_documents(db, consultation["id"]), form=form,
                           warnings=warnings or {}, uploads=access.uploads_documents(current_user, consultation),
                           max_mb=documents.MAX_BYTES // (1024 * 1024)), status


def _may_change(consultation):
    """Uploads and removals until the meeting day (afterwards the documents are the meeting's record)."""
    meeting = consultation["meeting"]
    return (consultation["status"] != "cancelled" and meeting is not None
            and calendar.as_date(meeting["starts_at"]) >= today())


@bp.route("/consultations/<id:consultation_id>/files", methods=["GET", "POST"])
@roles_required("social_worker", "coordinator")
def documents_page(consultation_id):
    """The consultation's documents; its social worker sends them here."""
    consultation = load_consultation(consultation_id)
    if request.method == "GET":
        return _page(consultation, DocumentForm(formdata=None))
    if not access.uploads_documents(current_user, consultation):
        abort(403)
    form = DocumentForm()
    warnings = identity_codes.form_warnings(form, form.TEXT_FIELDS, identity_codes.confirmed(request.form))
    if not _may_change(consultation):
        flash(_("The meeting has passed: documents can no longer be sent."), "warning")
        return redirect(url_for("panel.documents_page", consultation_id=consultation_id))
    if form.validate() and not warnings:
        content = form.file.data.read(documents.MAX_BYTES + 1)
        meeting = consultation["meeting"]
        try:
            document_id = documents_storage.add_document(
                get_db(), consultation_id, title=form.title.data, content=content, actor_id=current_user.id,
                on_day=today(), documents_due=calendar.documents_due(meeting["starts_at"], documents_days()))
        except documents.DocumentError as error:
            form.file.errors = list(form.file.errors) + [DOCUMENT_ERRORS.get(error.code, DOCUMENT_ERRORS["bad_title"])()]
        else:
            late = documents_storage.get_document(get_db(), document_id)["late"]
            flash(_("The document was sent after the due date; the panel sees it marked late.") if late
                  else _("The document was sent."), "warning" if late else "success")
            return redirect(url_for("panel.documents_page", consultation_id=consultation_id))
    return _page(consultation, form, warnings, 400)


@bp.get("/files/<id:document_id>")
@login_required
def download(document_id):
    """One document, always as a download and never cached."""
    db = get_db()
    document = documents_storage.get_document(db, document_id)
    if document is None:
        abort(404)
    consultation = found_in_my_panels(storage.get_consultation(db, document["consultation_id"]))
    declaration = conflicts.declaration_of(db, consultation["id"], current_user.id)
    if not (access.sees_documents(current_user, consultation, declaration)
            and conflicts.member_may_see(db, current_user, consultation)):
        abort(403)
    content = documents_storage.read_for_download(db, document_id, current_user.id)
    if content is None:
        abort(404)
    name = documents.download_name(consultation["case_code"], document_id, document["kind"])
    return Response(content, mimetype=documents.KINDS[document["kind"]], headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store, max-age=0",
        "X-Content-Type-Options": "nosniff",
    })


@bp.post("/files/<id:document_id>/delete")
@roles_required("social_worker", "coordinator")
def delete_document(document_id):
    db = get_db()
    document = documents_storage.get_document(db, document_id)
    if document is None:
        abort(404)
    consultation = load_consultation(document["consultation_id"])
    if not _may_change(consultation):
        abort(403)
    documents_storage.delete_document(db, document_id, current_user.id)
    flash(_("The document was removed."), "success")
    return redirect(url_for("panel.documents_page", consultation_id=consultation["id"]))
