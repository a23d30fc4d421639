"""The logged-in user as Flask-Login sees it, and the server-side record of each login.

The signed session cookie carries the user's id with their session epoch
(bumped by a new password or deactivation) and a random login token. Only
the token's hash is stored (login_sessions); a login is live while its row
is. Logging out deletes the row, so a copy of the cookie taken earlier opens
nothing any more, from any browser.
"""
import hashlib
import secrets
import time

from flask import current_app, session
from flask_login import UserMixin, login_user, logout_user

from accounts import storage
from db import get_db, immediate

# the key of the login token in the signed session cookie
TOKEN_KEY = "login_token"


class User(UserMixin):
    def __init__(self, row):
        self.id = row["id"]
        self.email = row["email"]
        self.name = row["name"]
        self.roles = set(row["roles"])
        self.panel_ids = list(row["panel_ids"])
        self.panel_names = list(row["panel_names"])  # read with the ids: the header runs no query
        self.active = bool(row["active"])
        self.session_epoch = row["session_epoch"]

    @property
    def is_active(self):
        return self.active

    def get_id(self):
        # The epoch travels in the session: bumping it in the database (new
        # password, deactivation) makes every older session invalid.
        return f"{self.id}.{self.session_epoch}"

    def has_role(self, *roles):
        return bool(self.roles.intersection(roles))

    @property
    def is_admin(self):
        return "admin" in self.roles

    def can_see_panel(self, panel_id):
        """Only the user's own panels; being an admin adds none (accounts/access.py)."""
        return panel_id in self.panel_ids

    def visible_panel_ids(self):
        return list(self.panel_ids)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _lifetime():
    return current_app.permanent_session_lifetime.total_seconds()


def load_user(session_id):
    try:
        user_id, epoch = (int(part) for part in session_id.split("."))
    except (ValueError, AttributeError):
        return None
    token = session.get(TOKEN_KEY)
    if not isinstance(token, str):
        return None
    row = storage.get_live_login(get_db(), user_id, _hash(token), time.time() - _lifetime())
    if row is None or not row["active"] or row["session_epoch"] != epoch or not row["live"]:
        return None
    return User(row)


def start_session(db, row):
    """Log the user of `row` in: a new login record and its token in the cookie."""
    token = secrets.token_urlsafe(32)
    storage.start_login_session(db, row["id"], _hash(token), time.time(), _lifetime())
    session[TOKEN_KEY] = token
    login_user(User(row))


def end_session(db, detail=""):
    """End this browser's login on the server and in the cookie, with its audit
    line in the same transaction. Returns the user's id, or None when there
    was no live login."""
    token = session.pop(TOKEN_KEY, None)
    user_id = None
    if isinstance(token, str):
        with immediate(db):
            user_id = storage.end_login_session(db, _hash(token))
            if user_id is not None:
                storage.write_audit(db, user_id, "logout", detail=detail)
    logout_user()
    return user_id
