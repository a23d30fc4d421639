"""Flask-WTF's CSRF tokens, signed by one serializer per key that never tries to compress them.

Flask-WTF makes a new `URLSafeTimedSerializer` for every token it signs or
checks, and itsdangerous' URL-safe serializer runs zlib over every payload in
case that comes out shorter. A token's payload is a quoted random 40-digit hex
string, which zlib does not make short enough to be used (its header and
checksum alone take 6 bytes; tests/test_csrf_tokens.py compares thousands), so
that attempt, some 20 µs and half of signing a token, was thrown away: the
tokens are the same text as before. Checking a token is unchanged, a
compressed one included. Flask-WTF looks the serializer's class up in its
module on each call, so `install()` puts this factory there.
"""
import functools

import flask_wtf.csrf
from itsdangerous import Serializer, URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode


class CsrfTokenSerializer(URLSafeTimedSerializer):
    """URLSafeTimedSerializer whose payload is the JSON as it is, never zlib's output (marked by a leading ".")."""

    def dump_payload(self, obj):
        return base64_encode(Serializer.dump_payload(self, obj))


@functools.lru_cache(maxsize=8)
def csrf_serializer(secret_key, salt):
    """The serializer of `secret_key` and `salt`, made once (it keeps no state between calls)."""
    return CsrfTokenSerializer(secret_key, salt=salt)


def _serializer(secret_key, salt="itsdangerous"):
    return csrf_serializer(secret_key, salt)


def install():
    flask_wtf.csrf.URLSafeTimedSerializer = _serializer
