"""Finds text that looks like a Finnish personal identity code (henkilötunnus).

Pure: no Flask. A code is ddmmyyCzzzQ: birth date, a century sign (+ for the
1800s; - Y X W V U for the 1900s; A B C D E F for the 2000s), an individual
number and a check character (ddmmyyzzz mod 31 in "0123456789ABCDEFHJKLMNPRSTUVWXY").
Only strings with a real date count, so case codes, phone numbers and dates
do not raise false alarms. The check character is NOT required for a warning:
a code typed with a slip is still somebody's identity code (is_valid checks it).
"""
import re
from datetime import date

CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
             "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}

# no letter or digit right before or after; the separator and check character
# are matched case-insensitively (people type them in lower case too)
HETU_RE = re.compile(r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})([-+ABCDEFYXWVU])(\d{3})([0-9A-Y])(?![0-9A-Za-z])",
                     re.IGNORECASE)


def check_character(ddmmyy, individual):
    """The check character of a code with these digits."""
    return CHECK_CHARS[int(f"{ddmmyy}{individual}") % 31]


def is_valid(code):
    """True when `code` is exactly one well-formed identity code."""
    match = HETU_RE.fullmatch((code or "").strip())
    return bool(match) and _valid_match(match)


def _looks_like(match):
    dd, mm, yy, sign, individual, check = match.groups()
    try:
        date(CENTURIES[sign.upper()] + int(yy), int(mm), int(dd))
    except ValueError:
        return False
    # 002–899 are given to people, 900–999 are temporary codes (still personal)
    return int(individual) >= 2


def _valid_match(match):
    dd, mm, yy, sign, individual, check = match.groups()
    return _looks_like(match) and check_character(dd + mm + yy, individual) == check.upper()


def find_identity_codes(text):
    """Every substring of `text` that looks like an identity code: the
    shape and a real birth date, with or without the right check character."""
    return [m.group(0) for m in HETU_RE.finditer(text or "") if _looks_like(m)]


def looks_like_identity_code(text):
    """True when `text` contains something that looks like a Finnish identity code."""
    return bool(find_identity_codes(text))
