"""Participation: see routes.py (and tablet.py for tablet mode)."""
from participation import audio, routes, tablet


def init_app(app):
    app.register_blueprint(routes.bp)
    tablet.init_app(app)
    audio.init_app(app)
