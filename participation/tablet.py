"""Tablet mode: a child or a parent answers alone on a shared tablet.

Two blueprints:
- `tablet` (no login): the start page /t, the questionnaire screens, saving,
  the idle end and the hand-back. A tablet session is its own cookie
  (TABLET_COOKIE, a random token stored hashed) tied to one views record.
- `tablet_staff` (the consultation's social worker only): create and cancel a code, its QR code and
  a small JSON status for the child's-views page.

While a tablet session is active, `guard_tablet_session` (a before_request
hook of the whole app) refuses every non-tablet route, and the staff session
is cleared at the start, so a staff login is never reachable from a tablet
session: it ends on the server too (login_sessions), like a logout. Every
tablet page is sent with Cache-Control: no-store; the start sends
Clear-Site-Data for cache and storage, the hand-back for cookies as well.

The code never travels in an address: the QR code opens /t#code=..., and a
fragment is not sent to the server; the start page's script moves it into
the field (and out of the history) and the form posts it.
"""
import io
import time

from flask import (Blueprint, Response, abort, current_app, g, jsonify, make_response, redirect, render_template,
                   request, session, url_for)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accounts import access
from accounts.auth import found_in_my_panels, roles_required
from accounts.users import end_session as end_staff_session
from db import get_db, immediate
from participation import api, review_storage
from participation import storage as views_storage
from participation import tablet_codes
from participation import tablet_storage as storage
from web import throttle
from web.i18n import in_each_language, local_time
from web.json_body import json_body

bp = Blueprint("tablet", __name__)
staff_bp = Blueprint("tablet_staff", __name__)

TABLET_COOKIE = "kuulluksi_tablet"

STATE_LABELS = {
    "waiting": _l("Waiting for the tablet"),
    "answering": _l("Answering on the tablet now"),
    "finished": _l("Finished on the tablet"),
    "idle": _l("Stopped after a quiet while: the answers so far are saved as a draft"),
    "cancelled": _l("Code cancelled"),
    "expired": _l("Code expired"),
}


def idle_seconds():
    cfg = current_app.config
    return cfg["TABLET_IDLE_SECONDS"] or cfg["TABLET_IDLE_MINUTES"] * 60


def max_quiet_seconds():
    """The server ends a session after this long without any request."""
    return idle_seconds() + current_app.config["TABLET_IDLE_GRACE_SECONDS"]


def client_address():
    return request.remote_addr or "unknown"


def _via(tablet):
    """How a change came, for its audit line: the person alone on the tablet."""
    return f"tablet session {tablet['id']}"


# ---- the guard: a tablet session reaches only the tablet --------------------

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
        response = make_response(render_template("participation/tablet/refused.html"), 403)
        return response
    return None


def no_store(response):
    """Tablet pages and everything answered during a tablet session: never cached."""
    if request.blueprint in ("tablet", "tablet_staff") or getattr(g, "tablet", None):
        response.headers["Cache-Control"] = "no-store, max-age=0"
        response.headers["Pragma"] = "no-cache"
    if getattr(g, "drop_tablet_cookie", False):
        _delete_cookie(response)
    return response


def _delete_cookie(response):
    response.delete_cookie(TABLET_COOKIE, path="/", secure=current_app.config["SESSION_COOKIE_SECURE"],
                           httponly=True, samesite="Strict")


def _set_cookie(response, token):
    response.set_cookie(TABLET_COOKIE, token, path="/", secure=current_app.config["SESSION_COOKIE_SECURE"],
                        httponly=True, samesite="Strict")


def _clear_site_data(response):
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    _delete_cookie(response)
    session.clear()
    return response


def require_tablet():
    """The live tablet session, or a redirect to the start page."""
    if not g.get("tablet"):
        abort(redirect(url_for("tablet.start")))
    return g.tablet


# ---- start -----------------------------------------------------------------

@bp.route("/t", methods=["GET", "POST"])
def start():
    """Ask for the code and the language; start a tablet session."""
    if g.get("tablet"):
        return redirect(url_for("tablet.screen", step=0))
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
            error = _("Choose your language to start.")
            status = 400
        elif not typed.strip():
            error = _("Write the code first. You got it from the adult.")
            status = 400
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
    return render_template("participation/tablet/start.html", typed=typed, error=error,
                           greetings=in_each_language(lambda: _("Hi!")), ended=request.args.get("ended")), status


