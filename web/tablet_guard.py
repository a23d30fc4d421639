"""One guard for a session alone on a shared tablet: the child's views
(participation/tablet_session.py) and the family's feedback (surveys/tablet.py).

A tablet session is a cookie of its own holding a random token; only the
token's hash is stored. Each mode makes one `TabletGuard` and calls its
`init_app(app)`; the guard then keeps these rules, the same for both:

- before every request (`guard`): the cookie's live session is loaded into
  `g.<name>`. The mode's lookup ends a session quiet for longer than the idle
  limit (the question, the grace, then the end: `max_quiet_seconds`) and
  answers None; the stale cookie is then deleted from the answer.
- with a live session, the browser's staff login ends (on the server too, with
  its audit line), the page language is the one chosen at the start, and every
  route outside the mode's own blueprint is refused with 403: a tablet cookie
  never reaches a staff page. (A staff browser has no session cookie, so the
  mode's screens send it to the start page: `require`.)
- the session's last activity (`touch`): the mode's screens and saves write it
  at most every `touch_every()` seconds, the "are you still there?" heartbeat
  (`still_here`) every time (see TOUCH_EVERY_SECONDS).
- after every request (`no_store`): the mode's pages, and everything answered
  during its session, are sent with Cache-Control: no-store.
- the cookie is HttpOnly, SameSite=Strict, on path /, Secure as the staff
  session's cookie; the start (`begin`) clears the browser's cache and storage,
  the hand-back (`forget`) its cookies as well.
"""
import time

from flask import abort, current_app, g, jsonify, make_response, redirect, render_template, request, session, url_for

from accounts.users import end_session as end_staff_login
from db import get_db

NO_STORE = "no-store, max-age=0"
FORGET_ALL = '"cache", "cookies", "storage"'
# not "cookies" at the start: the browser would drop the session cookie set in the
# same answer (Chromium applies Clear-Site-Data after its Set-Cookie); the staff
# session cookie is deleted by name instead, as session.clear() does
FORGET_AT_START = '"cache", "storage"'


# A screen or a save writes the session's last activity only when the stored one is
# older than this: otherwise every request of the tablet was a write (the Next is a
# POST and a GET, autosave runs as the child types). The server may then see a
# session up to this much quieter than it was, and end it that much early: the idle
# end (TABLET_IDLE_MINUTES + TABLET_IDLE_GRACE_SECONDS, 11 min) needs no better
# precision, and the screen's own grace (60 s) still covers it together with the
# script's heartbeat (static/js/tablet.js pings at most every 30 s). With a shorter
# idle limit (the tests) it is a twentieth of the limit.
TOUCH_EVERY_SECONDS = 10


def idle_seconds():
    """How long a tablet waits, untouched, before it asks "are you still there?"."""
    cfg = current_app.config
    return cfg["TABLET_IDLE_SECONDS"] or cfg["TABLET_IDLE_MINUTES"] * 60


def max_quiet_seconds():
    """The server ends a session after this long without any request."""
    return idle_seconds() + current_app.config["TABLET_IDLE_GRACE_SECONDS"]


