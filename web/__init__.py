"""Cross-cutting web concerns: secret key, the id URL converter, NUL-free input, bidi-isolated user
text, languages, security headers, CSRF, error pages, the footer's pages, the health check and
questions' HTML from per-process stencils, the session cookie opened once per process."""
import os
import secrets

from web import (bidi, converters, errors, extensions, field_html, forms, header, i18n, links, nav, nul_free, question_html, read_aloud,
                 routes, security, session_cookie, templating)


def init_secret_key(app):
    """Use FLASK_SECRET_KEY, else a key generated once into instance/."""
    if app.config.get("SECRET_KEY"):
        return
    path = os.path.join(app.instance_path, "secret_key")
    if not os.path.exists(path):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    with open(path) as f:
        app.config["SECRET_KEY"] = f.read().strip()


def init_app(app):
    templating.init_app(app)
    extensions.init_app(app)
    converters.init_app(app)
    nul_free.init_app(app)
    session_cookie.init_app(app)  # after nul_free: its request class is the base
    bidi.init_app(app)
    links.init_app(app)
    app.jinja_env.add_extension("jinja2.ext.do")
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    nav.init_app(app)
    header.init_app(app)
    app.register_blueprint(routes.bp)
    read_aloud.init_app(app)
    question_html.init_app(app)
    field_html.init_app(app)
    forms.init_app(app)
