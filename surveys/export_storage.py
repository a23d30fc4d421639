"""The summary export's read and its audit line, in one transaction: the
report page's download links (surveys/routes_export.py) and the
`flask export-summary` command (surveys/export_cli.py) both call this."""
from accounts.storage import write_audit
from db import immediate
from surveys import export, report_data

EXPORTED = "survey.summary_exported"


def audit_detail(fmt, filters):
    """The audit line's detail: the format and the filters' ids and months, nothing else."""
    return f"{fmt}; {filters.audit_text()}"


def export_rows(db, filters, fmt, *, user_id, today, grace_days, min_n):
    """[export.Row] of the released responses matching `filters`, audit-logged
    as `survey.summary_exported` by `user_id` (None: the command line)."""
    with immediate(db):
        table = export.rows(report_data.summaries(db, filters, today=today, grace_days=grace_days), min_n=min_n)
        write_audit(db, user_id, EXPORTED, detail=audit_detail(fmt, filters))
    return table
