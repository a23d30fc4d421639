"""The report's charts: inline SVG that keeps its text, says what it shows,
gives the same bytes for the same data, and never shows a suppressed cell
(surveys/charts.py, surveys/chart_data.py)."""
import ast
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from surveys import charts
from surveys.chart_data import Group, LikertChart, LikertRow, StudyChart, StudyRow, TrendChart, TrendSeries, \
    likert_segments, quarter_label, table_rows
from surveys.suppression import suppress_small, suppress_trend
from surveys.texts import Translator
from tests.conftest import fresh_python
from tests.survey_figures import EXPERTS, PROFESSIONALS, STUDY, cell, study_cells

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
NBSP = "\u00a0"
REPORT_MODULES = ["suppression", "numbers", "texts", "key_figures", "chart_data", "charts"]
WORKS_WELL_POINTS = tuple((str(i), label) for i, label in enumerate(
    ["Erittäin huonosti", "Melko huonosti", "Ei hyvin eikä huonosti", "Hyvin", "Erittäin hyvin"], start=1))


def tr(lang):
    return Translator.from_catalogue(lang)


def study_chart(title="Tyytyväisyys"):
    return StudyChart(title, (Group("expert", EXPERTS), Group("professional", PROFESSIONALS)),
                      tuple(StudyRow(q, study_cells(q)) for q in STUDY))


def likert_chart():
    experts = cell("works_well", "expert", 29, 22, counts={"1": 1, "2": 2, "3": 4, "4": 12, "5": 10}, dont_know=3)
    professionals = cell("works_well", "professional", 46, 17, counts={"1": 5, "2": 10, "3": 14, "4": 12, "5": 5},
                         dont_know=2)
    children, = suppress_small([cell("works_well", "child", 4, 2, counts={"4": 2, "2": 2})], min_n=5)
    return LikertChart("Miten asiantuntijaryhmä toimi?", WORKS_WELL_POINTS, "En osaa sanoa",
                       (LikertRow("Asiantuntijajäsenet", experts), LikertRow("Ammattilaiset", professionals),
                        LikertRow("Lapset", children)))


def trend_chart():
    expert = suppress_trend([cell("works_well", "expert", n, p) for n, p in ((8, 6), (7, 5), (3, 3), (10, 8))],
                            min_n=5)
    professional = [cell("works_well", "professional", n, p) for n, p in ((12, 4), (11, 5), (12, 4), (11, 4))]
    fi = tr("fi")
    return TrendChart("Trendi", tuple(quarter_label(2026, q, fi) for q in range(1, 5)),
                      (TrendSeries("expert", tuple(expert)), TrendSeries("professional", tuple(professional))))


@pytest.fixture(scope="module")
def study_svgs():
    return {lang: charts.svg(study_chart(), tr(lang), chart_id="study") for lang in ("fi", "sv", "en")}


def parse(svg):
    return ET.fromstring(svg)


def texts(svg):
    return [t.text or "" for t in parse(svg).iter(f"{SVG}text")]


def joined(svg):
    return " ".join(texts(svg))


def test_importing_the_charts_loads_no_matplotlib_and_drawing_never_loads_pyplot():
    script = ("import sys, surveys.charts as c\n"
              "assert 'matplotlib' not in sys.modules, 'imported at import time'\n"
              "from tests.test_survey_charts import study_chart, tr\n"
              "c.svg(study_chart(), tr('fi'), chart_id='a'); c.png(study_chart(), tr('fi'))\n"
              "assert 'matplotlib.figure' in sys.modules\n"
              "print('matplotlib.pyplot' in sys.modules)\n")
    assert fresh_python(script) == "False"


