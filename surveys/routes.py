"""Feedback surveys, the staff's side: thin views over surveys.storage.

- /feedback/                 the coordinator: response rates per period and group, the yearly round
- /feedback/requests         a staff member's open requests (social workers, expert members, coordinators)
- /feedback/requests/<id>    answering one (the staff member's own; used or expired: a clear page)
- /feedback/consultations/<id>, /feedback/family/<id>/code, /feedback/codes/<id>/cancel:
                             the consultation's social worker makes a child's or parent's feedback code
The child's and the parent's screens are in surveys/tablet.py.
Every page here is sent with Cache-Control: no-store.
"""
import time

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm

from accounts import access
from accounts.auth import found_in_my_panels, roles_required
from db import get_db
from panel.storage import get_consultation
from participation.tablet_staff import qr_svg
from questionnaire.answers import BAD_CHOICE, TOO_LONG
from surveys import answering, codes, pages, requests, storage
from web.forms import BoundedIntegerField
from web.security import forbid_caching

bp = Blueprint("surveys", __name__, url_prefix="/feedback")
bp.after_request(forbid_caching)

STAFF = ("social_worker", "expert", "coordinator")

ERROR_MESSAGES = {
    TOO_LONG: _l("The answer is too long: at most 2,000 characters."),
    BAD_CHOICE: _l("Please choose one of the options."),
}

CODE_STATE_LABELS = {
    "waiting": _l("Code made, not used yet"),
    "answering": _l("Answering now"),
    "stopped": _l("Stopped before sending: make a new code to try again"),
    "answered": _l("Feedback given"),
    "cancelled": _l("Code cancelled"),
    "expired": _l("Code expired"),
}


class RoundForm(FlaskForm):
    panel_id = BoundedIntegerField(min=1, max=2**63 - 1, message=_l("Choose a panel."))


def messages(errors):
    return {qid: [str(ERROR_MESSAGES.get(code, code)) for code in found] for qid, found in errors.items()}


# ---- the coordinator ------------------------------------------------------------------------

@bp.get("/")
@roles_required("coordinator")
def index():
    """Response rates (requests sent vs used) per panel, period and group; the yearly round."""
    db = get_db()
    panel_ids = list(current_user.panel_ids)
    today, grace = requests.today(), current_app.config["SURVEY_GRACE_DAYS"]
    rounds = {}
    for row in storage.rounds_of(db, panel_ids):
        rounds.setdefault(row["panel_id"], []).append(row)
    panels = []
    for panel_id in panel_ids:
        panel = db["panels"].get(panel_id)
        rates = [dict(r) for r in storage.response_rates(db, [panel_id])]
        for rate in rates:
            rate["released_on"] = pages.released_on(rate["period"], rounds.get(panel_id, []), grace)
            rate["released"] = rate["released_on"] is not None and rate["released_on"] <= today
        this_year = storage.get_round(db, panel_id, today.year)
        panels.append({"panel": panel, "rates": rates, "this_year": this_year, "rounds": rounds.get(panel_id, [])})
    return render_template("surveys/index.html", panels=panels, today=today, grace_days=grace)


@bp.post("/rounds")
@roles_required("coordinator")
def send_round():
    """Send this year's survey to every expert member and social worker of the panel, once."""
    form = RoundForm()
    if not form.validate_on_submit() or form.panel_id.data is None:
        abort(400)
    panel_id = form.panel_id.data
    if not access.coordinates(current_user, panel_id):
        abort(404)
    round_id, made = requests.send_round(get_db(), panel_id=panel_id, sent_by=current_user.id)
    if round_id is None:
        flash(_("This year's survey has already been sent."), "warning")
    else:
        flash(ngettext("The yearly survey was sent to %(num)d person.",
                       "The yearly survey was sent to %(num)d people.", made), "success")
    return redirect(url_for("surveys.index"))


# ---- a staff member's own requests ----------------------------------------------------------

@bp.get("/requests")
@roles_required(*STAFF)
def my_requests():
    db = get_db()
    today = requests.today()
    waiting = storage.waiting_family_requests(db, current_user.id, today) \
        if current_user.has_role("social_worker") else []
    return render_template("surveys/requests.html", open_requests=storage.open_requests_of(db, current_user.id, today),
                           family=waiting)


