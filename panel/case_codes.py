"""Pseudonymous case codes: `<prefix>-<year>-<NNN>`, e.g. KS-2027-014. Pure: no Flask.

A case code tells the panel which case is which without a name or an identity
code. Numbers run per prefix and year from 001; storage picks the next one
inside the booking transaction.
"""
import re

PREFIX_RE = re.compile(r"^[A-Z]{1,6}$")
CODE_RE = re.compile(r"^([A-Z]{1,6})-(\d{4})-(\d{3,})$")


def format_case_code(prefix, year, number):
    """format_case_code('KS', 2027, 14) == 'KS-2027-014'."""
    prefix = (prefix or "KS").strip().upper()
    if not PREFIX_RE.match(prefix):
        raise ValueError(f"bad case code prefix {prefix!r}")
    if number < 1:
        raise ValueError("case numbers start from 1")
    return f"{prefix}-{int(year):04d}-{int(number):03d}"


def parse_case_code(code):
    """(prefix, year, number) of a case code, or None when it is not one."""
    match = CODE_RE.match(code or "")
    if not match:
        return None
    return match.group(1), int(match.group(2)), int(match.group(3))


def next_case_code(prefix, year, existing_codes):
    """The next free code for `prefix` and `year` after those in `existing_codes`."""
    prefix = (prefix or "KS").strip().upper()
    numbers = [parsed[2] for parsed in map(parse_case_code, existing_codes)
               if parsed and parsed[0] == prefix and parsed[1] == int(year)]
    return format_case_code(prefix, year, max(numbers, default=0) + 1)
