"""What each report chart shows, as data: its input, its text alternative and
the table of its numbers (pure: no Flask, no matplotlib).

The route builds one spec per chart from suppressed Cells (surveys/suppression.py)
and hands the same spec to charts.svg()/charts.png(), description() (the
SVG's <desc>) and table_rows() (the HTML table under the chart), so the
chart, its alt text and its table can never disagree, and a suppressed
cell is missing from all three.

    StudyChart(title, groups=(Group("expert", 29), Group("professional", 46)),
               rows=(StudyRow("works_well", (expert_cell, professional_cell)), ...))
    LikertChart(title, points=(("1", "Erittäin huonosti"), ..., ("5", "Erittäin hyvin")),
                dont_know_label="En osaa sanoa", rows=(LikertRow("Asiantuntijajäsenet", cell), ...))
    TrendChart(title, periods=("1. nelj. 2026", ...), series=(TrendSeries("expert", (cell, ...)), ...))
    ShareChart(title, heading="Whose views", rows=(ShareRow("Lapsi 3–6 v.", cell), ...))

A ShareChart is not about respondent groups: each row is a share of some
count (consultations, messages, requests), its Cell's `n` the denominator and
`positive` the numerator (surveys/child_voice.py builds them).
"""
import hashlib
from dataclasses import dataclass
from functools import cached_property

from questionnaire.localisation import N_
from surveys.key_figures import heading
from surveys.numbers import format_number, format_percent, percent
from surveys.texts import NOT_ASKED, TOO_FEW, group_name

LEGEND = N_("%(group)s (n = %(n)s)")
LEGEND_TOO_FEW = N_("%(group)s (too few answers)")
VALUE_WITH_N = N_("%(value)s (n = %(n)s)")
QUARTER = N_("Q%(quarter)s %(year)s")
H_STATEMENT, H_GROUP, H_PERIOD = N_("Survey statement"), N_("Respondent group"), N_("Period")
H_N, H_POSITIVE_N, H_SHARE, H_DONT_KNOW = N_("Answers (n)"), N_("Positive answers"), N_("Share positive"), \
    N_("Don't know")
H_COUNT, H_OUT_OF, H_PERCENT = N_("Number"), N_("Out of (n)"), N_("Share")
TOO_FEW_TO_SHOW = N_("Too few to show")


@dataclass(frozen=True)
class Group:
    """A legend entry: the group ("expert") and its respondents in the range (None: too few to show)."""
    group: str
    respondents: int | None


@dataclass(frozen=True)
class StudyRow:
    """One statement: a Cell per group of the chart (in its order), None where the group was not asked.
    `label` is the statement's full wording; by default key_figures.heading(question_id)."""
    question_id: str
    cells: tuple
    label: str | None = None


@dataclass(frozen=True)
class StudyChart:
    """The study chart: a bar per group for each statement, the percentage on the bar."""
    title: str
    groups: tuple
    rows: tuple


@dataclass(frozen=True)
class LikertRow:
    """One bar of a diverging chart: its label (a group or a question) and its Cell."""
    label: str
    cell: object


@dataclass(frozen=True)
class LikertChart:
    """Diverging stacked bars. `points`: ((value, label), ...) of the scale, worst first,
    the labels in the page language; the Cells' `counts` are keyed by these values."""
    title: str
    points: tuple
    dont_know_label: str
    rows: tuple


@dataclass(frozen=True)
class TrendSeries:
    """One group's line: a Cell per period of the chart (suppressed ones are gaps)."""
    group: str
    points: tuple


@dataclass(frozen=True)
class TrendChart:
    """Positive % per period per group. `periods` are the period labels, e.g. quarter_label(2026, 1, tr)."""
    title: str
    periods: tuple
    series: tuple


@dataclass(frozen=True)
class ShareRow:
    """One bar of a ShareChart: its label in the page language and its Cell
    (n: out of how many, positive: how many; suppressed like any Cell).
    `total`: the row sums up other rows ("all ages"), drawn apart from them."""
    label: str
    cell: object
    total: bool = False


