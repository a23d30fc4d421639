"""Conflict of interest (jääviys): each expert member declares for each
consultation, from its case code, municipality and the child's age, either
"no conflict" or "conflict" before seeing any of its material.

`member_may_see(db, user, consultation)` is THE rule every page of a
consultation's material calls (the pre-meeting material, documents, the
child's views for the panel, drawings, the statement): True for everyone who
is not an expert member declaring (the coordinator, the social worker: their
own rules of accounts/access.py decide), and for an expert member only after
a "no conflict" declaration. It says nothing about who else may see what:
callers combine it with accounts/access.py's rules.

A "no conflict" may later become "conflict"; a "conflict" stays until the
coordinator clears it (e.g. a mistaken click), so a member cannot undo it
alone. Every declaration and clearing is audit-logged in its own transaction.
"""
from accounts import access
from accounts.storage import write_audit
from db import immediate, marks

NO_CONFLICT, CONFLICT, DECLARATIONS = access.NO_CONFLICT, access.CONFLICT, access.DECLARATIONS


class ConflictError(ValueError):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def declaration_of(db, consultation_id, user_id):
    """The member's declaration for the consultation: NO_CONFLICT, CONFLICT or None."""
    row = db.execute("SELECT declaration FROM conflict_declarations WHERE consultation_id = ? AND user_id = ?",
                     [consultation_id, user_id]).fetchone()
    return row[0] if row else None


def member_may_see(db, user, consultation):
    """May `user` see `consultation`'s material as far as conflicts of interest go?"""
    if not access.declares_conflicts(user, consultation):
        return True
    return declaration_of(db, consultation["id"], getattr(user, "id", None)) == NO_CONFLICT


def declare(db, consultation, user, declaration):
    """Record `user`'s declaration for `consultation` (an expert member of its
    panel). Raises ConflictError: "not_a_member", "bad_declaration",
    "cancelled", "conflict_stays" (a conflict cannot become no conflict)."""
    if declaration not in DECLARATIONS:
        raise ConflictError("bad_declaration")
    if not access.declares_conflicts(user, consultation):
        raise ConflictError("not_a_member")
    if consultation["status"] == "cancelled":
        raise ConflictError("cancelled")
    with immediate(db):
        current = declaration_of(db, consultation["id"], user.id)
        if current == CONFLICT and declaration == NO_CONFLICT:
            raise ConflictError("conflict_stays")
        if current == declaration:
            return False
        db.execute("INSERT INTO conflict_declarations (consultation_id, user_id, declaration) VALUES (?, ?, ?) "
                   "ON CONFLICT (consultation_id, user_id) DO UPDATE SET declaration = excluded.declaration, "
                   "declared_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                   [consultation["id"], user.id, declaration])
        write_audit(db, user.id, "conflict.declare", consultation["id"], declaration)
    return True


def clear(db, consultation_id, member_id, actor_id):
    """The coordinator clears a member's declaration: the member declares again."""
    with immediate(db):
        gone = db.execute("DELETE FROM conflict_declarations WHERE consultation_id = ? AND user_id = ?",
                          [consultation_id, member_id]).rowcount
        if gone:
            write_audit(db, actor_id, "conflict.clear", consultation_id, f"user {member_id}")
    return bool(gone)


def declarations_for(db, consultation_ids):
    """{consultation id: {user id: {"declaration", "declared_at"}}}."""
    ids = list(consultation_ids)
    found = {cid: {} for cid in ids}
    if not ids:
        return found
    for row in db.query(f"SELECT consultation_id, user_id, declaration, declared_at FROM conflict_declarations "
                        f"WHERE consultation_id IN ({marks(ids)})", ids):
        found[row["consultation_id"]][row["user_id"]] = {"declaration": row["declaration"],
                                                         "declared_at": row["declared_at"]}
    return found


def annotate(db, user, consultations):
    """Mark each consultation (of an agenda) with the user's "declares",
    "declaration" and "may_see" (member_may_see), for the templates."""
    declared = declarations_for(db, [c["id"] for c in consultations])
    for item in consultations:
        item["declares"] = access.declares_conflicts(user, item)
        item["declaration"] = (declared.get(item["id"], {}).get(getattr(user, "id", None)) or {}).get("declaration")
        item["may_see"] = access.clear_of_conflict(user, item, item["declaration"])
    return consultations
