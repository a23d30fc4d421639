"""The report as data (surveys/report.py, pure): the study chart's bars and
legend, the key sentences, suppression at n = 4 and 5 and its complementary
cases (the children's two surveys, the quarters, the panels), and the
children's surveys kept on their own scales."""
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from surveys import report
from surveys.summary import QuestionSummary
from surveys.suppression import COMPLEMENTARY, SMALL
from surveys.texts import Translator
from tests.survey_figures import STUDY

EN = Translator.from_catalogue("en")
FI = Translator.from_catalogue("fi")


def s(question_id, group, n, positive, survey_id=None, counts=None, dont_know=0):
    survey_id = survey_id or {"expert": "feedback-expert", "professional": "feedback-professional",
                              "parent": "feedback-parent"}.get(group, "feedback-child-13-17")
    return QuestionSummary(survey_id=survey_id, question_id=question_id, group=group, type="scale", n=n,
                           counts=counts or {}, dont_know=dont_know, positive_n=positive)


def study_summaries():
    out = []
    for question_id, (expert, professional) in STUDY.items():
        out.append(s(question_id, "expert", *expert))
        if professional:
            out.append(s(question_id, "professional", *professional))
    return out


def build(summaries, respondents=None, tr=EN, **more):
    return report.build(summaries, respondents=respondents or {"expert": 29, "professional": 46}, min_n=5, tr=tr,
                        **more)


def study_spec(model):
    return model.figure("study").spec


def test_the_study_chart_has_a_row_per_statement_with_experts_and_professionals_side_by_side():
    chart = study_spec(build(study_summaries()))
    assert [(g.group, g.respondents) for g in chart.groups] == [("expert", 29), ("professional", 46)]
    works_well = chart.rows[0]
    assert works_well.question_id == "works_well"
    assert [round(c.positive_pct) for c in works_well.cells] == [76, 37]
    importance = next(r for r in chart.rows if r.question_id == "statement_importance")
    assert importance.cells[1] is None          # not asked of professionals


def test_the_key_sentences_are_the_studys_in_finnish():
    section = build(study_summaries(), tr=FI).sections[0]
    assert section.sentences[0] == ("76\u00a0% asiantuntijajäsenistä arvioi, että asiantuntijaryhmä toimii hyvin "
                                    "tai erittäin hyvin. Vain 37\u00a0% ammattilaisista oli samaa mieltä.")


@pytest.mark.parametrize("n, shown", [(4, False), (5, True)])
def test_a_cell_is_shown_from_five_answers_on(n, shown):
    chart = study_spec(build([s("works_well", "expert", n, 2), s("works_well", "professional", 20, 10)],
                             respondents={"expert": n, "professional": 20}))
    expert = chart.rows[0].cells[0]
    assert expert.shown is shown
    assert (expert.positive_pct == Decimal(200) / n) if shown else (expert.n is None and expert.suppressed == SMALL)
    assert chart.groups[0].respondents == (n if shown else None)


def test_a_group_without_any_answer_is_too_few_not_not_asked():
    chart = study_spec(build([s("works_well", "expert", 29, 22)], respondents={"expert": 29}))
    assert chart.rows[0].cells[1].suppressed == SMALL


def test_a_small_childrens_survey_hides_the_other_too_but_the_childrens_figure_stays():
    summaries = [s("felt_heard", "child", 4, 3, "feedback-child-7-12", {"3": 3, "2": 1}),
                 s("felt_heard", "child", 8, 5, "feedback-child-13-17", {"5": 2, "4": 3, "3": 3})]
    model = build(summaries, respondents={"child": 12})
    gap = model.figure("gap").spec.rows[0].cells
    children = gap[2]
    assert children.shown and (children.n, children.positive) == (12, 8)
    young, older = model.figure("family-7-12").spec.rows[0].cell, model.figure("family-13-17").spec.rows[0].cell
    assert young.suppressed == SMALL and older.suppressed == COMPLEMENTARY   # 12 - 8 would give the 4 back


def test_the_childrens_surveys_keep_their_own_scales():
    summaries = [s("felt_heard", "child", 9, 7, "feedback-child-7-12", {"3": 7, "2": 2}),
                 s("felt_heard", "child", 8, 5, "feedback-child-13-17", {"5": 2, "4": 3, "3": 3})]
    model = build(summaries, respondents={"child": 17})
    young, older = model.figure("family-7-12").spec, model.figure("family-13-17").spec
    assert len(young.points) == 3 and len(older.points) == 5
    assert young.rows[0].cell.counts == {"3": 7, "2": 2}
    assert "happiest face" in model.figure("family-7-12").note


def test_a_small_quarter_is_a_gap_and_takes_the_smallest_other_quarter_with_it():
    quarters = {"2026-Q1": [s("works_well", "expert", 8, 6)], "2026-Q2": [s("works_well", "expert", 3, 3)],
                "2026-Q4": [s("works_well", "expert", 10, 8)]}
    trend = build(study_summaries(), quarters=quarters).figure("trend-works_well").spec
    assert trend.periods == ("Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026")   # the empty Q3 too
    expert = trend.series[0].points
    assert [c.suppressed for c in expert] == [COMPLEMENTARY, SMALL, SMALL, None]
    assert expert[3].positive == 8


