"""A tablet screen's HTML: its frame kept per process, the record's own parts made per request.

A screen (templates/participation/tablet/screen.html) is the same for every
person answering the same version in the same language but for two parts: the
CSRF token and the screen's body (the questions with this person's answers,
or an explanation with the meeting's day: _screen_body.html). So the frame is
rendered once per key with stencil markers (questionnaire/stencil.py) in their
place, and each request only fills them in: the same HTML as rendering the
whole page, for a fraction of its cost (the Next of bench/ is a POST and this page).

The frame is kept on the localized version (a new version or language is a new
object: questionnaire.localisation.localized_version), by everything else it is
given or reads: the app's templates, the page's language, the screen (step, page id,
number of screens), the person (child or parent), the idle times, the read-aloud
recordings' state and where the app is served (the addresses). It holds nothing
of the record's but that. When web.kept_frame keeps no frame (templates
reloaded, a URL-defaults function, flashed messages) a screen is rendered whole.
"""
from flask import current_app, render_template
from flask_wtf.csrf import generate_csrf
from markupsafe import escape

from participation import api
from questionnaire.stencil import State
from web import read_aloud
from web.i18n import _locale_code
from web.kept_frame import base_key, kept

SCREEN = "participation/tablet/screen.html"
BODY = "participation/tablet/_screen_body.html"
_FRAMES_MAX = 64  # per localized version: its screens × a few read-aloud states and idle settings


def screen_html(record, step, page_id, errors, entered, idle_seconds, grace_seconds):
    """The HTML of screen `step` (page `page_id`) of `record`, with `errors` and `entered`
    (a POST's messages and answers as submitted) over the stored answers."""
    page = api.page(record, page_id)
    frame_context = {"form": record["form"], "person": record["person"], "step": step,
                     "total": len(record["screens"]), "page_id": page_id, "page": page,
                     "idle_seconds": idle_seconds, "grace_seconds": grace_seconds}
    body = _body(record, page_id, page, errors, entered)
    key = _frame_key(frame_context)
    if key is None:
        return render_template(SCREEN, **frame_context, screen_body=body)
    frames = vars(record["form"]).setdefault("_tablet_frames", {})
    frame = kept(frames, key, lambda live: render_template(SCREEN, **frame_context, screen_body=live.given("body"),
                                                           csrf_token=lambda: live.given("csrf_token")), _FRAMES_MAX)
    return frame.fill(State(given={"csrf_token": escape(generate_csrf()), "body": body}))


def _body(record, page_id, page, errors, entered):
    """The screen's own part: "" on the end screen, else _screen_body.html's macro for the page."""
    if page_id == "end" or not page:
        return ""
    macros = current_app.jinja_env.get_template(BODY).module
    if page.kind == "explanation":
        return macros.explanation_body(record, page)
    return macros.questions_body(record, page, errors, entered)


def _frame_key(frame_context):
    """What a kept frame depends on besides its localized version, or None: render it whole."""
    base = base_key()
    if base is None:
        return None
    return (*base, frame_context["step"], frame_context["page_id"], frame_context["total"], frame_context["person"],
            frame_context["idle_seconds"], frame_context["grace_seconds"], read_aloud.stamp(_locale_code()))
