"""All SQL of the child's and the parent's views. Plain functions taking `db`
and returning plain dicts. Every read-then-write runs inside db.immediate().

Every change writes its audit line (ids only, never the person's words) in
the change's own transaction. `actor_id` is the user who made it (None for
the person answering alone on a tablet); `via` names how, e.g. "tablet
session 7", and is added to the line.
"""
import json

from accounts.storage import write_audit
from db import immediate, marks
from participation import questionnaires
from questionnaire import versions
from questionnaire.versions import ensure_version  # noqa: F401  (its old home was here)


class Locked(Exception):
    """The person has finished: their own words can no longer be changed."""


ANSWER_COLUMNS = "question_id, choice, text, declined, visibility, worry, updated_at"

# An answer or a drawing is saved as it is typed or drawn (autosave, every
# pause of a second or less), and audit lines cannot be merged afterwards
# (append-only). So one line stands for the saves of one answer by the same
# person within this many seconds; a line per keystroke pause would bury the
# log's other events without telling anyone more.
COALESCE_SECONDS = 60


def _audit(db, record, action, *parts, actor_id=None, via="", coalesce=False):
    """The audit line of a change to `record` (call inside the change's transaction).

    With `coalesce`, skipped when the same line was written in the last
    COALESCE_SECONDS."""
    detail = ", ".join([f"views {record['id']}", *parts] + ([via] if via else []))
    if coalesce and db.execute(
            "SELECT 1 FROM audit_log WHERE consultation_id = ? AND action = ? AND detail = ? AND user_id IS ? "
            "AND at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?) LIMIT 1",
            [record["consultation_id"], action, detail, actor_id, f"-{COALESCE_SECONDS} seconds"]).fetchone():
        return
    write_audit(db, actor_id, action, record["consultation_id"], detail)


def get_version(db, version_id):
    """A stored questionnaire version with its definition as a ViewsQuestionnaire."""
    return versions.get_version(db, version_id, load=questionnaires.load)


def create_views(db, consultation_id, band, *, created_by=None, mode="worker", language="fi",
                 request_key=None, texts=None):
    """A new draft views record for one person (a child of `band`, or a parent),
    audit-logged as made by `created_by`.

    With `request_key` (e.g. a form's one-time nonce) a repeated request
    returns the record the first one made. Returns the views id.
    """
    if band not in questionnaires.bands():
        raise ValueError(f"unknown band {band!r}")
    definition = questionnaires.definition_for(band)
    version_id = ensure_version(db, definition, texts)
    person = definition.audience
    with immediate(db):
        if request_key:
            rows = list(db.query("SELECT id FROM views WHERE request_key = ?", [request_key]))
            if rows:
                return rows[0]["id"]
        position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM views WHERE consultation_id = ? AND person = ?",
                              [consultation_id, person]).fetchone()[0]
        views_id = db["views"].insert({
            "consultation_id": consultation_id, "person": person, "position": position, "band": band,
            "questionnaire_version_id": version_id, "language": language, "mode": mode,
            "request_key": request_key, "created_by": created_by}).last_pk
        _audit(db, {"id": views_id, "consultation_id": consultation_id}, "views.create", f"band {band}",
               actor_id=created_by)
        return views_id


def _record(db, views_id):
    # db.query, not db["views"]: no table-name lookup (every page reads this row)
    return next(db.query("SELECT * FROM views WHERE id = ?", [views_id]), None)


# A record's worker pages check its consultation before anything else of it is read:
# the consultation's own row, and of the views row what decides the page's language.
_VIEWS_CONSULTATION = """
    SELECT v.language AS _views_language, v.status AS _views_status, c.*
    FROM views v JOIN consultations c ON c.id = v.consultation_id
    WHERE v.id = ?"""


def views_consultation(db, views_id):
    """({"language", "status"} of a views record, its consultation's row), or None, in one statement.
    The consultation is its own columns only (panel.storage.get_consultation adds its questions and
    meeting, which no page of a record shows)."""
    consultation = next(db.query(_VIEWS_CONSULTATION, [views_id]), None)
    if consultation is None:
        return None
    return {"language": consultation.pop("_views_language"), "status": consultation.pop("_views_status")}, consultation


# The views row, its version, its consultation's meeting and its drawings' question
# ids in one statement (the tablet shows a screen per request: it used to be five).
_RECORD_WITH_VERSION = """
    SELECT v.*, q.version AS _version, q.digest AS _digest, q.definition AS _definition, q.texts AS _texts,
           (SELECT m.starts_at FROM consultations c JOIN meetings m ON m.id = c.meeting_id
            WHERE c.id = v.consultation_id AND NOT m.cancelled) AS meeting_starts_at,
           (SELECT json_group_array(d.question_id) FROM view_drawings d WHERE d.views_id = v.id) AS _drawings
    FROM views v JOIN questionnaire_versions q ON q.id = v.questionnaire_version_id
    WHERE v.id = ?"""


