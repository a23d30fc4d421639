"""The worker checks before it locks, and corrections keep the earlier words.

- `views.status` gets 'handed_over': the person pressed "Finished" on their
  own screen (the tablet, or the worker's "show to the child"); the worker
  reviews every answer, records how the views were found out and finishes.
  `views` is rebuilt for the new CHECK, every row kept.
- `view_answer_history`: the value an answer had before the worker corrected
  it (a typo, or who may see it, when the person asks) after the hand-over or
  the finish. One row per change; rows are never updated (a trigger refuses),
  and they go with their views record (ON DELETE CASCADE).
"""
from migrations.rebuild import rebuild_table, table_sql

NEEDS_FOREIGN_KEYS_OFF = True

OLD_STATUS = "CHECK (status IN ('draft', 'finished'))"
NEW_STATUS = "CHECK (status IN ('draft', 'handed_over', 'finished'))"


def migrate(db):
    sql = table_sql(db, "views")
    if sql.count(OLD_STATUS) != 1:
        raise ValueError(f"expected {OLD_STATUS!r} once in the views table")
    rebuild_table(db, "views", sql.replace(OLD_STATUS, NEW_STATUS))
    db.execute("""
        CREATE TABLE view_answer_history (
            id INTEGER PRIMARY KEY,
            views_id INTEGER NOT NULL REFERENCES views(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            -- the answer as it was before this change (the person's own words)
            choice TEXT,
            text TEXT NOT NULL DEFAULT '' CHECK (length(text) <= 5000),
            declined INTEGER NOT NULL DEFAULT 0 CHECK (declined IN (0, 1)),
            visibility TEXT NOT NULL CHECK (visibility IN ('panel', 'worker')),
            -- who changed it, and when
            changed_by INTEGER REFERENCES users(id),
            changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""")
    db.execute("CREATE INDEX view_answer_history_views ON view_answer_history(views_id, question_id, id)")
    db.execute("""
        CREATE TRIGGER view_answer_history_no_update BEFORE UPDATE ON view_answer_history
        BEGIN SELECT RAISE(ABORT, 'view_answer_history is append-only'); END""")
