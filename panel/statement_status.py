"""Where a consultation's statement stands on a day, for the consultation
page, the social worker's list, the coordinator's statements page and the
reminders: read-only, built from panel.statement_storage and the rules."""
from panel import statement_rules as rules
from panel import statement_storage as storage
from panel.storage import CONSULTATION_LIST_SQL
from participation.storage import list_views


def status(db, consultation, today):
    """A dict about `consultation` (a row with id, meeting_starts_at or
    meeting) on `today`:

    has_draft, versions, latest (the latest version without content, or
    None), meeting_held, meeting_day, recipients, deliveries, undelivered
    (recipients not marked delivered), unmarked (not marked at all),
    undelivered_overdue (shown to the coordinator: two weeks after the
    meeting), follow_up (the answer or None), follow_up_due_on,
    follow_up_asked (the question applies), follow_up_open (due and unanswered).
    """
    meeting = consultation.get("meeting") or {}
    starts_at = meeting.get("starts_at") or consultation.get("meeting_starts_at")
    held = db.execute("SELECT held_at FROM meetings WHERE id = ?", [consultation["meeting_id"]]).fetchone()
    versions = storage.list_versions(db, consultation["id"])
    found = {"has_draft": db.execute("SELECT 1 FROM statements WHERE consultation_id = ?",
                                     [consultation["id"]]).fetchone() is not None,
             "versions": versions, "latest": versions[-1] if versions else None,
             "meeting_held": bool(held and held[0]), "meeting_day": rules.as_date(starts_at) if starts_at else None,
             "recipients": [], "deliveries": {}, "undelivered": [], "unmarked": [],
             "undelivered_overdue": False, "follow_up": None, "follow_up_due_on": None,
             "follow_up_asked": False, "follow_up_open": False}
    if not versions or not starts_at:
        return found
    day = found["meeting_day"]
    found["recipients"] = storage.recipients(db, consultation["id"])
    found["deliveries"] = storage.deliveries(db, consultation["id"])
    found["undelivered"] = rules.undelivered(found["recipients"], found["deliveries"])
    found["unmarked"] = rules.unmarked(found["recipients"], found["deliveries"])
    found["undelivered_overdue"] = bool(found["undelivered"]) and today >= rules.undelivered_shown_from(day)
    found["follow_up"] = storage.get_follow_up(db, consultation["id"])
    found["follow_up_due_on"] = rules.follow_up_due_on(day)
    found["follow_up_asked"] = rules.child_gave_views(list_views(db, consultation["id"]))
    found["follow_up_open"] = (found["follow_up_asked"] and found["follow_up"] is None
                               and today >= found["follow_up_due_on"])
    return found


def _with_status(db, rows, today):
    for row in rows:
        row["statement"] = status(db, row, today)
    return rows


def held_consultations(db, panel_ids, today):
    """The consultations (not cancelled) of the panels' meetings that have
    started by `today`, the latest meeting first, each with its "statement"."""
    panel_ids = list(panel_ids)
    rows = list(db.query(CONSULTATION_LIST_SQL + f"""
        WHERE c.panel_id IN ({','.join('?' * len(panel_ids)) or 'NULL'}) AND c.status != 'cancelled'
          AND substr(m.starts_at, 1, 10) <= ? ORDER BY m.starts_at DESC, c.id""",
                         panel_ids + [str(rules.as_date(today))]))
    return _with_status(db, rows, today)


def worker_tasks(db, social_worker_id, panel_ids, today):
    """What the social worker is asked to do: mark how the message reached
    the child (delivered statements with recipients not marked), and the
    follow-up question when due. [(consultation row with "statement")]."""
    panel_ids = list(panel_ids)
    rows = list(db.query(CONSULTATION_LIST_SQL + f"""
        WHERE c.social_worker_id = ? AND c.panel_id IN ({','.join('?' * len(panel_ids)) or 'NULL'})
          AND c.status != 'cancelled'
          AND EXISTS (SELECT 1 FROM statement_versions v WHERE v.consultation_id = c.id)
        ORDER BY m.starts_at, c.id""", [social_worker_id] + panel_ids))
    rows = _with_status(db, rows, today)
    return [r for r in rows if r["statement"]["unmarked"] or r["statement"]["follow_up_open"]]
