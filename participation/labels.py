"""Participation's template globals (usable in imported macros): its words for its
records, and whether the user is the consultation's worker.

None of these reads the database: what a page shows is loaded by its route
(the panel's pages through participation/panel_sections.py).
"""
from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accounts import access

from participation import explanations, bands
from participation.band_names import NAMES
from web.i18n import gettext as _, language_name
from web.links import id_url

WORRY_WHO_WORKER_ONLY = _l("The answer is only for you: the coordinator sees the marker on the meeting's agenda, "
                           "but not the answer. The expert members see neither.")
WORRY_WHO_PANEL = _l("The panel may see this answer: the coordinator and the expert members see the marker on "
                     "the meeting's agenda and beside the answer.")


def worry_who(worker_only):
    """Who sees the worry marker of an answer (kept for the worker, or allowed for the panel)."""
    return WORRY_WHO_WORKER_ONLY if worker_only else WORRY_WHO_PANEL


def person_label(record):
    if record["person"] == "parent":
        return _("Parent %(num)d", num=record["position"])
    return _("Child %(num)d", num=record["position"])


def band_label(band):
    """bands.label, translated from the request's catalogue (str() of its lazy text looks it up through Flask-Babel)."""
    return _(NAMES[band]) if band in NAMES else str(band)


def method_label(method):
    from participation.forms import METHOD_CHOICES
    return str(dict(METHOD_CHOICES).get(method or "", method))


def views_url(endpoint, views_id, **values):
    """url_for(endpoint, views_id=views_id, **values) from web.links.id_url (a record page links to some ten of its routes)."""
    return id_url(endpoint, "views_id", **values)(views_id)


def drawing_url(views_id):
    """question id -> the address of the record's stored drawing for it."""
    return lambda question_id: url_for("participation.drawing", views_id=views_id, question_id=question_id)


def consultation_url(endpoint, consultation_id):
    return id_url(endpoint, "consultation_id")(consultation_id)


def init_app(app):
    app.jinja_env.globals.update({
        "participation_person_label": person_label,
        "participation_band_label": band_label,
        "participation_band_thanks": bands.thanks,
        "participation_method_label": method_label,
        "participation_language_label": language_name,
        "participation_worry_who": worry_who,
        "participation_is_worker": lambda consultation: access.is_consultations_worker(current_user, consultation),
        "participation_explanation_extras": explanations.extra_paragraphs,
        "participation_views_url": views_url,
        "participation_consultation_url": consultation_url,
        "participation_drawing_url": drawing_url,
    })
