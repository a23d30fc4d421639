"""The coordinator's report as data: its sections and charts, suppressed (pure:
no Flask, no SQL, no matplotlib).

    model = report.build(summaries, respondents=..., quarters=..., panels=..., min_n=5, tr=tr)
    for section in model.sections: section.figures -> [Figure(name, title, spec, note)]
    model.figure("study")                          -> one Figure (the chart route), or None

Each Figure's `spec` is a chart_data spec (StudyChart, LikertChart, TrendChart)
made of suppressed Cells (surveys/suppression.py), so the inline SVG, the
download, the <desc>, the table under it and the key sentences all read the
same numbers, and a small cell is missing from all of them.

What is suppressed, and against what (`min_n`, FLASK_SURVEY_MIN_N):
- every cell by its own n (suppress_small): the study chart, the staff's
  answer distributions, the perspective gap;
- the children's two surveys (7–12 and 13–17) are the parts of the
  children's figure of the perspective gap: suppress_parts over the two;
- the quarters of a trend against the whole range shown beside them
  (suppress_trend);
- in the admin's comparison, the panels against the all-panels row
  (suppress_parts per group);
- a legend's number of respondents below min_n is not written either.

The children's surveys keep their own scales: 7–12 answers on three faces,
13–17 on five points, so their distributions are never added together;
only their positive counts are, by each survey's own definition of positive.
"""
from dataclasses import dataclass

from questionnaire.localisation import N_
from questionnaire.scales import DONT_KNOW_LABEL
from surveys import definitions
from surveys.chart_data import Figure, Group, LikertChart, LikertRow, StudyChart, StudyRow, TrendChart, TrendSeries, \
    quarter_label
from surveys.key_figures import STATEMENTS, key_figures
from surveys.summary import combine
from surveys.suppression import Cell, from_summary, suppress_margin, suppress_parts, suppress_small, suppress_trend
from surveys.texts import group_name

STAFF = ("expert", "professional")
FAMILY_SURVEYS = (definitions.CHILD_7_12, definitions.CHILD_13_17, definitions.PARENT)
# being heard, as each group was asked it (the perspective gap and its trend)
HEARD = (("expert", "client_heard"), ("professional", "client_heard"), ("child", "felt_heard"),
         ("parent", "felt_heard"))
WORKS_WELL = (("expert", "works_well"), ("professional", "works_well"))

T_STUDY = N_("How expert members and professionals judge the expert panel")
T_GAP = N_("Being heard: four perspectives")
ROW_HEARD = N_("Being heard")
NOTE_GAP = N_("Positive answers: staff who fully agree that the client was heard well enough; children of 7–12 "
              "who chose the happiest face (\"a lot\"); young people of 13–17 and parents who answered "
              "\"fairly much\" or \"very much\".")
T_TREND_WORKS = N_("The expert panel works well or very well, by quarter")
T_TREND_HEARD = N_("Being heard, by quarter")
NOTE_TREND = N_("Share of positive answers per quarter, with the number who answered. A quarter with too few "
                "answers is a gap, and so is another quarter when it would give the small one away. "
                "The yearly survey is a period of its own and not in the quarters.")
T_FAMILY = {
    definitions.CHILD_7_12.id: N_("Children of 7–12: every answer"),
    definitions.CHILD_13_17.id: N_("Young people of 13–17: every answer"),
    definitions.PARENT.id: N_("Parents: every answer"),
}
NOTE_YOUNG = N_("Young children tend to choose the happiest face whatever they think (Read and MacFarlane's "
                "Smileyometer): read the whole distribution, not the share of happy faces alone. Only the "
                "happiest face counts as positive for 7–12.")
T_COMPARE_WORKS = N_("Panels compared: the expert panel works well or very well")
T_COMPARE_HEARD = N_("Panels compared: being heard")
ALL_PANELS = N_("All panels")
NOTE_COMPARE = N_("A panel's figure is left out when it has too few answers, and so is another panel's when it "
                  "would give the small one away from the all-panels figure.")

S_STUDY, S_GAP, S_TREND = N_("Satisfaction, as in the Southern Finland study"), N_("Being heard"), N_("Over time")
S_ANSWERS, S_FAMILY, S_COMPARE = N_("Every answer, question by question"), N_("Children and parents"), \
    N_("Panels compared")
S_CHILD_VOICE = N_("The child's voice")
VERSION_LABEL = N_("%(survey)s (%(group)s), version %(version)s")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: tuple
    sentences: tuple = ()


