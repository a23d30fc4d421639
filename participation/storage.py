"""All SQL of the child's and the parent's views. Plain functions taking `db`
and returning plain dicts. Every read-then-write runs inside db.immediate()."""
import json

from db import immediate
from participation import questionnaires


class Locked(Exception):
    """The person has finished: their own words can no longer be changed."""


ANSWER_COLUMNS = "question_id, choice, text, declined, visibility, worry, updated_at"


def ensure_version(db, definition, texts=None):
    """The questionnaire_versions id of `definition`, stored now if it is new.

    A definition whose content differs from every stored one becomes the next
    version; `texts` ({key: {fi, sv, en}}) is kept with it.
    """
    digest = questionnaires.digest(definition)
    with immediate(db):
        rows = list(db.query("SELECT id, texts FROM questionnaire_versions WHERE questionnaire_id = ? AND digest = ?",
                             [definition["id"], digest]))
        if rows:
            healed = _fill_missing_texts(json.loads(rows[0]["texts"]), texts or {})
            if healed is not None:
                db["questionnaire_versions"].update(rows[0]["id"], {"texts": json.dumps(healed, ensure_ascii=False)})
            return rows[0]["id"]
        latest = db.execute("SELECT coalesce(max(version), 0) FROM questionnaire_versions WHERE questionnaire_id = ?",
                            [definition["id"]]).fetchone()[0]
        return db["questionnaire_versions"].insert({
            "questionnaire_id": definition["id"], "version": latest + 1, "digest": digest,
            "definition": json.dumps(definition, ensure_ascii=False),
            "texts": json.dumps(texts or {}, ensure_ascii=False)}).last_pk


def _fill_missing_texts(stored, fresh):
    """A version's texts with the translations it lacked (a text equal to its
    Finnish key) taken from `fresh`; None when nothing was missing. A wording
    that was translated is never changed: the version keeps its own words."""
    changed = False
    out = {key: dict(langs) for key, langs in stored.items()}
    for key, langs in fresh.items():
        for lang, text in langs.items():
            if lang == "fi" or not text or text == key:
                continue
            old = out.setdefault(key, {}).get(lang)
            if old in (None, "", key):
                out[key][lang] = text
                changed = True
    return out if changed else None


def get_version(db, version_id):
    rows = list(db["questionnaire_versions"].rows_where("id = ?", [version_id]))
    if not rows:
        return None
    row = rows[0]
    row["definition"] = json.loads(row["definition"])
    row["texts"] = json.loads(row["texts"])
    return row


def create_views(db, consultation_id, band, *, created_by=None, mode="worker", language="fi",
                 request_key=None, texts=None):
    """A new draft views record for one person (a child of `band`, or a parent).

    With `request_key` (e.g. a form's one-time nonce) a repeated request
    returns the record the first one made. Returns the views id.
    """
    if band not in questionnaires.BANDS:
        raise ValueError(f"unknown band {band!r}")
    version_id = ensure_version(db, questionnaires.definition_for(band), texts)
    person = "parent" if band == "parent" else "child"
    with immediate(db):
        if request_key:
            rows = list(db.query("SELECT id FROM views WHERE request_key = ?", [request_key]))
            if rows:
                return rows[0]["id"]
        position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM views WHERE consultation_id = ? AND person = ?",
                              [consultation_id, person]).fetchone()[0]
        return db["views"].insert({
            "consultation_id": consultation_id, "person": person, "position": position, "band": band,
            "questionnaire_version_id": version_id, "language": language, "mode": mode,
            "request_key": request_key, "created_by": created_by}).last_pk


def _record(db, views_id):
    rows = list(db["views"].rows_where("id = ?", [views_id]))
    return rows[0] if rows else None


def get_views(db, views_id):
    """One views record with its version's definition, answers, drawings and notes, or None.

    Keys: the views columns, "definition", "texts", "version", "answers"
    ({question id: answer dict}), "drawings" (set of question ids), "notes".
    """
    record = _record(db, views_id)
    if record is None:
        return None
    version = get_version(db, record["questionnaire_version_id"])
    record["definition"] = version["definition"]
    record["texts"] = version["texts"]
    record["version"] = version["version"]
    record["answers"] = {}
    for row in db.query(f"SELECT {ANSWER_COLUMNS} FROM view_answers WHERE views_id = ?", [views_id]):
        row["declined"] = bool(row["declined"])
        row["worry"] = bool(row["worry"])
        record["answers"][row["question_id"]] = row
    record["drawings"] = {row["question_id"] for row in
                          db.query("SELECT question_id FROM view_drawings WHERE views_id = ?", [views_id])}
    record["notes"] = list(db.query("SELECT n.id, n.question_id, n.text, n.created_at, u.name AS author "
                                    "FROM view_notes n LEFT JOIN users u ON u.id = n.author_id "
                                    "WHERE n.views_id = ? ORDER BY n.id", [views_id]))
    return record


def list_views(db, consultation_id):
    """The consultation's views records (children first), without answer content."""
    return list(db.query("""
        SELECT v.id, v.person, v.position, v.band, v.language, v.mode, v.status, v.refused, v.method,
               v.asked_on, v.created_at, v.updated_at, v.finished_at, q.version, q.questionnaire_id,
               (SELECT count(*) FROM view_answers a WHERE a.views_id = v.id) AS answer_count,
               (SELECT count(*) FROM view_answers a WHERE a.views_id = v.id AND a.worry) AS worry_count
        FROM views v JOIN questionnaire_versions q ON q.id = v.questionnaire_version_id
        WHERE v.consultation_id = ? ORDER BY v.person = 'parent', v.position""", [consultation_id]))


