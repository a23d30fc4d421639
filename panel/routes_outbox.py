"""The coordinator's view of the email outbox: what waits to be sent (and
why, when email is not set up) and what was sent lately. Also remembers each
user's language for their emails."""
from flask import current_app, render_template, request, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accounts.auth import roles_required
from accounts.storage import set_language
from db import get_db
from panel import mail, outbox
from panel.routes import bp

KIND_LABELS = {
    "booking_confirmed": _l("Booking confirmed"),
    "documents_due": _l("Documents due"),
    "material_published": _l("Material published"),
    "invitation_ready": _l("The family's invitation ready"),
    "statement_delivered": _l("Statement delivered"),
    "message_undelivered": _l("Message still undelivered"),
    "follow_up_due": _l("Follow-up due"),
    "feedback_request": _l("Feedback request"),
}
# the session remembers the language last stored, so it is written once per change
SESSION_KEY = "mail_language"


@bp.before_app_request
def remember_language():
    """A user's emails come in the language they last used here."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    language = str(get_locale())
    if session.get(SESSION_KEY) != language and language in current_app.config["LANGUAGES"]:
        set_language(get_db(), current_user.id, language)
        session[SESSION_KEY] = language


@bp.get("/outbox", endpoint="outbox")
@roles_required("coordinator")
def outbox_page():
    db = get_db()
    panel_ids = list(current_user.panel_ids)
    return render_template("panel/outbox.html", waiting=outbox.waiting(db, panel_ids),
                           sent=outbox.recently_sent(db, panel_ids), kind_labels=KIND_LABELS,
                           missing=["FLASK_" + name for name in mail.missing_settings(current_app.config)])