def _redeem(db, typed, lang):
    """Try the typed code, counted by the throttle before it is checked.

    Returns (the response that starts the session, 0) for a good code,
    (None, seconds to wait) over a limit, (None, 0) for a wrong code.
    """
    cfg = current_app.config
    now = time.time()
    limits = {"address": cfg["TABLET_MAX_FAILURES_PER_ADDRESS"], "network": cfg["TABLET_MAX_FAILURES_PER_NETWORK"]}
    code = tablet_codes.normalise(typed)
    token = tablet_codes.new_session_token()
    # Checking a code is quick, so it all happens in one transaction: a right
    # code's attempt is taken back before any other attempt can count it.
    with immediate(db):
        wait, attempt = throttle.begin_attempt(db, "tablet", throttle.keys_for(client_address()), limits,
                                               cfg["TABLET_THROTTLE_WINDOW_SECONDS"], now)
        if wait:
            return None, wait
        tablet = None
        if code is not None:
            tablet = storage.redeem_code(db, tablet_codes.hash_code(cfg["SECRET_KEY"], code),
                                         tablet_codes.hash_token(token), lang, now)
        if tablet is None:
            return None, 0
        throttle.forget_attempt(db, attempt)
        views_storage.update_details(db, tablet["views_id"], language=lang, method="tablet_alone",
                                     mode="tablet", via=_via(tablet))
    # no staff identity travels into the tablet session: a staff login on this
    # browser ends, on the server too
    end_staff_session(db, detail="tablet session")
    session.clear()
    response = redirect(url_for("tablet.screen", step=0))
    _set_cookie(response, token)
    # not "cookies": the browser would drop the tablet cookie set just above
    # (Chromium applies Clear-Site-Data after this response's Set-Cookie); the
    # staff session cookie is deleted by name instead, as session.clear() does
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response, 0


@bp.post("/t/still-here")
def still_here():
    """The child touched the screen (or answered "yes, I'm here"): the session goes on."""
    if not g.get("tablet"):
        return jsonify(active=False), 410
    storage.touch_session(get_db(), g.tablet["id"], time.time())
    return jsonify(active=True)


@bp.post("/t/timeout")
def timeout():
    """The idle screen went unanswered: end the session, answers stay a draft."""
    tablet = g.get("tablet")
    if tablet:
        db = get_db()
        storage.end_session(db, tablet["id"], "idle", time.time())
    return _clear_site_data(redirect(url_for("tablet.thanks", reason="idle", lang=_lang_or_default(tablet))))


@bp.post("/t/finish")
def finish():
    """Hand-back: the person's words are handed over to the worker (who checks and
    finishes them), the session ends, the tablet forgets."""
    tablet = require_tablet()
    db = get_db()
    views = views_storage.get_views(db, tablet["views_id"])
    review_storage.hand_over(db, tablet["views_id"], via=_via(tablet))
    storage.end_session(db, tablet["id"], "finished", time.time())
    return _clear_site_data(redirect(url_for("tablet.thanks", band=views["band"], lang=tablet["lang"])))


@bp.get("/t/thanks")
def thanks():
    """Thank you, give the tablet back. Carries no answer and no session."""
    if g.get("tablet"):
        return redirect(url_for("tablet.screen", step=0))
    lang = request.args.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        g.forced_locale = lang
    band = request.args.get("band")
    reason = "idle" if request.args.get("reason") == "idle" else "finished"
    response = make_response(render_template("participation/tablet/thanks.html", band=band, reason=reason))
    return _clear_site_data(response)


def _lang_or_default(tablet):
    return tablet["lang"] if tablet else current_app.config["BABEL_DEFAULT_LOCALE"]


# ---- the questionnaire, one screen at a time --------------------------------

def _tablet_record():
    """The tablet session's own views record, in the language chosen at the start."""
    tablet = require_tablet()
    record = api.load(get_db(), tablet["views_id"], tablet["lang"])
    if record is None:
        abort(404)
    return tablet, record


def _touch(tablet):
    storage.touch_session(get_db(), tablet["id"], time.time())


