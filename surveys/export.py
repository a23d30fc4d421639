"""The survey summary as a file: CSV, "CSV for Excel (fi)" and XLSX (pure: no Flask, no SQL).

One row per survey, scale question and respondent group, from the report's
one loader (surveys/report_data.summaries), with exactly these columns:

    survey,question_id,group,n,positive_n,positive_pct,dont_know_n,suppressed

n counts the answers on the scale (skipped and "don't know" excluded),
positive_pct has one decimal (half up), and a suppressed row has
suppressed = 1 and n, positive_n, positive_pct and dont_know_n empty.
Free-text questions have no positive answers and are left out.

    table = export.rows(report_data.summaries(db, filters, today=..., grace_days=...), min_n=5)
    export.to_csv(table)                        # str: the machine format, RFC 4180, dot decimals
    export.to_csv_fi(table, header=labels)      # bytes: semicolons, decimal commas, a UTF-8 BOM
    export.to_xlsx(table, header=labels)        # bytes: numbers as numbers, text as text

Suppression (surveys/suppression.py). A row with n below `min_n` is hidden.
The report page shows each question and group combined over the surveys
that ask it (summary.combine), so the rows of one (question, group) are the
parts of a total the reader sees: hiding one small survey alone would give
it back as "the page's figure minus the other rows". suppress_parts hides
more rows until the hidden ones add up to at least `min_n` answers. (A part
with no scale answers at all, n = 0, gives nothing away but its don't-know
count; that count has no minimum of its own, as on the page.)

Spreadsheet formulas (OWASP "CSV injection"): every text cell that starts
with =, +, -, @, a tab, CR or LF gets a leading apostrophe, in every format,
so that no spreadsheet runs it; numbers are written as numbers and are
never touched. In the XLSX every text cell is also set as text, because
openpyxl would otherwise store a string starting with "=" as a formula.
"""
import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from surveys import numbers
from surveys.suppression import from_summary, suppress_parts

COLUMNS = ("survey", "question_id", "group", "n", "positive_n", "positive_pct", "dont_know_n", "suppressed")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
BOM = "\ufeff"


@dataclass(frozen=True)
class Row:
    """One exported row; the numbers are None when suppressed (positive_pct
    a Decimal with one decimal, or None when n is 0)."""
    survey: str
    question_id: str
    group: str
    n: int | None
    positive_n: int | None
    positive_pct: Decimal | None
    dont_know_n: int | None
    suppressed: bool

    def values(self):
        return (self.survey, self.question_id, self.group, self.n, self.positive_n, self.positive_pct,
                self.dont_know_n, 1 if self.suppressed else 0)


def rows(summaries, *, min_n):
    """[Row] of the scale questions in `summaries` (QuestionSummary per survey,
    question and group, in the report's order), suppressed primary and
    complementary per (question, group) across its surveys."""
    scale = [s for s in summaries if s.positive_n is not None]
    series = {}
    for i, s in enumerate(scale):
        series.setdefault((s.question_id, s.group), []).append(i)
    cells = [None] * len(scale)
    for indexes in series.values():
        protected = suppress_parts([from_summary(scale[i]) for i in indexes], min_n=min_n)
        for i, cell in zip(indexes, protected):
            cells[i] = cell
    out = []
    for s, cell in zip(scale, cells):
        pct = numbers.round_half_up(cell.positive_pct, 1)
        out.append(Row(survey=s.survey_id or "", question_id=s.question_id, group=s.group, n=cell.n,
                       positive_n=cell.positive, positive_pct=pct, dont_know_n=cell.dont_know,
                       suppressed=not cell.shown))
    return out


def neutralise(text):
    """A text cell that a spreadsheet would read as a formula, with a leading apostrophe."""
    text = str(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cells(row, decimal_point="."):
    """The row's values as CSV fields: texts neutralised, numbers written plainly, None empty."""
    out = []
    for value in row.values():
        if value is None:
            out.append("")
        elif isinstance(value, Decimal):
            out.append(f"{value:.1f}".replace(".", decimal_point))
        elif isinstance(value, int):
            out.append(str(value))
        else:
            out.append(neutralise(value))
    return out


def to_csv(table):
    """The machine format: UTF-8 (no BOM), commas, RFC 4180 quoting and CRLF, dot decimals, the exact header."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)   # the csv module's default dialect is RFC 4180's
    writer.writerow(COLUMNS)
    writer.writerows(_cells(row) for row in table)
    return buffer.getvalue()


def to_csv_fi(table, header=COLUMNS):
    """CSV for a Finnish Excel: a UTF-8 BOM (so Excel reads UTF-8), semicolons and decimal commas."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(h) for h in header])
    writer.writerows(_cells(row, decimal_point=",") for row in table)
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_xlsx(table, header=COLUMNS, sheet_title="Summary"):
    """An XLSX workbook: one sheet, the header row frozen, numbers stored as numbers
    (the percentage with the number format 0.0), every text cell stored as text."""
    from openpyxl import Workbook   # loaded only when a workbook is made
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = neutralise(sheet_title)[:31]

    def text(row, column, value):
        cell = sheet.cell(row=row, column=column, value=ILLEGAL_CHARACTERS_RE.sub("", neutralise(value)))
        cell.data_type = "s"   # a string, never a formula, whatever it starts with
        return cell

    for column, title in enumerate(header, start=1):
        text(1, column, title).font = Font(bold=True)
    for r, row in enumerate(table, start=2):
        for column, value in enumerate(row.values(), start=1):
            if value is None:
                continue
            if isinstance(value, (int, Decimal)):
                cell = sheet.cell(row=r, column=column, value=float(value) if isinstance(value, Decimal) else value)
                if isinstance(value, Decimal):
                    cell.number_format = "0.0"
            else:
                text(r, column, value)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGH", (30, 26, 14, 8, 12, 12, 12, 12)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
