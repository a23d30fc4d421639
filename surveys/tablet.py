"""A child's or a parent's feedback on a tablet: the same flow and hand-back
as tablet mode (participation/tablet_session.py and tablet_screens.py), with a code of its own.

- /feedback/t: the start page. The code (from the social worker: shown on
  the worker's screen with a QR code that opens /feedback/t#code=..., the
  code in the fragment, never sent; or posted at once by the worker's "start
  on this device" button) and the language start a feedback session: its own
  cookie (FEEDBACK_COOKIE, a random token stored hashed), tied to one code.
  Wrong codes are counted by the tablet's throttle, in the tablet's scope.
- /feedback/t/answer: one screen at a time (the survey's explanation, each
  question, the end), every text with a listen button. The screens are one
  page, stepped through by its script (static/js/feedback_screens.js; all at
  once without JavaScript): nothing reaches the server on the way and no
  form stays in the history to be sent again; only the final "send" stores
  the one anonymous response (surveys/storage.py).
- the idle end and the hand-back, as in tablet mode: "are you still there?",
  then the session ends (nothing was stored); after sending, a thank-you that
  returns to the start page; the tablet forgets (Clear-Site-Data).

While a feedback session is live, `guard_feedback_session` (a before_request
hook of the whole app) refuses every other route with 403 and ends a staff
login of the same browser, on the server too. Every page is no-store.
"""
import time

from flask import (Blueprint, abort, current_app, g, jsonify, make_response, redirect, render_template, request,
                   session, url_for)
from flask_babel import gettext as _

from accounts.users import end_session as end_staff_session
from db import get_db, immediate
from questionnaire.screens import END, screens
from surveys import answering, codes, pages, requests, storage
from surveys.routes import messages
from web import throttle
from web.i18n import in_each_language

bp = Blueprint("feedback_tablet", __name__)

FEEDBACK_COOKIE = "kuulluksi_feedback"


def client_address():
    return request.remote_addr or "unknown"


# ---- the guard: a feedback session reaches only its own screens --------------------------------

def guard_feedback_session():
    g.feedback = None
    if request.endpoint == "static":
        return None
    token = request.cookies.get(FEEDBACK_COOKIE)
    if not token:
        return None
    db = get_db()
    live = storage.live_session(db, codes.hash_token(token), time.time(), pages.max_quiet_seconds())
    if live is None:
        g.drop_feedback_cookie = True
        return None
    g.feedback = live
    g.forced_locale = live["lang"]
    if "_user_id" in session:
        end_staff_session(db, detail="feedback session")
        session.clear()
    if request.blueprint != "feedback_tablet":
        return make_response(render_template("surveys/tablet/refused.html"), 403)
    return None


def no_store(response):
    if request.blueprint == "feedback_tablet" or getattr(g, "feedback", None):
        response.headers["Cache-Control"] = "no-store, max-age=0"
        response.headers["Pragma"] = "no-cache"
    if getattr(g, "drop_feedback_cookie", False):
        _delete_cookie(response)
    return response


def _cookie_flags():
    return {"path": "/", "secure": current_app.config["SESSION_COOKIE_SECURE"], "httponly": True,
            "samesite": "Strict"}


def _delete_cookie(response):
    response.delete_cookie(FEEDBACK_COOKIE, **_cookie_flags())


def _forget(response):
    """The hand-back: the browser forgets this site's cache, cookies and storage."""
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    _delete_cookie(response)
    session.clear()
    return response


# ---- start --------------------------------------------------------------------------------

@bp.route("/feedback/t", methods=["GET", "POST"])
def start():
    if g.get("feedback"):
        return redirect(url_for("feedback_tablet.screen"))
    langs = current_app.config["LANGUAGES"]
    shown = request.args.get("lang")
    if shown in langs:
        g.forced_locale = shown
    typed = request.form.get("code", "")[:40]  # only ever from the form's body, never the address
    error, status = None, 200
    if request.method == "POST":
        lang = request.form.get("lang")
        if lang not in langs:
            lang = shown if shown in langs else None
        if lang:
            g.forced_locale = lang
        if not lang:
            error, status = _("Choose your language to start."), 400
        elif not typed.strip():
            error, status = _("Write the code first. You got it from the adult."), 400
        else:
            started, wait = _redeem(get_db(), typed, lang)
            if started:
                return started
            if wait:
                error = _("Too many wrong codes. Please wait %(minutes)d minutes, or ask the adult for help.",
                          minutes=throttle.minutes(wait))
                status = 429
            else:
                error = _("This code does not work. Check the code and try again, or ask the adult for help.")
                status = 400
    return render_template("surveys/tablet/start.html", typed=typed, error=error,
                           greetings=in_each_language(lambda: _("Hi!"))), status


