"""Participation: see routes.py (and tablet.py for tablet mode)."""
from participation import audio, review, routes, tablet  # noqa: F401 (review: its routes on routes.bp)


def init_app(app):
    app.register_blueprint(routes.bp)
    tablet.init_app(app)
    audio.init_app(app)