def _save_uploads(record, question_ids, tablet):
    """Drawings sent as files with a plain form POST (no JavaScript)."""
    problems = {}
    for qid in question_ids:
        upload = request.files.get(f"q-{qid}-drawing")
        if upload is None or not upload.filename:
            continue
        body, status = api.save_drawing(get_db(), record, qid, upload.read(),
                                        url=url_for("tablet.drawing", question_id=qid), via=_via(tablet))
        if status != 200:
            problems[qid] = body.get("error") or _("The drawing could not be saved.")
    return problems


def _finished_elsewhere(tablet, record):
    """The worker finished the record meanwhile: nothing more to answer here."""
    db = get_db()
    storage.end_session(db, tablet["id"], "finished", time.time())
    return _clear_site_data(redirect(url_for("tablet.thanks", band=record["band"], lang=tablet["lang"])))


@bp.route("/t/s/<id(min=0):step>", methods=["GET", "POST"])
def screen(step):
    """One screen of the questionnaire: the explanation, one question, or the end."""
    tablet, record = _tablet_record()
    _touch(tablet)
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
                errors, entered = api.save_questions(get_db(), record, request.form, set(questions),
                                                     via=_via(tablet))
                for qid, msg in _save_uploads(record, questions, tablet).items():
                    errors.setdefault(qid, []).append(msg)
            except views_storage.Locked:
                return _finished_elsewhere(tablet, record)
        if not errors:
            target = step - 1 if request.form.get("nav") == "back" else step + 1
            target = max(0, min(target, len(screens) - 1))
            return redirect(url_for("tablet.screen", step=target))  # the screen's script focuses its heading
        record = api.load(get_db(), tablet["views_id"], tablet["lang"])
    return render_template("participation/tablet/screen.html", record=record, step=step, page_id=page_id,
                           page=api.page(record, page_id), errors=errors, entered=entered,
                           total=len(screens), idle_seconds=idle_seconds(),
                           grace_seconds=current_app.config["TABLET_IDLE_GRACE_SECONDS"]), \
        400 if errors else 200


@bp.post("/t/autosave")
def autosave():
    """JSON autosave of one answer of the session's own record (api.autosave's contract)."""
    if not g.get("tablet"):
        return jsonify(saved=False, ended=True), 410
    tablet, record = _tablet_record()
    _touch(tablet)
    body, status = api.autosave(get_db(), record, json_body(), via=_via(tablet))
    return jsonify(body), status


@bp.post("/t/drawing")
def upload_drawing():
    """A drawing from the canvas (multipart: question, drawing=PNG file, or clear=1)."""
    if not g.get("tablet"):
        return jsonify(saved=False, ended=True), 410
    tablet, record = _tablet_record()
    _touch(tablet)
    qid = request.form.get("question", "")
    upload = request.files.get("drawing")
    body, status = api.save_drawing(get_db(), record, qid, upload.read() if upload else b"",
                                    clear=request.form.get("clear") == "1",
                                    url=url_for("tablet.drawing", question_id=qid), via=_via(tablet))
    return jsonify(body), status


@bp.get("/t/drawings/<question_id>.png")
def drawing(question_id):
    """The session's own drawing (only while the session lives)."""
    tablet = require_tablet()
    png = views_storage.get_drawing(get_db(), tablet["views_id"], question_id)
    if png is None:
        abort(404)
    return Response(png, mimetype="image/png")


# ---- staff: codes -----------------------------------------------------------

def _consultation_and_views(consultation_id, views_id=None):
    """The consultation (404 for other panels) and optionally one of its views records."""
    from panel.storage import get_consultation
    db = get_db()
    consultation = found_in_my_panels(get_consultation(db, consultation_id))
    if not access.is_consultations_worker(current_user, consultation):
        abort(403)
    views = None
    if views_id is not None:
        views = views_storage.get_views(db, views_id)
        if views is None or views["consultation_id"] != consultation_id:
            abort(404)
    return consultation, views


def _end_quiet_sessions(db, consultation_id):
    """Tablets left alone make no more requests: their sessions end here."""
    storage.end_quiet_sessions(db, time.time(), max_quiet_seconds(), consultation_id)


def _code_or_404(code_id):
    db = get_db()
    code = storage.get_code(db, code_id)
    if code is None:
        abort(404)
    consultation, _views = _consultation_and_views(code["consultation_id"])
    _end_quiet_sessions(db, consultation["id"])
    return storage.code_with_state(db, code_id, time.time()), consultation


