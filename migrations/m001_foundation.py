"""Panels, users and roles, login throttling, audit log, meetings and consultations."""


def migrate(db):
    db.execute("""
        CREATE TABLE panels (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            area TEXT NOT NULL DEFAULT '',
            case_code_prefix TEXT NOT NULL DEFAULT 'KS'
        )""")
    db.execute("""
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            -- bumped on password change or deactivation: sessions carrying an
            -- older epoch end at their next request
            session_epoch INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""")
    db.execute("""
        CREATE TABLE user_roles (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('social_worker', 'coordinator', 'expert', 'admin')),
            PRIMARY KEY (user_id, role)
        )""")
    db.execute("""
        CREATE TABLE user_panels (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, panel_id)
        )""")
    db.execute("""
        CREATE TABLE login_failures (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL COLLATE NOCASE,
            address TEXT NOT NULL,
            at REAL NOT NULL
        )""")
    db.execute("CREATE INDEX login_failures_email ON login_failures(email, at)")
    db.execute("CREATE INDEX login_failures_address ON login_failures(address, at)")
    db.execute("""
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            user_id INTEGER REFERENCES users(id),
            action TEXT NOT NULL,
            consultation_id INTEGER,
            detail TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("""
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            panel_id INTEGER NOT NULL REFERENCES panels(id),
            -- local Europe/Helsinki wall-clock times, ISO 'YYYY-MM-DDTHH:MM'
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            teams_link TEXT NOT NULL DEFAULT '',
            capacity INTEGER NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 0 AND 20),
            cancelled INTEGER NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX meetings_panel_start ON meetings(panel_id, starts_at)")
    db.execute("""
        CREATE TABLE consultations (
            id INTEGER PRIMARY KEY,
            panel_id INTEGER NOT NULL REFERENCES panels(id),
            meeting_id INTEGER REFERENCES meetings(id),
            -- pseudonymous case code, e.g. KS-2027-014; never a name or an identity code
            case_code TEXT NOT NULL UNIQUE,
            social_worker_id INTEGER NOT NULL REFERENCES users(id),
            child_age INTEGER NOT NULL CHECK (child_age BETWEEN 0 AND 17),
            background TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'booked',
            late_reason TEXT NOT NULL DEFAULT '',
            documents_received_at TEXT,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            created_by INTEGER NOT NULL REFERENCES users(id)
        )""")
    db.execute("CREATE INDEX consultations_meeting ON consultations(meeting_id)")
    db.execute("""
        CREATE TABLE consultation_questions (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
            UNIQUE (consultation_id, position)
        )""")
