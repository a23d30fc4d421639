"""Case documents (issue 11): PDF, DOCX and ODT up to 10 MB, recognised from
the content (an executable renamed .pdf is refused); late after the due
date; stored in the database; served only as downloads to the worker, the
coordinator and the members clear of conflict, each download audit-logged."""
import io

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from panel import documents, documents_storage
from tests import sample_documents as samples
from tests.conftest import csrf_from, declare, login
from tests.workflow_case import DOCUMENT, DUE_DAY, TODAY, case  # noqa: F401  (fixture)


def client_of(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def upload(client, consultation_id, content, filename="liite.pdf", title="Arvio", **extra):
    """A multipart upload encoded in memory (the test client would spool a
    large body to a temporary file it never closes)."""
    page = client.get(f"/consultations/{consultation_id}/files").get_data(as_text=True)
    boundary, body = encode_multipart({"title": title, "file": FileStorage(io.BytesIO(content), filename),
                                       "csrf_token": csrf_from(page), **extra})
    return client.post(f"/consultations/{consultation_id}/files", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


# ---- recognising the kind -------------------------------------------------------------------

@pytest.mark.parametrize("content, kind", [(samples.PDF, "pdf"), (samples.docx(), "docx"),
                                           (samples.docx(word_order=False), "docx"), (samples.odt(), "odt")])
def test_pdf_docx_and_odt_are_recognised_from_their_content(content, kind):
    assert documents.kind_of(content) == kind


@pytest.mark.parametrize("content", [samples.ELF, samples.EXE, samples.PLAIN_ZIP, samples.FAKE_DOCX, samples.ODS,
                                     b"just text, named .pdf"], ids=["elf", "exe", "zip", "fake-docx", "ods", "text"])
def test_anything_else_is_refused(content):
    with pytest.raises(documents.DocumentError) as error:
        documents.kind_of(content)
    assert error.value.code == documents.NOT_ALLOWED


def test_an_empty_or_too_large_file_is_refused():
    with pytest.raises(documents.DocumentError) as empty:
        documents.kind_of(b"")
    with pytest.raises(documents.DocumentError) as large:
        documents.kind_of(samples.PDF + b"0" * documents.MAX_BYTES)
    assert (empty.value.code, large.value.code) == (documents.EMPTY, documents.TOO_LARGE)


def test_an_upload_is_late_only_after_the_due_day():
    from datetime import date
    due = date(2027, 1, 22)
    assert not documents.is_late(date(2027, 1, 22), due) and documents.is_late(date(2027, 1, 23), due)


# ---- uploading --------------------------------------------------------------------------------

def test_the_worker_uploads_a_docx_and_it_is_stored_in_the_database_and_audited(app, db, users, case):
    response = upload(client_of(app, users["social_worker"][1]), case["consultation_id"], samples.docx(),
                      "suunnitelma.docx")
    assert response.status_code == 302
    row = db.execute("SELECT kind, content, late FROM documents ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("docx", samples.docx(), 0)
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'document.upload'").fetchone()[0] == 2


def test_an_executable_renamed_pdf_is_refused_with_a_message_and_not_stored(app, db, users, case):
    before = db["documents"].count
    response = upload(client_of(app, users["social_worker"][1]), case["consultation_id"], samples.ELF, "lausunto.pdf")
    assert response.status_code == 400
    assert "Vain PDF-, DOCX- ja ODT-asiakirjoja" in response.get_data(as_text=True)
    assert db["documents"].count == before


def test_a_file_over_10_mb_is_refused(app, db, users, case):
    response = upload(client_of(app, users["social_worker"][1]), case["consultation_id"],
                      samples.PDF + b"0" * documents.MAX_BYTES, "iso.pdf")
    assert response.status_code == 400
    assert "suurempi kuin 10 Mt" in response.get_data(as_text=True)


def test_an_upload_after_the_due_date_is_marked_late(app, db, users, case):
    app.config["TODAY"] = "2027-01-25"
    response = upload(client_of(app, users["social_worker"][1]), case["consultation_id"], samples.odt(), "a.odt")
    assert response.status_code == 302
    assert db.execute("SELECT late FROM documents ORDER BY id DESC LIMIT 1").fetchone()[0] == 1


def test_the_first_document_marks_the_documents_received(db, users, case):
    received = db.execute("SELECT documents_received_at FROM consultations WHERE id = ?",
                          [case["consultation_id"]]).fetchone()[0]
    assert received is not None


def test_only_the_consultations_worker_uploads(app, db, users, case):
    coordinator = client_of(app, users["coordinator"][1])
    page = coordinator.get(f"/consultations/{case['consultation_id']}/files").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' not in page
    response = coordinator.post(f"/consultations/{case['consultation_id']}/files", content_type="multipart/form-data",
                                data={"title": "x", "file": (io.BytesIO(samples.PDF), "x.pdf"),
                                      "csrf_token": csrf_from(page)})
    assert response.status_code == 403


def test_a_title_that_looks_like_an_identity_code_is_held_back(app, db, users, case):
    before = db["documents"].count
    response = upload(client_of(app, users["social_worker"][1]), case["consultation_id"], samples.PDF,
                      title="Lausunto 131052-308T")
    assert response.status_code == 400 and db["documents"].count == before
    assert "henkilötunnukselta" in response.get_data(as_text=True)


# ---- downloading ----------------------------------------------------------------------------

def test_a_download_is_an_attachment_never_cached_nor_sniffed_and_audit_logged(app, db, users, case):
    response = client_of(app, users["coordinator"][1]).get(f"/files/{case['document_id']}")
    assert response.status_code == 200 and response.data == DOCUMENT
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Type"] == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    rows = list(db.query("SELECT user_id, consultation_id, detail FROM audit_log WHERE action = 'document.download'"))
    assert rows == [{"user_id": users["coordinator"][0], "consultation_id": case["consultation_id"],
                     "detail": f"document {case['document_id']}"}]


def test_the_download_name_is_the_case_code_never_the_uploaded_name(app, db, users, case):
    response = upload(client_of(app, users["social_worker"][1]), case["consultation_id"], samples.PDF,
                      "Matti_Meikalainen.pdf")
    assert response.status_code == 302
    document_id = db.execute("SELECT max(id) FROM documents").fetchone()[0]
    download = client_of(app, users["social_worker"][1]).get(f"/files/{document_id}")
    assert "Matti" not in download.headers["Content-Disposition"]
    assert f"-{document_id}.pdf" in download.headers["Content-Disposition"]


def test_a_member_downloads_only_after_declaring_no_conflict(app, db, users, case):
    expert = client_of(app, users["expert"][1])
    assert expert.get(f"/files/{case['document_id']}").status_code == 403
    declare(db, case["consultation_id"], users["expert"][0])
    assert expert.get(f"/files/{case['document_id']}").status_code == 200


def test_another_social_worker_and_an_admin_never_download(app, db, panel_id, users, case):
    from tests.conftest import make_user
    make_user(db, "colleague@example.fi", ["social_worker"], [panel_id])
    assert client_of(app, "colleague@example.fi").get(f"/files/{case['document_id']}").status_code == 403
    assert client_of(app, users["admin"][1]).get(f"/files/{case['document_id']}").status_code == 404


def test_the_worker_removes_a_document_before_the_meeting(app, db, users, case):
    worker = client_of(app, users["social_worker"][1])
    page = worker.get(f"/consultations/{case['consultation_id']}/files").get_data(as_text=True)
    response = worker.post(f"/files/{case['document_id']}/delete", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert documents_storage.get_document(db, case["document_id"]) is None
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'document.delete'").fetchone()[0] == 1


def test_after_the_meeting_documents_cannot_be_sent_or_removed(app, db, users, case):
    app.config["TODAY"] = "2027-01-30"
    worker = client_of(app, users["social_worker"][1])
    page = worker.get(f"/consultations/{case['consultation_id']}/files").get_data(as_text=True)
    assert worker.post(f"/files/{case['document_id']}/delete", data={"csrf_token": csrf_from(page)}).status_code == 403
    assert upload(worker, case["consultation_id"], samples.PDF).status_code == 302
    assert db["documents"].count == 1


def test_storage_lists_documents_without_their_content(db, case):
    listed = documents_storage.list_documents(db, case["consultation_id"])
    assert listed and "content" not in listed[0]
    assert documents_storage.add_document  # the same module stores them: see the README's backup


def test_storage_refuses_a_document_not_recognised(db, users, case):
    with pytest.raises(documents.DocumentError):
        documents_storage.add_document(db, case["consultation_id"], title="x", content=samples.EXE,
                                       actor_id=users["social_worker"][0], on_day=TODAY, documents_due=DUE_DAY)
