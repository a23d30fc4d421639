"""All SQL of the panel's statement: the coordinator's draft, the finalised
versions (each kept as it was delivered), how the message reached the child,
and the follow-up three months after the meeting. Plain functions taking
`db` and returning dicts; the rules are in panel/statement_rules.py.

Every change writes its audit line (ids only) in its own transaction; the
email to the social worker and the signals of panel/signals.py are part of
the same transaction.
"""
import json

from accounts.storage import write_audit
from db import immediate, marks
from panel import attendance_storage, outbox, signals
from panel import statement_rules as rules
from panel.storage import get_consultation
from participation.storage import list_views

TEXT_FIELDS = ("recommendations", "next_steps", "message_to_child", "message_to_parent")


def _now(db):
    return db.execute("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')").fetchone()[0]


class StatementError(Exception):
    """A change the rules do not allow; `problems` is [(field or None, code)]."""

    def __init__(self, problems):
        super().__init__(", ".join(code for _field, code in problems))
        self.problems = problems


# ---------------------------------------------------------------- reading

def get_statement(db, consultation_id):
    """The draft (the coordinator's working copy) with `answers` {position: text}, or None."""
    rows = list(db["statements"].rows_where("consultation_id = ?", [consultation_id]))
    if not rows:
        return None
    statement = rows[0]
    statement["answers"] = {row["position"]: row["text"] for row in db.query(
        "SELECT position, text FROM statement_answers WHERE statement_id = ?", [statement["id"]])}
    return statement


def list_versions(db, consultation_id):
    """The finalised versions, first one first (no content)."""
    return list(db.query("""
        SELECT v.id, v.version, v.reason, v.finalised_at, v.finalised_by, u.name AS finalised_by_name
        FROM statement_versions v JOIN users u ON u.id = v.finalised_by
        WHERE v.consultation_id = ? ORDER BY v.version""", [consultation_id]))


def get_version(db, consultation_id, version=None):
    """One finalised version with its answers and who took part; the latest
    when `version` is None. None when there is no such version."""
    where, params = "v.consultation_id = ?", [consultation_id]
    if version is not None:
        where, params = where + " AND v.version = ?", params + [version]
    rows = list(db.query(f"""
        SELECT v.*, u.name AS finalised_by_name FROM statement_versions v JOIN users u ON u.id = v.finalised_by
        WHERE {where} ORDER BY v.version DESC LIMIT 1""", params))
    if not rows:
        return None
    found = rows[0]
    found["participants"] = json.loads(found["participants"])
    found["answers"] = list(db.query("SELECT position, question, answer FROM statement_version_answers "
                                     "WHERE version_id = ? ORDER BY position", [found["id"]]))
    return found


def _content_of_version(found):
    return rules.content({a["position"]: a["answer"] for a in found["answers"]},
                         *(found[name] for name in TEXT_FIELDS))


# ---------------------------------------------------------------- the draft and finalising

