"""url_for for the rows of a list: every row's link from one url_for.

On a page of many rows, url_for for each link (the request's URL adapter, the
URL defaults, the rule's builder: some 40 Python calls) was the largest part of
the meetings page. A rule whose only value is an id differs between rows only
in that id, so `id_url(endpoint, "meeting_id")` builds the URL once, with a
stand-in id, and answers each row's by putting its id in the stand-in's place.

    meeting_url = id_url("panel.edit_meeting", "meeting_id")
    meeting_url(7)  # == url_for("panel.edit_meeting", meeting_id=7)

The stand-in's URL is remembered per app, keyed by everything url_for's answer
depends on besides the rule (which cannot change once the app serves): the
request's script root, server name, subdomain and scheme. Outside a request,
or with a URL-defaults function registered (which could read the request),
nothing is remembered.
"""
from flask import current_app, url_for
from flask.globals import request_ctx

STAND_IN = 987_654_321_987  # an id no page has; its digits are looked for in the URL
KEY = "kuulluksi.id_urls"


def id_url(endpoint, name, **values):
    """A function id -> url_for(endpoint, **values, name=id), for `<id:name>` rules."""
    head, tail = _parts(endpoint, name, values)
    return lambda id_: f"{head}{int(id_)}{tail}"


def _parts(endpoint, name, values):
    app = current_app._get_current_object()
    adapter = request_ctx.url_adapter if request_ctx else None
    if adapter is None or any(app.url_default_functions.values()):  # outside a request url_for reads the config
        return _split(endpoint, name, values)
    where = (adapter.script_name, adapter.server_name, adapter.subdomain, adapter.url_scheme)
    key = (endpoint, name, tuple(sorted(values.items())), where)
    cache = app.extensions.setdefault(KEY, {})
    if key not in cache:
        cache[key] = _split(endpoint, name, values)
    return cache[key]


def _split(endpoint, name, values):
    url = url_for(endpoint, **values, **{name: STAND_IN})
    head, found, tail = url.partition(str(STAND_IN))
    if not found or str(STAND_IN) in tail:
        raise ValueError(f"{endpoint}: the URL {url!r} does not hold the id {name} exactly once")
    return head, tail
