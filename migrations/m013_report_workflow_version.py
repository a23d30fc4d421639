"""A version number of the workflow data the report's child's-voice figures read (issue 13's benchmark).

The figures (surveys/child_voice_storage.py) count consultations, meetings,
views, attendance, statement versions, message deliveries, follow-ups and
survey requests: about 100 ms for every panel at 2,000 consultations and
125,000 requests, on every view of the report. `report_workflow_version`
holds one number, raised by a trigger whenever a row they read is added,
removed or changes in a column they read, so the figures can be kept per
process by that number (surveys/routes_report.py) and read again only after
a change. A change of any other column (a view's `updated_at` on every
autosave, a meeting's notes) leaves the number alone: `UPDATE OF` the read
columns only, and only when a value really changed.

The columns are written out here, as they were read when this migration
landed; a later change to what the figures read adds its columns in a new
migration (tests/test_report_workflow_version.py checks every pair below).
A table rebuilt by a later migration (migrations/rebuild.py) loses its
triggers: that migration must create them again.
"""

# table: the columns the child's-voice figures read (its id and the keys it is joined by included)
READ_COLUMNS = {
    "consultations": ("id", "panel_id", "meeting_id", "status", "child_age"),
    "meetings": ("id", "starts_at", "cancelled", "held_at"),
    "views": ("id", "consultation_id", "person", "band", "status", "refused"),
    "consultation_attendance": ("consultation_id", "child_joined", "parents_joined"),
    "statement_versions": ("id", "consultation_id", "version", "message_to_child"),
    "message_deliveries": ("id", "consultation_id", "recipient", "how", "marked_at"),
    "follow_ups": ("consultation_id", "outcome"),
    "survey_requests": ("id", "panel_id", "respondent_group", "period", "expires_on", "used"),
}

BUMP = "UPDATE report_workflow_version SET version = version + 1"


def migrate(db):
    db.execute("""CREATE TABLE report_workflow_version (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      version INTEGER NOT NULL)""")
    db.execute("INSERT INTO report_workflow_version (id, version) VALUES (1, 1)")
    for table, columns in READ_COLUMNS.items():
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
        for event, when in (("INSERT", ""), ("DELETE", ""),
                            (f"UPDATE OF {', '.join(columns)}", f" WHEN {changed}")):
            name = f"{table}_report_version_{event.split()[0].lower()}"
            db.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table}{when} BEGIN {BUMP}; END")