@dataclass(frozen=True)
class ShareChart:
    """Horizontal bars of a percentage with its n. `heading` names the rows'
    column in the table ("Age band"), in the page language."""
    title: str
    heading: str
    rows: tuple


@dataclass(frozen=True)
class Figure:
    """One chart of the report (the survey charts of report.py and the child's voice alike):
    `name` (its URL and the ids of its SVG: letters, digits, - and _), its title in the
    page's language, its spec (one of the charts above) and an optional note under it."""
    name: str
    title: str
    spec: object
    note: str | None = None

    @cached_property
    def digest(self):
        """A digest of the spec (every number and word the chart draws), worked out once per Figure:
        the report keeps its Figures between requests, and a spec's repr is some thousand calls."""
        return hashlib.sha256(repr(self.spec).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Table:
    """The numbers of a chart for an HTML table: `header` for <th scope="col">,
    each row's first item for <th scope="row">, all as display text."""
    header: tuple
    rows: tuple


def quarter_label(year, quarter, tr):
    """fi "1. nelj. 2026", sv and en "Q1 2026"."""
    return tr(QUARTER, quarter=quarter, year=year)


def row_label(row, tr):
    return row.label or heading(row.question_id, tr) or row.question_id


def legend_label(group, tr):
    """"Asiantuntijajäsenet (n = 29)"."""
    name = group_name(group.group, tr)
    if group.respondents is None:
        return tr(LEGEND_TOO_FEW, group=name)
    return tr(LEGEND, group=name, n=format_number(group.respondents, tr.locale))


def bar_text(cell, tr):
    """What a bar says: "76 %", or why there is no bar."""
    if cell is None:
        return tr(NOT_ASKED)
    if not cell.shown or cell.positive_pct is None:
        return tr(TOO_FEW)
    return format_percent(cell.positive_pct, tr.locale)


def likert_parts(points):
    """(negative, neutral, positive) point values of a scale given worst first: 5 points are
    2 + 1 + 2, 3 points 1 + 1 + 1, an even scale has no neutral point."""
    values = [value for value, _ in points]
    half = len(values) // 2
    neutral = values[half:half + 1] if len(values) % 2 else []
    return values[:half], neutral, values[half + len(neutral):]


def likert_shares(cell, points):
    """[(value, percent of n)] in the scale's order, exact Decimals; [] when suppressed or n = 0."""
    if not cell.shown or not cell.n:
        return []
    return [(value, percent(cell.counts.get(value, 0), cell.n)) for value, _ in points]


def likert_segments(cell, points):
    """[(value, left, width)] of a diverging bar in the scale's order, percent of n (exact
    Decimals): the negative points end at 0 on the left, the neutral point is centred on 0,
    the positive points start at 0 on the right (Robbins and Heiberger). [] when suppressed."""
    shares = likert_shares(cell, points)
    if not shares:
        return []
    negative, neutral, _ = likert_parts(points)
    by_value = dict(shares)
    left = -(sum(by_value[v] for v in negative) + sum(by_value[v] for v in neutral) / 2)
    segments = []
    for value, width in shares:
        segments.append((value, left, width))
        left += width
    return segments


def share_text(cell, tr, with_n=False):
    """A ShareChart bar's words: "62 %" (with_n: "62 % (n = 13)"), or "Too few to show"."""
    if not cell.shown or cell.positive_pct is None:
        return tr(TOO_FEW_TO_SHOW)
    value = format_percent(cell.positive_pct, tr.locale)
    return tr(VALUE_WITH_N, value=value, n=format_number(cell.n, tr.locale)) if with_n else value


def _with_n(cell, tr):
    if cell is None:
        return tr(NOT_ASKED)
    if not cell.shown or cell.positive_pct is None:
        return tr(TOO_FEW)
    return tr(VALUE_WITH_N, value=format_percent(cell.positive_pct, tr.locale),
              n=format_number(cell.n, tr.locale))


def description(chart, tr):
    """The chart's text alternative (the SVG's <desc>): every number it shows, in words."""
    if isinstance(chart, StudyChart):
        lines = []
        for row in chart.rows:
            values = ", ".join(f"{group_name(g.group, tr)} {_with_n(c, tr)}" for g, c in zip(chart.groups, row.cells))
            lines.append(f"{row_label(row, tr)}: {values}.")
        return " ".join(lines)
    if isinstance(chart, LikertChart):
        lines = []
        for row in chart.rows:
            if not row.cell.shown:
                lines.append(f"{row.label}: {tr(TOO_FEW)}.")
                continue
            shares = dict(likert_shares(row.cell, chart.points))
            values = ", ".join(f"{label} {format_percent(shares.get(value), tr.locale) or '–'}"
                               for value, label in chart.points)
            dont_know = f"{chart.dont_know_label} {format_number(row.cell.dont_know, tr.locale)}"
            lines.append(f"{row.label} (n = {format_number(row.cell.n, tr.locale)}): {values}; {dont_know}.")
        return " ".join(lines)
    if isinstance(chart, ShareChart):
        return " ".join(f"{row.label}: {share_text(row.cell, tr, with_n=True)}." for row in chart.rows)
    if isinstance(chart, TrendChart):
        lines = []
        for series in chart.series:
            values = ", ".join(f"{period} {_with_n(cell, tr)}" for period, cell in zip(chart.periods, series.points))
            lines.append(f"{group_name(series.group, tr)}: {values}.")
        return " ".join(lines)
    raise TypeError(f"not a chart: {chart!r}")


def _number(value, tr):
    return "" if value is None else format_number(value, tr.locale)


def table_rows(chart, tr):
    """The Table under the chart: the same numbers, suppressed cells said as such."""
    if isinstance(chart, StudyChart):
        rows = []
        for row in chart.rows:
            for group, cell in zip(chart.groups, row.cells):
                if cell is None:
                    continue  # the group was not asked this
                share = bar_text(cell, tr)
                rows.append((row_label(row, tr), group_name(group.group, tr), _number(cell.n, tr),
                             _number(cell.positive, tr), share, _number(cell.dont_know, tr)))
        return Table((tr(H_STATEMENT), tr(H_GROUP), tr(H_N), tr(H_POSITIVE_N), tr(H_SHARE), tr(H_DONT_KNOW)),
                     tuple(rows))
    if isinstance(chart, LikertChart):
        header = (tr(H_GROUP), tr(H_N)) + tuple(label for _, label in chart.points) + (chart.dont_know_label,)
        rows = []
        for row in chart.rows:
            if not row.cell.shown:
                rows.append((row.label, tr(TOO_FEW)) + ("",) * (len(chart.points) + 1))
                continue
            shares = dict(likert_shares(row.cell, chart.points))
            counts = tuple(f"{_number(row.cell.counts.get(value, 0), tr)} ({format_percent(shares[value], tr.locale)})"
                           for value, _ in chart.points)
            rows.append((row.label, _number(row.cell.n, tr)) + counts + (_number(row.cell.dont_know, tr),))
        return Table(header, tuple(rows))
    if isinstance(chart, ShareChart):
        rows = tuple((row.label, _number(row.cell.positive, tr), _number(row.cell.n, tr), share_text(row.cell, tr))
                     for row in chart.rows)
        return Table((chart.heading, tr(H_COUNT), tr(H_OUT_OF), tr(H_PERCENT)), rows)
    if isinstance(chart, TrendChart):
        header = (tr(H_PERIOD),) + tuple(group_name(s.group, tr) for s in chart.series)
        rows = tuple((period,) + tuple(_with_n(s.points[i], tr) for s in chart.series)
                     for i, period in enumerate(chart.periods))
        return Table(header, rows)
    raise TypeError(f"not a chart: {chart!r}")
