"""Percentages rounded half up and written the locale's way (surveys/numbers.py)."""
from decimal import Decimal

import pytest

from surveys.numbers import display_percent, export_percent, format_number, format_percent, percent, \
    round_half_up

NBSP = "\u00a0"


@pytest.mark.parametrize("value", [Decimal("36.5"), "36.5", 36.5])
def test_a_half_is_rounded_up(value):
    assert display_percent(value) == 37


def test_rounding_is_not_pythons_half_to_even():
    assert round(12.5) == 12 and display_percent(12.5) == 13


def test_a_float_is_rounded_as_written_not_as_stored():
    assert round(0.285, 2) == 0.28          # the float is 0.28499999…
    assert round_half_up(0.285, 2) == Decimal("0.29")


def test_the_percentage_is_exact_until_it_is_rounded():
    assert display_percent(percent(73, 200)) == 37     # exactly 36.5
    assert display_percent(percent(22, 29)) == 76      # the study's 76 %
    assert percent(1, 0) is None and percent(None, 5) is None


def test_the_export_keeps_one_decimal_with_a_dot():
    assert export_percent(percent(2, 3)) == "66.7"
    assert export_percent(Decimal("36.25")) == "36.3"
    assert export_percent(100) == "100.0"
    assert export_percent(None) == ""


@pytest.mark.parametrize("locale, expected", [("fi", f"76{NBSP}%"), ("sv", f"76{NBSP}%"), ("en", "76%")])
def test_a_percentage_is_written_the_locales_way(locale, expected):
    assert format_percent(percent(22, 29), locale) == expected


@pytest.mark.parametrize("locale, expected", [("fi", f"3,5{NBSP}%"), ("sv", f"3,5{NBSP}%"), ("en", "3.5%")])
def test_a_decimal_percentage_has_the_locales_decimal_sign(locale, expected):
    assert format_percent(Decimal("3.45"), locale, digits=1) == expected


def test_formatting_rounds_half_up_before_babel_could_round_half_to_even():
    assert format_percent(Decimal("12.5"), "fi") == f"13{NBSP}%"


def test_counts_are_grouped_the_locales_way():
    assert format_number(1234, "fi") == f"1{NBSP}234"
    assert format_number(1234, "en") == "1,234"
    assert format_number(Decimal("3.45"), "sv", digits=1) == "3,5"
