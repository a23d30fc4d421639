"""The report's child's-voice figures (surveys/child_voice.py, child_voice_storage.py):
each figure's numbers from a world built through the real storage functions,
the bands from the definitions, suppression below the minimum n (and the
complementary case), the ShareChart's SVG, description and table in fi, sv, en."""
import ast
import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest

from panel import attendance_storage, statement_storage
from panel import storage as panel_storage
from participation import band_names, questionnaires, review_storage
from participation import storage as views_storage
from surveys import charts, child_voice, definitions, requests
from surveys import storage as survey_storage
from surveys.chart_data import ShareChart, ShareRow, description, table_rows
from surveys.report_filters import Filters
from surveys.suppression import COMPLEMENTARY, SMALL, Cell
from surveys.texts import Translator
from tests.conftest import make_user
from tests.test_tablet import make_views

ROOT = Path(__file__).resolve().parent.parent

EN = Translator("en")          # msgids as they are: the labels below are the English msgids
NBSP = "\u00a0"
SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2027, 5, 1)       # the January meeting's follow-up is due (29.4.), the March one's not yet


def numbers(figure):
    """{row label: (count, out of)} of a figure; (None, None) when suppressed."""
    return {row.label: (row.cell.positive, row.cell.n) for row in figure.spec.rows}


def by_name(figures):
    return {f.name: f for f in figures}


