"""A question's HTML from its stencil (questionnaire/stencil.py), kept per process.

The stencil of a localized question (a version's question in one language,
made once per process: questionnaire.localisation.localized_version) is kept
on the question itself, by everything else its HTML depends on: the page's
static settings (`ctx` without the record's has_drawing and drawing_src), the
extension, the page's language (the frame's own texts), the script root (the
addresses) and the read-aloud folder's state (a new recording changes it).
What is filled in per request is the person's answer, the errors and the
drawing: never kept.
"""
from flask import has_request_context, request
from flask_babel import get_locale

from questionnaire.stencil import Live, State, Stencil
from web import read_aloud

# ctx entries of the record, filled in per request
LIVE_CTX = ("has_drawing", "drawing_src")
_STENCILS_MAX = 32  # per question: the page kinds × a few read-aloud folder states


def question_html(frame, q, answer=None, errors=(), ctx=None, extension=None, answers=None):
    """Template global: `frame(q, ctx with "live", extension)` (the question's frame macro)
    rendered once per key, with this request's answer filled in."""
    ctx = ctx or {}
    static = {name: value for name, value in ctx.items() if name not in LIVE_CTX}
    locale = str(get_locale())
    key = (tuple(sorted(static.items())), getattr(extension, "__name__", None), locale,
           request.script_root if has_request_context() else "", read_aloud.stamp(locale))
    stencils = vars(q).setdefault("_stencils", {})
    stencil = stencils.get(key)
    if stencil is None:
        live = Live()
        html = frame(q, dict(static, live=live), extension)
        stencil = Stencil(html, live.slots)
        if len(stencils) >= _STENCILS_MAX:
            stencils.clear()
        stencils[key] = stencil
    return stencil.fill(State(q, answer, errors or (), answers, ctx.get("has_drawing"), ctx.get("drawing_src")))


def init_app(app):
    app.jinja_env.globals["question_html"] = question_html
