"""flask --app app export-summary: the survey summary as CSV or XLSX from the command line.

    flask --app app export-summary                                  # CSV of every panel, all time, to stdout
    flask --app app export-summary --panel 1 --from 2026-01 --to 2026-12 > summary.csv
    flask --app app export-summary --format xlsx --panel 1 --panel 2 --output summary.xlsx

The same filters, loader and suppression as the report page (surveys/report_filters.py,
surveys/export.py); a bad value is a usage error (exit code 2). Audit-logged without a user.
"""
import click
from flask import current_app
from flask.cli import with_appcontext
from werkzeug.datastructures import MultiDict

from accounts.storage import list_panels
from db import connect, migrate
from surveys import export, export_storage, requests
from surveys.report_filters import BAD_PANEL, parse

OPTION_OF = {"panel": "--panel", "from": "--from", "to": "--to"}


def _filters(db, panels, from_month, to_month):
    """The report's Filters from the options, or a click usage error naming the option."""
    args = MultiDict([("panel", p) for p in panels] + [("from", from_month or ""), ("to", to_month or "")])
    filters, errors = parse(args, allowed_panel_ids=[p["id"] for p in list_panels(db)])
    for field, message in errors.items():
        if message == BAD_PANEL:
            message = "No such panel: give a panel's id (a whole number); --panel may be repeated."
        raise click.BadParameter(message, param_hint=f"'{OPTION_OF[field]}'")
    return filters


@click.command("export-summary")
@with_appcontext
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True,
              help="csv: UTF-8, commas, dot decimals (RFC 4180); xlsx: an Excel workbook (needs --output)")
@click.option("--panel", "panels", multiple=True, metavar="ID",
              help="A panel's id; repeat for several: --panel 1 --panel 2 (default: every panel)")
@click.option("--from", "from_month", metavar="YYYY-MM", help="First month, e.g. 2026-01")
@click.option("--to", "to_month", metavar="YYYY-MM", help="Last month, e.g. 2026-12")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write to FILE (default: the CSV to standard output)")
def export_summary_command(fmt, panels, from_month, to_month, output):
    """Export the feedback surveys' summary (released responses only, small cells suppressed)."""
    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx writes a workbook: give --output FILE, e.g. --output summary.xlsx.")
    config = current_app.config
    db, file = connect(config["DATABASE"]), None
    try:
        migrate(db)
        filters = _filters(db, panels, from_month, to_month)
        file = _open(output)   # before the audit line: a file that cannot be written exports nothing
        table = export_storage.export_rows(db, filters, fmt, user_id=None, today=requests.today(),
                                           grace_days=config["SURVEY_GRACE_DAYS"], min_n=config["SURVEY_MIN_N"])
    except BaseException:
        if file is not None:
            file.close()
        raise
    finally:
        db.conn.close()
    data = export.to_xlsx(table) if fmt == "xlsx" else export.to_csv(table).encode("utf-8")
    if file is None:
        click.echo(data, nl=False)
        return
    with file:
        file.write(data)
    click.echo(f"Wrote {len(table)} rows to {output}.", err=True)


def _open(output):
    if output is None:
        return None
    try:
        return open(output, "wb")
    except OSError as exc:
        raise click.FileError(output, exc.strerror) from None
