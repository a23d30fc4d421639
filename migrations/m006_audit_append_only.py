"""The audit log is append-only: UPDATE and DELETE of its lines are refused.

The triggers belong to the table: dropping the table (demo-data --reset
erases everything that way) drops them too, and the migrations make them
again. An index serves the log's filter by consultation and the coalescing
of autosave lines (participation.storage).
"""

APPEND_ONLY = "RAISE(ABORT, 'audit_log is append-only')"


def migrate(db):
    db.execute(f"""
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT {APPEND_ONLY}; END""")
    db.execute(f"""
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT {APPEND_ONLY}; END""")
    db.execute("CREATE INDEX audit_log_consultation ON audit_log(consultation_id, at)")
