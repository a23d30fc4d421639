"""Tablet mode, the child's screens (blueprint `tablet`, no login).

A child or a parent answers alone on a shared tablet: the start page /t (the
code and the language), the questionnaire one screen at a time, autosave and
drawings, the hand-back (finish, thanks) and the idle end (still-here,
timeout). The session guard is in tablet_session.py (its rules: web/tablet_guard.py).

The code never travels in an address: the QR code opens /t#code=..., and a
fragment is not sent to the server; the start page's script moves it into
the field (and out of the history) and the form posts it.
"""
import time

from flask import (Blueprint, Response, abort, current_app, g, jsonify, make_response, redirect, render_template,
                   request, url_for)
from flask_babel import gettext as _

from db import get_db
from participation import api, review_storage
from participation import storage as views_storage
from participation import tablet_codes
from participation import tablet_storage as storage
from participation.tablet_answers import nothing_to_save
from participation.tablet_page import screen_html
from participation.tablet_session import guard, via
from web import tablet_start
from web.i18n import in_each_language
from web.json_body import json_body
from web.links import site_url
from web.tablet_guard import idle_seconds

bp = Blueprint("tablet", __name__)


# ---- start -----------------------------------------------------------------

@bp.route("/t", methods=["GET", "POST"])
def start():
    """Ask for the code and the language; start a tablet session."""
    if guard.current():
        return redirect(url_for("tablet.screen", step=0))
    started, typed, error, status = tablet_start.read_start(lambda typed, lang: _redeem(get_db(), typed, lang))
    if started:
        return started
    return render_template("participation/tablet/start.html", typed=typed, error=error,
                           greetings=in_each_language(lambda: _("Hi!")), ended=request.args.get("ended")), status


def _redeem(db, typed, lang):
    """Try the typed code (web/tablet_start.py counts it first): (the response that
    starts the session, 0), (None, seconds to wait) or (None, 0)."""
    token = tablet_codes.new_session_token()

    def redeem(code, now):
        tablet = storage.redeem_code(db, tablet_codes.hash_code(current_app.config["SECRET_KEY"], code),
                                     tablet_codes.hash_token(token), lang, now)
        if tablet is not None:
            views_storage.update_details(db, tablet["views_id"], language=lang, method="tablet_alone",
                                         mode="tablet", via=via(tablet))
        return tablet

    tablet, wait = tablet_start.redeem_counted(db, tablet_codes.normalise(typed), redeem)
    if tablet is None:
        return None, wait
    return guard.begin(db, redirect(url_for("tablet.screen", step=0)), token), 0


@bp.post("/t/still-here")
def still_here():
    """The child touched the screen (or answered "yes, I'm here"): the session goes on."""
    return guard.still_here()


@bp.post("/t/timeout")
def timeout():
    """The idle screen went unanswered: end the session, answers stay a draft."""
    tablet = guard.current()
    if tablet:
        db = get_db()
        storage.end_session(db, tablet["id"], "idle", time.time())
    return guard.forget(redirect(url_for("tablet.thanks", reason="idle", lang=_lang_or_default(tablet))))


@bp.post("/t/finish")
def finish():
    """Hand-back: the person's words are handed over to the worker (who checks and
    finishes them), the session ends, the tablet forgets."""
    tablet = guard.require()
    db = get_db()
    views = views_storage.get_views(db, tablet["views_id"])
    review_storage.hand_over(db, tablet["views_id"], via=via(tablet))
    storage.end_session(db, tablet["id"], "finished", time.time())
    return guard.forget(redirect(url_for("tablet.thanks", band=views["band"], lang=tablet["lang"])))


@bp.get("/t/thanks")
def thanks():
    """Thank you, give the tablet back. Carries no answer and no session."""
    if guard.current():
        return redirect(url_for("tablet.screen", step=0))
    lang = request.args.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        g.forced_locale = lang
    band = request.args.get("band")
    reason = "idle" if request.args.get("reason") == "idle" else "finished"
    response = make_response(render_template("participation/tablet/thanks.html", band=band, reason=reason))
    return guard.forget(response)


def _lang_or_default(tablet):
    return tablet["lang"] if tablet else current_app.config["BABEL_DEFAULT_LOCALE"]


