"""Tablet mode, the staff's code pages (blueprint `tablet_staff`).

Only the consultation's social worker: create and cancel a one-time code,
show it once with its QR code, list a consultation's codes, and a small JSON
status that the child's-views page polls. The child's side is in
tablet_screens.py, the session guard in tablet_session.py.
"""
import io
import time

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accounts.auth import require_consultations_worker, roles_required
from db import get_db
from panel.storage import get_consultation
from participation import storage as views_storage
from participation import tablet_codes
from participation import tablet_storage as storage
from web.i18n import local_time
from web.tablet_guard import max_quiet_seconds

staff_bp = Blueprint("tablet_staff", __name__)

STATE_LABELS = {
    "waiting": _l("Waiting for the tablet"),
    "answering": _l("Answering on the tablet now"),
    "finished": _l("Finished on the tablet"),
    "idle": _l("Stopped after a quiet while: the answers so far are saved as a draft"),
    "cancelled": _l("Code cancelled"),
    "expired": _l("Code expired"),
}


def _consultation_and_views(consultation_id, views_id=None):
    """The consultation (require_consultations_worker) and optionally one of its views records."""
    db = get_db()
    consultation = require_consultations_worker(get_consultation(db, consultation_id))
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
                           tablet_panel=code_panel_context(db, consultation_id), back=_back_url(consultation_id))


def code_panel_context(db, consultation_id):
    """What templates/participation/tablet/_code_panel.html needs for one consultation
    (the route passes it as `tablet_panel`):
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
    """The child's-views page of the consultation."""
    return url_for("participation.overview", consultation_id=consultation_id)


def local_datetime(seconds):
    """Unix seconds -> a naive wall-clock datetime in the app's time zone."""
    return local_time(seconds).replace(tzinfo=None)


def init_app(app):
    app.register_blueprint(staff_bp)
    app.jinja_env.filters["tablet_datetime"] = local_datetime
