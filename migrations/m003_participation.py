"""The child's and the parent's views: questionnaire versions, one views record
per person, answers (the person's own words), drawings, the worker's notes."""


def migrate(db):
    db.execute("""
        CREATE TABLE questionnaire_versions (
            id INTEGER PRIMARY KEY,
            questionnaire_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            digest TEXT NOT NULL,
            -- the definition as JSON (wording keys = Finnish texts)
            definition TEXT NOT NULL,
            -- {key: {"fi", "sv", "en"}} as translated when the version was made
            texts TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (questionnaire_id, version),
            UNIQUE (questionnaire_id, digest)
        )""")
    db.execute("""
        CREATE TABLE views (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            person TEXT NOT NULL CHECK (person IN ('child', 'parent')),
            -- 1, 2, ... per person kind within the consultation ("Child 2"); never a name
            position INTEGER NOT NULL,
            band TEXT NOT NULL CHECK (band IN ('3-6', '7-12', '13-17', 'parent')),
            questionnaire_version_id INTEGER NOT NULL REFERENCES questionnaire_versions(id),
            language TEXT NOT NULL DEFAULT 'fi' CHECK (language IN ('fi', 'sv', 'en')),
            mode TEXT NOT NULL DEFAULT 'worker' CHECK (mode IN ('worker', 'tablet')),
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finished')),
            -- the child did not want to take part: counts as asked
            refused INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1)),
            method TEXT NOT NULL DEFAULT '' CHECK (method IN ('', 'discussion', 'play', 'drawing', 'tablet_alone',
                                                              'parent_present', 'other')),
            method_other TEXT NOT NULL DEFAULT '' CHECK (length(method_other) <= 500),
            asked_on TEXT,
            present TEXT NOT NULL DEFAULT '' CHECK (length(present) <= 500),
            request_key TEXT UNIQUE,
            created_by INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            finished_at TEXT,
            finished_by INTEGER REFERENCES users(id),
            UNIQUE (consultation_id, person, position)
        )""")
    db.execute("CREATE INDEX views_consultation ON views(consultation_id)")
    db.execute("""
        CREATE TABLE view_answers (
            id INTEGER PRIMARY KEY,
            views_id INTEGER NOT NULL REFERENCES views(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            choice TEXT,
            -- the person's own words, stored as typed
            text TEXT NOT NULL DEFAULT '' CHECK (length(text) <= 5000),
            declined INTEGER NOT NULL DEFAULT 0 CHECK (declined IN (0, 1)),
            visibility TEXT NOT NULL DEFAULT 'panel' CHECK (visibility IN ('panel', 'worker')),
            -- set by the worker: needs attention before the meeting (question 2)
            worry INTEGER NOT NULL DEFAULT 0 CHECK (worry IN (0, 1)),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (views_id, question_id)
        )""")
    db.execute("""
        CREATE TABLE view_drawings (
            id INTEGER PRIMARY KEY,
            views_id INTEGER NOT NULL REFERENCES views(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            png BLOB NOT NULL CHECK (length(png) <= 2097152),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (views_id, question_id)
        )""")
    db.execute("""
        CREATE TABLE view_notes (
            id INTEGER PRIMARY KEY,
            views_id INTEGER NOT NULL REFERENCES views(id) ON DELETE CASCADE,
            question_id TEXT,
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
            author_id INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""")
