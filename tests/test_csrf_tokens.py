"""CSRF tokens signed by one serializer per key, never run through zlib (web/csrf_tokens.py):
the same tokens as Flask-WTF's own, checked as before (old and compressed ones too)."""
import hashlib
import os

import flask_wtf.csrf
import pytest
from flask import session
from flask_wtf.csrf import generate_csrf, validate_csrf
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from wtforms import ValidationError

from web import csrf_tokens

SALT = "wtf-csrf-token"
NOW = 1_795_000_000


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: NOW)


def test_the_app_signs_its_tokens_with_the_kept_serializer(app):
    assert flask_wtf.csrf.URLSafeTimedSerializer is csrf_tokens._serializer
    assert csrf_tokens.csrf_serializer("key", SALT) is csrf_tokens.csrf_serializer("key", SALT)
    assert csrf_tokens.csrf_serializer("key", SALT) is not csrf_tokens.csrf_serializer("other key", SALT)


def test_a_token_is_the_same_text_itsdangerous_makes_for_thousands_of_session_tokens(fixed_clock):
    ours, theirs = csrf_tokens.csrf_serializer("key", SALT), URLSafeTimedSerializer("key", salt=SALT)
    for _ in range(3000):
        raw = hashlib.sha1(os.urandom(64)).hexdigest()  # as Flask-WTF makes the session's token
        assert ours.dumps(raw) == theirs.dumps(raw)


def test_making_a_token_runs_no_zlib(app, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("zlib.compress called")
    monkeypatch.setattr("itsdangerous.url_safe.zlib.compress", refuse)
    with app.test_request_context("/"):
        token = generate_csrf()
        validate_csrf(token)
        assert token.count(".") == 2 and not token.startswith(".")


def test_tokens_signed_before_and_compressed_ones_are_still_accepted(app):
    with app.test_request_context("/"):
        generate_csrf()
        stock = URLSafeTimedSerializer(app.secret_key, salt=SALT)
        validate_csrf(stock.dumps(session["csrf_token"]))
        session["csrf_token"] = "0" * 40  # a payload zlib does shorten: itsdangerous sends it compressed
        compressed = stock.dumps(session["csrf_token"])
        assert compressed.startswith(".")
        validate_csrf(compressed)


def test_a_forged_an_expired_and_another_keys_token_are_refused(app, monkeypatch):
    with app.test_request_context("/"):
        token = generate_csrf()
        payload, _, signature = token.rpartition(".")
        with pytest.raises(ValidationError, match="invalid"):
            validate_csrf(payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:])
        with pytest.raises(ValidationError, match="invalid"):
            validate_csrf(URLSafeTimedSerializer("another key", salt=SALT).dumps(session["csrf_token"]))
        later = NOW + app.config.get("WTF_CSRF_TIME_LIMIT", 3600) + 60
        old = csrf_tokens.csrf_serializer(app.secret_key, SALT)
        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: NOW)
        stale = old.dumps(session["csrf_token"])
        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
        with pytest.raises(ValidationError, match="expired"):
            validate_csrf(stale)
