"""All SQL of the pre-meeting material and the family's 30 minutes:
publication, members' readings (with what they were shown) and the
families' slots. Each change and its audit line share one transaction."""
import json
from datetime import datetime, timezone

from accounts.storage import write_audit
from db import immediate, marks
from panel import family, material, outbox


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- publication

def publication(db, meeting_id):
    """{published_at, published_by} of the meeting's material, or None."""
    rows = list(db.query("SELECT * FROM meeting_material WHERE meeting_id = ?", [meeting_id]))
    return rows[0] if rows else None


def publications(db, meeting_ids):
    ids = list(meeting_ids)
    return {row["meeting_id"]: row for row in
            db.query(f"SELECT * FROM meeting_material WHERE meeting_id IN ({marks(ids)})", ids)}


def publish(db, meeting_id, actor_id, link=None):
    """Publish (or publish again) the meeting's material to its members.

    The one place the material becomes the members': with `link` (the
    material page's path) the "material published" email is queued here, in
    the same transaction, to each active expert member of the panel."""
    published_at = _now()
    with immediate(db):
        db.execute("INSERT INTO meeting_material (meeting_id, published_at, published_by) VALUES (?, ?, ?) "
                   "ON CONFLICT (meeting_id) DO UPDATE SET published_at = excluded.published_at, "
                   "published_by = excluded.published_by", [meeting_id, published_at, actor_id])
        write_audit(db, actor_id, "material.publish", None, f"meeting {meeting_id}")
        if link:
            meeting = db.execute("SELECT panel_id, starts_at FROM meetings WHERE id = ?", [meeting_id]).fetchone()
            for (member_id,) in db.execute(
                    "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'expert' "
                    "JOIN user_panels p ON p.user_id = u.id AND p.panel_id = ? WHERE u.active = 1 ORDER BY u.id",
                    [meeting[0]]).fetchall():
                outbox.enqueue(db, member_id, "material_published", link,
                               dedupe_key=f"material_published:{meeting_id}:{member_id}:{published_at}",
                               meeting_at=meeting[1])


# ---------------------------------------------------------------- readings

def last_read(db, meeting_id, user_id):
    """{read_at, digests} of the member's last reading, or None."""
    return last_reads(db, [meeting_id], user_id).get(meeting_id)


def last_reads(db, meeting_ids, user_id):
    """{meeting id: last_read(...)} of the member's readings of `meeting_ids`, in one statement."""
    ids = list(meeting_ids)
    found = {}
    for meeting_id, read_at, digests in db.execute(
            f"SELECT meeting_id, read_at, digests FROM material_reads WHERE user_id = ? AND meeting_id IN ({marks(ids)})",
            [user_id] + ids).fetchall():
        try:
            digests = json.loads(digests)
        except ValueError:
            digests = {}
        found[meeting_id] = {"read_at": read_at, "digests": digests if isinstance(digests, dict) else {}}
    return found


def record_read(db, meeting_id, user_id, shown, remember=True):
    """Audit the reading of each consultation shown ({id: digest}) and, for a
    member (`remember`), keep what was shown for "changed since"."""
    with immediate(db):
        if remember:
            db.execute("INSERT INTO material_reads (meeting_id, user_id, read_at, digests) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (meeting_id, user_id) DO UPDATE SET read_at = excluded.read_at, "
                       "digests = excluded.digests",
                       [meeting_id, user_id, _now(), json.dumps({str(k): v for k, v in shown.items()})])
        for consultation_id in shown:
            write_audit(db, user_id, "material.read", consultation_id, f"meeting {meeting_id}")


def digests(db, consultation_ids):
    """{consultation id: digest} of what the material shows of each."""
    ids = list(consultation_ids)
    parts = {cid: {"questions": [], "documents": [], "views": [], "slot": None} for cid in ids}
    if not ids:
        return {}
    placeholders = marks(ids)
    for row in db.query(f"SELECT c.id, c.child_age, c.background, c.municipality, c.needed_expertise, "
                        f"m.starts_at, m.place, m.teams_link FROM consultations c "
                        f"LEFT JOIN meetings m ON m.id = c.meeting_id WHERE c.id IN ({placeholders})", ids):
        parts[row["id"]]["case"] = row
    for row in db.query(f"SELECT consultation_id, position, text FROM consultation_questions "
                        f"WHERE consultation_id IN ({placeholders}) ORDER BY position", ids):
        parts[row["consultation_id"]]["questions"].append(row["text"])
    for row in db.query(f"SELECT consultation_id, id, sha256, title FROM documents "
                        f"WHERE consultation_id IN ({placeholders}) ORDER BY id", ids):
        parts[row["consultation_id"]]["documents"].append([row["id"], row["sha256"], row["title"]])
    for row in db.query(f"SELECT consultation_id, id, updated_at, finished_at FROM views "
                        f"WHERE consultation_id IN ({placeholders}) AND status = 'finished' ORDER BY id", ids):
        parts[row["consultation_id"]]["views"].append([row["id"], row["updated_at"], row["finished_at"]])
    for row in db.query(f"SELECT consultation_id, starts_at, who, how, link, note FROM family_slots "
                        f"WHERE consultation_id IN ({placeholders})", ids):
        parts[row["consultation_id"]]["slot"] = row
    return {cid: material.digest(value) for cid, value in parts.items()}


