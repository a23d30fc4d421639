"""The form builder's server side, shared by worker-assisted mode (routes.py)
and tablet mode (tablet*.py): load a views record for display, save answers
from a plain form POST or from the JSON autosave, take a drawing upload.

These functions do no access control: the calling route has checked that its
user (or tablet session) may reach `record`. Their `actor_id` and `via` go to
the audit line of each change (see participation.storage).
"""
from flask import current_app, has_app_context, url_for
from flask_babel import get_babel, get_locale
from flask_babel import lazy_gettext as _l

from participation import drawings, extension, questionnaires, storage
from questionnaire import answers as codes
from questionnaire import localisation
from questionnaire.rules import is_shown
from web.i18n import _locale_code

ERROR_MESSAGES = {
    codes.TOO_LONG: _l("The answer is too long: at most 5,000 characters."),
    codes.REQUIRED: _l("Please answer, or choose \u201cI don't want to answer\u201d."),
    codes.BAD_CHOICE: _l("Please choose one of the options."),
    extension.BAD_VISIBILITY: _l("Please choose who may see the answer."),
    drawings.NOT_PNG: _l("The drawing could not be saved: it must be a PNG picture."),
    drawings.TOO_LARGE: _l("The drawing could not be saved: it is larger than 2 MB."),
    drawings.TOO_MANY_PIXELS: _l("The drawing could not be saved: the picture is larger than %(width)d × "
                                 "%(height)d pixels.", width=drawings.CANVAS_WIDTH, height=drawings.CANVAS_HEIGHT),
}


def message(code):
    return str(ERROR_MESSAGES.get(code, code))


def _catalogues():
    """The app's languages and translation directories, for `wording`
    (outside an app, e.g. a script: wording's defaults)."""
    if not has_app_context():
        return (None, (localisation.TRANSLATIONS_DIR,))
    return current_app.config["LANGUAGES"], tuple(get_babel().translation_directories)


def current_texts(definition):
    """{key: {lang: text}} of a definition from the compiled catalogues."""
    return localisation.texts_for(definition.wording_keys(), *_catalogues())


def create_views(db, consultation_id, band, *, created_by=None, mode="worker", language=None, request_key=None):
    """storage.create_views with the wording snapshot taken from the catalogues."""
    return storage.create_views(db, consultation_id, band, created_by=created_by, mode=mode,
                                language=language or str(get_locale()), request_key=request_key,
                                texts=current_texts(questionnaires.definition_for(band)))


def load(db, views_id, locale=None, notes=True):
    """storage.get_views plus "form": the record's own version of the
    questionnaire with a text beside each key in `locale` (default: the page's
    language), and "screens": the page ids of the one-per-screen view.
    `notes=False` leaves the worker's notes out (the tablet never shows them)."""
    record = storage.get_views(db, views_id, notes=notes)
    if record is None:
        return None
    record["form"] = _localized(record, locale or _locale_code())
    record["screens"] = questionnaires.screens(record["definition"])
    return record


def _localized(record, locale):
    """The record's version in `locale`, made once per version and language (localisation.localized_version)."""
    languages, directories = _catalogues()
    return localisation.localized_version(record["definition"], record["texts"], record["version_key"], locale,
                                          languages, directories)


def page(record, page_id):
    return record["form"].page(page_id)


def save_questions(db, record, data, question_ids=None, enforce_required=False, hold=None, *,
                   actor_id=None, via=""):
    """Save the answers of `question_ids` (default: all) from form `data`.

    Valid answers are stored; returns ({question id: [messages]}, {question
    id: answer as submitted}) so the page can be shown again with the
    entered values and the messages. `hold(question, answer)` may return a
    message: that answer is then kept back, not stored (the identity-code
    check of the worker's pages). Raises storage.Locked after finishing.
    """
    errors, entered, valid = {}, {}, {}
    for q in record["definition"].questions():
        if question_ids is not None and q.id not in question_ids:
            continue
        if not is_shown(q, {**record["answers"], **entered}):
            continue
        result = extension.parse(q, data, has_drawing=q.id in record["drawings"])
        if not enforce_required:
            result = result.without(codes.REQUIRED)
        if result.answer is not None:
            entered[q.id] = result.answer
        held = hold(q, result.answer) if hold and result.answer is not None and not result.errors else None
        if result.errors:
            errors[q.id] = [message(code) for code in result.errors]
        elif held:
            errors[q.id] = [held]
        elif result.answer is not None:
            valid[q.id] = result.answer
    storage.save_answers(db, record["id"], valid, actor_id=actor_id, via=via)
    return errors, entered


def autosave(db, record, payload, *, actor_id=None, via=""):
    """The JSON autosave contract. `payload` = {"question", "choice", "text",
    "declined", "visibility"}. Returns (body, HTTP status):
    200 {"saved": true, "question", "updated_at"} · 400 {"saved": false, "errors": [..]}
    · 404 unknown question · 409 {"saved": false, "locked": true} after finishing.
    """
    if not isinstance(payload, dict):
        return {"saved": False, "errors": [message(codes.BAD_CHOICE)]}, 400
    q = record["definition"].question(str(payload.get("question", "")))
    if q is None:
        return {"saved": False, "errors": ["unknown question"]}, 404
    data = {k: v for k, v in payload.items() if k in ("choice", "text", "declined", "visibility")}
    if isinstance(data.get("choice"), list) and all(isinstance(v, str) for v in data["choice"]):
        data["choice"] = " ".join(data["choice"])  # a multi-choice question's ticked values
    data = {k: ("1" if v is True else "" if v in (False, None) else v) for k, v in data.items()}
    if any(not isinstance(v, str) for v in data.values()):
        return {"saved": False, "errors": [message(codes.BAD_CHOICE)]}, 400
    result = extension.read(q, data, prefix="").without(codes.REQUIRED)
    if result.errors:
        return {"saved": False, "question": q.id, "errors": [message(p) for p in result.errors]}, 400
    try:
        storage.save_answer(db, record["id"], q.id, result.answer, actor_id=actor_id, via=via)
    except storage.Locked:
        return {"saved": False, "locked": True}, 409
    return {"saved": True, "question": q.id}, 200


def save_drawing(db, record, question_id, data, clear=False, url=None, *, actor_id=None, via=""):
    """The drawing upload contract: a PNG (bytes) for `question_id`, or clear.
    Worker and tablet uploads both come here: the PNG is decoded and stored
    re-encoded (drawings.clean_png). Returns (body, status): 200 {"saved": true, "url"} · 400 {"saved": false,
    "error": message} · 404 unknown question · 409 locked."""
    q = record["definition"].question(question_id or "")
    if q is None or not extension.accepts_drawing(q):
        return {"saved": False, "error": "unknown question"}, 404
    try:
        if clear:
            storage.delete_drawing(db, record["id"], q.id, actor_id=actor_id, via=via)
            return {"saved": True, "url": None}, 200
        png, problem = drawings.clean_png(data or b"")
        if problem:
            return {"saved": False, "error": message(problem)}, 400
        storage.save_drawing(db, record["id"], q.id, png, actor_id=actor_id, via=via)
        if q.id not in record["answers"]:
            storage.save_answer(db, record["id"], q.id, extension.ViewsAnswer(), actor_id=actor_id, via=via)
    except storage.Locked:
        return {"saved": False, "locked": True}, 409
    return {"saved": True, "url": url or url_for("participation.drawing", views_id=record["id"],
                                                question_id=q.id)}, 200


def screen_questions(record, page_id):
    """The localized questions of one screen (page id)."""
    p = page(record, page_id)
    return p.questions if p else []
