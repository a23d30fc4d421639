"""The report's charts as inline SVG and PNG (matplotlib's Figure, never pyplot).

    charts.svg(chart, tr, chart_id="study")   -> '<svg role="img" aria-labelledby=...>...</svg>'
    charts.png(chart, tr)                     -> PNG bytes for the download
    charts.table_rows(chart, tr)              -> the Table under the chart (chart_data.py)

`chart` is a spec of chart_data.py (StudyChart, LikertChart, TrendChart, ShareChart), made
from suppressed Cells; `tr` a texts.Translator. matplotlib is imported only
inside the functions that draw, so `import app` never loads it.

The SVG keeps its text as text (svg.fonttype "none": readable, searchable,
testable), carries role="img" and aria-labelledby pointing at its <title>
(the chart's title, written by matplotlib from the metadata) and its <desc>
(chart_data.description: every number in words, added here after saving).
It has no date and a fixed hash salt, so the same data and language give
the same bytes (the cache's ETag can rely on it); the salt is the chart id,
so the ids of two charts on one page never collide (matplotlib's unsalted
group ids, which nothing refers to, are removed).

Nothing depends on colour alone: groups differ in colour *and* lightness
(Okabe–Ito blue and orange), hatching and marker shape, and every bar carries
its number; the Likert palette is ColorBrewer's RdBu, whose order survives
colour blindness, with every segment in the legend in scale order.
"""
import io
import re
import textwrap
from xml.sax.saxutils import escape, quoteattr

from surveys import chart_data
from surveys.chart_data import LikertChart, ShareChart, StudyChart, TrendChart, bar_text, legend_label, \
    likert_segments, row_label, share_text
from surveys.numbers import format_number, format_percent
from surveys.texts import TOO_FEW, group_name

description = chart_data.description
table_rows = chart_data.table_rows

# (colour, hatch, marker, line style) per respondent group; colours of Okabe and Ito (2008),
# of clearly different lightness, so that a grey-scale print still tells them apart.
GROUP_STYLES = {
    "expert": ("#0072B2", "", "o", "-"),
    "professional": ("#E69F00", "///", "s", "--"),
    "child": ("#009E73", "...", "^", "-."),
    "parent": ("#CC79A7", "xx", "D", ":"),
}
OTHER_STYLE = ("#999999", "\\\\", "v", "-")
EDGE = "#333333"
# ColorBrewer RdBu (Cynthia Brewer), worst (red) to best (blue), by the number of points
RDBU = {
    2: ("#ef8a62", "#67a9cf"),
    3: ("#ef8a62", "#f7f7f7", "#67a9cf"),
    4: ("#ca0020", "#f4a582", "#92c5de", "#0571b0"),
    5: ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"),
    6: ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
    7: ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"),
}
DARK = {"#ca0020", "#0571b0", "#b2182b", "#2166ac"}    # segments that take white text
SEGMENT_LABEL_MIN = 7                                  # percent: narrower segments are not labelled
WRAP = 44                                              # characters per line of a statement's wording


def _style(group):
    return GROUP_STYLES.get(group, OTHER_STYLE)


def _rc(chart_id):
    return {"svg.fonttype": "none", "svg.hashsalt": chart_id, "font.family": "sans-serif",
            "font.size": 10, "hatch.linewidth": 0.8, "hatch.color": EDGE}


def _percent_axis(axis, tr, absolute=False):
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda x, _: format_percent(abs(x) if absolute else x, tr.locale)))