def get_views(db, views_id, notes=True):
    """One views record with its version's definition, answers, drawings and notes, or None.

    Keys: the views columns, "definition", "texts", "version", "answers"
    ({question id: answer dict}), "drawings" (set of question ids), "notes"
    (the worker's notes; an empty list with notes=False, e.g. on the tablet,
    which never shows them), "meeting_starts_at" (the consultation's meeting,
    local time; None when it has none or it was cancelled).
    """
    rows = list(db.query(_RECORD_WITH_VERSION, [views_id]))
    if not rows:
        return None
    record = rows[0]
    drawings = record.pop("_drawings")
    version = versions.from_row({"definition": record.pop("_definition"), "texts": record.pop("_texts"),
                                 "version": record.pop("_version"), "digest": record.pop("_digest")},
                                load=questionnaires.load, lazy_texts=True)
    record["definition"] = version["definition"]
    record["texts"] = version["texts"]
    record["version"] = version["version"]
    record["version_key"] = (version["digest"], version["texts_json"])  # the version's content, as a cache key
    record["answers"] = {}
    for row in db.query(f"SELECT {ANSWER_COLUMNS} FROM view_answers WHERE views_id = ?", [views_id]):
        row["declined"] = bool(row["declined"])
        row["worry"] = bool(row["worry"])
        record["answers"][row["question_id"]] = row
    record["drawings"] = set(json.loads(drawings))
    record["notes"] = list(db.query("SELECT n.id, n.question_id, n.text, n.created_at, u.name AS author "
                                    "FROM view_notes n LEFT JOIN users u ON u.id = n.author_id "
                                    "WHERE n.views_id = ? ORDER BY n.id", [views_id])) if notes else []
    return record


def list_views(db, consultation_id):
    """The consultation's views records (children first), without answer content."""
    return list_views_many(db, [consultation_id])[consultation_id]


def list_views_many(db, consultation_ids):
    """{consultation id: list_views(...)} of many consultations in one statement."""
    ids = list(consultation_ids)
    found = {cid: [] for cid in ids}
    if not ids:
        return found
    for row in db.query(f"""
        SELECT v.consultation_id, v.id, v.person, v.position, v.band, v.language, v.mode, v.status, v.refused,
               v.method, v.asked_on, v.created_at, v.updated_at, v.finished_at, q.version, q.questionnaire_id,
               (SELECT count(*) FROM view_answers a WHERE a.views_id = v.id) AS answer_count,
               (SELECT count(*) FROM view_answers a WHERE a.views_id = v.id AND a.worry) AS worry_count
        FROM views v JOIN questionnaire_versions q ON q.id = v.questionnaire_version_id
        WHERE v.consultation_id IN ({marks(ids)})
        ORDER BY v.consultation_id, v.person = 'parent', v.position""", ids):
        found[row.pop("consultation_id")].append(row)
    return found


def _touch(db, views_id):
    db.execute("UPDATE views SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", [views_id])


def _check_draft(db, views_id):
    record = _record(db, views_id)
    if record is None:
        raise LookupError(views_id)
    if record["status"] != "draft":
        raise Locked(views_id)
    return record


def stored_columns(answer):
    """An answer (an Answer, or a mapping with its choice, text, declined and visibility) as
    save_answer stores it: (choice, text, declined as 0 or 1, visibility)."""
    if hasattr(answer, "as_row"):
        answer = answer.as_row()
    return (answer.get("choice"), answer.get("text") or "", 1 if answer.get("declined") else 0,
            answer.get("visibility") or "panel")


def save_answer(db, views_id, question_id, answer, *, actor_id=None, via=""):
    """Store (insert or replace) one answer while the record is a draft.

    `answer` = {"choice", "text", "declined", "visibility"} (validated by the
    caller with extension.parse; an Answer is taken too). Saving the same answer twice stores one.
    A changed answer is audit-logged (coalesced, see COALESCE_SECONDS).
    Raises Locked after finishing.
    """
    new = stored_columns(answer)
    with immediate(db):
        record = _check_draft(db, views_id)
        old = db.execute("SELECT choice, text, declined, visibility FROM view_answers "
                         "WHERE views_id = ? AND question_id = ?", [views_id, question_id]).fetchone()
        db.execute("""
            INSERT INTO view_answers (views_id, question_id, choice, text, declined, visibility)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (views_id, question_id) DO UPDATE SET choice = excluded.choice, text = excluded.text,
                declined = excluded.declined, visibility = excluded.visibility,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')""",
                   [views_id, question_id, *new])
        _touch(db, views_id)
        if old is None or tuple(old) != new:
            _audit(db, record, "views.answer", f"question {question_id}", actor_id=actor_id, via=via,
                   coalesce=True)


def save_answers(db, views_id, answers, *, actor_id=None, via=""):
    """save_answer for each {question id: answer} of a screen, in one transaction:
    one durable commit for the whole screen, and all of it or nothing."""
    if not answers:
        return
    with immediate(db):
        for question_id, answer in answers.items():
            save_answer(db, views_id, question_id, answer, actor_id=actor_id, via=via)


