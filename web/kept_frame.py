"""A page's frame rendered once per process, its request's own parts filled in (questionnaire.stencil).

A page that is the same for many records but for a few parts (the CSRF token,
the record's answers, its ids) is rendered once per key with stencil markers
(`live.given(name)`) in those parts' places; each request fills them in. The
tablet's screens (participation/tablet_page.py) and the worker's draft page
(participation/record_page.py) are kept so. A frame holds only what its key
names and the page's fixed text: never a person's answer.

Nothing is kept while templates are reloaded (debug), when a URL-defaults
function could read the request, or when the session holds flashed messages
(base.html shows them, and they are the session's): those pages are rendered
whole, as before.
"""
from flask import current_app, session
from flask.globals import request_ctx
from flask_babel import get_locale

from questionnaire.stencil import Live, Stencil
from web.links import where_served


def base_key():
    """What every kept frame depends on (the app's templates, the page's language, where the app is
    served), or None when no frame may be kept for this request (see above)."""
    app = current_app
    if app.jinja_env.auto_reload or any(app.url_default_functions.values()) or "_flashes" in session:
        return None
    # the app's environment: its templates stay as they are while they are not reloaded
    return (app.jinja_env, get_locale(), *where_served(request_ctx.url_adapter))  # one Locale per code


def kept(store, key, render, limit):
    """The frame kept in `store` (a dict) under `key`, else `render(live)`'s HTML made one and kept
    (`limit` frames at most: a full store starts again)."""
    frame = store.get(key)
    if frame is None:
        live = Live()
        frame = Stencil(render(live), live.slots)
        if len(store) >= limit:
            store.clear()
        store[key] = frame
    return frame


def stand_in_ids(html, live, ids):
    """`html` with each stand-in id of `ids` ({name: number no page has}) made the marker of
    `live.given(name)`: a frame rendered with stand-in ids in its addresses, filled with the real ones."""
    for name, number in ids.items():
        html = str(html).replace(str(number), live.given(name))
    return html