def _draw_study(fig, chart, tr):
    from matplotlib.patches import Patch

    ax = fig.add_subplot()
    count = max(len(chart.groups), 1)
    height = 0.8 / count
    for i, row in enumerate(chart.rows):
        for j, (group, cell) in enumerate(zip(chart.groups, row.cells)):
            colour, hatch, _, _ = _style(group.group)
            y = i - 0.4 + height * (j + 0.5)
            pct = float(cell.positive_pct) if cell is not None and cell.positive_pct is not None else None
            if pct is None:
                ax.text(1, y, bar_text(cell, tr), va="center", ha="left", fontstyle="italic", color="#444444")
                continue
            ax.barh(y, pct, height=height * 0.92, color=colour, hatch=hatch, edgecolor=EDGE, linewidth=0.6)
            ax.text(pct + 1, y, bar_text(cell, tr), va="center", ha="left", fontweight="bold")
    ax.set_yticks(range(len(chart.rows)), [textwrap.fill(row_label(r, tr), WRAP, break_on_hyphens=False) for r in chart.rows])
    ax.set_ylim(len(chart.rows) - 0.5, -0.5)
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 25, 50, 75, 100])
    _percent_axis(ax.xaxis, tr)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor=_style(g.group)[0], hatch=_style(g.group)[1], edgecolor=EDGE, label=legend_label(g, tr))
               for g in chart.groups]
    if handles:
        fig.legend(handles=handles, loc="outside upper center", ncols=len(handles), frameon=False)


def _draw_likert(fig, chart, tr):
    from matplotlib.patches import Patch

    grid = fig.add_gridspec(1, 2, width_ratios=(7, 1))
    ax = fig.add_subplot(grid[0, 0])
    side = fig.add_subplot(grid[0, 1], sharey=ax)
    colours = RDBU.get(len(chart.points), RDBU[5])
    for i, row in enumerate(chart.rows):
        segments = likert_segments(row.cell, chart.points)
        if not segments:
            ax.text(0, i, tr(TOO_FEW), ha="center", va="center", fontstyle="italic", color="#444444")
            continue
        for (value, left, width), colour in zip(segments, colours):
            ax.barh(i, float(width), left=float(left), height=0.6, color=colour, edgecolor="#666666",
                    linewidth=0.5, zorder=2)
            if width >= SEGMENT_LABEL_MIN:
                ax.text(float(left + width / 2), i, format_percent(width, tr.locale), ha="center", va="center",
                        fontsize=8.5, color="white" if colour in DARK else "black", zorder=3)
        side.text(0.5, i, format_number(row.cell.dont_know, tr.locale), ha="center", va="center")
    ax.axvline(0, color="#333333", linewidth=0.8, zorder=0.5)   # behind the bars and their labels
    ax.set_xlim(-100, 100)
    ax.set_xticks([-100, -50, 0, 50, 100])
    _percent_axis(ax.xaxis, tr, absolute=True)
    ax.set_yticks(range(len(chart.rows)), [textwrap.fill(r.label, 28, break_on_hyphens=False) for r in chart.rows])
    ax.set_ylim(len(chart.rows) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    side.set_xlim(0, 1)
    side.set_title(textwrap.fill(chart.dont_know_label, 14), fontsize=9)
    side.axis("off")
    handles = [Patch(facecolor=colour, edgecolor="#666666", label=label)
               for (_, label), colour in zip(chart.points, colours)]
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 3), frameon=False,
               fontsize=9)


def _draw_trend(fig, chart, tr):
    ax = fig.add_subplot()
    xs = list(range(len(chart.periods)))
    for k, series in enumerate(chart.series):
        colour, _, marker, line = _style(series.group)
        ys = [float(c.positive_pct) if c.shown and c.positive_pct is not None else float("nan")
              for c in series.points]   # NaN: matplotlib leaves a gap, never a zero
        ax.plot(xs, ys, color=colour, marker=marker, linestyle=line, linewidth=2, markersize=7,
                markeredgecolor=EDGE, label=group_name(series.group, tr))
        for x, y, cell in zip(xs, ys, series.points):
            if y == y:  # not NaN
                ax.annotate(f"n = {format_number(cell.n, tr.locale)}", (x, y), textcoords="offset points",
                            xytext=(0, 9 if k % 2 == 0 or y < 15 else -14), ha="center", fontsize=8)
    ax.set_xticks(xs, list(chart.periods), rotation=30 if len(xs) > 6 else 0)
    ax.set_xlim(-0.5, max(len(xs) - 0.5, 0.5))
    ax.set_ylim(0, 105)
    ax.set_yticks([0, 25, 50, 75, 100])
    _percent_axis(ax.yaxis, tr)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if chart.series:
        fig.legend(loc="outside upper center", ncols=len(chart.series), frameon=False)