def test_the_figures_module_is_pure_and_leaves_the_sql_to_its_storage():
    source = (ROOT / "surveys" / "child_voice.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {m for m in imported if m.startswith(("flask", "sqlite")) or m == "db"}
    assert not re.search(r"\b(SELECT|db\.execute|db\.query)\b", source)


# ---------------------------------------------------------------- a world through the real storage functions

def _meeting(db, panel_id, day):
    start = datetime.fromisoformat(f"{day}T09:00")
    return panel_storage.create_meeting(db, panel_id, start, start.replace(hour=11), capacity=10)


def _book(db, meeting_id, worker_id, age, booked_on):
    return panel_storage.book_consultation(
        db, meeting_id=meeting_id, social_worker_id=worker_id, created_by=worker_id, child_age=age,
        background="Tausta.", questions=["Mitä tukea?"], today=booked_on, closes_days_before=14)


def _views(db, consultation_id, band, state="finished"):
    views_id = make_views(db, consultation_id, band)
    views_storage.save_answer(db, views_id, "q1", {"choice": None, "text": "Toive", "declined": False,
                                                   "visibility": "panel"})
    if state == "finished":
        views_storage.finish(db, views_id)
    elif state == "refused":
        views_storage.finish(db, views_id, refused=True)
    elif state == "handed_over":
        review_storage.hand_over(db, views_id)
    return views_id


def _hold(db, meeting_id, coordinator, marks):
    attendance_storage.mark_held(db, meeting_id, coordinator, member_ids=[], experts=[],
                                 consultations={cid: {"social_worker": True, "child_joined": child,
                                                      "parents_joined": parent}
                                                for cid, (child, parent) in marks.items()})


def _finalise(db, consultation_id, coordinator, message="Kiitos, että kerroit toiveesi."):
    statement_storage.save_draft(db, consultation_id, coordinator, answers={1: "Perhetyötä."},
                                 recommendations="Perhetyö jatkuu.", message_to_child=message)
    statement_storage.finalise(db, consultation_id, coordinator, link=f"/consultations/{consultation_id}/statement")


def _deliver(db, consultation_id, worker, how, on_day, reason=""):
    (recipient,) = statement_storage.recipients(db, consultation_id)
    statement_storage.mark_deliveries(db, consultation_id, worker, {recipient["key"]: (how, reason)})
    row = next(db["message_deliveries"].rows_where("consultation_id = ?", [consultation_id]))
    db["message_deliveries"].update(row["id"], {"marked_at": f"{on_day}T10:00:00Z"})  # the day it was marked


@pytest.fixture
def world(db, panel_id, other_panel_id, users):
    """Held meetings on 29.1. and 26.3.2027, one not held on 30.4., one of another panel:
    consultations of every band with views in every state (see each line)."""
    worker, coordinator = users["social_worker"][0], users["coordinator"][0]
    january, march = _meeting(db, panel_id, "2027-01-29"), _meeting(db, panel_id, "2027-03-26")
    april = _meeting(db, panel_id, "2027-04-30")
    elsewhere = _meeting(db, other_panel_id, "2027-01-29")
    c = {}
    c["small"] = _book(db, january, worker, 4, "2027-01-05")            # 3-6, views, a parent's too
    _views(db, c["small"], "3-6")
    _views(db, c["small"], "parent")
    c["small_unheard"] = _book(db, january, worker, 5, "2027-01-05")    # 3-6, no views
    c["handed"] = _book(db, january, worker, 9, "2027-01-05")           # 7-12, handed over: views
    _views(db, c["handed"], "7-12", "handed_over")
    c["refused"] = _book(db, january, worker, 10, "2027-01-05")         # 7-12, asked, chose not to answer
    _views(db, c["refused"], "7-12", "refused")
    c["young"] = _book(db, january, worker, 15, "2027-01-05")           # 13-17, views
    _views(db, c["young"], "13-17")
    c["draft"] = _book(db, march, worker, 16, "2027-03-01")             # 13-17, a draft only: no views
    _views(db, c["draft"], "13-17", "draft")
    c["march"] = _book(db, march, worker, 8, "2027-03-01")              # 7-12, views, a parent's too
    _views(db, c["march"], "7-12")
    _views(db, c["march"], "parent")
    c["cancelled"] = _book(db, march, worker, 11, "2027-03-01")         # cancelled: not counted
    _views(db, c["cancelled"], "7-12")
    panel_storage.cancel_consultation(db, c["cancelled"], worker)
    c["not_held"] = _book(db, april, worker, 12, "2027-04-01")          # its meeting not held: not counted
    _views(db, c["not_held"], "7-12")
    other_worker = make_user(db, "other.worker@example.fi", ["social_worker"], [other_panel_id])
    c["other_panel"] = _book(db, elsewhere, other_worker, 12, "2027-01-05")
    _views(db, c["other_panel"], "7-12")
    _hold(db, elsewhere, coordinator, {c["other_panel"]: (True, True)})

    _hold(db, january, coordinator, {c["small"]: (True, False), c["handed"]: (False, True),
                                     c["young"]: (True, True), c["small_unheard"]: (False, False),
                                     c["refused"]: (False, False)})
    _hold(db, march, coordinator, {c["draft"]: (False, False), c["march"]: (False, False)})
    for key in ("small", "handed", "young", "march"):   # "handed": a message without a finished record
        _finalise(db, c[key], coordinator)
    _finalise(db, c["refused"], coordinator, message="")
    _deliver(db, c["small"], worker, "in_person", "2027-02-05")                           # 7 days
    _deliver(db, c["handed"], worker, "letter", "2027-02-12")                             # 14 days
    _deliver(db, c["young"], worker, "not_delivered", "2027-02-01", reason="Ei tavoitettu.")
    statement_storage.save_follow_up(db, c["small"], worker, "yes")
    statement_storage.save_follow_up(db, c["march"], worker, "partly")   # answered before it was due
    return c


def figures(db, panel_id, min_n=1, tr=EN, **months):
    return by_name(child_voice.build(db, Filters((panel_id,), **months), today=TODAY, grace_days=14,
                                     min_n=min_n, tr=tr))


def test_the_figures_have_stable_names_in_the_report_order(db, panel_id, world):
    assert list(figures(db, panel_id)) == ["views_by_band", "family_joined", "messages_delivered", "follow_up",
                                           "response_rates"]


def test_views_by_band_counts_finished_and_handed_over_views_of_held_meetings_only(db, panel_id, world):
    assert numbers(figures(db, panel_id)["views_by_band"]) == {
        "Child 3–6 years": (1, 2), "Child 7–12 years": (2, 3), "Young person 13–17 years": (1, 2),
        "Children, all ages": (4, 7), "Parent or guardian": (2, 7)}


def test_the_month_range_keeps_only_the_meetings_in_it(db, panel_id, world):
    found = numbers(figures(db, panel_id, from_month="2027-03", to_month="2027-03")["views_by_band"])
    assert found["Children, all ages"] == (1, 2) and found["Parent or guardian"] == (1, 2)


def test_the_family_joined_counts_the_child_a_parent_and_either(db, panel_id, world):
    assert numbers(figures(db, panel_id)["family_joined"]) == {
        "The child": (2, 7), "A parent": (2, 7), "The child or a parent": (3, 7)}


def test_messages_delivered_count_every_child_the_message_was_for(db, panel_id, world):
    figure = figures(db, panel_id)["messages_delivered"]
    assert numbers(figure) == {"Delivered in any way": (2, 4), "Told in person": (1, 4), "By letter": (1, 4),
                               "At a meeting": (0, 4), "Not delivered": (1, 4), "Not marked yet": (1, 4)}
    assert "took 10.5 days (median, n = 2)" in figure.note


def test_the_recipients_in_sql_are_the_statement_rules_recipients(db, panel_id, world):
    """The SQL repeats statement_rules.recipients for the children: both must agree."""
    expected = sum(1 for cid in world.values() for r in statement_storage.recipients(db, cid)
                   if r["person"] == "child" and panel_storage.get_consultation(db, cid)["panel_id"] == panel_id
                   and panel_storage.get_consultation(db, cid)["status"] != "cancelled")
    assert numbers(figures(db, panel_id)["messages_delivered"])["Not marked yet"][1] == expected == 4


def test_the_follow_up_counts_the_due_and_the_answered(db, panel_id, world):
    assert numbers(figures(db, panel_id)["follow_up"]) == {
        "Yes": (1, 3), "Partly": (1, 3), "No": (0, 3), "Don't know": (0, 3), "No answer yet": (1, 3)}


def test_the_follow_up_is_due_three_months_after_the_meeting():
    assert child_voice.follow_up_due_by(date(2027, 2, 28)) == date(2026, 11, 30)   # 30.11. + 3 months = 28.2.
    assert child_voice.follow_up_due_by(date(2027, 3, 1)) == date(2026, 12, 1)


def test_response_rates_count_used_requests_of_those_sent_and_closed(db, panel_id, users):
    worker = users["social_worker"][0]
    definition = definitions.SURVEYS["feedback-professional"]
    version_id = survey_storage.ensure_survey_version(db, definition, requests.texts_of(definition))
    made = []
    for n, (group, expires_on) in enumerate([("professional", "2027-02-28"), ("professional", "2027-02-28"),
                                             ("professional", "2027-06-30"), ("expert", "2027-02-28")]):
        made.append(survey_storage.create_request(
            db, panel_id=panel_id, survey_id="feedback-professional", version_id=version_id, group=group,
            period="2027-02", once_key=f"test:{n}", created_on="2027-02-01", expires_on=expires_on,
            user_id=worker))
    assert survey_storage.submit(db, made[0], {}, date(2027, 2, 10))
    rates = numbers(figures(db, panel_id)["response_rates"])
    assert rates["Professionals"] == (1, 2)        # the one still open is not counted
    assert rates["Expert members"] == (0, 1)
    assert rates["Children"] == (None, None)       # nobody asked: nothing to show
    assert numbers(figures(db, panel_id, from_month="2027-03")["response_rates"])["Professionals"] == (None, None)


# ---------------------------------------------------------------- bands from the definitions

def test_the_band_rows_are_the_definitions_bands_in_their_order(db, panel_id, world):
    labels = [row.label for row in figures(db, panel_id)["views_by_band"].spec.rows]
    names = [band_names.name(band, EN) for band in questionnaires.bands("child")]
    assert labels == names + ["Children, all ages"] + [band_names.name(b, EN) for b in questionnaires.bands("parent")]


def test_a_band_added_to_the_definitions_gets_its_row(monkeypatch, db, panel_id, world):
    aftercare = dataclasses.replace(questionnaires.DEFINITIONS["13-17"], id="young-adult-18-21", band="18-21")
    monkeypatch.setitem(questionnaires.DEFINITIONS, "18-21", aftercare)
    rows = figures(db, panel_id)["views_by_band"].spec.rows
    assert [r.label for r in rows][:4] == ["Child 3–6 years", "Child 7–12 years", "Young person 13–17 years", "18-21"]
    assert not rows[3].cell.shown   # no consultation counts in it: nothing to show


# ---------------------------------------------------------------- suppression

def test_a_share_below_the_minimum_is_suppressed(db, panel_id, world):
    rows = {r.label: r.cell for r in figures(db, panel_id, min_n=3)["views_by_band"].spec.rows}
    assert rows["Child 3–6 years"].suppressed == SMALL and rows["Young person 13–17 years"].suppressed == SMALL
    assert rows["Child 7–12 years"].shown and rows["Child 7–12 years"].n == 3
    assert rows["Children, all ages"].shown and rows["Children, all ages"].n == 7


def test_a_band_that_the_total_would_give_away_is_suppressed_too(db, panel_id, world):
    """January: 3–6 n = 2, 7–12 n = 2, 13–17 n = 1, all n = 5. With min_n 2 the 13–17
    band is small, and "all minus the others" would tell it: the first smallest goes too."""
    january = figures(db, panel_id, min_n=2, from_month="2027-01", to_month="2027-01")["views_by_band"]
    rows = {r.label: r.cell for r in january.spec.rows}
    assert rows["Young person 13–17 years"].suppressed == SMALL
    assert rows["Child 3–6 years"].suppressed == COMPLEMENTARY
    assert rows["Child 7–12 years"].shown and rows["Children, all ages"].n == 5


def test_a_share_at_the_minimum_is_shown(db, panel_id, world):
    rows = {r.label: r.cell for r in figures(db, panel_id, min_n=2)["views_by_band"].spec.rows}
    assert all(cell.shown for cell in rows.values())


def test_the_delivery_time_is_suppressed_below_the_minimum(db, panel_id, world):
    figure = figures(db, panel_id, min_n=3)["messages_delivered"]
    assert "Too few delivered messages" in figure.note and "10.5" not in figure.note
    assert all(row.cell.shown for row in figure.spec.rows)   # 4 recipients ≥ 3


def test_a_suppressed_share_is_missing_from_chart_description_and_table(db, panel_id, world):
    figure = figures(db, panel_id, min_n=5, tr=Translator.from_catalogue("fi"))["follow_up"]
    svg = charts.svg(figure.spec, Translator.from_catalogue("fi"), chart_id=figure.name)
    texts = [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert not [t for t in texts if "n =" in t]
    assert texts.count("Liian vähän näytettäväksi") == len(figure.spec.rows)
    assert "n =" not in description(figure.spec, Translator.from_catalogue("fi"))
    table = table_rows(figure.spec, Translator.from_catalogue("fi"))
    assert all(row[1:] == ("", "", "Liian vähän näytettäväksi") for row in table.rows)


# ---------------------------------------------------------------- the ShareChart in each language

SHARES = ShareChart("Osuus", "Kenen näkemykset", (ShareRow("Lapsi 3–6 v", Cell("a", "", n=13, positive=8)),
                                             ShareRow("Kaikki", Cell("b", "", n=29, positive=18), total=True),
                                             ShareRow("Vanhempi", Cell("c", "", n=None, suppressed=SMALL))))


@pytest.mark.parametrize("lang, percent", [("fi", f"62{NBSP}%"), ("sv", f"62{NBSP}%"), ("en", "62%")])
def test_the_share_chart_writes_its_percentages_as_text_the_language_s_way(lang, percent):
    tr = Translator.from_catalogue(lang)
    svg = charts.svg(SHARES, tr, chart_id="shares")
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert f"{percent} (n = 13)" in texts
    assert root.get("role") == "img" and root.get("aria-labelledby") == "shares-title shares-desc"
    assert root.find(f"{SVG}title").text == "Osuus"
    assert f"{percent} (n = 13)" in root.find(f"{SVG}desc").text


def test_the_share_chart_says_in_words_why_a_bar_is_missing():
    sv = Translator.from_catalogue("sv")
    texts = [t.text for t in ET.fromstring(charts.svg(SHARES, sv, chart_id="shares")).iter(f"{SVG}text")]
    assert "För få för att visas" in texts


def test_the_share_table_and_description_say_the_same_numbers():
    fi = Translator.from_catalogue("fi")
    table = table_rows(SHARES, fi)
    assert table.header == ("Kenen näkemykset", "Määrä", "Kaikkiaan (n)", "Osuus")
    assert table.rows[0] == ("Lapsi 3–6 v", "8", "13", f"62{NBSP}%")
    assert table.rows[2] == ("Vanhempi", "", "", "Liian vähän näytettäväksi")
    words = description(SHARES, fi)
    for label, _count, n, share in table.rows:
        assert f"{label}: {share}" in words
        if n:
            assert f"(n = {n})" in words


def test_the_same_share_data_gives_the_same_svg_bytes():
    fi = Translator.from_catalogue("fi")
    assert charts.svg(SHARES, fi, chart_id="shares") == charts.svg(SHARES, fi, chart_id="shares")


def test_the_median_days_are_written_the_language_s_way():
    fi = Translator.from_catalogue("fi")
    assert "10,5 päivää (mediaani, n = 6)" in child_voice.median_sentence(10.5, 6, fi, min_n=5)
    assert re.search(r"\b7 days \(median, n = 5\)", child_voice.median_sentence(7.0, 5, EN, min_n=5))


# ---------------------------------------------------------------- the demo data

def test_the_demo_data_gives_non_trivial_child_voice_figures(app, db):
    import demo_data
    from panel import calendar
    import config

    context = demo_data.fill(db)
    today = calendar.today(config.TIMEZONE)
    found = by_name(child_voice.build(db, Filters((context["panel_id"],)), today=today, grace_days=14, min_n=5,
                                      tr=EN))
    for name, label in (("views_by_band", "Children, all ages"), ("views_by_band", "Child 3–6 years"),
                        ("views_by_band", "Parent or guardian"), ("family_joined", "The child or a parent"),
                        ("messages_delivered", "Delivered in any way"), ("messages_delivered", "Not marked yet"),
                        ("follow_up", "Yes"), ("follow_up", "Partly"), ("response_rates", "Children")):
        count, n = numbers(found[name])[label]
        assert n and 0 < count < n, (name, label, count, n)
    assert "median" in found["messages_delivered"].note
