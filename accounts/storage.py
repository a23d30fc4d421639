"""All SQL about users, roles and panels. Plain functions returning dicts."""
import json

from db import immediate, marks

ROLES = ("social_worker", "coordinator", "expert", "admin")


def get_user(db, user_id):
    # db.query, not db["users"]: every request loads its user, and a table lookup asks sqlite_master first
    rows = list(db.query("SELECT * FROM users WHERE id = ?", [user_id]))
    return _with_memberships(db, rows[0]) if rows else None


def get_user_by_email(db, email):
    rows = list(db.query("SELECT * FROM users WHERE email = ? COLLATE NOCASE", [email.strip()]))
    return _with_memberships(db, rows[0]) if rows else None


def _with_memberships(db, user):
    user["roles"] = [r["role"] for r in db.query(
        "SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", [user["id"]])]
    panels = list(db.query("""SELECT up.panel_id, p.name FROM user_panels up JOIN panels p ON p.id = up.panel_id
                               WHERE up.user_id = ? ORDER BY up.panel_id""", [user["id"]]))
    user["panel_ids"] = [r["panel_id"] for r in panels]
    user["panel_names"] = [r["name"] for r in panels]
    return user


def list_users(db, panel_ids=None):
    """All users, or those of the given panels."""
    if panel_ids is None:
        rows = db.query("SELECT * FROM users ORDER BY name")
    else:
        rows = db.query(f"""SELECT DISTINCT u.* FROM users u JOIN user_panels up ON up.user_id = u.id
                            WHERE up.panel_id IN ({marks(panel_ids)}) ORDER BY u.name""", list(panel_ids))
    return [_with_memberships(db, r) for r in rows]


def create_user(db, email, name, password_hash, roles, panel_ids, actor_id=None):
    """A new user; with `actor_id` (the admin) its audit line is written in the same transaction."""
    with immediate(db):
        user_id = db["users"].insert(
            {"email": email.strip(), "name": name.strip(), "password_hash": password_hash}).last_pk
        db["user_roles"].insert_all({"user_id": user_id, "role": r} for r in sorted(set(roles)))
        db["user_panels"].insert_all({"user_id": user_id, "panel_id": p} for p in sorted(set(panel_ids)))
        _audit_admin(db, actor_id, "user.create", f"user {user_id}")
    return user_id


def set_password(db, user_id, password_hash, actor_id=None):
    """Store a new password and end every session of the user. With `actor_id`
    (an admin resetting it) the audit line is written in the same transaction."""
    with immediate(db):
        db.execute("UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1 WHERE id = ?",
                   [password_hash, user_id])
        end_login_sessions(db, user_id)
        _audit_admin(db, actor_id, "user.reset_password", f"user {user_id}")


def change_own_password(db, user_id, password_hash):
    """The user's own new password (every session of theirs ends) and its
    audit line, in one transaction: ids only, never the password."""
    with immediate(db):
        set_password(db, user_id, password_hash)
        write_audit(db, user_id, "user.change_password", detail=f"user {user_id}")


def list_panels(db):
    return list(db.query("SELECT * FROM panels ORDER BY name"))


def get_panel(db, panel_id):
    rows = list(db["panels"].rows_where("id = ?", [panel_id]))
    return rows[0] if rows else None


def get_panel_by_name(db, name):
    rows = list(db["panels"].rows_where("name = ?", [name]))
    return rows[0] if rows else None


def create_panel(db, name, area="", case_code_prefix="KS", actor_id=None):
    with immediate(db):
        panel_id = db["panels"].insert({"name": name, "area": area, "case_code_prefix": case_code_prefix}).last_pk
        _audit_admin(db, actor_id, "panel.create", f"panel {panel_id}")
    return panel_id


def write_audit(db, user_id, action, consultation_id=None, detail=""):
    """Append one line to the audit log (ids only, never answer content).

    A change and its line belong together: call this inside the change's
    `immediate(db)`, so that either both are stored or neither. The table
    refuses UPDATE and DELETE (migration m006). One plain INSERT (outside a
    transaction it commits by itself): sqlite-utils' insert added a table
    lookup and its own BEGIN and COMMIT to every audited page.
    """
    db.execute("INSERT INTO audit_log (user_id, action, consultation_id, detail) VALUES (?, ?, ?, ?)",
               [user_id, action, consultation_id, detail])


def _audit_admin(db, actor_id, action, detail):
    """An admin's change is logged; set-up without an actor (command line, demo data) is not."""
    if actor_id is not None:
        write_audit(db, actor_id, action, detail=detail)


def email_taken(db, email, except_user_id=None):
    """True when another user already has `email` (case-insensitive)."""
    row = get_user_by_email(db, email)
    return bool(row) and row["id"] != except_user_id


def update_user(db, user_id, email, name, roles, panel_ids, actor_id=None):
    """Replace a user's name, email, roles and panels in one transaction (with its audit line)."""
    with immediate(db):
        db.execute("UPDATE users SET email = ?, name = ? WHERE id = ?", [email.strip(), name.strip(), user_id])
        db.execute("DELETE FROM user_roles WHERE user_id = ?", [user_id])
        db.execute("DELETE FROM user_panels WHERE user_id = ?", [user_id])
        db["user_roles"].insert_all({"user_id": user_id, "role": r} for r in sorted(set(roles)))
        db["user_panels"].insert_all({"user_id": user_id, "panel_id": p} for p in sorted(set(panel_ids)))
        _audit_admin(db, actor_id, "user.update", f"user {user_id}")


