"""Questions' and explanations' HTML from their stencils (questionnaire/stencil.py), kept per process.

The stencil of a localized question or page (a version's element in one
language, made once per process: questionnaire.localisation.localized_version)
is kept on the element itself, by everything else its HTML depends on: the
frame's compiled template (a template reloaded while developing is a new one), the
page's static settings (a question's `ctx` without the record's has_drawing
and drawing_src), the extension, the page's language (the frame's own texts),
the script root (the addresses) and the read-aloud folder's state (a new
recording changes it). What is filled in per request (the person's answer, the
errors, the drawing, an explanation's extra paragraphs) is never kept.
"""
from flask import has_request_context, request

from questionnaire.stencil import Live, State, Stencil
from web import read_aloud
from web.i18n import _locale_code

# a question's ctx entries of the record, filled in per request
LIVE_CTX = ("has_drawing", "drawing_src")
_STENCILS_MAX = 32  # per element: the page kinds × a few read-aloud folder states


def _compiled(frame):
    """The code of a macro's compiled template: the same while the template is unchanged."""
    return getattr(getattr(frame, "_func", frame), "__code__", frame)


def _page_key(frame, static, extension):
    """What a stencil's key holds besides the element: the same for every question of a page."""
    locale = _locale_code()  # str(get_locale()), once per request
    return (_compiled(frame), tuple(sorted(static.items())), getattr(extension, "__name__", extension), locale,
            request.script_root if has_request_context() else "", read_aloud.stamp(locale))


def stencil_for(frame, element, static, draw, extension=None, key=None):
    """The stencil `draw(static + {"live": the recorder})` renders (with `frame`) for `element`, made once per key
    (`key`: _page_key(frame, static, extension), when the caller has it)."""
    key = key or _page_key(frame, static, extension)
    stencils = vars(element).setdefault("_stencils", {})
    stencil = stencils.get(key)
    if stencil is None:
        live = Live()
        stencil = Stencil(draw(dict(static, live=live)), live.slots)
        if len(stencils) >= _STENCILS_MAX:
            stencils.clear()
        stencils[key] = stencil
    return stencil


def question_html(frame, q, answer=None, errors=(), ctx=None, extension=None, answers=None):
    """Template global: the question's frame macro (questionnaire/_question.html) with this request's answer."""
    ctx = ctx or {}
    static = {name: value for name, value in ctx.items() if name not in LIVE_CTX}
    stencil = stencil_for(frame, q, static, lambda frame_ctx: frame(q, frame_ctx, extension), extension)
    return stencil.fill(State(q, answer, errors or (), answers, ctx.get("has_drawing"), ctx.get("drawing_src")))


def questions_html(frame, pages, ctx, extension, answers, entered, errors, drawings=(), drawing_src=None):
    """Template global: question_html of each question of the `pages` of questions (a list of Markup, in their order), the
    answer of each the one `entered` (as sent) or else the saved one of `answers`, its errors those of
    `errors` (question id: messages), `drawing_src(question id)` the address of a drawing stored for
    a question in `drawings`. One call for a page of questions: the key of their stencils made once."""
    static = {name: value for name, value in ctx.items() if name not in LIVE_CTX}
    key = _page_key(frame, static, extension)
    everything = dict(answers, **entered)
    out = []
    for q in (q for page in pages if page.kind == "questions" for q in page.questions):
        stencil = stencil_for(frame, q, static, lambda frame_ctx, q=q: frame(q, frame_ctx, extension), extension, key)
        qid = q.id
        has_drawing = qid in drawings
        out.append(stencil.fill(State(q, entered.get(qid) or answers.get(qid), errors.get(qid) or (), everything,
                                      has_drawing, drawing_src(qid) if has_drawing else None)))
    return out


def explanation_html(frame, page, title=None, read_also=(), extra_html=""):
    """Template global: an explanation page's frame with this request's extra paragraphs (HTML)."""
    static = {"title": str(title) if title else None, "read_also": tuple(read_also)}
    stencil = stencil_for(frame, page, static, lambda frame_ctx: frame(page, frame_ctx))
    return stencil.fill(State(given={"extra": extra_html}))


def init_app(app):
    app.jinja_env.globals["question_html"] = question_html
    app.jinja_env.globals["questions_html"] = questions_html
    app.jinja_env.globals["explanation_html"] = explanation_html
