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

The session's rules are the shared tablet guard's (web/tablet_guard.py, `guard`
below): while a feedback session is live, every other route is refused with 403
(the child's tablet mode and the read-aloud recordings too) and a staff login of
the same browser ends, on the server too. Every page is no-store.
"""
from flask import Blueprint, current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from db import get_db
from questionnaire.screens import END, screens
from surveys import answering, codes, pages, requests, storage
from surveys.routes import messages
from web import tablet_start
from web.i18n import in_each_language
from web.tablet_guard import TabletGuard

bp = Blueprint("feedback_tablet", __name__)

FEEDBACK_COOKIE = "kuulluksi_feedback"


# a feedback session reaches only its own screens
guard = TabletGuard(name="feedback", cookie=FEEDBACK_COOKIE, blueprint="feedback_tablet",
                    find=storage.live_session, touch=storage.touch_session, hash_token=codes.hash_token,
                    refused_template="surveys/tablet/refused.html", start_endpoint="feedback_tablet.start")


# ---- start --------------------------------------------------------------------------------

@bp.route("/feedback/t", methods=["GET", "POST"])
def start():
    if guard.current():
        return redirect(url_for("feedback_tablet.screen"))
    started, typed, error, status = tablet_start.read_start(lambda typed, lang: _redeem(get_db(), typed, lang))
    if started:
        return started
    return render_template("surveys/tablet/start.html", typed=typed, error=error,
                           greetings=in_each_language(lambda: _("Hi!"))), status


def _redeem(db, typed, lang):
    """Try the typed code, counted by the tablet's throttle before it is checked (web/tablet_start.py,
    the same allowance as tablet mode); returns (response, 0), (None, wait) or (None, 0)."""
    token = codes.new_session_token()

    def redeem(code, now):
        return storage.redeem_code(db, codes.hash_code(current_app.config["SECRET_KEY"], code),
                                   codes.hash_token(token), lang, now, requests.today())

    started, wait = tablet_start.redeem_counted(db, codes.normalise(typed), redeem)
    if started is None:
        return None, wait
    return guard.begin(db, redirect(url_for("feedback_tablet.screen")), token), 0


@bp.post("/feedback/t/still-here")
def still_here():
    return guard.still_here()


@bp.post("/feedback/t/timeout")
def timeout():
    """Nobody answered "are you still there?": the session ends, nothing was stored."""
    live = guard.current()
    if live:
        storage.end_session(get_db(), live["id"])
    lang = live["lang"] if live else current_app.config["BABEL_DEFAULT_LOCALE"]
    return guard.forget(redirect(url_for("feedback_tablet.thanks", reason="idle", lang=lang)))


@bp.get("/feedback/t/thanks")
def thanks():
    """Thank you, give the tablet back. Carries no answer and no session."""
    if guard.current():
        return redirect(url_for("feedback_tablet.screen"))
    lang = request.args.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        g.forced_locale = lang
    reason = request.args.get("reason") if request.args.get("reason") in ("idle", "gone") else "sent"
    return guard.forget(make_response(render_template("surveys/tablet/thanks.html", reason=reason)))


# ---- the screens --------------------------------------------------------------------------------

@bp.get("/feedback/t/answer")
def screen():
    """The survey's screens, all on one page, shown one at a time by the page's
    script: nothing goes to the server before "Send"."""
    live = guard.require(touch=True)
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
    live = guard.require(touch=True)
    version = pages.version(get_db(), live["version_id"])
    answers, problems = answering.read_answers(version["definition"], request.form)
    if problems:
        steps = screens(version["definition"])
        return _render(version, _first_step_with(version["definition"], steps, problems), answers,
                       messages(problems)), 400
    stored = storage.submit_from_session(get_db(), live["id"], answers, requests.today())
    return guard.forget(redirect(url_for("feedback_tablet.thanks", lang=live["lang"],
                                    reason="sent" if stored else "gone")))
