"""Participation: the child's and the parent's views.

routes.py: the worker's pages; routes_panel.py: the panel's reads of them; panel_sections.py: what participation shows on
the panel's pages (through web/extensions.py); tablet_screens.py,
tablet_session.py and tablet_staff.py: tablet mode (the child's screens, the
session guard, the staff's code pages).
"""
from participation import (audio, labels, panel_sections, review, routes, routes_panel, tablet_screens,  # noqa: F401
                           tablet_session, tablet_staff)  # (review, routes_panel: their routes on routes.bp)


def init_app(app):
    labels.init_app(app)
    app.register_blueprint(routes.bp)
    app.register_blueprint(tablet_screens.bp)
    tablet_staff.init_app(app)
    tablet_session.init_app(app)
    panel_sections.init_app(app)
    audio.init_app(app)
