"""Panel calendar: the rule's date of a generated meeting, consultation timestamps."""


def migrate(db):
    # The date the calendar rule gave a generated meeting (NULL for meetings a
    # coordinator added). Generating a year again skips a rule date even when
    # the meeting has since been moved or cancelled, so nothing is duplicated.
    db.execute("ALTER TABLE meetings ADD COLUMN rule_date TEXT")
    db.execute("CREATE INDEX meetings_panel_rule_date ON meetings(panel_id, rule_date)")
    db.execute("ALTER TABLE consultations ADD COLUMN updated_at TEXT")
    db.execute("ALTER TABLE consultations ADD COLUMN cancelled_at TEXT")
    db.execute("CREATE INDEX consultations_social_worker ON consultations(social_worker_id)")
    db.execute("CREATE INDEX consultations_panel ON consultations(panel_id)")
