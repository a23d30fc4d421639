"""All SQL of the report's child's-voice figures: counts of the consultations
handled at a held meeting, of their views, the family's 30 minutes, the
message back to the child, the follow-up and the survey response rates.

Plain functions taking `db` and returning dicts of counts, counted in SQL.
Each reads the same base: the consultations (not cancelled) of `panel_ids`
whose meeting (not cancelled) has been marked held and starts in the months
`from_month`..`to_month` ('YYYY-MM', None: open). Where each fact lives:

- views: one record per person (person 'child' or 'parent', its band), with
  status 'handed_over' or 'finished' once the person has answered, and
  `refused` when a child chose not to take part (asked, but no views);
- consultation_attendance: whether the child or the parents joined the
  first 30 minutes (marked with the meeting held);
- statement_versions / message_deliveries: the latest finalised version's
  message to the child and how the social worker marked it reached each
  child (panel.statement_rules.recipients says who is a recipient);
- follow_ups: the social worker's answer three months after the meeting;
- survey_requests: requests sent and used per respondent group.

`workflow_version` is the number the figures are cached by
(surveys/routes_report.py): triggers of migration m013 raise it whenever a
row of these tables is added or removed, or a column read here changes. A
query here that reads a new column needs that column in the triggers (a new
migration), or the cache would keep showing the old figures.
"""
from db import marks, month_range

CHILD_HAS_VIEWS = """EXISTS (SELECT 1 FROM views v WHERE v.consultation_id = b.id AND v.person = 'child'
                      AND v.status IN ('handed_over', 'finished') AND v.refused = 0)"""
# statement_rules.gave_views: the children a message is for (finished, not refused)
CHILD_GAVE_VIEWS = """EXISTS (SELECT 1 FROM views v WHERE v.consultation_id = b.id AND v.person = 'child'
                       AND v.status = 'finished' AND v.refused = 0)"""


def workflow_version(db):
    """The version of everything the figures read (m013): one row, one statement."""
    return db.execute("SELECT version FROM report_workflow_version").fetchone()[0]


def _base(panel_ids, from_month, to_month):
    """The WITH clause `base(id, child_age, meeting_day)` and its parameters."""
    panel_ids = list(panel_ids)
    where = [f"c.panel_id IN ({marks(panel_ids)})", "c.status != 'cancelled'", "m.cancelled = 0",
             "m.held_at IS NOT NULL"]
    months, month_params = month_range("m.starts_at", from_month, to_month)
    where += months
    params = panel_ids + month_params
    return (f"""base AS (SELECT c.id, c.child_age, substr(m.starts_at, 1, 10) AS meeting_day
                         FROM consultations c JOIN meetings m ON m.id = c.meeting_id
                         WHERE {' AND '.join(where)})""", params)


def views_by_band(db, *, panel_ids, from_month, to_month, age_bands):
    """Consultations per child band and how many of them have a child's views:
    {band: {"consultations": n, "with_views": n}}. `age_bands` is
    {age: band} (from the definitions), the band each child's age counts in."""
    base, params = _base(panel_ids, from_month, to_month)
    pairs = sorted(age_bands.items())
    values = ", ".join("(?, ?)" for _ in pairs) or "(NULL, NULL)"
    rows = db.query(f"""
        WITH {base}, age_band(age, band) AS (VALUES {values})
        SELECT ab.band, count(*) AS consultations, sum({CHILD_HAS_VIEWS}) AS with_views
        FROM base b JOIN age_band ab ON ab.age = b.child_age
        GROUP BY ab.band""", params + [x for pair in pairs for x in pair])
    return {r["band"]: {"consultations": r["consultations"], "with_views": r["with_views"]} for r in rows}


def parent_views(db, *, panel_ids, from_month, to_month):
    """All base consultations and how many have a parent's views per parent band:
    {"consultations": n, "by_band": {band: n}}."""
    base, params = _base(panel_ids, from_month, to_month)
    total = db.execute(f"WITH {base} SELECT count(*) FROM base", params).fetchone()[0]
    rows = db.query(f"""
        WITH {base}
        SELECT v.band, count(DISTINCT v.consultation_id) AS consultations
        FROM base b JOIN views v ON v.consultation_id = b.id
        WHERE v.person = 'parent' AND v.status IN ('handed_over', 'finished') AND v.refused = 0
        GROUP BY v.band""", params)
    return {"consultations": total, "by_band": {r["band"]: r["consultations"] for r in rows}}


def family_joined(db, *, panel_ids, from_month, to_month):
    """{consultations, child, parent, either}: how many base consultations had
    the child, a parent, or either join the first 30 minutes."""
    base, params = _base(panel_ids, from_month, to_month)
    row = db.execute(f"""
        WITH {base}
        SELECT count(*), coalesce(sum(a.child_joined), 0), coalesce(sum(a.parents_joined), 0),
               coalesce(sum(a.child_joined OR a.parents_joined), 0)
        FROM base b LEFT JOIN consultation_attendance a ON a.consultation_id = b.id""", params).fetchone()
    return dict(zip(("consultations", "child", "parent", "either"), row))


