"""Tablet mode's session guard: a tablet session reaches only the tablet.

A tablet session is its own cookie (TABLET_COOKIE, a random token stored
hashed) tied to one views record. The rules are the shared tablet guard's
(web/tablet_guard.py): while the session is live, every non-tablet route is
refused with 403 (the staff's code pages too), a staff login of the browser
ends on the server as well, every tablet page is no-store (the staff's code
pages too), the start clears the browser's cache and storage and the
hand-back its cookies as well. The questionnaires' read-aloud recordings are
open to the session (like the static files).

The child's screens are in tablet_screens.py, the staff's code pages in
tablet_staff.py.
"""
from participation import tablet_codes
from participation import tablet_storage as storage
from web.tablet_guard import TabletGuard

TABLET_COOKIE = "kuulluksi_tablet"


def _live_session(db, token_hash, now, max_quiet):
    live, _ended = storage.active_session(db, token_hash, now, max_quiet)
    return live


guard = TabletGuard(name="tablet", cookie=TABLET_COOKIE, blueprint="tablet", find=_live_session,
                    touch=storage.touch_session, hash_token=tablet_codes.hash_token,
                    refused_template="participation/tablet/refused.html", start_endpoint="tablet.start",
                    open_endpoints=("static", "read_aloud.audio"),  # no session, no answer: the questions' own audio
                    no_store_blueprints=("tablet_staff",))


def via(tablet):
    """How a change came, for its audit line: the person alone on the tablet."""
    return f"tablet session {tablet['id']}"


def init_app(app):
    guard.init_app(app)
