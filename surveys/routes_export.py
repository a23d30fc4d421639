"""The report's downloads: the survey summary as CSV, CSV for Excel (fi) and XLSX.

    GET /feedback/report/export.csv      the machine format (surveys/export.py's exact header)
    GET /feedback/report/export.csv-fi   for a Finnish Excel: semicolons, decimal commas, a BOM
    GET /feedback/report/export.xlsx     a workbook, numbers as numbers

    url_for("surveys_export.download", fmt="xlsx", **filters.query())

The same query filters as the report page (surveys/report_filters.py): a bad
one is a 400, a panel the user may not see too, and a survey version that was
not answered in the user's panels. A coordinator exports their
own panels, an admin every panel (aggregates only, small cells suppressed).
Each download is audit-logged (survey.summary_exported) and sent with
Cache-Control: no-store.
"""
from flask import Blueprint, Response, abort, current_app, request
from flask_babel import gettext as _
from flask_login import current_user

from accounts.auth import roles_required
from db import get_db
from surveys import export, export_storage, report_storage, requests
from surveys.report_filters import parse
from surveys.routes_report import viewable_panel_ids
from web.security import forbid_caching

bp = Blueprint("surveys_export", __name__, url_prefix="/feedback/report")
bp.after_request(forbid_caching)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# format in the URL: (file ending, Content-Type)
FORMATS = {
    "csv": ("csv", "text/csv; charset=utf-8; header=present"),
    "csv-fi": ("csv", "text/csv; charset=utf-8; header=present"),
    "xlsx": ("xlsx", XLSX),
}


def human_header():
    """The column titles of the exports meant for people, in the page's language."""
    return (_("Survey"), _("Question"), _("Respondent group"), "n", _("Positive answers"),
            _("Positive answers, %"), _("Don't know"), _("Suppressed (too few answers)"))


def filename(fmt, filters):
    """e.g. feedback-summary_2026-01_2026-12.xlsx, feedback-summary_excel-fi.csv (ASCII only)."""
    parts = ["feedback-summary"] + [m for m in (filters.from_month, filters.to_month) if m]
    if fmt == "csv-fi":
        parts.append("excel-fi")
    return "_".join(parts) + "." + FORMATS[fmt][0]


@bp.get("/export.<fmt>")
@roles_required("coordinator", "admin")
def download(fmt):
    if fmt not in FORMATS:
        abort(404)
    db = get_db()
    panel_ids = viewable_panel_ids(db)
    # a version is one of those answered in the user's panels, as the report page's filter offers them
    asked = str(request.args.get("version", "") or "").strip()
    versions = [v["version_id"] for v in report_storage.version_choices(db, panel_ids=panel_ids)] \
        if asked and panel_ids else []
    filters, errors = parse(request.args, allowed_panel_ids=panel_ids, version_ids=versions)
    if errors:
        abort(400)
    config = current_app.config
    table = export_storage.export_rows(db, filters, fmt, user_id=current_user.id, today=requests.today(),
                                       grace_days=config["SURVEY_GRACE_DAYS"], min_n=config["SURVEY_MIN_N"])
    if fmt == "csv":
        data = export.to_csv(table).encode("utf-8")
    elif fmt == "csv-fi":
        data = export.to_csv_fi(table, header=human_header())
    else:
        data = export.to_xlsx(table, header=human_header(), sheet_title=_("Summary"))
    response = Response(data, content_type=FORMATS[fmt][1])
    response.headers.set("Content-Disposition", "attachment", filename=filename(fmt, filters))
    return response
