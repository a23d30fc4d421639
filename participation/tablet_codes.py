"""Tablet codes: generation, normalising what was typed, hashing. Pure (no Flask).

A code is CODE_LENGTH symbols from ALPHABET, which leaves out the look-alikes
0/O, 1/I/l (and L, so a typed lower-case l can never be meant). It is shown
grouped as ``ABCD-EFGH``; hyphens, spaces and case are ignored when typed.

How hopeless guessing is (see config.TABLET_*, web/throttle.py and the test
tests/test_tablet_throttle.py, which checks these numbers):
  31 symbols ** 8 = 852,891,037,441 (about 8.5e11) possible codes.
  Wrong codes are limited per address (TABLET_MAX_FAILURES_PER_ADDRESS, 10)
  and per network, /24 or /64 (TABLET_MAX_FAILURES_PER_NETWORK, 30), in a
  sliding window (TABLET_THROTTLE_WINDOW_SECONDS, 1 hour). So one network
  tries at most 30 * (24 + 1) = 750 codes during a code's 24 hours. Even
  with 1,000 codes valid at the same moment (a pilot has a few), the chance
  that those tries hit any of them is below 750 * 1000 / 8.5e11 = 8.8e-7,
  and below 3.1e-4 in a whole year of non-stop guessing; each code works
  only once. An attacker with many networks multiplies this by their number.

Codes are stored only as HMAC-SHA256(secret key, normalised code): a copy of
the database does not reveal a valid code, and without the key a code cannot
be checked offline.
"""
import hashlib
import hmac
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
GROUP = 4


def code_space(length=CODE_LENGTH):
    """How many different codes there are."""
    return len(ALPHABET) ** length


def chance_to_guess(guesses, live_codes, length=CODE_LENGTH):
    """At most this chance that `guesses` tries hit any of `live_codes` valid codes."""
    return min(1.0, guesses * live_codes / code_space(length))


def new_code(length=CODE_LENGTH):
    """A fresh random code (cryptographically random), without separators."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def display(code):
    """'ABCDEFGH' -> 'ABCD-EFGH' for showing and reading aloud."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def normalise(typed):
    """The code as typed -> canonical form, or None when it cannot be a code.

    Case, spaces and hyphens are ignored; anything else outside the alphabet
    (or a wrong length) makes it not a code.
    """
    if not isinstance(typed, str):
        return None
    cleaned = "".join(ch for ch in typed.upper() if ch not in " -\t\u00a0\u2010\u2011\u2013")
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def hash_code(secret_key, code):
    """HMAC-SHA256 of the normalised code with the app's secret key, hex."""
    key = secret_key.encode() if isinstance(secret_key, str) else secret_key
    return hmac.new(key, b"tablet-code:" + code.encode(), hashlib.sha256).hexdigest()


def new_session_token():
    """The random value of a tablet session cookie (256 bits)."""
    return secrets.token_urlsafe(32)


def hash_token(token):
    """Session tokens are random and long: a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()