def qr_svg(url):
    """The QR code of `url` as SVG markup (no style attributes: the CSP allows none)."""
    import segno
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=1, xmldecl=False, svgns=True,
                                    svgclass="tablet-qr__svg", lineclass=None, omitsize=True,
                                    border=2, title=None)
    return buffer.getvalue().decode()


def status_payload(code):
    return {"id": code["id"], "state": code["state"], "label": str(STATE_LABELS[code["state"]]),
            "done": code["state"] in ("finished", "idle", "cancelled", "expired")}


@staff_bp.post("/consultations/<id:consultation_id>/views/<id:views_id>/tablet-code")
@roles_required("social_worker")
def create_code(consultation_id, views_id):
    """Make a new one-time code for one person; it is shown once, here, with its QR code."""
    consultation, views = _consultation_and_views(consultation_id, views_id)
    if views["status"] != "draft":
        abort(409)
    db = get_db()
    code = tablet_codes.new_code()
    now = time.time()
    code_id = storage.create_code(db, tablet_codes.hash_code(current_app.config["SECRET_KEY"], code),
                                  consultation_id, views_id, current_user.id, now,
                                  current_app.config["TABLET_CODE_HOURS"] * 3600)
    # the code in the fragment: browsers never send it, so no server or proxy log sees it
    url = url_for("tablet.start", _external=True, _anchor=f"code={tablet_codes.display(code)}")
    stored = storage.code_with_state(db, code_id, now)
    return render_template("participation/tablet/code.html", consultation=consultation, views=views,
                           code=stored, plain=tablet_codes.display(code), qr=qr_svg(url), url=url,
                           status=status_payload(stored), back=_back_url(consultation_id))


@staff_bp.post("/tablet-codes/<id:code_id>/cancel")
@roles_required("social_worker")
def cancel_code(code_id):
    code, consultation = _code_or_404(code_id)
    db = get_db()
    storage.cancel_code(db, code_id, time.time(), current_user.id)
    return redirect(_back_url(consultation["id"]))


@staff_bp.get("/tablet-codes/<id:code_id>/status")
@roles_required("social_worker")
def code_status(code_id):
    """{state, label, done} for the child's-views page to poll (no answer content)."""
    code, _consultation = _code_or_404(code_id)
    return jsonify(status_payload(code))


@staff_bp.get("/consultations/<id:consultation_id>/tablet")
@roles_required("social_worker")
def codes(consultation_id):
    """Every tablet code of a consultation with its state (also the no-JS reload target)."""
    consultation, _views = _consultation_and_views(consultation_id)
    db = get_db()
    return render_template("participation/tablet/codes.html", consultation=consultation,
                           panel=code_panel_context(db, consultation_id), back=_back_url(consultation_id))


def code_panel_context(db, consultation_id):
    """What templates/participation/tablet/_code_panel.html needs for one consultation:
    {"views": [views row + "latest" code (with state) or None], "poll_seconds"}."""
    _end_quiet_sessions(db, consultation_id)
    now = time.time()
    latest = {}
    for code in storage.list_codes(db, consultation_id, now):
        latest.setdefault(code["views_id"], code)
    items = []
    for row in views_storage.list_views(db, consultation_id):
        row = dict(row)
        row["latest_code"] = latest.get(row["id"])
        if row["latest_code"]:
            row["latest_code"]["status"] = status_payload(row["latest_code"])
        items.append(row)
    return {"consultation_id": consultation_id, "views": items,
            "poll_seconds": current_app.config["TABLET_STATUS_POLL_SECONDS"]}


def _back_url(consultation_id):
    """The child's-views page of the consultation when it exists, else the tablet codes page."""
    for endpoint in ("participation.overview",):
        if endpoint in current_app.view_functions:
            try:
                return url_for(endpoint, consultation_id=consultation_id)
            except Exception:  # a different signature: fall through
                continue
    return url_for("tablet_staff.codes", consultation_id=consultation_id)


def local_datetime(seconds):
    """Unix seconds -> a naive wall-clock datetime in the app's time zone."""
    return local_time(seconds).replace(tzinfo=None)


def init_app(app):
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    app.before_request(guard_tablet_session)
    app.after_request(no_store)

    app.jinja_env.filters["tablet_datetime"] = local_datetime

    @app.context_processor
    def inject_tablet_panel():
        return {"tablet_code_panel": lambda consultation_id: code_panel_context(get_db(), consultation_id)}