# ---- the questionnaire, one screen at a time --------------------------------

def _tablet_record():
    """The tablet session's own views record, in the language chosen at the start."""
    tablet = guard.require()
    record = api.load(get_db(), tablet["views_id"], tablet["lang"], notes=False)
    if record is None:
        abort(404)
    return tablet, record


def _save_uploads(record, question_ids, tablet):
    """Drawings sent as files with a plain form POST (no JavaScript)."""
    problems = {}
    for qid in question_ids:
        upload = request.files.get(f"q-{qid}-drawing")
        if upload is None or not upload.filename:
            continue
        body, status = api.save_drawing(get_db(), record, qid, upload.read(),
                                        url=url_for("tablet.drawing", question_id=qid), via=via(tablet))
        if status != 200:
            problems[qid] = body.get("error") or _("The drawing could not be saved.")
    return problems


def _finished_elsewhere(tablet, record):
    """The worker finished the record meanwhile: nothing more to answer here."""
    db = get_db()
    storage.end_session(db, tablet["id"], "finished", time.time())
    return guard.forget(redirect(url_for("tablet.thanks", band=record["band"], lang=tablet["lang"])))


@bp.route("/t/s/<id(min=0):step>", methods=["GET", "POST"])
def screen(step):
    """One screen of the questionnaire: the explanation, one question, or the end."""
    tablet, record = _tablet_record()
    guard.touch(tablet)
    screens = record["screens"]
    if step < 0 or step >= len(screens):
        return redirect(url_for("tablet.screen", step=0))
    if record["status"] != "draft":
        return _finished_elsewhere(tablet, record)
    page_id = screens[step]
    errors, entered = {}, {}
    if request.method == "POST":
        questions = [q["id"] for q in api.screen_questions(record, page_id)]
        if questions:
            try:
                if not nothing_to_save(record, set(questions), request.form):
                    errors, entered = api.save_questions(get_db(), record, request.form, set(questions),
                                                         via=via(tablet))
                for qid, msg in _save_uploads(record, questions, tablet).items():
                    errors.setdefault(qid, []).append(msg)
            except views_storage.Locked:
                return _finished_elsewhere(tablet, record)
        if not errors:
            target = step - 1 if request.form.get("nav") == "back" else step + 1
            target = max(0, min(target, len(screens) - 1))
            return redirect(site_url("tablet.screen", step=target))  # a screen's address: remembered
        record = api.load(get_db(), tablet["views_id"], tablet["lang"], notes=False)
    return screen_html(record, step, page_id, errors, entered, idle_seconds(),
                       current_app.config["TABLET_IDLE_GRACE_SECONDS"]), 400 if errors else 200


def _session_for_scripts():
    """The live session's (tablet, record), touched; for the scripts' JSON routes a 410 once it has ended."""
    if not guard.current():
        abort(make_response(jsonify(saved=False, ended=True), 410))
    tablet, record = _tablet_record()
    guard.touch(tablet)
    return tablet, record


@bp.post("/t/autosave")
def autosave():
    """JSON autosave of one answer of the session's own record (api.autosave's contract)."""
    tablet, record = _session_for_scripts()
    body, status = api.autosave(get_db(), record, json_body(), via=via(tablet))
    return jsonify(body), status


@bp.post("/t/drawing")
def upload_drawing():
    """A drawing from the canvas (multipart: question, drawing=PNG file, or clear=1)."""
    tablet, record = _session_for_scripts()
    qid = request.form.get("question", "")
    upload = request.files.get("drawing")
    body, status = api.save_drawing(get_db(), record, qid, upload.read() if upload else b"",
                                    clear=request.form.get("clear") == "1",
                                    url=url_for("tablet.drawing", question_id=qid), via=via(tablet))
    return jsonify(body), status


@bp.get("/t/drawings/<question_id>.png")
def drawing(question_id):
    """The session's own drawing (only while the session lives)."""
    tablet = guard.require()
    png = views_storage.get_drawing(get_db(), tablet["views_id"], question_id)
    if png is None:
        abort(404)
    return Response(png, mimetype="image/png")

