"""url_for's answers remembered: `site_url` for an address that is the same on
every request, `id_url` for the rows of a list (every row's link from one url_for).

`site_url(endpoint, **values)` is url_for's answer remembered per app, for the
templates' fixed addresses (style sheets, scripts, the header's links, the
routes a script calls: a tablet screen built some fifteen, about 7 µs each),
and the header's language links, the same for every request of one page
(`next=` the page's path: url_for quoting it took some 12 µs a link).
Nothing is kept when the answer could depend on more than the rule and where
the app is served (below): an external address or another underscore option,
a blueprint-relative endpoint (".name"), a value that cannot be a key.

On a page of many rows, url_for for each link (the request's URL adapter, the
URL defaults, the rule's builder: some 40 Python calls) was the largest part of
the meetings page. A rule whose only value is an id differs between rows only
in that id, so `id_url(endpoint, "meeting_id")` builds the URL once, with a
stand-in id, and answers each row's by putting its id in the stand-in's place.

    meeting_url = id_url("panel.edit_meeting", "meeting_id")
    meeting_url(7)  # == url_for("panel.edit_meeting", meeting_id=7)

Both remember per app (bounded), keyed by everything url_for's answer
depends on besides the rule (which cannot change once the app serves): the
request's script root, server name, subdomain and scheme. Outside a request,
or with a URL-defaults function registered (which could read the request),
nothing is remembered.
"""
from flask import url_for
from flask.globals import _cv_request
from markupsafe import Markup

from web.i18n import _locale_code

STAND_IN = 987_654_321_987  # an id no page has; its digits are looked for in the URL
KEY = "kuulluksi.urls"
MAX_REMEMBERED = 1024


def site_url(endpoint, **values):
    """url_for(endpoint, **values), remembered (see above)."""
    if endpoint.startswith(".") or any(name.startswith("_") for name in values):
        return url_for(endpoint, **values)
    try:
        return remembered(("site", endpoint, tuple(sorted(values.items()))), lambda: url_for(endpoint, **values))
    except TypeError:  # a value that cannot be a key (a list)
        return url_for(endpoint, **values)


def fixed_html(macro):
    """macro()'s HTML, remembered per language and where the app is served (template global): for a
    fragment of a layout that reads nothing else, its addresses among it (templates/_layout_parts.html)."""
    return remembered(("fixed", macro_code(macro), _locale_code()), lambda: Markup(str(macro())))


def macro_code(macro):
    """A key for a template macro that is the same while its template is unchanged (a reload makes a new one)."""
    return getattr(getattr(macro, "_func", macro), "__code__", macro)


def where_served(adapter):
    """What a request's addresses depend on besides the rules: script root, server name, subdomain, scheme."""
    return adapter.script_name, adapter.server_name, adapter.subdomain, adapter.url_scheme


def id_url(endpoint, name, **values):
    """A function id -> url_for(endpoint, **values, name=id), for `<id:name>` rules."""
    head, tail = _parts(endpoint, name, values)
    return lambda id_: f"{head}{int(id_)}{tail}"


def _parts(endpoint, name, values):
    return remembered(("id", endpoint, name, tuple(sorted(values.items()))), lambda: _split(endpoint, name, values))


def remembered(key, build):
    """build()'s answer, kept per app under `key` and where the request is served."""
    ctx = _cv_request.get(None)  # the request context itself: request_ctx's proxy would resolve it at each use
    adapter = ctx.url_adapter if ctx is not None else None
    if adapter is None:  # outside a request url_for reads the config
        return build()
    app = ctx.app
    if any(app.url_default_functions.values()):
        return build()
    key = (*key, *where_served(adapter))
    cache = app.extensions.setdefault(KEY, {})
    found = cache.get(key)
    if found is None:
        if len(cache) >= MAX_REMEMBERED:
            cache.clear()
        found = cache[key] = build()
    return found


def init_app(app):
    app.jinja_env.globals["site_url"] = site_url
    app.jinja_env.globals["fixed_html"] = fixed_html


def _split(endpoint, name, values):
    url = url_for(endpoint, **values, **{name: STAND_IN})
    head, found, tail = url.partition(str(STAND_IN))
    if not found or str(STAND_IN) in tail:
        raise ValueError(f"{endpoint}: the URL {url!r} does not hold the id {name} exactly once")
    return head, tail