def _own_request(request_id):
    """The user's own request (404 for anyone else's, which is not theirs to know of)."""
    row = storage.get_request(get_db(), request_id)
    if row is None or row["user_id"] != current_user.id:
        abort(404)
    return found_in_my_panels(row)


@bp.route("/requests/<id:request_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def answer(request_id):
    """One survey on one page. Submitting stores an anonymous response once;
    nobody can read it back afterwards, the respondent included."""
    db = get_db()
    row = _own_request(request_id)
    today = requests.today()
    if not storage.is_open(row, today):
        return _gone(row, today)
    errors, entered, status, nothing = {}, {}, 200, False
    if request.method == "POST":
        answers, problems = answering.read_answers(pages.definition(db, row["version_id"]), request.form)
        entered = answers
        if problems:
            errors, status = messages(problems), 400
        elif not answers:
            nothing, status = True, 400
        elif storage.submit(db, request_id, answers, today):
            flash(_("Thank you! Your feedback was saved anonymously. It cannot be read or changed afterwards."),
                  "success")
            return redirect(url_for("surveys.my_requests"))
        else:
            return _gone(row, today)
    context = storage.request_context(db, request_id)
    version = pages.version(db, row["version_id"])
    return render_template("surveys/answer.html", form=pages.localized(version), request_row=context, errors=errors, entered=entered,
                           nothing=nothing), status


def _gone(row, today):
    """A used or expired request: a clear page, nothing stored."""
    return render_template("surveys/gone.html", used=bool(row["used"])), 410


# ---- the social worker: a child's or parent's feedback code -------------------------------------

def _worker_consultation(consultation_id):
    consultation = found_in_my_panels(get_consultation(get_db(), consultation_id))
    if not access.is_consultations_worker(current_user, consultation):
        abort(403)
    return consultation


@bp.get("/consultations/<id:consultation_id>")
@roles_required("social_worker")
def family(consultation_id):
    """The consultation's children's and parents' feedback requests, each with its latest code."""
    consultation = _worker_consultation(consultation_id)
    db = get_db()
    now, today = time.time(), requests.today()
    storage.end_quiet_sessions(db, now, pages.max_quiet_seconds())
    latest = storage.latest_codes(db, consultation_id, now, today)
    rows = []
    for row in storage.family_requests_of_consultation(db, consultation_id):
        row = dict(row)
        row["code"] = latest.get(row["id"])
        row["open"] = storage.is_open(row, today)
        rows.append(row)
    return render_template("surveys/family.html", consultation=consultation, rows=rows, labels=CODE_STATE_LABELS)


@bp.post("/family/<id:family_request_id>/code")
@roles_required("social_worker")
def make_code(family_request_id):
    """A new one-time code for one child or parent, shown once with its QR code
    and a button to start answering on this device at once."""
    db = get_db()
    row = storage.get_request(db, family_request_id)
    if row is None or row["views_id"] is None:
        abort(404)
    consultation = _worker_consultation(row["consultation_id"])
    if not storage.is_open(row, requests.today()):
        abort(409)
    code = codes.new_code()
    now = time.time()
    code_id = storage.create_code(db, codes.hash_code(current_app.config["SECRET_KEY"], code), family_request_id,
                                  current_user.id, now, current_app.config["SURVEY_CODE_DAYS"] * 24 * 3600)
    plain = codes.display(code)
    # the code in the fragment: browsers never send it, so no server or proxy log sees it
    url = url_for("feedback_tablet.start", _external=True, _anchor=f"code={plain}")
    views_row = db["views"].get(row["views_id"])
    return render_template("surveys/code.html", consultation=consultation, views_row=views_row,
                           code=storage.code_with_state(db, code_id, now, requests.today()), plain=plain,
                           qr=qr_svg(url), url=url)


@bp.post("/codes/<id:feedback_code_id>/cancel")
@roles_required("social_worker")
def cancel_code(feedback_code_id):
    db = get_db()
    code = storage.get_code(db, feedback_code_id)
    if code is None:
        abort(404)
    _worker_consultation(code["consultation_id"])
    storage.cancel_code(db, feedback_code_id, time.time(), current_user.id)
    return redirect(url_for("surveys.family", consultation_id=code["consultation_id"]))

