"""All SQL about the panel's standing members, their attendance at meetings,
the registry of outside experts and their invitations to consultations.
Plain functions returning dicts; each change and its audit line share one
`immediate` transaction."""
from accounts.storage import write_audit
from db import immediate, marks
from panel import members
from panel.members import MemberError


# ---------------------------------------------------------------- standing members

def panel_members(db, panel_id):
    """The panel's active expert users with their field ('' until the
    coordinator sets it), by name: the panel's standing members."""
    return list(db.query("""
        SELECT u.id AS user_id, u.name, u.email, coalesce(m.field, '') AS field,
               coalesce(m.field_note, '') AS field_note
        FROM users u
        JOIN user_roles r ON r.user_id = u.id AND r.role = 'expert'
        JOIN user_panels p ON p.user_id = u.id AND p.panel_id = ?
        LEFT JOIN panel_members m ON m.user_id = u.id AND m.panel_id = p.panel_id
        WHERE u.active = 1 ORDER BY u.name, u.id""", [panel_id]))


def set_member_field(db, panel_id, user_id, field, field_note, actor_id):
    members.check_field(field)
    note = (field_note or "").strip()
    if len(note) > members.MAX_TEXT:
        raise MemberError("too_long")
    with immediate(db):
        if user_id not in {m["user_id"] for m in panel_members(db, panel_id)}:
            raise MemberError("not_a_member")
        db.execute("INSERT INTO panel_members (panel_id, user_id, field, field_note) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (panel_id, user_id) DO UPDATE SET field = excluded.field, "
                   "field_note = excluded.field_note", [panel_id, user_id, field, note])
        write_audit(db, actor_id, "member.field", None, f"panel {panel_id}, user {user_id}, {field}")


# ---------------------------------------------------------------- attendance

def attendance(db, meeting_id):
    """{user id: 1 (attends) / 0 (does not)}; a member not in it is not known yet."""
    return {row["user_id"]: row["attends"] for row in
            db.query("SELECT user_id, attends FROM meeting_attendance WHERE meeting_id = ?", [meeting_id])}


def set_attendance(db, meeting_id, user_id, attends, actor_id):
    """Whether a member attends the meeting: 1, 0, or None (not known: the row goes)."""
    if attends not in (0, 1, None):
        raise MemberError("bad_attendance")
    with immediate(db):
        if attends is None:
            db.execute("DELETE FROM meeting_attendance WHERE meeting_id = ? AND user_id = ?", [meeting_id, user_id])
        else:
            db.execute("INSERT INTO meeting_attendance (meeting_id, user_id, attends, updated_by) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (meeting_id, user_id) DO UPDATE SET attends = excluded.attends, "
                       "updated_by = excluded.updated_by, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                       [meeting_id, user_id, attends, actor_id])
        label = {1: "attends", 0: "absent", None: "not known"}[attends]
        write_audit(db, actor_id, "member.attendance", None, f"meeting {meeting_id}, user {user_id}, {label}")


# ---------------------------------------------------------------- outside experts

def list_outside_experts(db, active_only=False):
    where = "WHERE active = 1" if active_only else ""
    return list(db.query(f"SELECT * FROM outside_experts {where} ORDER BY active DESC, organisation, expertise, id"))


def get_outside_expert(db, expert_id):
    rows = list(db.query("SELECT * FROM outside_experts WHERE id = ?", [expert_id]))
    return rows[0] if rows else None


def add_outside_expert(db, actor_id, **values):
    values = members.expert_fields(**values)
    with immediate(db):
        expert_id = db["outside_experts"].insert(values).last_pk
        write_audit(db, actor_id, "expert.create", None, f"outside expert {expert_id}")
    return expert_id


def update_outside_expert(db, expert_id, actor_id, active=True, **values):
    values = dict(members.expert_fields(**values), active=1 if active else 0)
    with immediate(db):
        if get_outside_expert(db, expert_id) is None:
            raise MemberError("no_expert")
        db["outside_experts"].update(expert_id, values)
        write_audit(db, actor_id, "expert.update", None, f"outside expert {expert_id}")


# ---------------------------------------------------------------- invitations

INVITATION_SQL = """
    SELECT i.*, e.organisation, e.expertise, e.contact, e.paid, e.cost_note AS price_note
    FROM expert_invitations i JOIN outside_experts e ON e.id = i.outside_expert_id
"""


def invitations(db, consultation_id):
    return list(db.query(INVITATION_SQL + " WHERE i.consultation_id = ? ORDER BY i.id", [consultation_id]))


def invitations_many(db, consultation_ids):
    ids = list(consultation_ids)
    found = {cid: [] for cid in ids}
    if ids:
        for row in db.query(INVITATION_SQL + f" WHERE i.consultation_id IN ({marks(ids)}) "
                            "ORDER BY i.id", ids):
            found[row["consultation_id"]].append(row)
    return found


def get_invitation(db, invitation_id):
    rows = list(db.query(INVITATION_SQL + " WHERE i.id = ?", [invitation_id]))
    return rows[0] if rows else None


def invite(db, consultation_id, expert_id, actor_id):
    """Invite an active registry expert to one consultation (once)."""
    with immediate(db):
        expert = get_outside_expert(db, expert_id)
        if expert is None or not expert["active"]:
            raise MemberError("no_expert")
        if db.execute("SELECT 1 FROM expert_invitations WHERE consultation_id = ? AND outside_expert_id = ?",
                      [consultation_id, expert_id]).fetchone():
            raise MemberError("already_invited")
        invitation_id = db["expert_invitations"].insert({
            "consultation_id": consultation_id, "outside_expert_id": expert_id, "invited_by": actor_id}).last_pk
        write_audit(db, actor_id, "expert.invite", consultation_id, f"outside expert {expert_id}")
    return invitation_id


def record_outcome(db, invitation_id, *, came, cost_cents, cost_note, actor_id):
    """After the meeting: whether the expert came (1, 0, None) and what it cost."""
    if came not in (0, 1, None) or (cost_cents is not None and not 0 <= cost_cents <= members.MAX_COST_CENTS):
        raise MemberError("bad_outcome")
    note = (cost_note or "").strip()
    if len(note) > members.MAX_TEXT:
        raise MemberError("too_long")
    with immediate(db):
        invitation = get_invitation(db, invitation_id)
        if invitation is None:
            raise MemberError("no_invitation")
        db["expert_invitations"].update(invitation_id, {"came": came, "cost_cents": cost_cents, "cost_note": note})
        write_audit(db, actor_id, "expert.outcome", invitation["consultation_id"],
                    f"invitation {invitation_id}, " + {1: "came", 0: "did not come", None: "not known"}[came])


def remove_invitation(db, invitation_id, actor_id):
    with immediate(db):
        invitation = get_invitation(db, invitation_id)
        if invitation is None:
            return False
        db.execute("DELETE FROM expert_invitations WHERE id = ?", [invitation_id])
        write_audit(db, actor_id, "expert.uninvite", invitation["consultation_id"], f"invitation {invitation_id}")
    return True
