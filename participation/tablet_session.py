"""The tablet session guard: a tablet session reaches only the tablet.

A tablet session is its own cookie (TABLET_COOKIE, a random token stored
hashed) tied to one views record. While it is live, `guard_tablet_session`
(a before_request hook of the whole app) refuses every non-tablet route, and
the staff session is cleared, so a staff login is never reachable from a
tablet session: it ends on the server too (login_sessions), like a logout.
Every tablet page is sent with Cache-Control: no-store (`no_store`); the
start sends Clear-Site-Data for cache and storage, the hand-back for cookies
as well (`clear_site_data`).

The child's screens are in tablet_screens.py, the staff's code pages in
tablet_staff.py.
"""
import time

from flask import abort, current_app, g, make_response, redirect, render_template, request, session, url_for

from accounts.users import end_session as end_staff_session
from db import get_db
from participation import tablet_codes
from participation import tablet_storage as storage

TABLET_COOKIE = "kuulluksi_tablet"
TABLET_BLUEPRINTS = ("tablet", "tablet_staff")


def idle_seconds():
    cfg = current_app.config
    return cfg["TABLET_IDLE_SECONDS"] or cfg["TABLET_IDLE_MINUTES"] * 60


def max_quiet_seconds():
    """The server ends a session after this long without any request."""
    return idle_seconds() + current_app.config["TABLET_IDLE_GRACE_SECONDS"]


def via(tablet):
    """How a change came, for its audit line: the person alone on the tablet."""
    return f"tablet session {tablet['id']}"


def guard_tablet_session():
    """Load the tablet session of the request (g.tablet) and keep it in the tablet.

    With a live tablet session: the staff identity is dropped, the page
    language is the one chosen at the start, and any non-tablet route is
    refused with 403 (static files excepted).
    """
    g.tablet = None
    if request.endpoint in ("static", "read_aloud.audio"):  # no session, no answer: the questions' own audio
        return None
    token = request.cookies.get(TABLET_COOKIE)
    if not token:
        return None
    db = get_db()
    tablet, _ended = storage.active_session(db, tablet_codes.hash_token(token), time.time(), max_quiet_seconds())
    if tablet is None:
        g.drop_tablet_cookie = True
        return None
    g.tablet = tablet
    g.forced_locale = tablet["lang"]
    if "_user_id" in session:
        end_staff_session(db, detail="tablet session")
        session.clear()
    if request.blueprint != "tablet":
        return make_response(render_template("participation/tablet/refused.html"), 403)
    return None


def no_store(response):
    """Tablet pages and everything answered during a tablet session: never cached."""
    if request.blueprint in TABLET_BLUEPRINTS or getattr(g, "tablet", None):
        response.headers["Cache-Control"] = "no-store, max-age=0"
        response.headers["Pragma"] = "no-cache"
    if getattr(g, "drop_tablet_cookie", False):
        delete_cookie(response)
    return response


def delete_cookie(response):
    response.delete_cookie(TABLET_COOKIE, path="/", secure=current_app.config["SESSION_COOKIE_SECURE"],
                           httponly=True, samesite="Strict")


def set_cookie(response, token):
    response.set_cookie(TABLET_COOKIE, token, path="/", secure=current_app.config["SESSION_COOKIE_SECURE"],
                        httponly=True, samesite="Strict")


def clear_site_data(response):
    """The hand-back: the browser forgets the page cache, storage and cookies."""
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    delete_cookie(response)
    session.clear()
    return response


def require_tablet():
    """The live tablet session, or a redirect to the start page."""
    if not g.get("tablet"):
        abort(redirect(url_for("tablet.start")))
    return g.tablet


def init_app(app):
    app.before_request(guard_tablet_session)
    app.after_request(no_store)