def save_draft(db, consultation_id, actor_id, *, answers, recommendations="", next_steps="", message_to_child="",
               message_to_parent=""):
    """Store the coordinator's draft (as typed); returns the statement id.
    Raises StatementError when a text is too long."""
    problems = rules.draft_problems(answers, recommendations, next_steps, message_to_child, message_to_parent)
    if problems:
        raise StatementError(problems)
    texts = {"recommendations": recommendations or "", "next_steps": next_steps or "",
             "message_to_child": message_to_child or "", "message_to_parent": message_to_parent or ""}
    with immediate(db):
        current = get_statement(db, consultation_id)
        if current is None:
            statement_id = db["statements"].insert({"consultation_id": consultation_id, "created_by": actor_id,
                                                    "updated_by": actor_id, **texts}).last_pk
        else:
            statement_id = current["id"]
            db.execute("UPDATE statements SET recommendations = ?, next_steps = ?, message_to_child = ?, "
                       "message_to_parent = ?, updated_by = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                       "WHERE id = ?", [*texts.values(), actor_id, statement_id])
        db.execute("DELETE FROM statement_answers WHERE statement_id = ?", [statement_id])
        db["statement_answers"].insert_all({"statement_id": statement_id, "position": int(position), "text": text or ""}
                                           for position, text in answers.items())
        write_audit(db, actor_id, "statement.save", consultation_id, f"statement {statement_id}")
    return statement_id


def finalise(db, consultation_id, actor_id, *, link, reason=""):
    """Finalise the stored draft: a new version delivered to the social worker
    (an email notice with `link`), the consultation handled. The first version
    sends signals.statement_finalised. Returns the version number; raises
    StatementError with the rules' problems (and "unchanged" when a new
    version would say what the latest one says)."""
    with immediate(db):
        consultation = get_consultation(db, consultation_id)
        statement = get_statement(db, consultation_id)
        if consultation is None or statement is None:
            raise StatementError([(None, "no_draft")])
        meeting = consultation["meeting"] or {}
        previous = get_version(db, consultation_id)
        positions = [q["position"] for q in consultation["questions"]]
        answers = {p: statement["answers"].get(p, "") for p in positions}
        problems = rules.finalise_problems(
            question_positions=positions, answers=answers, recommendations=statement["recommendations"],
            message_to_child=statement["message_to_child"],
            child_gave_views=rules.child_gave_views(list_views(db, consultation_id)),
            meeting_held=bool(meeting.get("held_at")), previous=previous, reason=reason)
        now = rules.content(answers, *(statement[name] for name in TEXT_FIELDS))
        if not problems and previous is not None and now == _content_of_version(previous):
            problems = [(None, "unchanged")]
        if problems:
            raise StatementError(problems)
        number = previous["version"] + 1 if previous else 1
        version_id = db["statement_versions"].insert({
            "statement_id": statement["id"], "consultation_id": consultation_id, "version": number,
            "reason": (reason or "").strip() if previous else "",
            **{name: now[name] for name in TEXT_FIELDS},
            "participants": attendance_storage.participants_json(db, consultation_id),
            "finalised_by": actor_id}).last_pk
        db["statement_version_answers"].insert_all(
            {"version_id": version_id, "position": q["position"], "question": q["text"],
             "answer": now["answers"][q["position"]]} for q in consultation["questions"])
        db.execute("UPDATE consultations SET status = 'handled', updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                   "WHERE id = ? AND status = 'booked'", [consultation_id])
        outbox.enqueue(db, consultation["social_worker_id"], "statement_delivered", link,
                       dedupe_key=f"statement_delivered:{consultation_id}:{number}",
                       case_code=consultation["case_code"], version=number)
        write_audit(db, actor_id, "statement.finalise", consultation_id, f"version {number}")
        if number == 1:
            signals.statement_finalised.send(
                None, db=db, consultation_id=consultation_id, statement_id=statement["id"],
                meeting_id=consultation["meeting_id"], social_worker_id=consultation["social_worker_id"],
                present_member_ids=attendance_storage.present_member_ids(db, consultation["meeting_id"]))
    return number


# ---------------------------------------------------------------- the message back to the child

def deliveries(db, consultation_id):
    """{recipient key: delivery row}."""
    return {row["recipient"]: row for row in db.query(
        "SELECT * FROM message_deliveries WHERE consultation_id = ?", [consultation_id])}


def recipients(db, consultation_id, latest=None):
    """Who the latest version's messages are for (statement_rules.recipients)."""
    latest = latest or get_version(db, consultation_id)
    if latest is None:
        return []
    return rules.recipients(list_views(db, consultation_id), latest["message_to_child"], latest["message_to_parent"])


def mark_deliveries(db, consultation_id, actor_id, marks):
    """The social worker's marks {recipient key: (how, reason)}; returns the
    views ids newly marked delivered (sent with signals.message_delivered)."""
    problems = rules.delivery_problems(marks)
    if problems:
        raise StatementError(problems)
    with immediate(db):
        latest = get_version(db, consultation_id)
        known = {r["key"]: r for r in recipients(db, consultation_id, latest)}
        if latest is None or not marks or set(marks) - set(known):
            raise StatementError([(None, "no_such_recipient")])
        before = deliveries(db, consultation_id)
        newly, views_ids = [], []
        for key, (how, reason) in marks.items():
            old = before.get(key)
            reason = (reason or "").strip() if how == "not_delivered" else ""
            if old and (old["how"], old["reason"]) == (how, reason):
                continue
            row = {"consultation_id": consultation_id, "recipient": key, "views_id": known[key]["views_id"],
                   "how": how, "reason": reason,
                   "statement_version_id": latest["id"], "marked_by": actor_id, "marked_at": _now(db)}
            if old:
                db["message_deliveries"].update(old["id"], row)
            else:
                db["message_deliveries"].insert(row)
            if how in rules.DELIVERED and (old is None or old["how"] not in rules.DELIVERED):
                newly.append(key)
                if known[key]["views_id"]:
                    views_ids.append(known[key]["views_id"])
            write_audit(db, actor_id, "statement.delivery", consultation_id, f"{key}: {how}")
        if newly:
            signals.message_delivered.send(None, db=db, consultation_id=consultation_id, views_ids=views_ids)
    return views_ids


# ---------------------------------------------------------------- the follow-up

# ---------------------------------------------------------------- many consultations at once (lists)

def _in(ids):
    return f"IN ({marks(ids)})"


def versions_many(db, consultation_ids):
    """{consultation id: list_versions(...) + the messages of each version} in one statement."""
    ids = list(consultation_ids)
    found = {cid: [] for cid in ids}
    for row in db.query(f"""
        SELECT v.consultation_id, v.id, v.version, v.reason, v.finalised_at, v.finalised_by,
               u.name AS finalised_by_name, v.message_to_child, v.message_to_parent
        FROM statement_versions v JOIN users u ON u.id = v.finalised_by
        WHERE v.consultation_id {_in(ids)} ORDER BY v.consultation_id, v.version""", ids):
        found[row.pop("consultation_id")].append(row)
    return found


def held_meetings(db, meeting_ids):
    """The ids of `meeting_ids` marked held."""
    ids = [i for i in set(meeting_ids) if i is not None]
    return {row[0] for row in db.execute(f"SELECT id FROM meetings WHERE held_at IS NOT NULL AND held_at != '' "
                                         f"AND id {_in(ids)}", ids).fetchall()}


def drafts_of(db, consultation_ids):
    """The ids of `consultation_ids` that have a draft statement."""
    ids = list(consultation_ids)
    return {row[0] for row in db.execute(f"SELECT consultation_id FROM statements WHERE consultation_id {_in(ids)}",
                                         ids).fetchall()}


def deliveries_many(db, consultation_ids):
    """{consultation id: deliveries(...)}."""
    ids = list(consultation_ids)
    found = {cid: {} for cid in ids}
    for row in db.query(f"SELECT * FROM message_deliveries WHERE consultation_id {_in(ids)}", ids):
        found[row["consultation_id"]][row["recipient"]] = row
    return found


def follow_ups_many(db, consultation_ids):
    """{consultation id: get_follow_up(...)} of those that have one."""
    ids = list(consultation_ids)
    return {row["consultation_id"]: row for row in
            db.query(f"SELECT * FROM follow_ups WHERE consultation_id {_in(ids)}", ids)}


def get_follow_up(db, consultation_id):
    rows = list(db["follow_ups"].rows_where("consultation_id = ?", [consultation_id]))
    return rows[0] if rows else None


def save_follow_up(db, consultation_id, actor_id, outcome, comment=""):
    """The social worker's answer: did what the child wished for happen."""
    if outcome not in rules.OUTCOMES:
        raise StatementError([("outcome", "outcome_missing")])
    if len(comment or "") > rules.MAX_COMMENT:
        raise StatementError([("comment", "too_long")])
    with immediate(db):
        db["follow_ups"].upsert({"consultation_id": consultation_id, "outcome": outcome,
                                 "comment": (comment or "").strip(), "answered_by": actor_id,
                                 "answered_at": _now(db)},
                                pk="consultation_id")
        write_audit(db, actor_id, "statement.follow_up", consultation_id, outcome)
