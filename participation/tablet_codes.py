"""Tablet codes: generation, normalising what was typed, hashing. Pure (no Flask).

A code is CODE_LENGTH symbols from ALPHABET, which leaves out the look-alikes
0/O, 1/I/l (and L, so a typed lower-case l can never be meant). It is shown
grouped as ``ABCD-EFGH``; hyphens, spaces and case are ignored when typed.

How hopeless guessing is (see also config.TABLET_*):
  31 symbols ** 8 = 852,891,037,441 (about 8.5e11) possible codes.
  The database throttle allows at most TABLET_MAX_FAILURES_GLOBAL (default 200)
  wrong codes per TABLET_THROTTLE_WINDOW_SECONDS (default 1 hour) from all
  addresses together, i.e. at most 4,800 guesses a day. Even with 1,000 codes
  valid at the same moment, the chance that one guess hits one of them is
  1000 / 8.5e11 ≈ 1.2e-9, so about 5.6e-6 a day and 0.2 % in a whole year of
  non-stop guessing — while each code lives 24 hours and works only once.
  Per address the limit is TABLET_MAX_FAILURES_PER_ADDRESS (default 10).

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