@dataclass(frozen=True)
class Report:
    sections: tuple
    empty: bool

    def figures(self):
        return [f for section in self.sections for f in section.figures]

    def figure(self, name):
        return next((f for f in self.figures() if f.name == name), None)

    def with_section(self, section):
        """The sections with `section` (the child's voice) right after being heard, near the top:
        how often the child was heard and answered is what a coordinator looks for first, after
        the study's figures."""
        keys = [s.key for s in self.sections]
        after = keys.index("gap") if "gap" in keys else len(keys) - 1
        return self.sections[:after + 1] + (section,) + self.sections[after + 1:]


def _empty(question_id, group, period=None):
    return Cell(question_id=question_id, group=group, n=0, positive=0, period=period)


def _by_key(summaries):
    """{(question_id, group): QuestionSummary}, the surveys of one group joined."""
    return {(s.question_id, s.group): s for s in combine(summaries)}


def legend(groups, respondents, min_n):
    """Group entries whose n of respondents is written only when it is at least min_n."""
    out = []
    for group in groups:
        n = respondents.get(group, 0)
        out.append(Group(group, n if n >= min_n else None))
    return tuple(out)


def _cell(table, asked, question_id, group):
    """The group's Cell of a question; None when the group answered but was not asked it."""
    found = table.get((question_id, group))
    if found is not None:
        return from_summary(found)
    return None if group in asked else _empty(question_id, group)


def _shown(cell, min_n):
    return None if cell is None else suppress_small([cell], min_n=min_n)[0]


def study(table, asked, respondents, min_n, tr):
    """The study chart's Figure and its key sentences."""
    rows, pairs = [], []
    for question_id in STATEMENTS:
        cells = tuple(_shown(_cell(table, asked, question_id, g), min_n) for g in STAFF)
        rows.append(StudyRow(question_id, cells))
        pairs.append((question_id,) + cells)
    chart = StudyChart(tr(T_STUDY), legend(STAFF, respondents, min_n), tuple(rows))
    return Figure("study", chart.title, chart), tuple(key_figures(pairs, tr))


def _children_parts(summaries, question_id):
    """The children's surveys' own summaries of a question (the parts of the children's figure)."""
    return [s for s in summaries if s.group == "child" and s.question_id == question_id]


def gap(summaries, table, asked, respondents, min_n, tr):
    cells = []
    for group, question_id in HEARD:
        cell = _cell(table, asked, question_id, group)
        if group == "child" and cell is not None:
            parts = [from_summary(s) for s in _children_parts(summaries, question_id)]
            cell, _ = suppress_margin(cell, parts, min_n=min_n)
        cells.append(_shown(cell, min_n))
    chart = StudyChart(tr(T_GAP), legend([g for g, _ in HEARD], respondents, min_n),
                       (StudyRow("heard", tuple(cells), label=tr(ROW_HEARD)),))
    return Figure("gap", chart.title, chart, tr(NOTE_GAP))


def _scale_points(question, tr):
    points = tuple((p.value, tr(p.label)) for p in question.scale.points)
    dont_know = tr(question.scale.dont_know.label if question.scale.dont_know else DONT_KNOW_LABEL)
    return points, dont_know


def staff_questions():
    """The staff surveys' scale questions, once each, in the surveys' order: {id: Question}."""
    found = {}
    # the yearly surveys first: their wording is about the panel in general, not one meeting or consultation
    for definition in sorted(definitions.SURVEYS.values(), key=lambda d: d.subject != "year"):
        if definition.audience in STAFF:
            for question in definition.scale_questions():
                found.setdefault(question.id, question)
    return found


def staff_distributions(table, asked, min_n, tr):
    """A diverging Likert chart per staff question, a row per staff group asked it."""
    figures = []
    for question_id, question in staff_questions().items():
        rows = []
        for group in STAFF:
            cell = table.get((question_id, group))
            if cell is not None:
                rows.append(LikertRow(group_name(group, tr), _shown(from_summary(cell), min_n)))
        if not rows:
            continue
        points, dont_know = _scale_points(question, tr)
        title = tr(question.wording)
        figures.append(Figure(f"answers-{question_id}", title, LikertChart(title, points, dont_know, tuple(rows))))
    return figures


def family_distributions(summaries, min_n, tr):
    """Per family survey a Likert chart of its own scale, a row per question. The
    children's two surveys are parts of the children's figure: suppressed together."""
    per_survey = {(s.survey_id, s.question_id): s for s in summaries if s.group in ("child", "parent")}
    shown = {}
    for key, s in per_survey.items():
        if s.group == "parent":
            shown[key] = _shown(from_summary(s), min_n)
    for question_id in {qid for (_, qid), s in per_survey.items() if s.group == "child"}:
        parts = _children_parts(summaries, question_id)
        for s, cell in zip(parts, suppress_parts([from_summary(p) for p in parts], min_n=min_n)):
            shown[(s.survey_id, question_id)] = cell
    figures = []
    for definition in FAMILY_SURVEYS:
        questions = [q for q in definition.scale_questions() if (definition.id, q.id) in shown]
        if not questions:
            continue
        points, dont_know = _scale_points(questions[0], tr)
        title = tr(T_FAMILY[definition.id])
        rows = tuple(LikertRow(tr(q.wording), shown[(definition.id, q.id)]) for q in questions)
        note = tr(NOTE_YOUNG) if definition is definitions.CHILD_7_12 else None
        figures.append(Figure(f"family-{definition.band}", title, LikertChart(title, points, dont_know, rows), note))
    return figures


