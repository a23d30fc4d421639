"""Panel: see routes.py."""
from panel import routes


def init_app(app):
    app.register_blueprint(routes.bp)