def _touch(db, views_id):
    db.execute("UPDATE views SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", [views_id])


def _check_draft(db, views_id):
    record = _record(db, views_id)
    if record is None:
        raise LookupError(views_id)
    if record["status"] != "draft":
        raise Locked(views_id)
    return record


def save_answer(db, views_id, question_id, answer):
    """Store (insert or replace) one answer while the record is a draft.

    `answer` = {"choice", "text", "declined", "visibility"} (validated by the
    caller with fields.parse). Saving the same answer twice stores one.
    Raises Locked after finishing.
    """
    with immediate(db):
        _check_draft(db, views_id)
        db.execute("""
            INSERT INTO view_answers (views_id, question_id, choice, text, declined, visibility)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (views_id, question_id) DO UPDATE SET choice = excluded.choice, text = excluded.text,
                declined = excluded.declined, visibility = excluded.visibility,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')""",
                   [views_id, question_id, answer.get("choice"), answer.get("text") or "",
                    1 if answer.get("declined") else 0, answer.get("visibility") or "panel"])
        _touch(db, views_id)


def save_drawing(db, views_id, question_id, png):
    """Store the PNG drawing of one question (checked and re-encoded by the caller with drawings.clean_png)."""
    with immediate(db):
        _check_draft(db, views_id)
        db.execute("""
            INSERT INTO view_drawings (views_id, question_id, png) VALUES (?, ?, ?)
            ON CONFLICT (views_id, question_id) DO UPDATE SET png = excluded.png,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')""", [views_id, question_id, png])
        _touch(db, views_id)


def delete_drawing(db, views_id, question_id):
    with immediate(db):
        _check_draft(db, views_id)
        db.execute("DELETE FROM view_drawings WHERE views_id = ? AND question_id = ?", [views_id, question_id])


def get_drawing(db, views_id, question_id):
    row = db.execute("SELECT png FROM view_drawings WHERE views_id = ? AND question_id = ?",
                     [views_id, question_id]).fetchone()
    return row[0] if row else None


MODES = ("worker", "tablet")


def update_details(db, views_id, *, method=None, method_other=None, asked_on=None, present=None, language=None,
                   mode=None):
    """The worker's record of how the views were found out (allowed after finishing too).
    `mode` is "worker" (with the worker) or "tablet" (alone on a tablet)."""
    if mode is not None and mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    changes = {k: v for k, v in {"method": method, "method_other": method_other, "asked_on": asked_on,
                                 "present": present, "language": language, "mode": mode}.items() if v is not None}
    if changes:
        with immediate(db):
            db["views"].update(views_id, changes)
            _touch(db, views_id)


def set_mode(db, views_id, mode):
    """Record that the views were given with the worker ("worker") or alone on a tablet ("tablet")."""
    update_details(db, views_id, mode=mode)


def change_band(db, views_id, band, texts=None):
    """Use another band's questionnaire while still a draft; answers to the
    same question ids are kept."""
    person = "parent" if band == "parent" else "child"
    version_id = ensure_version(db, questionnaires.definition_for(band), texts)
    with immediate(db):
        record = _check_draft(db, views_id)
        if record["person"] != person:
            raise ValueError("a child's record cannot become a parent's")
        db["views"].update(views_id, {"band": band, "questionnaire_version_id": version_id})
        _touch(db, views_id)


def finish(db, views_id, user_id=None, refused=False):
    """Mark the person's words finished (locked). Returns True when this call
    finished it, False when it was finished already (a double submit)."""
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
        return True


def set_worry(db, views_id, question_id, on):
    """The worker marks (or unmarks) an answer as needing attention before the meeting."""
    with immediate(db):
        exists = db.execute("SELECT 1 FROM view_answers WHERE views_id = ? AND question_id = ?",
                            [views_id, question_id]).fetchone()
        if not exists:
            db.execute("INSERT INTO view_answers (views_id, question_id, declined) VALUES (?, ?, 0)",
                       [views_id, question_id])
        db.execute("UPDATE view_answers SET worry = ? WHERE views_id = ? AND question_id = ?",
                   [1 if on else 0, views_id, question_id])


def add_note(db, views_id, text, author_id, question_id=None):
    """Append a worker's note (notes are never mixed with the person's words)."""
    return db["view_notes"].insert({"views_id": views_id, "question_id": question_id, "text": text,
                                    "author_id": author_id}).last_pk


def worry_marked(db, consultation_id):
    """True when an answer of the consultation is marked as needing attention."""
    return bool(db.execute("SELECT 1 FROM view_answers a JOIN views v ON v.id = a.views_id "
                           "WHERE v.consultation_id = ? AND a.worry LIMIT 1", [consultation_id]).fetchone())


def worry_marked_many(db, consultation_ids):
    """The subset of `consultation_ids` with a worry marker (for an agenda)."""
    ids = list(consultation_ids)
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    return {row["consultation_id"] for row in db.query(
        f"SELECT DISTINCT v.consultation_id FROM view_answers a JOIN views v ON v.id = a.views_id "
        f"WHERE a.worry AND v.consultation_id IN ({marks})", ids)}


def panel_material(db, consultation_id):
    """The finished views of a consultation with ONLY the answers the person
    allowed the panel to see (and drawings of those answers). Worker notes,
    answers kept for the social worker, and drafts are left out."""
    out = []
    for item in list_views(db, consultation_id):
        if item["status"] != "finished":
            continue
        record = get_views(db, item["id"])
        record["answers"] = {qid: a for qid, a in record["answers"].items() if a["visibility"] == "panel"}
        record["drawings"] = {qid for qid in record["drawings"] if qid in record["answers"]}
        record["notes"] = []
        out.append(record)
    return out
