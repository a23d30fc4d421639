"""Application factory: configuration, extensions, blueprints and CLI."""
import os
import sys

from flask import Flask


def _import_sqlite_utils_without_numpy():
    """sqlite-utils imports numpy when it is installed, only to map numpy's scalar
    types to column types; nothing here stores a numpy value. numpy is installed
    for matplotlib's charts (loaded when the first chart is drawn) and costs some
    100 ms of every start: hidden while sqlite-utils loads, it stays importable
    afterwards. When numpy is loaded already (a chart drawn first), nothing changes."""
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # import numpy raises ImportError, which sqlite-utils expects
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


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

    _import_sqlite_utils_without_numpy()
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
