"""All SQL the reports read (the page, its charts, the exports, the CLI): the
answers counted (`answer_counts`, whole range, per quarter, per panel), the
responses per group, the comments, the versions one may choose, and the
data's version. The surveys' own writes are in surveys/storage.py.

Every read counts released responses only, with one WHERE clause
(`_released_where`), so the page, its charts and the exports can never
disagree about what is released.

The data's version (`data_version`) is what the report model's cache is
keyed by (surveys/chart_cache.py). A response is written once with all its
answers in one transaction and never updated, and it always goes to the
period it is given in: the current month, or a yearly round still open
(surveys/storage.py: submit). A period is released only after it has closed
and the grace days have passed (surveys/periods.py), so no response can
ever be added to a released period: the released responses behind the
filters change only when the release boundary moves (a month released, a
round closed) or a round's closing day changes. The data's version is that
boundary and the released rounds of the panels, read in one index seek;
with the filters, the language and the scope it names one model. (Restoring
a backup or `demo-data --reset` replaces the data under a running app:
restart it, as the backup instructions say.) What a chart itself shows is
in its spec, and its ETag is a digest of that spec (routes_report.py).
"""
from db import marks, month_range
from surveys import periods

def _released_where(today, grace_days, panel_ids, from_month, to_month, survey_ids, version_ids, rounds):
    """The WHERE clause (on survey_responses AS s) of released responses and its parameters."""
    where = ["""((s.period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND s.period < ?)
                 OR s.period IN (SELECT period FROM survey_rounds sr WHERE sr.panel_id = s.panel_id
                                 AND sr.closes_on <= ?))"""]
    params = [periods.released_before(today, grace_days), str(periods.round_cutoff(today, grace_days))]
    if not rounds:
        where.append("s.period NOT GLOB '*-round'")
    if panel_ids is not None:
        panel_ids = list(panel_ids)
        where.append(f"s.panel_id IN ({marks(panel_ids)})")
        params += panel_ids
    months, month_params = month_range("s.period", from_month, to_month)
    where += months
    params += month_params
    for column, values in (("survey_id", survey_ids), ("version_id", version_ids)):
        if values is not None:
            values = list(values)
            where.append(f"s.{column} IN ({marks(values)})")
            params += values
    return " AND ".join(where), params


def answer_counts(db, *, today, grace_days, panel_ids=None, from_month=None, to_month=None, survey_ids=None,
                  version_ids=None, rounds=True):
    """Released answers counted in SQL: [{survey_id, version_id, group,
    question_id, choice, has_text, count}] (a round's period '2027-round'
    counts as January of its year for `from_month`/`to_month`)."""
    where, params = _released_where(today, grace_days, panel_ids, from_month, to_month, survey_ids,
                                    version_ids, rounds)
    return list(db.query(f"""
        SELECT s.survey_id, s.version_id, s.respondent_group AS "group", a.question_id, a.choice,
               a.text != '' AS has_text, count(*) AS count
        FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
        WHERE {where}
        GROUP BY s.survey_id, s.version_id, s.respondent_group, a.question_id, a.choice, a.text != ''""", params))


def response_counts(db, *, today, grace_days, **filters):
    """Released responses per survey and group: [{survey_id, group, responses}]."""
    where, params = _released_where(today, grace_days, filters.get("panel_ids"), filters.get("from_month"),
                                    filters.get("to_month"), filters.get("survey_ids"), filters.get("version_ids"),
                                    filters.get("rounds", True))
    return list(db.query(f"""SELECT s.survey_id, s.respondent_group AS "group", count(*) AS responses
                             FROM survey_responses s WHERE {where} GROUP BY 1, 2""", params))


# the month's quarter: '2026-05' -> '2026-Q2' (a yearly round is no quarter: left out of the trend)
QUARTER_SQL = "substr(s.period, 1, 4) || '-Q' || ((CAST(substr(s.period, 6, 2) AS INTEGER) + 2) / 3)"


def _where(today, grace_days, panel_ids, from_month, to_month, version_ids, rounds=True):
    return _released_where(today, grace_days, panel_ids, from_month, to_month, None, version_ids, rounds)


def _questions(question_ids):
    if question_ids is None:
        return "", []
    question_ids = list(question_ids)
    return f" AND a.question_id IN ({marks(question_ids)})", question_ids


