"""The report's numbers from the database: released answers counted in SQL,
summarised per survey, question and group by the engine (surveys/summary.py).

The one loader the report page, its charts, the exports and the CLI share:

    rows = report_data.summaries(db, filters, today=today, grace_days=grace)
    # [QuestionSummary] per (survey, question, group), in the definitions' order
    joined = summary.combine(rows)   # per (question, group) across surveys
"""
from surveys import report_storage, storage, summary


def summaries(db, filters, *, today, grace_days):
    """QuestionSummary per (survey_id, question_id, group) of the released
    responses that match `filters` (surveys.report_filters.Filters)."""
    rows = report_storage.answer_counts(db, today=today, grace_days=grace_days, **filters.storage_kwargs())
    versions = {vid: v["definition"] for vid, v in storage.load_versions(db, {r["version_id"] for r in rows}).items()}
    return summary.summarise(rows, versions)
