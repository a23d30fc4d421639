"""Accounts: login, users, roles, panels membership and sessions."""
from flask_login import LoginManager

from accounts import admin, cli, routes  # noqa: F401 (admin adds its views to routes.bp)
from accounts.users import load_user

login_manager = LoginManager()


def init_app(app):
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None  # the login page explains itself
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
    app.register_blueprint(routes.bp)
    cli.init_app(app)