def _redeem(db, typed, lang):
    """Try the typed code, counted by the tablet's throttle before it is checked
    (see participation/tablet_session.py and tablet_screens.py); returns (response, 0), (None, wait) or (None, 0)."""
    cfg = current_app.config
    now = time.time()
    limits = {"address": cfg["TABLET_MAX_FAILURES_PER_ADDRESS"], "network": cfg["TABLET_MAX_FAILURES_PER_NETWORK"]}
    code = codes.normalise(typed)
    token = codes.new_session_token()
    with immediate(db):
        wait, attempt = throttle.begin_attempt(db, "tablet", throttle.keys_for(client_address()), limits,
                                               cfg["TABLET_THROTTLE_WINDOW_SECONDS"], now)
        if wait:
            return None, wait
        started = None
        if code is not None:
            started = storage.redeem_code(db, codes.hash_code(cfg["SECRET_KEY"], code), codes.hash_token(token),
                                          lang, now, requests.today())
        if started is None:
            return None, 0
        throttle.forget_attempt(db, attempt)
    # no staff identity travels into the session: a staff login on this browser ends
    end_staff_session(db, detail="feedback session")
    session.clear()
    response = redirect(url_for("feedback_tablet.screen"))
    response.set_cookie(FEEDBACK_COOKIE, token, **_cookie_flags())
    response.headers["Clear-Site-Data"] = '"cache", "storage"'  # not "cookies": that would drop the new one
    return response, 0


@bp.post("/feedback/t/still-here")
def still_here():
    if not g.get("feedback"):
        return jsonify(active=False), 410
    storage.touch_session(get_db(), g.feedback["id"], time.time())
    return jsonify(active=True)


@bp.post("/feedback/t/timeout")
def timeout():
    """Nobody answered "are you still there?": the session ends, nothing was stored."""
    live = g.get("feedback")
    if live:
        storage.end_session(get_db(), live["id"])
    lang = live["lang"] if live else current_app.config["BABEL_DEFAULT_LOCALE"]
    return _forget(redirect(url_for("feedback_tablet.thanks", reason="idle", lang=lang)))


@bp.get("/feedback/t/thanks")
def thanks():
    """Thank you, give the tablet back. Carries no answer and no session."""
    if g.get("feedback"):
        return redirect(url_for("feedback_tablet.screen"))
    lang = request.args.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        g.forced_locale = lang
    reason = request.args.get("reason") if request.args.get("reason") in ("idle", "gone") else "sent"
    return _forget(make_response(render_template("surveys/tablet/thanks.html", reason=reason)))


# ---- the screens --------------------------------------------------------------------------------

def _live():
    live = g.get("feedback")
    if not live:
        abort(redirect(url_for("feedback_tablet.start")))
    storage.touch_session(get_db(), live["id"], time.time())
    return live


@bp.get("/feedback/t/answer")
def screen():
    """The survey's screens, all on one page, shown one at a time by the page's
    script: nothing goes to the server before "Send"."""
    live = _live()
    version = pages.version(get_db(), live["version_id"])
    return _render(version, 0, {}, {})


def _first_step_with(definition, steps, problems):
    """The screen of the first question with a problem."""
    for i, page_id in enumerate(steps):
        if page_id != END and any(q.id in problems for q in definition.page(page_id).questions):
            return i
    return 0


def _render(version, current, answers, errors):
    return render_template("surveys/tablet/screen.html", form=pages.localized(version),
                           steps=screens(version["definition"]), current=current, answers=answers, errors=errors,
                           idle_seconds=pages.idle_seconds(),
                           grace_seconds=current_app.config["TABLET_IDLE_GRACE_SECONDS"])


@bp.post("/feedback/t/finish")
def finish():
    """Send: the one anonymous response is stored, the request used and the
    session gone, in one transaction; then the tablet forgets."""
    live = _live()
    version = pages.version(get_db(), live["version_id"])
    answers, problems = answering.read_answers(version["definition"], request.form)
    if problems:
        steps = screens(version["definition"])
        return _render(version, _first_step_with(version["definition"], steps, problems), answers,
                       messages(problems)), 400
    stored = storage.submit_from_session(get_db(), live["id"], answers, requests.today())
    return _forget(redirect(url_for("feedback_tablet.thanks", lang=live["lang"],
                                    reason="sent" if stored else "gone")))