def _quarters_between(keys):
    """Every quarter from the first to the last of `keys` ('2026-Q2'), gaps included."""
    if not keys:
        return []
    first, last = min(keys), max(keys)
    year, quarter = int(first[:4]), int(first[-1])
    out = []
    while f"{year}-Q{quarter}" <= last:
        out.append(f"{year}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


def trend(name, title, pairs, quarters, min_n, tr, note=None):
    """A TrendChart of `pairs` ((group, question_id), ...) over `quarters` ({'2026-Q2': [QuestionSummary]})."""
    keys = _quarters_between(list(quarters))
    tables = {q: _by_key(quarters.get(q, [])) for q in keys}
    series = []
    for group, question_id in pairs:
        if not any((question_id, group) in tables[q] for q in keys):
            continue
        points = [from_summary(tables[q][(question_id, group)], period=q) if (question_id, group) in tables[q]
                  else _empty(question_id, group, q) for q in keys]
        series.append(TrendSeries(group, tuple(suppress_trend(points, min_n=min_n))))
    if not series:
        return None
    labels = tuple(quarter_label(int(q[:4]), int(q[-1]), tr) for q in keys)
    return Figure(name, tr(title), TrendChart(tr(title), labels, tuple(series)), note)


def comparison(name, title, pairs, panels, respondents, min_n, tr):
    """A StudyChart with a row per panel and one for all panels, a bar per group of `pairs`."""
    tables = [(panel_name, _by_key(rows)) for panel_name, rows in panels]
    total = _by_key([s for _, rows in panels for s in rows])
    columns = []
    for group, question_id in pairs:
        parts = [from_summary(t[(question_id, group)]) if (question_id, group) in t else _empty(question_id, group)
                 for _, t in tables]
        whole = from_summary(total[(question_id, group)]) if (question_id, group) in total \
            else _empty(question_id, group)
        columns.append(suppress_margin(whole, parts, min_n=min_n))
    rows = [StudyRow(pairs[0][1], tuple(col[1][i] for col in columns), label=panel_name)
            for i, (panel_name, _) in enumerate(tables)]
    rows.append(StudyRow(pairs[0][1], tuple(col[0] for col in columns), label=tr(ALL_PANELS)))
    chart = StudyChart(tr(title), legend([g for g, _ in pairs], respondents, min_n), tuple(rows))
    return Figure(name, chart.title, chart, tr(NOTE_COMPARE))


def build(summaries, *, respondents, min_n, tr, quarters=None, panels=None):
    """The Report. `summaries`: QuestionSummary per (survey, question, group)
    (report_data.summaries); `respondents`: {group: released responses};
    `quarters`: {'2026-Q2': [QuestionSummary]} for the trends; `panels`:
    [(panel name, [QuestionSummary])] for the admin's comparison, else None."""
    summaries = list(summaries)
    table = _by_key(summaries)
    asked = {s.group for s in summaries}
    study_figure, sentences = study(table, asked, respondents, min_n, tr)
    sections = [Section("study", tr(S_STUDY), (study_figure,), sentences),
                Section("gap", tr(S_GAP), (gap(summaries, table, asked, respondents, min_n, tr),))]
    trends = [t for t in (trend("trend-works_well", T_TREND_WORKS, WORKS_WELL, quarters or {}, min_n, tr,
                                tr(NOTE_TREND)),
                          trend("trend-heard", T_TREND_HEARD, HEARD, quarters or {}, min_n, tr)) if t]
    if trends:
        sections.append(Section("trend", tr(S_TREND), tuple(trends)))
    sections.append(Section("answers", tr(S_ANSWERS), tuple(staff_distributions(table, asked, min_n, tr))))
    family = family_distributions(summaries, min_n, tr)
    if family:
        sections.append(Section("family", tr(S_FAMILY), tuple(family)))
    if panels is not None:
        sections.append(Section("compare", tr(S_COMPARE), (
            comparison("compare-works_well", T_COMPARE_WORKS, WORKS_WELL, panels, respondents, min_n, tr),
            comparison("compare-heard", T_COMPARE_HEARD, HEARD, panels, respondents, min_n, tr))))
    return Report(tuple(sections), empty=not summaries)
