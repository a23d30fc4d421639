"""All SQL about meetings and consultations. Plain functions returning dicts."""


def get_consultation(db, consultation_id):
    """One consultation with its questions and meeting, or None.

    Keys: id, panel_id, meeting_id, case_code, social_worker_id, child_age,
    background, status, late_reason, documents_received_at, created_at,
    created_by, questions (list of {position, text}), meeting (dict or None).
    """
    rows = list(db["consultations"].rows_where("id = ?", [consultation_id]))
    if not rows:
        return None
    consultation = rows[0]
    consultation["questions"] = list(db.query(
        "SELECT position, text FROM consultation_questions WHERE consultation_id = ? ORDER BY position",
        [consultation_id]))
    meetings = list(db["meetings"].rows_where("id = ?", [consultation["meeting_id"]])) if consultation["meeting_id"] else []
    consultation["meeting"] = meetings[0] if meetings else None
    return consultation
