"""Tablet mode: one-time codes (stored hashed), tablet sessions, the guessing throttle."""


def migrate(db):
    db.execute("""
        CREATE TABLE tablet_codes (
            id INTEGER PRIMARY KEY,
            -- HMAC-SHA256(secret key, code): the code itself is never stored
            code_hash TEXT NOT NULL UNIQUE,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            -- the person who answers (participation's views record: a child of a band, or a parent)
            views_id INTEGER NOT NULL REFERENCES views(id) ON DELETE CASCADE,
            created_by INTEGER NOT NULL REFERENCES users(id),
            -- times are Unix seconds (REAL), compared with time.time()
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            used_at REAL,
            cancelled_at REAL
        )""")
    db.execute("CREATE INDEX tablet_codes_consultation ON tablet_codes(consultation_id, views_id)")
    db.execute("""
        CREATE TABLE tablet_sessions (
            id INTEGER PRIMARY KEY,
            -- SHA-256 of the random cookie value
            token_hash TEXT NOT NULL UNIQUE,
            code_id INTEGER NOT NULL UNIQUE REFERENCES tablet_codes(id) ON DELETE CASCADE,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            views_id INTEGER NOT NULL REFERENCES views(id) ON DELETE CASCADE,
            lang TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
            started_at REAL NOT NULL,
            last_seen REAL NOT NULL,
            ended_at REAL,
            end_reason TEXT CHECK (end_reason IN ('finished', 'idle', 'cancelled'))
        )""")
    db.execute("CREATE INDEX tablet_sessions_views ON tablet_sessions(views_id)")
    db.execute("""
        CREATE TABLE tablet_failures (
            id INTEGER PRIMARY KEY,
            address TEXT NOT NULL,
            at REAL NOT NULL
        )""")
    db.execute("CREATE INDEX tablet_failures_address ON tablet_failures(address, at)")
    db.execute("CREATE INDEX tablet_failures_at ON tablet_failures(at)")