SHARE_COLOUR = "#0072B2"         # Okabe–Ito blue
SHARE_TOTAL_COLOUR = "#56B4E9"   # Okabe–Ito sky blue: clearly lighter, for a row that sums up the others


def _draw_share(fig, chart, tr):
    """One bar per row, its percentage and n written beside it (nothing to tell apart by colour)."""
    ax = fig.add_subplot()
    for i, row in enumerate(chart.rows):
        pct = row.cell.positive_pct if row.cell.shown else None
        if pct is None:
            ax.text(1, i, share_text(row.cell, tr), va="center", ha="left", fontstyle="italic", color="#444444")
            continue
        # a total is lighter and hatched, so it stands apart from its parts without colour alone
        ax.barh(i, float(pct), height=0.6, color=SHARE_TOTAL_COLOUR if row.total else SHARE_COLOUR,
                hatch="///" if row.total else "", edgecolor=EDGE, linewidth=0.6)
        ax.text(float(pct) + 1, i, share_text(row.cell, tr, with_n=True), va="center", ha="left",
                fontweight="bold" if row.total else "normal")
    ax.set_yticks(range(len(chart.rows)), [textwrap.fill(r.label, 32, break_on_hyphens=False) for r in chart.rows])
    for label, row in zip(ax.get_yticklabels(), chart.rows):
        label.set_fontweight("bold" if row.total else "normal")
    ax.set_ylim(len(chart.rows) - 0.5, -0.5)
    ax.set_xlim(0, 125)   # room for "100 % (n = 1 234)" beside a full bar
    ax.set_xticks([0, 25, 50, 75, 100])
    _percent_axis(ax.xaxis, tr)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _size(chart):
    if isinstance(chart, StudyChart):
        return 9, 1.2 + 0.55 * max(len(chart.groups), 1) * max(len(chart.rows), 1)
    if isinstance(chart, LikertChart):
        return 9, 1.6 + 0.6 * max(len(chart.rows), 1)
    if isinstance(chart, ShareChart):
        return 9, 0.9 + 0.5 * max(len(chart.rows), 1)
    return 9, 4.2


def _figure(chart, tr):
    from matplotlib.figure import Figure

    draw = {StudyChart: _draw_study, LikertChart: _draw_likert, TrendChart: _draw_trend,
            ShareChart: _draw_share}.get(type(chart))
    if draw is None:
        raise TypeError(f"not a chart: {chart!r}")
    fig = Figure(figsize=_size(chart), layout="constrained")
    draw(fig, chart, tr)
    return fig


def _render(chart, tr, chart_id, fmt, **options):
    import matplotlib

    with matplotlib.rc_context(_rc(chart_id)):
        fig = _figure(chart, tr)
        out = io.BytesIO()
        fig.savefig(out, format=fmt, **options)
    return out.getvalue()


CHART_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def svg(chart, tr, *, chart_id):
    """The chart as inline SVG markup (no XML declaration), accessible and deterministic.
    `chart_id` (letters, digits, - and _) must be unique on the page: it names the
    <title> and <desc> ids and salts every other id."""
    if not CHART_ID.match(chart_id):
        raise ValueError(f"chart id {chart_id!r}: a letter, then letters, digits, - and _")
    raw = _render(chart, tr, chart_id, "svg", metadata={"Title": chart.title, "Date": None}).decode("utf-8")
    markup = raw[raw.index("<svg"):]
    markup = re.sub(r"\s*<metadata>.*?</metadata>", "", markup, count=1, flags=re.S)
    markup = re.sub(r'<g id="[^"]*"', "<g", markup)   # matplotlib's unsalted group ids (figure_1, …)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    markup = markup.replace("<title>", f'<title id="{title_id}">', 1)
    markup = markup.replace("</title>", f'</title>\n <desc id="{desc_id}">{escape(description(chart, tr))}</desc>', 1)
    return markup.replace("<svg ", f'<svg role="img" aria-labelledby={quoteattr(title_id + " " + desc_id)} ', 1)


def png(chart, tr, *, dpi=150):
    """The chart as PNG bytes (the download), without a date or software stamp."""
    return _render(chart, tr, "png", "png", dpi=dpi, metadata={"Software": None})
