"""Feedback surveys: requests (who was asked), the yearly rounds, family
feedback codes and their short-lived sessions, and the anonymous responses.

The responses and their answers have no link to a request, a user, a
consultation, a meeting or a time: only panel, survey and version,
respondent group, period (a month, or a yearly round) and the answers. Their
ids are random and the tables have no implicit rowid (WITHOUT ROWID), so
nothing stored tells the order in which they arrived. See surveys/storage.py
for how a request is marked used without telling which response was its.
"""


def migrate(db):
    db.execute("""
        CREATE TABLE survey_rounds (
            id INTEGER PRIMARY KEY,
            panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
            year INTEGER NOT NULL,
            -- the period its responses form, e.g. '2027-round'
            period TEXT NOT NULL,
            sent_on TEXT NOT NULL,      -- YYYY-MM-DD
            closes_on TEXT NOT NULL,    -- its requests can be used until this day
            sent_by INTEGER REFERENCES users(id),
            UNIQUE (panel_id, year),
            UNIQUE (panel_id, period)
        )""")
    db.execute("""
        CREATE TABLE survey_requests (
            id INTEGER PRIMARY KEY,
            panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
            survey_id TEXT NOT NULL,
            -- the version sent (created with the request, never at answering time)
            version_id INTEGER NOT NULL REFERENCES questionnaire_versions(id),
            respondent_group TEXT NOT NULL CHECK (respondent_group IN ('expert', 'professional', 'child', 'parent')),
            -- the month it was sent ('YYYY-MM') or its round's period: the response rate's period
            period TEXT NOT NULL,
            -- staff: the user asked; a family's request has a views record instead
            user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
            views_id INTEGER REFERENCES views(id) ON DELETE CASCADE,
            consultation_id INTEGER REFERENCES consultations(id) ON DELETE CASCADE,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
            round_id INTEGER REFERENCES survey_rounds(id) ON DELETE CASCADE,
            -- one request per person per consultation / meeting / round / views record
            once_key TEXT NOT NULL UNIQUE,
            created_on TEXT NOT NULL,   -- YYYY-MM-DD
            expires_on TEXT NOT NULL,   -- usable through this day
            reminded_on TEXT,
            -- used or not, and nothing else: no time, no order (surveys/storage.py)
            used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
            CHECK ((user_id IS NULL) != (views_id IS NULL))
        )""")
    db.execute("CREATE INDEX survey_requests_user ON survey_requests(user_id, used)")
    db.execute("CREATE INDEX survey_requests_consultation ON survey_requests(consultation_id)")
    db.execute("CREATE INDEX survey_requests_rate ON survey_requests(panel_id, period, respondent_group, used)")
    db.execute("CREATE INDEX survey_requests_reminders ON survey_requests(used, reminded_on, created_on)")
    # A child's or a parent's code: stored only as an HMAC, like a tablet code.
    db.execute("""
        CREATE TABLE survey_codes (
            id INTEGER PRIMARY KEY,
            code_hash TEXT NOT NULL UNIQUE,
            request_id INTEGER NOT NULL REFERENCES survey_requests(id) ON DELETE CASCADE,
            created_by INTEGER NOT NULL REFERENCES users(id),
            -- Unix seconds (REAL), compared with time.time()
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            -- a session was started with it (no time: see surveys/storage.py)
            redeemed INTEGER NOT NULL DEFAULT 0 CHECK (redeemed IN (0, 1)),
            cancelled_at REAL
        )""")
    db.execute("CREATE INDEX survey_codes_request ON survey_codes(request_id)")
    # A family's answering session on a tablet; the row is deleted when it ends,
    # so no time of answering stays behind. The answers so far travel in the
    # screens' forms, never stored before the one final submit.
    db.execute("""
        CREATE TABLE survey_sessions (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            code_id INTEGER NOT NULL UNIQUE REFERENCES survey_codes(id) ON DELETE CASCADE,
            lang TEXT NOT NULL,
            last_seen REAL NOT NULL
        )""")
    db.execute("""
        CREATE TABLE survey_responses (
            id TEXT PRIMARY KEY,        -- random, never a sequence
            panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
            survey_id TEXT NOT NULL,
            version_id INTEGER NOT NULL REFERENCES questionnaire_versions(id),
            respondent_group TEXT NOT NULL CHECK (respondent_group IN ('expert', 'professional', 'child', 'parent')),
            -- the month answered ('YYYY-MM') or a yearly round ('YYYY-round')
            period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
                                        OR period GLOB '[0-9][0-9][0-9][0-9]-round')
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX survey_responses_report ON survey_responses(panel_id, period, survey_id, respondent_group)")
    db.execute("""
        CREATE TABLE survey_answers (
            response_id TEXT NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            choice TEXT,
            text TEXT NOT NULL DEFAULT '' CHECK (length(text) <= 2000),
            PRIMARY KEY (response_id, question_id)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX survey_answers_question ON survey_answers(question_id, choice)")
