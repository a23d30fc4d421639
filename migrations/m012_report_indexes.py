"""The report's reads answered from indexes (issue 13).

- `survey_responses_cover` replaces m010's `survey_responses_report` (panel,
  period, survey, group: its prefix) and adds `version_id`: the report's
  counts, the version filter and the data's version of the chart cache
  (surveys/report_storage.py) then read the index alone (EXPLAIN QUERY PLAN:
  "USING COVERING INDEX") instead of visiting each response's row.
- `survey_responses_version` (panel, version): the versions one may choose
  in the report's filter are one seek per stored version, not a scan of
  every response.
"""


def migrate(db):
    db.execute("""CREATE INDEX survey_responses_cover
                  ON survey_responses(panel_id, period, survey_id, respondent_group, version_id)""")
    db.execute("DROP INDEX survey_responses_report")
    db.execute("CREATE INDEX survey_responses_version ON survey_responses(panel_id, version_id)")
