"""The meeting held and who took part, the panel's statement (its draft and
every finalised version), how the message reached the child, the follow-up
three months later, the email outbox and each user's language for emails."""


def migrate(db):
    # the language of the user's emails: the last language of the user interface ('' = the default)
    db.execute("ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT ''")

    # -- the meeting held and who took part --
    db.execute("ALTER TABLE meetings ADD COLUMN held_at TEXT")
    db.execute("ALTER TABLE meetings ADD COLUMN held_by INTEGER REFERENCES users(id)")
    db.execute("""
        CREATE TABLE meeting_members_present (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id),
            PRIMARY KEY (meeting_id, user_id)
        )""")
    db.execute("""
        CREATE TABLE meeting_outside_experts (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            role TEXT NOT NULL DEFAULT '' CHECK (length(role) <= 200),
            UNIQUE (meeting_id, position)
        )""")
    db.execute("""
        CREATE TABLE consultation_attendance (
            consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
            social_worker INTEGER NOT NULL DEFAULT 0 CHECK (social_worker IN (0, 1)),
            child_joined INTEGER NOT NULL DEFAULT 0 CHECK (child_joined IN (0, 1)),
            parents_joined INTEGER NOT NULL DEFAULT 0 CHECK (parents_joined IN (0, 1))
        )""")

    # -- the statement: the coordinator's working copy ... --
    db.execute("""
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL UNIQUE REFERENCES consultations(id) ON DELETE CASCADE,
            recommendations TEXT NOT NULL DEFAULT '' CHECK (length(recommendations) <= 10000),
            next_steps TEXT NOT NULL DEFAULT '' CHECK (length(next_steps) <= 10000),
            message_to_child TEXT NOT NULL DEFAULT '' CHECK (length(message_to_child) <= 5000),
            message_to_parent TEXT NOT NULL DEFAULT '' CHECK (length(message_to_parent) <= 5000),
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            updated_by INTEGER REFERENCES users(id),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""")
    db.execute("""
        CREATE TABLE statement_answers (
            statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
            text TEXT NOT NULL DEFAULT '' CHECK (length(text) <= 10000),
            PRIMARY KEY (statement_id, position)
        )""")
    # ... and each finalised version as it was delivered (never changed afterwards)
    db.execute("""
        CREATE TABLE statement_versions (
            id INTEGER PRIMARY KEY,
            statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            version INTEGER NOT NULL CHECK (version >= 1),
            -- why a finalised statement was changed; '' for the first version
            reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
            recommendations TEXT NOT NULL DEFAULT '',
            next_steps TEXT NOT NULL DEFAULT '',
            message_to_child TEXT NOT NULL DEFAULT '',
            message_to_parent TEXT NOT NULL DEFAULT '',
            -- who took part, as JSON, as it was when the version was finalised
            participants TEXT NOT NULL DEFAULT '{}',
            finalised_by INTEGER NOT NULL REFERENCES users(id),
            finalised_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (statement_id, version)
        )""")
    db.execute("CREATE INDEX statement_versions_consultation ON statement_versions(consultation_id)")
    db.execute("""
        CREATE TABLE statement_version_answers (
            version_id INTEGER NOT NULL REFERENCES statement_versions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            PRIMARY KEY (version_id, position)
        )""")

    # -- how the message reached each child (and parent): one row per recipient --
    db.execute("""
        CREATE TABLE message_deliveries (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            -- 'views-<id>' for a person with a views record, else 'child' or 'parent'
            recipient TEXT NOT NULL,
            views_id INTEGER REFERENCES views(id) ON DELETE SET NULL,
            how TEXT NOT NULL CHECK (how IN ('in_person', 'letter', 'meeting', 'not_delivered')),
            reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
            statement_version_id INTEGER REFERENCES statement_versions(id),
            marked_by INTEGER NOT NULL REFERENCES users(id),
            marked_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (consultation_id, recipient)
        )""")
    # -- three months after: did what the child wished for happen --
    db.execute("""
        CREATE TABLE follow_ups (
            consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
            outcome TEXT NOT NULL CHECK (outcome IN ('yes', 'partly', 'no', 'dont_know')),
            comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
            answered_by INTEGER NOT NULL REFERENCES users(id),
            answered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""")

    # -- emails waiting to be sent by `flask send-mail`: a link and a few
    # harmless parameters (case code, dates), never a child's words --
    db.execute("""
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            kind TEXT NOT NULL,
            link TEXT NOT NULL,
            params TEXT NOT NULL DEFAULT '{}',
            -- the same reminder is queued once (e.g. 'follow_up_due:12')
            dedupe_key TEXT UNIQUE,
            status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            sent_at TEXT
        )""")
    db.execute("CREATE INDEX outbox_status ON outbox(status, id)")
