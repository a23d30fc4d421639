"""Navigation by role: (endpoint, label, roles that see it). Each link names
the roles whose own checks let them in (accounts/auth.py): admins get only
the administration pages, never the panels' case work. Other parts add
their links with web.extensions.register_nav_link; they come after the
panel's links.

Every page's header and footer show the same links, so they are made once
per process, not on every page: `web.links.site_url` remembers a link's
address, and `nav_links` the translated links per language and roles."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from web.extensions import nav_links_registered
from web.i18n import _translations

PANEL_NAV = [
    ("panel.my_consultations", _l("My consultations"), ("social_worker",)),
    ("panel.meetings", _l("Meetings"), ("coordinator", "expert", "social_worker")),
    ("panel.statements", _l("Statements"), ("coordinator",)),
    ("panel.members_page", _l("Members and experts"), ("coordinator",)),
]
ADMIN_NAV = [
    ("accounts.users", _l("Users"), ("admin",)),
    ("accounts.panels", _l("Panels"), ("admin",)),
    ("accounts.audit_log", _l("Audit log"), ("admin",)),
]
KEY = "kuulluksi.nav"


def _cache(name):
    return current_app.extensions.setdefault(KEY, {}).setdefault(name, {})


def nav_links():
    """[(endpoint, label)] the user's roles see, the labels in the page's language."""
    user = current_user._get_current_object()  # the proxy would resolve itself once per link
    if not user.is_authenticated:
        return []
    key = (_translations(), frozenset(user.roles))
    cache = _cache("links")
    links = cache.get(key)
    if links is None:
        every = PANEL_NAV + nav_links_registered() + ADMIN_NAV
        # str() of a lazy label is its translation, which `{{ label }}` wrote as it is
        links = cache[key] = [(endpoint, Markup(str(label))) for endpoint, label, roles in every
                              if user.has_role(*roles)]
    return list(links)


def header_panel_name():
    """The user's panel's name in the header; the site name for admins and
    users of several panels."""
    user = current_user._get_current_object()
    if user.is_authenticated and len(user.panel_names) == 1:
        return user.panel_names[0]
    return current_app.config["SITE_NAME"]


def init_app(app):
    @app.context_processor
    def inject_nav():
        return {"nav_links": nav_links, "header_panel_name": header_panel_name}