def test_panels_are_compared_against_all_panels_with_complementary_suppression():
    panels = [("A", [s("works_well", "expert", 3, 2)]), ("B", [s("works_well", "expert", 20, 15)])]
    model = build(study_summaries(), respondents={"expert": 23}, panels=panels)
    chart = model.figure("compare-works_well").spec
    assert [r.label for r in chart.rows] == ["A", "B", "All panels"]
    a, b, whole = (r.cells[0] for r in chart.rows)
    assert (a.suppressed, b.suppressed) == (SMALL, COMPLEMENTARY)
    assert whole.shown and whole.n == 23


def test_the_comparison_is_only_in_the_admins_report():
    assert build(study_summaries()).figure("compare-works_well") is None


def test_every_figure_name_is_unique_and_fit_for_an_svg_id():
    panels = [("A", study_summaries())]
    quarters = {"2026-Q1": study_summaries()}
    names = [f.name for f in build(study_summaries(), quarters=quarters, panels=panels).figures()]
    assert len(names) == len(set(names))
    from surveys.charts import CHART_ID
    assert all(CHART_ID.match(name) for name in names)


def test_the_childs_voice_section_goes_right_after_being_heard():
    summaries = study_summaries() + [s("felt_heard", "parent", 10, 7, counts={"5": 3, "4": 4, "3": 3})]
    model = build(summaries, respondents={"expert": 29, "professional": 46, "parent": 10})
    voice = report.Section("child_voice", "The child's voice", ())
    keys = [section.key for section in model.with_section(voice)]
    assert keys[:3] == ["study", "gap", "child_voice"]


# ---- the caches and the inline SVG (surveys/chart_cache.py) ---------------------------------------------

def test_the_chart_cache_keeps_at_most_its_size_dropping_the_least_recently_used():
    from surveys.chart_cache import LRU
    cache = LRU(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1          # "b" is now the least recently used
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c"), len(cache)) == (1, None, 3, 2)


def test_threads_that_miss_the_same_key_at_once_make_its_value_once():
    """A report's first view after a start: four threads at once, one computation (the others wait for it)."""
    import threading
    import time

    from surveys.chart_cache import LRU
    from tests.conftest import at_once
    cache, made, lock = LRU(4), [], threading.Lock()

    def make():
        with lock:
            made.append(threading.current_thread().name)
        time.sleep(0.05)   # long enough for the other threads to miss the key meanwhile
        return "the report"
    assert at_once(lambda: cache.get_or_make("key", make), 4) == ["the report"] * 4
    assert len(made) == 1 and cache.get("key") == "the report"
    assert cache.get_or_make("other", lambda: 2) == 2 and len(made) == 1


def test_a_value_whose_making_fails_is_not_kept_and_the_next_thread_makes_it_again():
    from surveys.chart_cache import LRU
    cache, tries = LRU(4), []

    def fails_once():
        tries.append(1)
        if len(tries) == 1:
            raise RuntimeError("the database went away")
        return "made"
    with pytest.raises(RuntimeError):
        cache.get_or_make("key", fails_once)
    assert cache.get("key") is None
    assert cache.get_or_make("key", fails_once) == "made" and len(tries) == 2


def test_a_chart_key_changes_with_its_numbers_its_format_and_its_language():
    from surveys.chart_cache import chart_key
    spec = study_spec(build(study_summaries()))
    other = study_spec(build(study_summaries()[1:]))
    key = chart_key("study", "svg", "en", spec)
    assert key == chart_key("study", "svg", "en", spec)
    assert len({key, chart_key("study", "svg", "en", other), chart_key("study", "png", "en", spec),
                chart_key("study", "svg", "fi", spec)}) == 4


def test_every_style_matplotlib_writes_becomes_a_presentation_attribute():
    import re

    from surveys import charts
    from surveys.chart_cache import PRESENTATION, for_page
    from tests.test_survey_charts import likert_chart, study_chart, trend_chart
    for spec in (study_chart(), likert_chart(), trend_chart()):
        raw = charts.svg(spec, EN, chart_id="c")
        used = {d.split(":")[0].strip() for style in re.findall(r'style="([^"]*)"', raw) for d in style.split(";")
                if d.strip()}
        assert used <= PRESENTATION, used - PRESENTATION
        page = for_page(raw)
        assert "style" not in page.replace("font-style", "")
        assert ET.fromstring(page).get("role") == "img"     # still well-formed: no attribute twice


def test_the_report_modules_import_no_flask_and_no_database():
    import ast
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "surveys"
    for name in ("report", "chart_cache"):
        tree = ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {m for m in imported if m and (m.startswith(("flask", "sqlite")) or m == "db")}, name
