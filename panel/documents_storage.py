"""All SQL about case documents. The files are stored in the database (the
`documents` table), so the README's one-file backup holds them. Listing
never reads the file itself; every upload, removal and download is audit-logged
(ids only)."""
from datetime import datetime, timezone

from accounts.storage import write_audit
from db import immediate, marks
from panel import documents

LIST_COLUMNS = "d.id, d.consultation_id, d.title, d.kind, d.size, d.sha256, d.late, d.uploaded_by, d.uploaded_at"


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_document(db, consultation_id, *, title, content, actor_id, on_day, documents_due):
    """Store an uploaded document; returns its id. Its kind is recognised from
    the content (panel.documents.kind_of, which raises DocumentError); an
    upload after `documents_due` is marked late. The first document marks the
    consultation's documents received."""
    title = documents.check_title(title)
    kind = documents.kind_of(content)
    late = documents.is_late(on_day, documents_due)
    with immediate(db):
        document_id = db["documents"].insert({
            "consultation_id": consultation_id, "title": title, "kind": kind, "size": len(content),
            "sha256": documents.sha256(content), "content": content, "late": 1 if late else 0,
            "uploaded_by": actor_id}).last_pk
        db.execute("UPDATE consultations SET documents_received_at = ?, updated_at = ? "
                   "WHERE id = ? AND documents_received_at IS NULL", [_now(), _now(), consultation_id])
        write_audit(db, actor_id, "document.upload", consultation_id,
                    f"document {document_id}, {kind}" + (", late" if late else ""))
    return document_id


def list_documents(db, consultation_id):
    """The consultation's documents without their content, oldest first."""
    return list(db.query(f"SELECT {LIST_COLUMNS}, u.name AS uploaded_by_name FROM documents d "
                         "LEFT JOIN users u ON u.id = d.uploaded_by WHERE d.consultation_id = ? ORDER BY d.id",
                         [consultation_id]))


def list_documents_many(db, consultation_ids):
    ids = list(consultation_ids)
    found = {cid: [] for cid in ids}
    if ids:
        for row in db.query(f"SELECT {LIST_COLUMNS} FROM documents d WHERE d.consultation_id IN "
                            f"({marks(ids)}) ORDER BY d.id", ids):
            found[row["consultation_id"]].append(row)
    return found


def get_document(db, document_id):
    """A document's row without its content, or None."""
    rows = list(db.query(f"SELECT {LIST_COLUMNS} FROM documents d WHERE d.id = ?", [document_id]))
    return rows[0] if rows else None


def read_for_download(db, document_id, actor_id):
    """The file's bytes, with the download's audit line written first."""
    with immediate(db):
        row = db.execute("SELECT consultation_id, content FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            return None
        write_audit(db, actor_id, "document.download", row[0], f"document {document_id}")
    return row[1]


def delete_document(db, document_id, actor_id):
    with immediate(db):
        document = get_document(db, document_id)
        if document is None:
            return False
        db.execute("DELETE FROM documents WHERE id = ?", [document_id])
        write_audit(db, actor_id, "document.delete", document["consultation_id"], f"document {document_id}")
    return True