def save_drawing(db, views_id, question_id, png, *, actor_id=None, via=""):
    """Store the PNG drawing of one question (checked and re-encoded by the caller with
    drawings.clean_png). Audit-logged like an answer (coalesced)."""
    with immediate(db):
        record = _check_draft(db, views_id)
        db.execute("""
            INSERT INTO view_drawings (views_id, question_id, png) VALUES (?, ?, ?)
            ON CONFLICT (views_id, question_id) DO UPDATE SET png = excluded.png,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')""", [views_id, question_id, png])
        _touch(db, views_id)
        _audit(db, record, "views.drawing_save", f"question {question_id}", actor_id=actor_id, via=via,
               coalesce=True)


def delete_drawing(db, views_id, question_id, *, actor_id=None, via=""):
    with immediate(db):
        record = _check_draft(db, views_id)
        deleted = db.execute("DELETE FROM view_drawings WHERE views_id = ? AND question_id = ?",
                             [views_id, question_id]).rowcount
        if deleted:
            _audit(db, record, "views.drawing_delete", f"question {question_id}", actor_id=actor_id, via=via)


def get_drawing(db, views_id, question_id):
    row = db.execute("SELECT png FROM view_drawings WHERE views_id = ? AND question_id = ?",
                     [views_id, question_id]).fetchone()
    return row[0] if row else None


MODES = ("worker", "tablet")


def update_details(db, views_id, *, method=None, method_other=None, asked_on=None, present=None, language=None,
                   mode=None, actor_id=None, via=""):
    """The worker's record of how the views were found out (allowed after finishing too).
    `mode` is "worker" (with the worker) or "tablet" (alone on a tablet).
    The audit line names the fields that changed (never their values)."""
    if mode is not None and mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    changes = {k: v for k, v in {"method": method, "method_other": method_other, "asked_on": asked_on,
                                 "present": present, "language": language, "mode": mode}.items() if v is not None}
    if changes:
        with immediate(db):
            record = _record(db, views_id)
            if record is None:
                raise LookupError(views_id)
            changed = [k for k, v in changes.items() if (record[k] or "") != v]
            db["views"].update(views_id, changes)
            _touch(db, views_id)
            if changed:
                _audit(db, record, "views.details", " ".join(changed), actor_id=actor_id, via=via)


def set_mode(db, views_id, mode, *, actor_id=None, via=""):
    """Record that the views were given with the worker ("worker") or alone on a tablet ("tablet")."""
    update_details(db, views_id, mode=mode, actor_id=actor_id, via=via)


def change_band(db, views_id, band, texts=None, *, actor_id=None):
    """Use another band's questionnaire while still a draft; answers to the
    same question ids are kept."""
    definition = questionnaires.definition_for(band)
    person = definition.audience
    version_id = ensure_version(db, definition, texts)
    with immediate(db):
        record = _check_draft(db, views_id)
        if record["person"] != person:
            raise ValueError("a child's record cannot become a parent's")
        db["views"].update(views_id, {"band": band, "questionnaire_version_id": version_id})
        _touch(db, views_id)
        if (record["band"], record["questionnaire_version_id"]) != (band, version_id):
            _audit(db, record, "views.band", f"band {record['band']} to {band}", actor_id=actor_id)


def finish(db, views_id, user_id=None, refused=False, *, via=""):
    """Mark the person's words finished (locked). Returns True when this call
    finished it, False when it was finished already (a double submit).
    `user_id` is who finished it (None: the person on a tablet, see `via`)."""
    with immediate(db):
        record = _record(db, views_id)
        if record is None:
            raise LookupError(views_id)
        if record["status"] == "finished":
            return False
        db.execute("UPDATE views SET status = 'finished', refused = ?, finished_by = ?, "
                   "finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
                   "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                   [1 if refused else 0, user_id, views_id])
        _audit(db, record, "views.finish", actor_id=user_id, via=via)
        return True


def set_worry(db, views_id, question_id, on, *, actor_id=None):
    """The worker marks (or unmarks) an answer as needing attention before the meeting."""
    with immediate(db):
        record = _record(db, views_id)
        if record is None:
            raise LookupError(views_id)
        row = db.execute("SELECT worry FROM view_answers WHERE views_id = ? AND question_id = ?",
                         [views_id, question_id]).fetchone()
        if row is None:
            db.execute("INSERT INTO view_answers (views_id, question_id, declined) VALUES (?, ?, 0)",
                       [views_id, question_id])
        db.execute("UPDATE view_answers SET worry = ? WHERE views_id = ? AND question_id = ?",
                   [1 if on else 0, views_id, question_id])
        if bool(row and row[0]) != bool(on):
            _audit(db, record, "views.worry_set" if on else "views.worry_clear", f"question {question_id}",
                   actor_id=actor_id)


def add_note(db, views_id, text, author_id, question_id=None):
    """Append a worker's note (notes are never mixed with the person's words)."""
    with immediate(db):
        record = _record(db, views_id)
        if record is None:
            raise LookupError(views_id)
        note_id = db["view_notes"].insert({"views_id": views_id, "question_id": question_id, "text": text,
                                           "author_id": author_id}).last_pk
        _audit(db, record, "views.note", f"note {note_id}", actor_id=author_id)
    return note_id