def quarterly_counts(db, *, today, grace_days, panel_ids=None, from_month=None, to_month=None, version_ids=None,
                     question_ids=None):
    """Released answers of the monthly periods counted per quarter: the rows of
    answer_counts with `quarter` ('2026-Q2'). The yearly rounds are
    a period of their own, not a quarter, and are left out."""
    where, params = _where(today, grace_days, panel_ids, from_month, to_month, version_ids, rounds=False)
    only, more = _questions(question_ids)
    return list(db.query(f"""
        SELECT {QUARTER_SQL} AS quarter, s.survey_id, s.version_id, s.respondent_group AS "group", a.question_id,
               a.choice, a.text != '' AS has_text, count(*) AS count
        FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
        WHERE {where}{only}
        GROUP BY 1, s.survey_id, s.version_id, s.respondent_group, a.question_id, a.choice, a.text != ''""",
                         params + more))


def panel_counts(db, *, today, grace_days, panel_ids, from_month=None, to_month=None, version_ids=None,
                 question_ids=None):
    """Released answers per panel: the rows of answer_counts with `panel_id`."""
    where, params = _where(today, grace_days, panel_ids, from_month, to_month, version_ids)
    only, more = _questions(question_ids)
    return list(db.query(f"""
        SELECT s.panel_id, s.survey_id, s.version_id, s.respondent_group AS "group", a.question_id, a.choice,
               a.text != '' AS has_text, count(*) AS count
        FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
        WHERE {where}{only}
        GROUP BY s.panel_id, s.survey_id, s.version_id, s.respondent_group, a.question_id, a.choice,
                 a.text != ''""", params + more))


def version_choices(db, *, panel_ids):
    """The survey versions answered in `panel_ids`, for the version filter:
    [{version_id, survey_id, version}], by survey and version. One index seek
    per stored survey version (survey_responses_version, m012)."""
    panel_ids = list(panel_ids)
    return list(db.query(f"""
        SELECT v.id AS version_id, v.questionnaire_id AS survey_id, v.version
        FROM questionnaire_versions v
        WHERE EXISTS (SELECT 1 FROM survey_responses s
                      WHERE s.panel_id IN ({marks(panel_ids)}) AND s.version_id = v.id)
        ORDER BY v.questionnaire_id, v.version""", panel_ids))


def data_version(db, *, today, grace_days, panel_ids=None, **_filters):
    """A short text that changes whenever the released data behind the filters
    can have changed (see the module docstring): 'last released month|round
    cut-off day|released rounds of the panels'. No count of responses: a
    released period takes no new response, so the boundary is enough, and the
    read stays one index seek however many responses there are."""
    before, cutoff = periods.released_before(today, grace_days), str(periods.round_cutoff(today, grace_days))
    where, params = "", []
    if panel_ids is not None:
        panel_ids = list(panel_ids)
        where, params = f" AND panel_id IN ({marks(panel_ids)})", panel_ids
    rounds = db.execute(f"SELECT group_concat(id || ':' || closes_on) FROM (SELECT id, closes_on FROM survey_rounds "
                        f"WHERE closes_on <= ?{where} ORDER BY id)", [cutoff] + params).fetchone()[0]
    return f"{before}|{cutoff}|{rounds or ''}"


def panel_names(db, panel_ids):
    """{panel_id: name} of `panel_ids`."""
    panel_ids = list(panel_ids)
    return {row["id"]: row["name"] for row in db.query(
        f"SELECT id, name FROM panels WHERE id IN ({marks(panel_ids)}) ORDER BY id", panel_ids)}


def comment_ids(db, question_id, group, *, limit, today, grace_days, panel_ids=None, from_month=None,
                to_month=None, version_ids=None):
    """([response id], total) of one group's released free-text answers to `question_id`:
    the ids of at most `limit` of them, in the order of the random response ids (which tells
    nothing), and how many there are. Ids and a count only: what the report keeps between
    requests (the words themselves are read for each view: comment_texts)."""
    where, params = _where(today, grace_days, panel_ids, from_month, to_month, version_ids)
    sql = f"""FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
              WHERE {where} AND s.respondent_group = ? AND a.question_id = ? AND a.text != ''"""
    params = params + [group, question_id]
    total = db.execute(f"SELECT count(*) {sql}", params).fetchone()[0]
    ids = [row[0] for row in db.execute(f"SELECT s.id {sql} ORDER BY s.id LIMIT ?", params + [limit])]
    return ids, total


def comment_texts(db, question_id, response_ids):
    """The free-text answers to `question_id` of `response_ids` (comment_ids), in their order:
    one primary-key seek each."""
    response_ids = list(response_ids)
    return [row[0] for row in db.execute(
        f"""SELECT text FROM survey_answers WHERE question_id = ? AND response_id IN ({marks(response_ids)})
            AND text != '' ORDER BY response_id""", [question_id] + response_ids)]


def comments(db, question_id, group, *, limit, **filters):
    """([text], total) of one group's released free-text answers to `question_id` (comment_ids' answers)."""
    ids, total = comment_ids(db, question_id, group, limit=limit, **filters)
    return comment_texts(db, question_id, ids), total