def test_no_report_module_imports_pyplot_flask_or_the_database():
    for name in REPORT_MODULES:
        tree = ast.parse((ROOT / "surveys" / f"{name}.py").read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        banned = {m for m in imported if m and (m.startswith(("flask", "sqlite")) or m == "db" or "pyplot" in m)}
        assert not banned, f"surveys/{name}.py imports {banned}"


def test_the_same_data_gives_the_same_svg_bytes(study_svgs):
    assert charts.svg(study_chart(), tr("fi"), chart_id="study") == study_svgs["fi"]


def test_the_same_data_gives_the_same_png_bytes():
    first = charts.png(likert_chart(), tr("fi"))
    assert first.startswith(b"\x89PNG\r\n\x1a\n")
    assert charts.png(likert_chart(), tr("fi")) == first


def test_the_svg_is_inline_markup_without_a_date_or_metadata(study_svgs):
    svg = study_svgs["fi"]
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg and "DOCTYPE" not in svg and "<metadata" not in svg and "dc:date" not in svg
    assert not re.search(r"20\d\d-\d\d-\d\d", svg)


def test_the_svg_is_an_image_labelled_by_its_title_and_description(study_svgs):
    root = parse(study_svgs["fi"])
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.get("id"), title.text) == (title_id, "Tyytyväisyys")
    assert desc.get("id") == desc_id
    assert desc.text.startswith(f"Asiantuntijaryhmä toimii hyvin tai erittäin hyvin: Asiantuntijajäsenet 76{NBSP}% "
                                f"(n = 29), Ammattilaiset 37{NBSP}% (n = 46).")


def test_a_title_with_markup_characters_stays_text():
    root = parse(charts.svg(study_chart(title="A & <b>"), tr("en"), chart_id="t"))
    assert root.find(f"{SVG}title").text == "A & <b>"


@pytest.mark.parametrize("lang, percent, legend, wording", [
    ("fi", f"76{NBSP}%", "Asiantuntijajäsenet (n = 29)", "Asiantuntijaryhmä toimii hyvin tai erittäin hyvin"),
    ("sv", f"76{NBSP}%", "Expertmedlemmar (n = 29)", "Expertgruppen fungerar bra eller mycket bra"),
    ("en", "76%", "Expert members (n = 29)", "The expert panel works well or very well"),
])
def test_the_study_chart_speaks_the_page_language_in_text(study_svgs, lang, percent, legend, wording):
    svg = study_svgs[lang]
    assert percent in texts(svg) and legend in texts(svg)
    assert wording in joined(svg)


def test_every_bar_carries_its_percentage(study_svgs):
    shown = texts(study_svgs["en"])
    for figure in ("76%", "37%", "90%", "41%", "3%", "2%", "10%", "17%", "69%", "78%"):
        assert figure in shown
    assert "Not asked" in shown   # the professionals' statement_importance


def test_the_full_wording_of_a_long_statement_is_kept():
    svg = charts.svg(study_chart(), tr("en"), chart_id="s")
    assert "A well-working expert panel is a fairly or very important factor in keeping and attracting staff" \
        in joined(svg)


def test_two_charts_on_one_page_share_no_id_and_every_reference_is_their_own():
    page = [charts.svg(study_chart(), tr("fi"), chart_id="study"),
            charts.svg(likert_chart(), tr("fi"), chart_id="likert-works_well")]
    ids = [re.findall(r'\bid="([^"]+)"', svg) for svg in page]
    every = [i for chart_ids in ids for i in chart_ids]
    assert len(every) == len(set(every))
    for svg, chart_ids in zip(page, ids):
        references = set(re.findall(r'url\(#([^)]+)\)', svg)) | set(re.findall(r'href="#([^"]+)"', svg))
        assert references <= set(chart_ids)


def test_a_suppressed_cell_is_in_no_bar_label_description_or_table():
    small, = suppress_small([cell("works_well", "professional", 3, 1)], min_n=5)      # would be 33 %
    chart = StudyChart("T", (Group("expert", 29), Group("professional", None)),
                       (StudyRow("works_well", (cell("works_well", "expert", 29, 22), small)),))
    en = tr("en")
    svg = charts.svg(chart, en, chart_id="s")
    assert "33%" not in svg and "Too few answers to show" in texts(svg)
    assert "Professionals (too few answers)" in texts(svg)
    assert "33%" not in charts.description(chart, en)
    professional_row = table_rows(chart, en).rows[1]
    assert professional_row == ("The expert panel works well or very well", "Professionals", "", "",
                                "Too few answers to show", "")


