"""All SQL of the worker's check: the hand-over, going back to answering, and
corrections that keep the earlier value.

    draft ──hand_over()──▶ handed_over ──storage.finish()──▶ finished
      ▲                        │
      └────────reopen()────────┘

The person's "Finished" on their own screen (the tablet, or the worker's
"show to the child") hands the answers over: the person can no longer change
them (storage.Locked), and the worker reviews every answer, records how the
views were found out and finishes. From the hand-over on, the worker may
correct an answer's text (a typo) or who may see it (when the person asks):
correct_answer() keeps the earlier value in view_answer_history and writes
the audit line (ids and the names of the changed fields, never the words) in
the same transaction. The panel reads view_answers: always the current value.
"""
from accounts.storage import write_audit
from db import immediate

CORRECTABLE = ("handed_over", "finished")


class NotCorrectable(Exception):
    """The record is still a draft (the person answers), or the answer does not exist."""


def _views(db, views_id):
    rows = list(db["views"].rows_where("id = ?", [views_id]))
    if not rows:
        raise LookupError(views_id)
    return rows[0]


def _audit(db, views, action, detail, actor_id, via=""):
    parts = [f"views {views['id']}"] + ([detail] if detail else []) + ([via] if via else [])
    write_audit(db, actor_id, action, views["consultation_id"], ", ".join(parts))


def hand_over(db, views_id, *, actor_id=None, via=""):
    """The person is ready: a draft becomes handed_over. True when this call did it
    (False: handed over or finished already, e.g. a double tap)."""
    with immediate(db):
        views = _views(db, views_id)
        if views["status"] != "draft":
            return False
        db.execute("UPDATE views SET status = 'handed_over', "
                   "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", [views_id])
        _audit(db, views, "views.hand_over", "", actor_id, via)
        return True


def reopen(db, views_id, *, actor_id):
    """The worker lets the person go on answering: handed_over back to draft. True when done."""
    with immediate(db):
        views = _views(db, views_id)
        if views["status"] != "handed_over":
            return False
        db.execute("UPDATE views SET status = 'draft', "
                   "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", [views_id])
        _audit(db, views, "views.reopen", "", actor_id)
        return True


def correct_answer(db, views_id, question_id, *, text=None, visibility=None, actor_id):
    """Change an answer's text and/or who may see it after the hand-over.

    The earlier value goes to view_answer_history first; the audit line names
    the fields that changed. Returns the names of the changed fields (empty
    when nothing changed: then nothing is written). Raises NotCorrectable for
    a draft or an answer that does not exist."""
    with immediate(db):
        views = _views(db, views_id)
        if views["status"] not in CORRECTABLE:
            raise NotCorrectable(views_id)
        old = db.execute("SELECT choice, text, declined, visibility FROM view_answers "
                         "WHERE views_id = ? AND question_id = ?", [views_id, question_id]).fetchone()
        if old is None:
            raise NotCorrectable(question_id)
        choice, old_text, declined, old_visibility = old
        new = {"text": old_text if text is None else text,
               "visibility": old_visibility if visibility is None else visibility}
        changed = [name for name, was in (("text", old_text), ("visibility", old_visibility)) if new[name] != was]
        if not changed:
            return []
        db["view_answer_history"].insert({"views_id": views_id, "question_id": question_id, "choice": choice,
                                          "text": old_text, "declined": declined, "visibility": old_visibility,
                                          "changed_by": actor_id})
        db.execute("UPDATE view_answers SET text = ?, visibility = ?, "
                   "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE views_id = ? AND question_id = ?",
                   [new["text"], new["visibility"], views_id, question_id])
        db.execute("UPDATE views SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", [views_id])
        _audit(db, views, "views.correct", f"question {question_id}: {' '.join(changed)}", actor_id)
        return changed


def answer_history(db, views_id):
    """{question id: [earlier values, oldest first, each with changed_at and the changer's name]}."""
    history = {}
    for row in db.query("SELECT h.question_id, h.choice, h.text, h.declined, h.visibility, h.changed_at, "
                        "u.name AS changed_by_name FROM view_answer_history h "
                        "LEFT JOIN users u ON u.id = h.changed_by WHERE h.views_id = ? ORDER BY h.id", [views_id]):
        row["declined"] = bool(row["declined"])
        history.setdefault(row["question_id"], []).append(row)
    return history
