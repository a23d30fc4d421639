"""Application factory: configuration, extensions, blueprints and CLI."""
import os

from flask import Flask


def create_app(test_config=None):
    """Create the Kuulluksi app; test_config overrides everything else."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object("config")
    app.config.from_prefixed_env()
    if test_config:
        app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not os.path.isabs(app.config["DATABASE"]):
        app.config["DATABASE"] = os.path.join(app.instance_path, app.config["DATABASE"])

    import db
    import demo_data
    import web
    from accounts import init_app as init_accounts
    from panel import init_app as init_panel
    from participation import init_app as init_participation
    from surveys import init_app as init_surveys

    web.init_secret_key(app)
    db.init_app(app)
    web.init_app(app)
    init_accounts(app)
    init_participation(app)  # before the panel, so its sections come first on the panel's pages
    init_panel(app)
    init_surveys(app)
    demo_data.init_app(app)
    return app