class TabletGuard:
    """The rules above for one mode of the tablet.

    name             g.<name> holds the live session; "<name> session" is the staff logout's audit detail
    cookie           the cookie's name
    blueprint        the only blueprint a live session reaches
    find             find(db, token_hash, now, max_quiet) -> the live session (a dict with "id" and
                     "lang") or None; it ends a session quiet for longer than max_quiet
    touch            touch(db, session_id, now): the session was active at now (the live session's
                     "last_seen" says when it was last written: `touch`)
    hash_token       the token's stored form
    refused_template the 403 page of a route outside the blueprint
    start_endpoint   where a request without a live session is sent (`require`)
    open_endpoints   endpoints that neither load nor refuse (the static files, ...)
    no_store_blueprints  blueprints besides `blueprint` that are never cached (the staff's code pages)
    quiet_seconds    the idle limit: a callable, read at each request (the configuration may change)
    """

    def __init__(self, *, name, cookie, blueprint, find, touch, hash_token, refused_template, start_endpoint,
                 open_endpoints=("static",), no_store_blueprints=(), quiet_seconds=max_quiet_seconds):
        self.name = name
        self.cookie = cookie
        self.blueprint = blueprint
        self.find = find
        self.touch_fn = touch
        self.hash_token = hash_token
        self.refused_template = refused_template
        self.start_endpoint = start_endpoint
        self.open_endpoints = tuple(open_endpoints)
        self.no_store_blueprints = (blueprint, *no_store_blueprints)
        self.quiet_seconds = quiet_seconds
        self._drop_flag = f"drop_{name}_cookie"

    def init_app(self, app):
        app.before_request(self.guard)
        app.after_request(self.no_store)

    # ---- every request --------------------------------------------------------------------

    def current(self):
        """The request's live session, or None."""
        return g.get(self.name)

    def guard(self):
        """Load the request's live session into g.<name> and keep it inside the blueprint."""
        setattr(g, self.name, None)
        if request.endpoint in self.open_endpoints:
            return None
        token = request.cookies.get(self.cookie)
        if not token:
            return None
        db = get_db()
        live = self.find(db, self.hash_token(token), time.time(), self.quiet_seconds())
        if live is None:
            setattr(g, self._drop_flag, True)
            return None
        setattr(g, self.name, live)
        g.forced_locale = live["lang"]
        if "_user_id" in session:
            end_staff_login(db, detail=f"{self.name} session")
            session.clear()
        if request.blueprint != self.blueprint:
            return make_response(render_template(self.refused_template), 403)
        return None

    def no_store(self, response):
        """The mode's pages and everything answered during its session: never cached."""
        if request.blueprint in self.no_store_blueprints or self.current():
            response.headers["Cache-Control"] = NO_STORE
            response.headers["Pragma"] = "no-cache"
        if g.get(self._drop_flag):
            self.delete_cookie(response)
        return response

    # ---- the cookie, the start and the hand-back -------------------------------------------

    def cookie_flags(self):
        return {"path": "/", "secure": current_app.config["SESSION_COOKIE_SECURE"], "httponly": True,
                "samesite": "Strict"}

    def set_cookie(self, response, token):
        response.set_cookie(self.cookie, token, **self.cookie_flags())

    def delete_cookie(self, response):
        response.delete_cookie(self.cookie, **self.cookie_flags())

    def begin(self, db, response, token):
        """The session starts with `response`: no staff identity travels into it (a staff
        login of this browser ends, on the server too), the cookie is set, and the browser
        forgets its page cache and storage."""
        end_staff_login(db, detail=f"{self.name} session")
        session.clear()
        self.set_cookie(response, token)
        response.headers["Clear-Site-Data"] = FORGET_AT_START
        return response

    def forget(self, response):
        """The hand-back: the browser forgets this site's cache, cookies and storage."""
        response.headers["Clear-Site-Data"] = FORGET_ALL
        self.delete_cookie(response)
        session.clear()
        return response

    # ---- the mode's screens ------------------------------------------------------------------

    def require(self, touch=False):
        """The live session (touched when asked), or a redirect to the start page."""
        live = self.current()
        if not live:
            abort(redirect(url_for(self.start_endpoint)))
        if touch:
            self.touch(live)
        return live

    def touch_every(self):
        """Seconds within which a session's stored last activity is fresh enough (TOUCH_EVERY_SECONDS)."""
        return min(TOUCH_EVERY_SECONDS, self.quiet_seconds() / 20)

    def touch(self, live, always=False):
        """The session was active now: written when its stored last activity is older than
        `touch_every()` (or `always`)."""
        now = time.time()
        if not always and now - live.get("last_seen", 0) < self.touch_every():
            return
        self.touch_fn(get_db(), live["id"], now)
        live["last_seen"] = now

    def still_here(self):
        """The answer to the screen's "are you still there?" heartbeat: 410 once the session has ended."""
        live = self.current()
        if not live:
            return jsonify(active=False), 410
        self.touch(live, always=True)
        return jsonify(active=True)
