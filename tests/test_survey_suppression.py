"""Small cells are never shown, nor anything that gives them away (surveys/suppression.py)."""
from decimal import Decimal
from types import SimpleNamespace

import config
from surveys.suppression import COMPLEMENTARY, SMALL, from_summary, suppress_margin, suppress_small, \
    suppress_trend
from tests.survey_figures import cell


def quarters(*ns):
    return [cell("works_well", "expert", n, n // 2, period=f"2026-Q{i}") for i, n in enumerate(ns, start=1)]


def shown_ns(cells):
    return [c.n for c in cells]


def test_the_minimum_n_is_five_by_default():
    assert config.SURVEY_MIN_N == 5


def test_a_cell_of_four_answers_is_suppressed_and_one_of_five_is_shown():
    four, five = suppress_small([cell("works_well", "expert", 4, 3), cell("works_well", "expert", 5, 3)], min_n=5)
    assert four.suppressed == SMALL and not four.shown
    assert five.shown and five.n == 5 and five.positive_pct == Decimal(60)


def test_a_suppressed_cell_keeps_none_of_its_numbers():
    hidden, = suppress_small([cell("works_well", "expert", 4, 3, counts={"4": 2, "5": 1, "1": 1}, dont_know=2)],
                             min_n=5)
    assert (hidden.n, hidden.positive, hidden.counts, hidden.dont_know, hidden.positive_pct) == \
        (None, None, {}, None, None)


def test_a_cell_nobody_answered_is_suppressed_too():
    empty, = suppress_small([cell("works_well", "parent", 0, 0)], min_n=5)
    assert empty.suppressed == SMALL


def test_the_minimum_is_the_callers_setting():
    nine, ten = suppress_small([cell("q", "expert", 9, 1), cell("q", "expert", 10, 1)], min_n=10)
    assert not nine.shown and ten.shown


def test_the_other_period_of_a_two_period_trend_is_suppressed_with_the_small_one():
    first, second = suppress_trend(quarters(3, 20), min_n=5)
    assert first.suppressed == SMALL
    assert second.suppressed == COMPLEMENTARY and second.n is None


def test_the_smallest_other_period_is_the_one_that_goes():
    out = suppress_trend(quarters(3, 20, 10, 30), min_n=5)
    assert [c.suppressed for c in out] == [SMALL, None, COMPLEMENTARY, None]
    assert shown_ns(out) == [None, 20, None, 30]


def test_two_small_periods_that_together_reach_the_minimum_take_nothing_else_with_them():
    out = suppress_trend(quarters(3, 4, 20), min_n=5)
    assert [c.suppressed for c in out] == [SMALL, SMALL, None]


def test_small_periods_that_together_stay_below_the_minimum_take_one_more():
    out = suppress_trend(quarters(1, 2, 20, 30), min_n=5)
    assert [c.suppressed for c in out] == [SMALL, SMALL, COMPLEMENTARY, None]


def test_a_trend_without_small_periods_is_shown_whole():
    assert all(c.shown for c in suppress_trend(quarters(5, 6, 7), min_n=5))


def test_a_trend_of_only_small_periods_is_hidden_and_the_search_ends():
    assert not any(c.shown for c in suppress_trend(quarters(1, 2), min_n=5))


def test_a_panel_cannot_be_worked_out_as_the_total_minus_the_other_panels():
    total = cell("works_well", "expert", 33, 20)
    parts = [cell("works_well", "expert", n, 1, period=None) for n in (3, 12, 18)]
    total_out, parts_out = suppress_margin(total, parts, min_n=5)
    assert total_out.shown
    assert [p.suppressed for p in parts_out] == [SMALL, COMPLEMENTARY, None]


def test_a_small_total_is_suppressed_with_its_parts():
    total_out, parts_out = suppress_margin(cell("q", "child", 4, 2), [cell("q", "child", 2, 1), cell("q", "child", 2, 1)],
                                           min_n=5)
    assert not total_out.shown and not any(p.shown for p in parts_out)


def test_a_cell_is_made_from_the_surveys_summary():
    summary = SimpleNamespace(question_id="works_well", group="professional", n=46, positive_n=17,
                              counts={"1": 2, "4": 10, "5": 7}, dont_know=3)
    made = from_summary(summary, period="2026-Q1")
    assert (made.n, made.positive, made.dont_know, made.period, made.counts["4"]) == (46, 17, 3, "2026-Q1", 10)
    assert made.positive_pct == Decimal(1700) / Decimal(46)
