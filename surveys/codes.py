"""A child's or a parent's feedback code (pure, no Flask).

The codes are tablet codes (participation/tablet_codes.py: 8 symbols from 31,
about 8.5e11 codes, shown as ABCD-EFGH, stored only as an HMAC with the
secret key), kept in their own table (survey_codes) because they open a
survey, not a child's views. They work once, until SURVEY_CODE_DAYS have
passed or the request closes, whichever is first.

Wrong codes are counted by the one throttle (web/throttle.py) in the tablet's
scope and limits: a wrong feedback code and a wrong tablet code draw from the
same allowance, so alternating the two start pages buys no extra guesses.
A code lives longer than a tablet code (it may be taken home), so the worst
case, worked out as in tablet_codes.py and checked by a test: one network
tries at most 30 × (14 × 24 + 1) = 10,110 codes during a code's 14 days;
with 1,000 codes valid at once the chance of any hit is below
10,110 × 1,000 / 8.5e11 ≈ 1.2e-5.
"""
from participation.tablet_codes import (chance_to_guess, display, hash_code, hash_token, new_code,  # noqa: F401
                                        new_session_token, normalise)
from web import throttle

HOURS_PER_DAY = 24


def worst_case_chance(max_failures_per_network, window_seconds, code_days, live_codes):
    """The chance that one network's allowed guesses during a code's lifetime hit any live code."""
    guesses = throttle.most_attempts(max_failures_per_network, window_seconds, code_days * HOURS_PER_DAY * 3600)
    return chance_to_guess(guesses, live_codes)

