"""Security headers (flask-talisman) and CSRF protection (Flask-WTF, its tokens signed by web/csrf_tokens.py)."""
from types import SimpleNamespace

import flask_talisman
from flask import current_app, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.datastructures import Headers
from werkzeug.middleware.proxy_fix import ProxyFix

from web import csrf_tokens


class Talisman(flask_talisman.Talisman):
    """flask-talisman with its headers worked out once per process.

    Talisman builds every header again for every response (the policy strings
    joined, the view's options looked up four times), yet with no per-view
    options and no nonce they depend only on whether the request came over
    HTTPS (Strict-Transport-Security). So they are made once for each of the
    two cases by Talisman itself and copied onto each response. A view with
    its own options (`@talisman(...)`) or a nonce in the policy gets
    Talisman's own per-request headers."""

    def init_app(self, app, **options):
        super().init_app(app, **options)
        self._fixed_headers = {}

    def _per_request(self):
        if self.content_security_policy_nonce_in:
            return True
        view = current_app.view_functions.get(request.endpoint)
        return hasattr(view, "talisman_view_options")

    def _make_nonce(self):
        if self._per_request():
            super()._make_nonce()

    def _set_response_headers(self, response):
        if self._per_request():
            return super()._set_response_headers(response)
        secure = request.is_secure or request.headers.get("X-Forwarded-Proto", "http") == "https"
        fixed = self._fixed_headers.get(secure)
        if fixed is None:
            sink = SimpleNamespace(headers=Headers())
            super()._set_response_headers(sink)
            fixed = self._fixed_headers[secure] = list(sink.headers.items())
        for name, value in fixed:
            response.headers[name] = value
        return response


csrf = CSRFProtect()
talisman = Talisman()

# No 'unsafe-inline' anywhere: no inline scripts, no style attributes.
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": "'self'",
    "connect-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def forbid_caching(response):
    """An after_request hook for blueprints whose pages show a child's words or
    a case's background: no browser or proxy may keep a copy."""
    response.headers["Cache-Control"] = "no-store, max-age=0"
    response.headers["Pragma"] = "no-cache"
    return response


def init_app(app):
    # the real client address behind PROXY_HOPS trusted proxies (see config.py)
    hops = int(app.config["PROXY_HOPS"] or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_prefix=0)
    csrf_tokens.install()
    csrf.init_app(app)
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=True,
        strict_transport_security_max_age=31536000,
        content_security_policy=CSP,
        referrer_policy="no-referrer",
        frame_options="DENY",
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )
