"""Small-cell suppression of the survey report (pure: no Flask, no database).

A *cell* is one published statistic: one survey question's answers by one
respondent group, for the whole filtered range or for one period of a trend.
Its n counts the answers on the scale (skipped and "don't know" excluded).

1. **Primary suppression.** A cell whose n is below the minimum
   (`FLASK_SURVEY_MIN_N`, default 5; pass `min_n=app.config["SURVEY_MIN_N"]`)
   is suppressed, and so everywhere it appears: page, chart, alt text, table
   and export all read the same suppressed `Cell`, whose numbers are gone.
2. **Complementary suppression**, as official statistics do it. When cells
   are the *parts* of a total that the reader sees (the quarters of a trend
   and the whole range's figure beside it; the panels of a comparison and
   the all-panels figure), "total minus the shown parts" gives the hidden
   part back. So whenever the hidden parts of a total add up to fewer than
   `min_n` answers (one hidden part always does), the smallest shown part
   is hidden too, until they add up to at least `min_n`. A two-period
   trend with one small period therefore loses its other period as well.
   If no part is left to hide, the parts all are hidden, and the total,
   which is then their sum, is at least `min_n` or suppressed itself.

Only one-dimensional totals occur in the report (the groups do not add up
to an "everybody" figure), so each (question, group) series is protected on
its own; a page that showed a two-way table with both margins would need
a search over both dimensions instead.
"""
from dataclasses import dataclass, field, replace
from decimal import Decimal

SMALL = "small"                    # its own n is below the minimum
COMPLEMENTARY = "complementary"    # shown, it would let a small cell be worked out


@dataclass(frozen=True)
class Cell:
    """One question's answers by one group (in one period).

    question_id  the survey question ("works_well")
    group        the respondent group ("expert", "professional", "child", "parent")
    n            answers on the scale, skipped and don't-know excluded; None once suppressed
    positive     answers counted positive by the question's definition; None for a
                 question without positive points, and once suppressed
    counts       {scale point value: answers} in the scale's order (worst first); {} once suppressed
    dont_know    "don't know" answers; None once suppressed
    period       e.g. "2026-Q1" in a trend; None for the whole filtered range
    suppressed   None (shown), SMALL or COMPLEMENTARY
    """
    question_id: str
    group: str
    n: int | None
    positive: int | None = None
    counts: dict = field(default_factory=dict)
    dont_know: int | None = 0
    period: str | None = None
    suppressed: str | None = None

    @property
    def shown(self):
        return self.suppressed is None

    @property
    def positive_pct(self):
        """100 × positive / n as an exact Decimal (round it only for display: numbers.py),
        or None when suppressed, without positive points, or with n = 0."""
        if not self.shown or self.positive is None or not self.n:
            return None
        return Decimal(100 * self.positive) / Decimal(self.n)


def from_summary(summary, period=None):
    """A Cell from the surveys summary's QuestionSummary (question_id, group, n,
    positive_n, counts, dont_know), or from any object with those attributes."""
    return Cell(question_id=summary.question_id, group=summary.group, n=summary.n,
                positive=summary.positive_n, counts=dict(summary.counts),
                dont_know=summary.dont_know, period=period)


def hide(cell, reason):
    """`cell` with its numbers removed, marked suppressed for `reason`."""
    return replace(cell, n=None, positive=None, counts={}, dont_know=None, suppressed=reason)


def suppress_small(cells, *, min_n):
    """Primary suppression: every cell with n < min_n hidden (n = 0 too), the rest unchanged.
    Use it for cells that are no part of a shown total (the study chart's bars)."""
    return [hide(c, SMALL) if c.shown and (c.n or 0) < min_n else c for c in cells]


def suppress_parts(parts, *, min_n):
    """Primary and complementary suppression of the parts of a shown total
    (see the module's docstring), in their order. The parts must be disjoint
    and add up to the total: the quarters of one question and group."""
    parts = list(parts)
    out = suppress_small(parts, min_n=min_n)
    hidden_n = sum(p.n or 0 for p, o in zip(parts, out) if not o.shown)
    while 0 < hidden_n < min_n:
        shown = [i for i, o in enumerate(out) if o.shown]
        if not shown:
            break
        # the smallest shown part costs the reader least; the first of equals, for the same result every time
        smallest = min(shown, key=lambda i: (parts[i].n, i))
        out[smallest] = hide(out[smallest], COMPLEMENTARY)
        hidden_n += parts[smallest].n
    return out


def suppress_margin(total, parts, *, min_n):
    """(total, parts) suppressed together: the total by its own n, the parts as in suppress_parts."""
    return suppress_small([total], min_n=min_n)[0], suppress_parts(parts, min_n=min_n)


def suppress_trend(points, *, min_n):
    """A trend's points (one question and group, one Cell per period, in time
    order). The whole range's figure is on the same page, so the periods are
    parts of a shown total: a suppressed period takes another with it."""
    return suppress_parts(points, min_n=min_n)
