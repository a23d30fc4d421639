"""All SQL of a meeting held and who took part: the expert members present,
the outside experts (a simple list of names and roles for now), and per
consultation whether the social worker took part and whether the child or
the parents joined. Plain functions taking `db` and returning dicts."""
import json

from accounts.storage import write_audit
from db import immediate, marks


def _now(db):
    return db.execute("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')").fetchone()[0]


def panel_members(db, panel_id):
    """The panel's active expert members, by name."""
    return list(db.query("""
        SELECT u.id, u.name FROM users u
        JOIN user_roles r ON r.user_id = u.id AND r.role = 'expert'
        JOIN user_panels p ON p.user_id = u.id AND p.panel_id = ?
        WHERE u.active = 1 ORDER BY u.name""", [panel_id]))


def present_member_ids(db, meeting_id):
    return [row[0] for row in db.execute(
        "SELECT user_id FROM meeting_members_present WHERE meeting_id = ? ORDER BY user_id", [meeting_id])]


def outside_experts(db, meeting_id):
    return list(db.query("SELECT name, role FROM meeting_outside_experts WHERE meeting_id = ? ORDER BY position",
                         [meeting_id]))


def consultation_attendance(db, consultation_ids):
    """{consultation id: {social_worker, child_joined, parents_joined}} (booleans; all False when not marked)."""
    found = {cid: {"social_worker": False, "child_joined": False, "parents_joined": False}
             for cid in consultation_ids}
    ids = list(consultation_ids)
    if ids:
        for row in db.query(f"SELECT * FROM consultation_attendance WHERE consultation_id IN "
                            f"({marks(ids)})", ids):
            found[row["consultation_id"]] = {key: bool(row[key])
                                             for key in ("social_worker", "child_joined", "parents_joined")}
    return found


def get_attendance(db, meeting_id, consultation_ids):
    """The meeting's held mark and who took part."""
    row = db.execute("SELECT held_at, held_by FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    return {"held_at": row[0] if row else None, "held_by": row[1] if row else None,
            "member_ids": set(present_member_ids(db, meeting_id)),
            "outside_experts": outside_experts(db, meeting_id),
            "consultations": consultation_attendance(db, consultation_ids)}


def mark_held(db, meeting_id, actor_id, *, member_ids, experts, consultations):
    """Mark the meeting held (or correct who took part): `member_ids` of the
    experts present, `experts` [(name, role)] from outside, `consultations`
    {consultation id: {social_worker, child_joined, parents_joined}}.
    Everything is replaced; the first marking's time is kept."""
    with immediate(db):
        held_at = db.execute("SELECT held_at FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
        if held_at is None:
            db.execute("UPDATE meetings SET held_at = ?, held_by = ? WHERE id = ?", [_now(db), actor_id, meeting_id])
        db.execute("DELETE FROM meeting_members_present WHERE meeting_id = ?", [meeting_id])
        db["meeting_members_present"].insert_all(
            {"meeting_id": meeting_id, "user_id": user_id} for user_id in sorted(set(member_ids)))
        db.execute("DELETE FROM meeting_outside_experts WHERE meeting_id = ?", [meeting_id])
        db["meeting_outside_experts"].insert_all(
            {"meeting_id": meeting_id, "position": i, "name": name, "role": role}
            for i, (name, role) in enumerate(experts, start=1))
        for consultation_id, joined in consultations.items():
            db["consultation_attendance"].upsert(
                {"consultation_id": consultation_id,
                 **{key: 1 if joined.get(key) else 0 for key in ("social_worker", "child_joined", "parents_joined")}},
                pk="consultation_id")
        write_audit(db, actor_id, "meeting.held" if held_at is None else "meeting.attendance", None,
                    f"meeting {meeting_id}: {len(set(member_ids))} members, {len(experts)} outside experts")


def participants(db, consultation_id):
    """Who took part in the consultation's meeting, as stored with each
    finalised version: member names, outside experts, the social worker's
    name when present, whether the child or the parents joined."""
    row = db.execute("""SELECT c.meeting_id, c.social_worker_id, u.name FROM consultations c
                        JOIN users u ON u.id = c.social_worker_id WHERE c.id = ?""", [consultation_id]).fetchone()
    meeting_id, _worker_id, worker_name = row
    members = [r["name"] for r in db.query("""
        SELECT u.name FROM meeting_members_present m JOIN users u ON u.id = m.user_id
        WHERE m.meeting_id = ? ORDER BY u.name""", [meeting_id])]
    joined = consultation_attendance(db, [consultation_id])[consultation_id]
    return {"members": members, "outside_experts": outside_experts(db, meeting_id),
            "social_worker": worker_name if joined["social_worker"] else "",
            "child_joined": joined["child_joined"], "parents_joined": joined["parents_joined"]}


def participants_json(db, consultation_id):
    return json.dumps(participants(db, consultation_id), ensure_ascii=False, sort_keys=True)
