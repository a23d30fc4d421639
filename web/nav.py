"""Navigation by role: (endpoint, label, roles that see it). Links whose
endpoint does not exist yet are left out. Each link names the roles whose
own checks let them in (accounts/auth.py): admins get only the
administration pages, never the panels' case work."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accounts.storage import get_panel
from db import get_db

NAV = [
    ("panel.my_consultations", _l("My consultations"), ("social_worker",)),
    ("panel.meetings", _l("Meetings"), ("coordinator", "expert", "social_worker")),
    ("surveys.index", _l("Feedback"), ("coordinator",)),
    ("surveys.my_requests", _l("Feedback requests"), ("social_worker", "expert")),
    ("accounts.users", _l("Users"), ("admin",)),
    ("accounts.panels", _l("Panels"), ("admin",)),
    ("accounts.audit_log", _l("Audit log"), ("admin",)),
]


def nav_links():
    if not current_user.is_authenticated:
        return []
    return [(endpoint, label) for endpoint, label, roles in NAV
            if endpoint in current_app.view_functions and current_user.has_role(*roles)]


def header_panel_name():
    """The user's panel's name in the header; the site name for admins and
    users of several panels."""
    if current_user.is_authenticated and len(current_user.panel_ids) == 1:
        panel = get_panel(get_db(), current_user.panel_ids[0])
        if panel:
            return panel["name"]
    return current_app.config["SITE_NAME"]


def init_app(app):
    @app.context_processor
    def inject_nav():
        return {"nav_links": nav_links, "header_panel_name": header_panel_name}
