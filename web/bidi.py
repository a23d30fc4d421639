"""User text is shown bidi-isolated: a right-to-left override (U+202E) or
Arabic or Hebrew text in a name, an answer or a note changes the order of
nothing outside it. In templates: `{{ user.name|bdi }}` (also as a
gettext value: `_("Welcome, %(name)s", name=user.name|bdi)`); in flash
messages: `with_isolated(_("%(name)s was ..."), name=...)`.

Not inside <title>, <option> or attributes: their text cannot hold
elements, and each is shown apart from the page's lines anyway.
"""
from markupsafe import Markup, escape


def bdi(value):
    """`value` escaped inside <bdi>…</bdi>; None and "" stay empty."""
    if value is None or value == "":
        return ""
    return Markup(f"<bdi>{escape(value)}</bdi>")  # as Markup("<bdi>%s</bdi>") % (value,), quicker


def with_isolated(message, **values):
    """A translated `message` (from _() without values) with each of
    `values` put in as isolated user text; Markup, so safe to flash."""
    return escape(str(message)) % {key: bdi(value) for key, value in values.items()}


def init_app(app):
    app.jinja_env.filters["bdi"] = bdi
