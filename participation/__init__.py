"""Participation: see routes.py."""
from participation import routes


def init_app(app):
    app.register_blueprint(routes.bp)
