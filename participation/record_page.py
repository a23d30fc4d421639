"""The worker's page of a draft record (templates/participation/record.html): its frame kept per
process (web/kept_frame.py), the record's own parts made per request.

A draft's page is the same for every record of one localized version, band and
person (child or parent, and which one), given the same way (the tablet's badge)
and meeting day (the explanation's sentence), but for the record's own parts:
its answers in the questions' frames, the details' and the band's fields
(`draft_parts`, made in Python for the whole page too), its and its
consultation's ids in the addresses, the case code, the CSRF token, the site
header and the page's notice (web.extensions.page_notice). So the frame is
rendered once per key with those parts as stencil markers (the ids as stand-ins found in the addresses) and each
GET fills them in: the same HTML as rendering the page whole. A POST with
errors or identity-code warnings, or anything web.kept_frame refuses, is
rendered whole. A frame holds nothing of the record's but what its key names.
"""
from flask import current_app, render_template
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from participation.explanations import extra_paragraphs
from participation.labels import drawing_url
from questionnaire.stencil import State
from web.extensions import page_notice
from web.field_html import field_html
from web.header import site_header
from web.i18n import gettext as _
from web.kept_frame import base_key, kept, stand_in_ids
from web.question_html import questions_html

TEMPLATE = "participation/record.html"
FRAMES_MAX = 64  # per localized version: its bands × persons × a few meeting days
# what of the record a draft's frame reads besides its parts (and its id, a stand-in)
FRAME_FIELDS = ("form", "person", "position", "band", "version", "mode", "status", "meeting_starts_at")
STAND_INS = {"views_id": 987_654_321_001, "consultation_id": 987_654_321_002}  # ids no page has
QUESTION_CONTEXT = {"mode": "worker", "read_aloud": False, "gentle": False}


def draft_parts(record, details, band_form, entered, errors, warnings):
    """A draft's own parts of its page (Markup each): "questions" (every question's frame with its
    answer or what was `entered`, and its `errors`), "details" (how the views were found out) and
    "band" (the band's field, for a child)."""
    env = current_app.jinja_env
    engine = env.get_template("questionnaire/_question.html").module
    extension = env.get_template("participation/_extension.html").module
    field = env.get_template("_forms.html").module.field
    text_field = env.get_template("panel/_macros.html").module.text_field
    context = dict(QUESTION_CONTEXT, audience=record["person"], band=record["band"])
    questions = questions_html(engine.frame, record["form"].pages, context, extension, record["answers"],
                               entered, errors, record["drawings"], drawing_url(record["id"]))
    details_fields = (field_html(field, details, "method"),
                      field_html(text_field, details, "method_other", warning=warnings.get("method_other")),
                      field_html(field, details, "asked_on", hint=details.asked_on.format_hint),
                      field_html(text_field, details, "present", warning=warnings.get("present")))
    band = field_html(field, band_form, "band", hint=_("Answers to the same questions are kept.")) if band_form else ""
    # str.join: each part is Markup already (Markup.join would escape each one again)
    return {"questions": Markup("\n".join(questions)), "details": Markup("\n    ".join(details_fields)),
            "band": band}


def draft_html(record, consultation, parts, context):
    """The page of a draft shown as saved (a GET): from its kept frame, else rendered whole with `context`."""
    key = _frame_key(record, consultation, parts)
    if key is None:
        return render_template(TEMPLATE, record=record, consultation=consultation, parts=parts, **context)
    frames = vars(record["form"]).setdefault("_record_frames", {})
    frame = kept(frames, key, lambda live: _frame(record, live, context), FRAMES_MAX)
    return frame.fill(State(given={
        "csrf_token": escape(generate_csrf()), "header": site_header(), "page_notice": page_notice(),
        "views_id": str(record["id"]), "consultation_id": str(consultation["id"]),
        "case_code": escape(consultation["case_code"]), **parts}))


def _frame_key(record, consultation, parts):
    """What a draft's kept frame depends on besides its localized version, or None: render it whole."""
    base = base_key()
    if base is None or record["status"] != "draft" or not consultation["case_code"]:
        return None  # bdi() shows an empty code as nothing: not a marker's place
    return (*base, *(record[name] for name in FRAME_FIELDS if name != "form"), bool(parts["band"]),
            tuple(extra_paragraphs(record)))


def _frame(record, live, context):
    frame_record = {name: record[name] for name in FRAME_FIELDS}
    frame_record["id"] = STAND_INS["views_id"]
    html = render_template(
        TEMPLATE, **context, record=frame_record,
        consultation={"id": STAND_INS["consultation_id"], "case_code": live.given("case_code")},
        parts={name: live.given(name) for name in ("questions", "details", "band")},
        csrf_token=lambda: live.given("csrf_token"), site_header=lambda: live.given("header"),
        page_notice=live.given("page_notice"))
    return stand_in_ids(html, live, STAND_INS)