# ---------------------------------------------------------------- the family's 30 minutes

# A slot counts only while it lies inside its consultation's meeting: moving the
# consultation or the meeting leaves it stale, to be scheduled again.
SLOT_SQL = """
    SELECT s.* FROM family_slots s JOIN consultations c ON c.id = s.consultation_id
    JOIN meetings m ON m.id = c.meeting_id
    WHERE s.starts_at >= m.starts_at AND s.ends_at <= m.ends_at
"""


def slot(db, consultation_id):
    """The family's slot of the consultation, or None (also when stale)."""
    rows = list(db.query(SLOT_SQL + " AND s.consultation_id = ?", [consultation_id]))
    return rows[0] if rows else None


def slots_for(db, consultation_ids):
    ids = list(consultation_ids)
    return {row["consultation_id"]: row for row in
            db.query(SLOT_SQL + f" AND s.consultation_id IN ({marks(ids)})", ids)}


def save_slot(db, consultation, meeting, *, starts_at, who, how, link, language, note, actor_id, languages):
    """Schedule (or move) the family's slot; checked by panel.family.check_slot
    against the other families of the same meeting. Raises FamilyError."""
    if who not in family.WHO or how not in family.HOW:
        raise family.FamilyError("bad_choice")
    if language not in languages:
        raise family.FamilyError("bad_language")
    if how == "teams" and not (link or meeting["teams_link"]):
        raise family.FamilyError("no_link")
    if how == "on_site" and not meeting["place"]:
        raise family.FamilyError("no_place")
    with immediate(db):
        others = other_slots(db, meeting["id"], consultation["id"])
        starts, ends = family.check_slot(meeting, starts_at, others)
        values = {"starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "ends_at": ends.strftime("%Y-%m-%dT%H:%M"),
                  "who": who, "how": how, "link": (link or "").strip(), "language": language,
                  "note": (note or "").strip(), "scheduled_by": actor_id, "scheduled_at": _now(),
                  "invitation_ready_at": None}
        existing = db.execute("SELECT 1 FROM family_slots WHERE consultation_id = ?", [consultation["id"]]).fetchone()
        if existing:  # also a stale one, left outside a moved meeting
            db["family_slots"].update(consultation["id"], values)
        else:
            db["family_slots"].insert(dict(values, consultation_id=consultation["id"]))
        write_audit(db, actor_id, "family.schedule", consultation["id"], f"{who}, {how}, {values['starts_at']}")


def other_slots(db, meeting_id, consultation_id):
    return [(row["starts_at"], row["ends_at"]) for row in db.query(
        "SELECT s.starts_at, s.ends_at FROM family_slots s JOIN consultations c ON c.id = s.consultation_id "
        "WHERE c.meeting_id = ? AND c.status != 'cancelled' AND s.consultation_id != ?", [meeting_id, consultation_id])]


def remove_slot(db, consultation_id, actor_id):
    with immediate(db):
        gone = db.execute("DELETE FROM family_slots WHERE consultation_id = ?", [consultation_id]).rowcount
        if gone:
            write_audit(db, actor_id, "family.unschedule", consultation_id)
    return bool(gone)


def mark_invitation_ready(db, consultation_id, actor_id, link=None):
    """The coordinator says the invitation is ready for the social worker to
    pass on: with `link` (the invitation's path) the "family's invitation
    ready" email to the social worker is queued here, in the same transaction."""
    with immediate(db):
        changed = db.execute("UPDATE family_slots SET invitation_ready_at = ? WHERE consultation_id = ?",
                             [_now(), consultation_id]).rowcount
        if changed:
            write_audit(db, actor_id, "family.invitation_ready", consultation_id)
            if link:
                row = db.execute("SELECT c.social_worker_id, c.case_code, m.starts_at FROM consultations c "
                                 "JOIN meetings m ON m.id = c.meeting_id WHERE c.id = ?", [consultation_id]).fetchone()
                outbox.enqueue(db, row[0], "invitation_ready", link, dedupe_key=f"invitation_ready:{consultation_id}",
                               case_code=row[1], meeting_at=row[2])
    return bool(changed)