def set_active(db, user_id, active, actor_id=None):
    """Deactivate (ending every session) or reactivate a user."""
    with immediate(db):
        db.execute("UPDATE users SET active = ?, session_epoch = session_epoch + 1 WHERE id = ?",
                   [1 if active else 0, user_id])
        end_login_sessions(db, user_id)
        _audit_admin(db, actor_id, "user.activate" if active else "user.deactivate", f"user {user_id}")


# ---- login sessions (one row per live login; the cookie holds the token) --------

def start_login_session(db, user_id, token_hash, now, lifetime):
    """Store a new login; logins older than `lifetime` seconds are removed."""
    with immediate(db):
        db.execute("DELETE FROM login_sessions WHERE started_at <= ?", [now - lifetime])
        db["login_sessions"].insert({"token_hash": token_hash, "user_id": user_id, "started_at": now})


# Every page of a logged-in user asks this: the user, their roles and panels and
# whether the login is live, in one statement (it was four, and two lookups of
# sqlite_master for db["users"]).
LIVE_LOGIN_SQL = """
    SELECT u.id, u.email, u.name, u.active, u.session_epoch,
           (SELECT json_group_array(role) FROM user_roles WHERE user_id = u.id) AS roles,
           (SELECT json_group_array(json_array(up.panel_id, p.name))
              FROM user_panels up JOIN panels p ON p.id = up.panel_id WHERE up.user_id = u.id) AS panels,
           EXISTS (SELECT 1 FROM login_sessions
                   WHERE token_hash = ? AND user_id = u.id AND started_at > ?) AS live
    FROM users u WHERE u.id = ?"""


def get_live_login(db, user_id, token_hash, since):
    """The user as get_user has them (without the password's hash) and "live": whether
    the login of `token_hash` started after `since`; None for an unknown user."""
    row = db.execute(LIVE_LOGIN_SQL, [token_hash, since, user_id]).fetchone()
    if row is None:
        return None
    panels = sorted(json.loads(row[6]))
    return {"id": row[0], "email": row[1], "name": row[2], "active": row[3], "session_epoch": row[4],
            "roles": sorted(json.loads(row[5])), "panel_ids": [panel[0] for panel in panels],
            "panel_names": [panel[1] for panel in panels], "live": bool(row[7])}


def end_login_session(db, token_hash):
    """End one login; returns its user's id, or None when it had already ended."""
    with immediate(db):
        row = db.execute("SELECT user_id FROM login_sessions WHERE token_hash = ?", [token_hash]).fetchone()
        db.execute("DELETE FROM login_sessions WHERE token_hash = ?", [token_hash])
    return row[0] if row else None


def end_login_sessions(db, user_id):
    """End every login of a user (new password, deactivation)."""
    db.execute("DELETE FROM login_sessions WHERE user_id = ?", [user_id])


def update_panel(db, panel_id, name, area, case_code_prefix, actor_id=None):
    with immediate(db):
        db.execute("UPDATE panels SET name = ?, area = ?, case_code_prefix = ? WHERE id = ?",
                   [name.strip(), area.strip(), case_code_prefix.strip(), panel_id])
        _audit_admin(db, actor_id, "panel.update", f"panel {panel_id}")


def panel_name_taken(db, name, except_panel_id=None):
    row = get_panel_by_name(db, name.strip())
    return bool(row) and row["id"] != except_panel_id


def count_panel_members(db):
    """{panel_id: number of users} for the panel list."""
    return {r["panel_id"]: r["n"] for r in db.query(
        "SELECT panel_id, COUNT(*) AS n FROM user_panels GROUP BY panel_id")}


def list_audit(db, consultation_id=None, limit=50, offset=0, case_code=None):
    """Audit lines newest first with the actor's name and the consultation's
    case code; (rows, total). Filter by consultation id or case code."""
    where, params = "", []
    if consultation_id is not None:
        where, params = "WHERE a.consultation_id = ?", [consultation_id]
    elif case_code:
        where, params = ("WHERE a.consultation_id IN (SELECT id FROM consultations WHERE case_code = ? COLLATE NOCASE)",
                         [case_code])
    total = db.execute(f"SELECT COUNT(*) FROM audit_log a {where}", params).fetchone()[0]
    rows = list(db.query(f"""SELECT a.*, u.name AS user_name, u.email AS user_email, c.case_code
                             FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
                             LEFT JOIN consultations c ON c.id = a.consultation_id
                             {where} ORDER BY a.id DESC LIMIT ? OFFSET ?""", params + [limit, offset]))
    return rows, total


def set_language(db, user_id, language):
    """The language of the user's emails (their last language of the user interface)."""
    with immediate(db):
        db.execute("UPDATE users SET language = ? WHERE id = ? AND language != ?", [language, user_id, language])
