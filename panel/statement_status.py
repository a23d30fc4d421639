"""Where a consultation's statement stands on a day, for the consultation
page, the social worker's list, the coordinator's statements page and the
reminders: read-only, built from panel.statement_storage and the rules."""
from db import marks
from panel import statement_rules as rules
from panel import statement_storage as storage
from panel.storage import CONSULTATION_LIST_SQL
from participation.storage import list_views_many


def status(db, consultation, today):
    """A dict about `consultation` (a row with id, meeting_id and
    meeting_starts_at or meeting) on `today`:

    has_draft, versions, latest (the latest version without content, or
    None), meeting_held, meeting_day, recipients, deliveries, undelivered
    (recipients not marked delivered), unmarked (not marked at all),
    undelivered_overdue (shown to the coordinator: two weeks after the
    meeting), follow_up (the answer or None), follow_up_due_on,
    follow_up_asked (the question applies), follow_up_open (due and unanswered).
    """
    return statuses(db, [consultation], today)[consultation["id"]]


def statuses(db, consultations, today):
    """{consultation id: status(...)} of many consultations, one statement per
    kind of row for all of them (a list runs as many for 1 row as for 300)."""
    ids = [c["id"] for c in consultations]
    versions = storage.versions_many(db, ids)
    with_versions = [cid for cid in ids if versions[cid]]
    drafts = storage.drafts_of(db, ids)
    held = storage.held_meetings(db, [c["meeting_id"] for c in consultations])
    views = list_views_many(db, with_versions) if with_versions else {}
    deliveries = storage.deliveries_many(db, with_versions) if with_versions else {}
    follow_ups = storage.follow_ups_many(db, with_versions) if with_versions else {}
    found = {}
    for consultation in consultations:
        cid = consultation["id"]
        meeting = consultation.get("meeting") or {}
        starts_at = meeting.get("starts_at") or consultation.get("meeting_starts_at")
        shown = [{k: v for k, v in row.items() if k not in ("message_to_child", "message_to_parent")}
                 for row in versions[cid]]
        one = {"has_draft": cid in drafts, "versions": shown, "latest": shown[-1] if shown else None,
               "meeting_held": consultation["meeting_id"] in held,
               "meeting_day": rules.as_date(starts_at) if starts_at else None,
               "recipients": [], "deliveries": {}, "undelivered": [], "unmarked": [],
               "undelivered_overdue": False, "follow_up": None, "follow_up_due_on": None,
               "follow_up_asked": False, "follow_up_open": False}
        found[cid] = one
        if not shown or not starts_at:
            continue
        day, latest = one["meeting_day"], versions[cid][-1]
        one["recipients"] = rules.recipients(views[cid], latest["message_to_child"], latest["message_to_parent"])
        one["deliveries"] = deliveries[cid]
        one["undelivered"] = rules.undelivered(one["recipients"], one["deliveries"])
        one["unmarked"] = rules.unmarked(one["recipients"], one["deliveries"])
        one["undelivered_overdue"] = bool(one["undelivered"]) and today >= rules.undelivered_shown_from(day)
        one["follow_up"] = follow_ups.get(cid)
        one["follow_up_due_on"] = rules.follow_up_due_on(day)
        one["follow_up_asked"] = rules.child_gave_views(views[cid])
        one["follow_up_open"] = (one["follow_up_asked"] and one["follow_up"] is None
                                 and today >= one["follow_up_due_on"])
    return found


def _with_status(db, rows, today):
    found = statuses(db, rows, today)
    for row in rows:
        row["statement"] = found[row["id"]]
    return rows


def held_consultations(db, panel_ids, today):
    """The consultations (not cancelled) of the panels' meetings that have
    started by `today`, the latest meeting first, each with its "statement"."""
    panel_ids = list(panel_ids)
    rows = list(db.query(CONSULTATION_LIST_SQL + f"""
        WHERE c.panel_id IN ({marks(panel_ids)}) AND c.status != 'cancelled'
          AND substr(m.starts_at, 1, 10) <= ? ORDER BY m.starts_at DESC, c.id""",
                         panel_ids + [str(rules.as_date(today))]))
    return _with_status(db, rows, today)


def worker_tasks(db, social_worker_id, panel_ids, today):
    """What the social worker is asked to do: mark how the message reached
    the child (delivered statements with recipients not marked), and the
    follow-up question when due. [(consultation row with "statement")]."""
    panel_ids = list(panel_ids)
    rows = list(db.query(CONSULTATION_LIST_SQL + f"""
        WHERE c.social_worker_id = ? AND c.panel_id IN ({marks(panel_ids)})
          AND c.status != 'cancelled'
          AND EXISTS (SELECT 1 FROM statement_versions v WHERE v.consultation_id = c.id)
        ORDER BY m.starts_at, c.id""", [social_worker_id] + panel_ids))
    rows = _with_status(db, rows, today)
    return [r for r in rows if r["statement"]["unmarked"] or r["statement"]["follow_up_open"]]
