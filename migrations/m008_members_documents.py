"""The panel's workflow before the meeting: standing members and their
attendance, the registry of outside experts and their invitations, conflict
of interest declarations, case documents, the published pre-meeting material
and the family's 30 minutes. Which values a field, a kind or a language may
take is checked by the application (panel/members.py, panel/documents.py,
LANGUAGES); the CHECKs here keep only yes/no columns and fixed sets.
"""


def migrate(db):
    # optional, typed at booking: where the family lives (for conflicts of interest)
    # and the special expertise the social worker thinks the case needs
    db.execute("ALTER TABLE consultations ADD COLUMN municipality TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE consultations ADD COLUMN needed_expertise TEXT NOT NULL DEFAULT ''")
    db.execute("""
        CREATE TABLE panel_members (
            panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            field_note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (panel_id, user_id)
        )""")
    db.execute("""
        CREATE TABLE meeting_attendance (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            attends INTEGER NOT NULL CHECK (attends IN (0, 1)),
            updated_by INTEGER REFERENCES users(id),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            PRIMARY KEY (meeting_id, user_id)
        )""")
    db.execute("""
        CREATE TABLE outside_experts (
            id INTEGER PRIMARY KEY,
            organisation TEXT NOT NULL,
            expertise TEXT NOT NULL,
            contact TEXT NOT NULL DEFAULT '',
            paid INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),
            cost_note TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""")
    db.execute("""
        CREATE TABLE expert_invitations (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            outside_expert_id INTEGER NOT NULL REFERENCES outside_experts(id),
            invited_by INTEGER NOT NULL REFERENCES users(id),
            invited_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            -- NULL until the coordinator records it after the meeting
            came INTEGER CHECK (came IN (0, 1)),
            cost_cents INTEGER CHECK (cost_cents >= 0),
            cost_note TEXT NOT NULL DEFAULT '',
            UNIQUE (consultation_id, outside_expert_id)
        )""")
    db.execute("""
        CREATE TABLE conflict_declarations (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            declaration TEXT NOT NULL CHECK (declaration IN ('no_conflict', 'conflict')),
            declared_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            PRIMARY KEY (consultation_id, user_id)
        )""")
    # The files are in the database, so the README's one-file backup covers them.
    # No original file name is kept (it may hold a name): the worker gives a title.
    db.execute("""
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('pdf', 'docx', 'odt')),
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
            uploaded_by INTEGER NOT NULL REFERENCES users(id),
            uploaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""")
    db.execute("CREATE INDEX documents_consultation ON documents(consultation_id)")
    db.execute("""
        CREATE TABLE meeting_material (
            meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
            published_at TEXT NOT NULL,
            published_by INTEGER NOT NULL REFERENCES users(id)
        )""")
    db.execute("""
        CREATE TABLE material_reads (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            read_at TEXT NOT NULL,
            -- {consultation id: digest of what the member was shown}, to tell what changed since
            digests TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (meeting_id, user_id)
        )""")
    db.execute("""
        CREATE TABLE family_slots (
            consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
            -- local Europe/Helsinki wall-clock times, ISO 'YYYY-MM-DDTHH:MM'
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            who TEXT NOT NULL CHECK (who IN ('child', 'parent', 'child_and_parent')),
            how TEXT NOT NULL CHECK (how IN ('teams', 'on_site')),
            link TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            scheduled_by INTEGER NOT NULL REFERENCES users(id),
            scheduled_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            invitation_ready_at TEXT
        )""")
