"""`site_url`: url_for of an address that is the same on every request, remembered.

url_for builds an address through the URL map (about 7 µs each); a tablet screen
builds some fifteen that never change: its style sheets and scripts and the routes
its scripts call. Such an address depends only on the app, the endpoint, its values
and where the app is mounted (the request's script root), so it is remembered per
app by exactly those. For the templates' fixed addresses, not for ones built from a
request's own data (the memory is bounded all the same). url_for's answer is not
kept when it could depend on more: an external address (`_external` and the other
underscore options), a blueprint-relative endpoint (".name"), url_defaults
registered (none today; Flask takes none after the first request), values that
cannot be a key; outside a request url_for answers every time.
"""
from flask import current_app, url_for
from flask.globals import _cv_request  # the request context itself: each proxy (request, current_app) costs ~2 µs

MAX_REMEMBERED = 512


def site_url(endpoint, **values):
    context = _cv_request.get(None)
    if context is None:  # outside a request
        return url_for(endpoint, **values)
    key = (context.request.script_root, endpoint, *values.items())
    remembered = context.app.extensions["site_urls"]
    try:
        return remembered[key]
    except KeyError:
        pass
    except TypeError:  # a value that cannot be a key (a list)
        return url_for(endpoint, **values)
    url = url_for(endpoint, **values)
    if _can_keep(endpoint, values):
        if len(remembered) >= MAX_REMEMBERED:
            remembered.clear()
        remembered[key] = url
    return url


def _can_keep(endpoint, values):
    return not (endpoint.startswith(".") or any(name.startswith("_") for name in values)
                or any(current_app.url_default_functions.values()))


def init_app(app):
    app.extensions["site_urls"] = {}
    app.jinja_env.globals["site_url"] = site_url