def test_the_study_table_has_the_same_numbers():
    table = table_rows(study_chart(), tr("fi"))
    assert table.header == ("Väittämä", "Vastaajaryhmä", "Vastauksia (n)", "Myönteisiä vastauksia",
                            "Myönteisten osuus", "En osaa sanoa")
    assert table.rows[0] == ("Asiantuntijaryhmä toimii hyvin tai erittäin hyvin", "Asiantuntijajäsenet", "29", "22",
                             f"76{NBSP}%", "0")
    assert len(table.rows) == 11      # six statements of two groups, one not asked of professionals


def test_a_diverging_bar_has_the_negative_left_the_neutral_centred_and_the_positive_right():
    segments = {value: (left, width) for value, left, width in likert_segments(likert_chart().rows[1].cell,
                                                                               WORKS_WELL_POINTS)}
    neutral_left, neutral_width = segments["3"]
    assert neutral_left == -neutral_width / 2
    assert segments["2"][0] + segments["2"][1] == neutral_left           # the mild negative touches the neutral
    assert segments["1"][0] < segments["2"][0] < 0 < segments["4"][0] < segments["5"][0]
    assert sum(width for _, width in segments.values()) == Decimal(100)


def test_a_three_point_scale_centres_its_middle_point():
    points = (("1", "ei"), ("2", "vähän"), ("3", "paljon"))
    (_, left1, w1), (_, left2, w2), (_, left3, _) = likert_segments(
        cell("felt_heard", "child", 10, 6, counts={"1": 2, "2": 2, "3": 6}), points)
    assert left2 == -w2 / 2 and left1 + w1 == left2 and left3 == w2 / 2


def test_the_likert_chart_shows_dont_know_apart_with_its_count_and_the_scale_in_order():
    svg = charts.svg(likert_chart(), tr("fi"), chart_id="l")
    shown = texts(svg)
    assert "En osaa sanoa" in shown and "3" in shown and "2" in shown
    legend = [t for t in shown if t in dict(WORKS_WELL_POINTS).values()]
    assert legend == [label for _, label in WORKS_WELL_POINTS]
    assert "Too few answers to show" in shown or "Liian vähän vastauksia näytettäväksi" in shown
    assert charts.description(likert_chart(), tr("fi")).startswith(
        f"Asiantuntijajäsenet (n = 29): Erittäin huonosti 3{NBSP}%, Melko huonosti 7{NBSP}%")


def test_the_likert_table_counts_each_point_and_dont_know():
    table = table_rows(likert_chart(), tr("en"))
    assert table.header == ("Respondent group", "Answers (n)") + tuple(l for _, l in WORKS_WELL_POINTS) + \
        ("En osaa sanoa",)
    assert table.rows[0] == ("Asiantuntijajäsenet", "29", "1 (3%)", "2 (7%)", "4 (14%)", "12 (41%)", "10 (34%)", "3")
    assert table.rows[2][1] == "Too few answers to show"


def test_a_suppressed_quarter_is_a_gap_with_no_n_and_the_table_says_why():
    chart = trend_chart()
    svg = charts.svg(chart, tr("fi"), chart_id="trend")
    labels = [t for t in texts(svg) if t.startswith("n = ")]
    shown_points = sum(c.shown for s in chart.series for c in s.points)
    assert shown_points == 6   # the third quarter is small, the first (the smallest other) goes with it
    assert len(labels) == shown_points
    table = table_rows(chart, tr("fi"))
    assert table.header == ("Ajanjakso", "Asiantuntijajäsenet", "Ammattilaiset")
    assert table.rows[2] == ("3. neljännes 2026", "Liian vähän vastauksia näytettäväksi", f"33{NBSP}% (n = 12)")


def test_a_chart_id_that_could_break_the_markup_is_refused():
    with pytest.raises(ValueError):
        charts.svg(study_chart(), tr("fi"), chart_id='x" onload="alert(1)')