def message_deliveries(db, *, panel_ids, from_month, to_month, delivered):
    """How the latest statement's message reached each child it is for:
    {"by_how": {how or "unmarked": n}, "recipients": n, "median_days": number
    or None, "timed": n}. The recipients are statement_rules.recipients'
    children: each child who gave views, or "the child" in general when the
    message has no record behind it. The days run from the meeting day to the
    day the social worker marked the message delivered (one of `delivered`)."""
    base, params = _base(panel_ids, from_month, to_month)
    delivered = list(delivered)
    recipients = f"""{base},
        latest AS (SELECT b.id AS consultation_id,
                          (SELECT sv.message_to_child FROM statement_versions sv WHERE sv.consultation_id = b.id
                           ORDER BY sv.version DESC LIMIT 1) AS message_to_child
                   FROM base b
                   WHERE EXISTS (SELECT 1 FROM statement_versions sv WHERE sv.consultation_id = b.id)),
        recipient AS (
            SELECT b.id AS consultation_id, 'views-' || v.id AS key, b.meeting_day
            FROM base b JOIN latest l ON l.consultation_id = b.id
            JOIN views v ON v.consultation_id = b.id AND v.person = 'child' AND v.status = 'finished'
                         AND v.refused = 0
            UNION ALL
            SELECT b.id, 'child', b.meeting_day FROM base b JOIN latest l ON l.consultation_id = b.id
            WHERE trim(l.message_to_child) != '' AND NOT {CHILD_GAVE_VIEWS}),
        marked AS (
            SELECT coalesce(d.how, 'unmarked') AS how,
                   max(CAST(julianday(substr(d.marked_at, 1, 10)) - julianday(r.meeting_day) AS INTEGER), 0) AS days
            FROM recipient r LEFT JOIN message_deliveries d
                 ON d.consultation_id = r.consultation_id AND d.recipient = r.key)"""
    by_how = {r["how"]: r["n"] for r in db.query(
        f"WITH {recipients} SELECT how, count(*) AS n FROM marked GROUP BY how", params)}
    median, timed = db.execute(f"""
        WITH {recipients},
        timed AS (SELECT days, row_number() OVER (ORDER BY days) AS k, count(*) OVER () AS n
                  FROM marked WHERE how IN ({marks(delivered)}))
        SELECT avg(days), max(n) FROM timed WHERE k IN ((n + 1) / 2, (n + 2) / 2)""",
                               params + delivered).fetchone()
    return {"by_how": by_how, "recipients": sum(by_how.values()), "median_days": median, "timed": timed or 0}


def follow_ups(db, *, panel_ids, from_month, to_month, due_by):
    """The follow-up's answers of the consultations it is asked for (a child
    gave views and the statement was finalised) whose meeting day is on or
    before `due_by` (the question is due), or that were answered already:
    {outcome or "unanswered": n}."""
    base, params = _base(panel_ids, from_month, to_month)
    rows = db.query(f"""
        WITH {base}
        SELECT coalesce(f.outcome, 'unanswered') AS outcome, count(*) AS n
        FROM base b LEFT JOIN follow_ups f ON f.consultation_id = b.id
        WHERE {CHILD_GAVE_VIEWS}
          AND EXISTS (SELECT 1 FROM statement_versions sv WHERE sv.consultation_id = b.id)
          AND (f.consultation_id IS NOT NULL OR b.meeting_day <= ?)
        GROUP BY 1""", params + [str(due_by)])
    return {r["outcome"]: r["n"] for r in rows}


def response_rates(db, *, panel_ids, from_month, to_month, today):
    """Feedback requests sent in the months and used, per respondent group:
    {group: {"sent": n, "used": n}}. A request still open on `today` and not
    used is left out (it may yet be answered); a yearly round counts as
    January of its year, as in the report's other figures."""
    panel_ids = list(panel_ids)
    where, params = [f"panel_id IN ({marks(panel_ids)})", "(used = 1 OR expires_on < ?)"], panel_ids + [str(today)]
    month = "(CASE WHEN period GLOB '*-round' THEN substr(period, 1, 4) || '-01' ELSE period END)"
    if from_month:
        where.append(f"{month} >= ?")
        params.append(from_month)
    if to_month:
        where.append(f"{month} <= ?")
        params.append(to_month)
    rows = db.query(f"""SELECT respondent_group AS "group", count(*) AS sent, sum(used) AS used
                        FROM survey_requests WHERE {' AND '.join(where)} GROUP BY respondent_group""", params)
    return {r["group"]: {"sent": r["sent"], "used": r["used"]} for r in rows}
