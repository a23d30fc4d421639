"""Percentages of the survey report: rounded half up, written the locale's way (pure).

People expect 36.5 % to be shown as 37 %, so rounding is half up on the
exact decimal value (Python's round() and Babel both round half to even,
and a float may hold 36.5 as 36.49999…). Round once, here, then format:
Babel then writes the already rounded value without rounding it again.

    display_percent(Decimal("36.5"))      -> Decimal("37")
    export_percent(Decimal(200) / 3)      -> "66.7"   (CSV: one decimal, a dot)
    format_percent(Decimal("75.86"), "fi") -> "76 %"  (a no-break space, U+00A0)
    format_percent(Decimal("3.45"), "sv", digits=1) -> "3,5 %"
    format_percent(Decimal("75.86"), "en") -> "76%"
"""
import re
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_format_percent

# Kuulluksi writes English the British way (as web/i18n.py's dates do); the
# percent sign is the same, but the locale is named once.
FORMAT_LOCALE = {"en": "en_GB"}


def _decimal(value):
    # str() first: Decimal(0.285) is 0.28499999…, Decimal("0.285") is what was meant
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round_half_up(value, digits=0):
    """`value` (int, float, str or Decimal) rounded half up to `digits` decimals, as a Decimal;
    None stays None."""
    if value is None:
        return None
    return _decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def percent(part, whole):
    """100 × part / whole exactly (a Decimal), or None when whole is 0 or either is None."""
    if part is None or not whole:
        return None
    return Decimal(100 * part) / Decimal(whole)


def display_percent(value):
    """The percentage as shown on the page and the chart: a whole number, half up."""
    return round_half_up(value, 0)


def export_percent(value):
    """The percentage of the CSV export: one decimal, half up, dot decimals ("36.5"); "" for None."""
    rounded = round_half_up(value, 1)
    return "" if rounded is None else f"{rounded:.1f}"


def _locale(locale):
    return FORMAT_LOCALE.get(str(locale), str(locale))


def _pattern_with_decimals(pattern, digits):
    """The locale's percent pattern ('#,##0\u00a0%') with exactly `digits` decimals ('#,##0.0\u00a0%')."""
    positive = pattern.split(";")[0]
    if digits <= 0:
        return positive
    return re.sub(r"0(?=[^0]*$)", "0." + "0" * digits, positive, count=1)


def format_percent(value, locale, digits=0):
    """`value` (a percentage, 0–100) rounded half up and written the locale's way:
    fi and sv "76 %" / "3,5 %" (a no-break space before %), en "76%". None gives ""."""
    rounded = round_half_up(value, digits)
    if rounded is None:
        return ""
    return _percent_text(rounded, _locale(locale), digits)


# A report page writes some 2,500 numbers, most of them the same few ("5", "76 %"), and
# Babel takes ~50 µs each: the same (number, locale, decimals) always gives the same text.
@lru_cache(maxsize=4096)
def _percent_text(rounded, locale, digits):
    pattern = _pattern_with_decimals(Locale.parse(locale).percent_formats[None].pattern, digits)
    return babel_format_percent(rounded / 100, format=pattern, locale=locale)


def format_number(value, locale, digits=0):
    """A count or a decimal number the locale's way: fi "1 234" (no-break space), "3,5"; en "1,234"."""
    rounded = round_half_up(value, digits)
    if rounded is None:
        return ""
    return _number_text(rounded, _locale(locale), digits)


@lru_cache(maxsize=4096)
def _number_text(rounded, locale, digits):
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(rounded, format=pattern, locale=locale)
