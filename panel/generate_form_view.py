"""The fields of the meetings page's "create a year's meetings" form, rendered
once per language, year offered and panels rather than on every page: WTForms'
widgets were a tenth of the coordinator's page (bench/RESULTS.md).

The fragment holds no CSRF token (the page adds it) and nothing of a case: only
the form's texts, the year and the coordinator's panels (ids and names)."""
from flask import current_app
from flask_babel import get_locale
from markupsafe import Markup

TEMPLATE = "panel/_generate_form.html"
KEY = "kuulluksi.generate_form"
KEPT = 256  # fragments remembered per process at most (languages × years × panel lists)


def fields_html(form):
    """The form's fields as HTML. A refused form (with its messages and the
    typed text) is rendered as it is; a fresh one is remembered by all it
    shows: the language, the year, the panels to choose from and the chosen one."""
    if form.errors:
        return _render(form)
    key = (str(get_locale()), form.year._value(), tuple(form.panel_id.choices or ()), form.panel_id.data)
    kept = current_app.extensions.setdefault(KEY, {})
    if key not in kept:
        if len(kept) >= KEPT:
            kept.clear()
        kept[key] = _render(form)
    return kept[key]


def _render(form):
    return Markup(current_app.jinja_env.get_template(TEMPLATE).render(generate_form=form))
