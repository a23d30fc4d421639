"""The site header's HTML, kept per process (templates/_layout_parts.html `site_header`).

A page's header depends on the page's address (the language links lead back to
it), its language, the user's panel name and links, and the page's endpoint;
only the logout form's CSRF token is the session's own. So it is rendered once
per such key with a marker where the token goes (questionnaire.stencil) and
remembered as web.links remembers addresses (per app and where it is served,
bounded, keyed by the macro's code so that a reloaded template is a new key);
each request puts its token in: the same HTML, without its some forty template
steps on every staff page. It holds nothing of the user but their panel's name
and which links their roles see.
"""
from flask import current_app, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import escape

from questionnaire.stencil import Live, State, Stencil
from web.i18n import _locale_code, language_name
from web.links import remembered, macro_code
from web.nav import header_panel_name, nav_links


def site_header():
    """The header of this request's page (a template global)."""
    authenticated = current_user._get_current_object().is_authenticated
    req = request._get_current_object()
    values = {"panel_name": header_panel_name(), "authenticated": authenticated,
              "nav": tuple(nav_links()) if authenticated else (), "here": req.endpoint,
              "back_to": req.full_path if req.method == "GET" else None,
              "current_locale": _locale_code(), "languages": tuple(current_app.config["LANGUAGES"])}
    macro = current_app.jinja_env.get_template("_layout_parts.html").module.site_header
    stencil = remembered(("header", macro_code(macro), *values.values()), lambda: _stencil(macro, values))
    if not authenticated:  # no logout form: no token (generating one would start a session)
        return stencil.fill(State())
    return stencil.fill(State(given={"csrf_token": escape(generate_csrf())}))


def _stencil(macro, values):
    live = Live()
    return Stencil(macro(**values, language_name=language_name, csrf_token=lambda: live.given("csrf_token")),
                   live.slots)


def init_app(app):
    app.jinja_env.globals["site_header"] = site_header
