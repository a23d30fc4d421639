"""Flask's signed session cookie, opened once per process per cookie.

A logged-in request's cookie is the same text request after request (the
session changes only at login, logout, a flashed message or a new language).
Flask opens it on every request: a new serializer with its key derivation,
the HMAC checked, the payload decompressed and its tagged JSON parsed, some
tenth of a hello world's time. The cookie's whole text, signature included,
names its contents exactly, so this interface remembers what a cookie it has
verified holds, keyed by that text, and checks only its age on each request,
as itsdangerous does (a cookie older than PERMANENT_SESSION_LIFETIME is
refused: a new empty session). A cookie that fails its signature is never
kept. The serializer is made once per set of keys (SECRET_KEY and
SECRET_KEY_FALLBACKS).

Only contents of plain values are kept: flash() appends to the session's
list in place, which would change the remembered copy. What is kept is what
the browser already holds (its own cookie), bounded, per app.

The Cookie header itself is parsed once per text too (`CookiesParsedOnce`,
some 14 µs for a login's cookie): werkzeug's parse makes an immutable
mapping, which every request with the same header can share.
"""
import functools
import time

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature
from werkzeug.sansio.http import parse_cookie
from werkzeug.utils import cached_property

PLAIN = (str, int, float, bool, type(None))
MAX_REMEMBERED = 4096


class RememberingSessionInterface(SecureCookieSessionInterface):
    """SecureCookieSessionInterface whose cookies are opened once (see the module's docstring)."""

    def __init__(self):
        self._serializers = {}
        self._opened = {}

    def get_signing_serializer(self, app):
        if not app.secret_key:
            return None
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)
        serializer = self._serializers.get(keys)
        if serializer is None:
            self._serializers.clear()  # a new secret: the old one's serializer and cookies go
            self._opened.clear()
            serializer = self._serializers[keys] = super().get_signing_serializer(app)
        return serializer

    def open_session(self, app, request):
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        text = request.cookies.get(self.get_cookie_name(app))
        if not text:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        found = self._opened.get(text)
        if found is None:
            try:
                data, signed_at = serializer.loads(text, max_age=max_age, return_timestamp=True)
            except BadSignature:  # SignatureExpired among them
                return self.session_class()
            found = (data, int(signed_at.timestamp()))
            if all(type(value) in PLAIN for value in data.values()):
                if len(self._opened) >= MAX_REMEMBERED:
                    self._opened.clear()
                self._opened[text] = found
        data, signed_at = found
        if not 0 <= int(time.time()) - signed_at <= max_age:  # itsdangerous' own test of the age
            return self.session_class()
        return self.session_class(data)  # a copy: the request's changes stay its own


@functools.lru_cache(maxsize=1024)
def _parsed_cookies(header, storage_class):
    return parse_cookie(header, cls=storage_class)


class CookiesParsedOnce:
    """A request class's mixin: `request.cookies` parsed once per Cookie header's text (see above)."""

    @cached_property
    def cookies(self):
        # what werkzeug joins from the Cookie headers: a WSGI environ holds them in one entry
        return _parsed_cookies(self.environ.get("HTTP_COOKIE", ""), self.dict_storage_class)


def init_app(app):
    """The remembering session interface, and the app's request class (web.nul_free's) with its cookies parsed once."""
    app.session_interface = RememberingSessionInterface()
    app.request_class = type("Request", (CookiesParsedOnce, app.request_class), {})
