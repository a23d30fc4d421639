"""The logged-in user as Flask-Login sees it."""
from flask_login import UserMixin

from accounts import storage
from db import get_db


class User(UserMixin):
    def __init__(self, row):
        self.id = row["id"]
        self.email = row["email"]
        self.name = row["name"]
        self.roles = set(row["roles"])
        self.panel_ids = list(row["panel_ids"])
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


def load_user(session_id):
    try:
        user_id, epoch = (int(part) for part in session_id.split("."))
    except (ValueError, AttributeError):
        return None
    row = storage.get_user(get_db(), user_id)
    if row is None or not row["active"] or row["session_epoch"] != epoch:
        return None
    return User(row)
