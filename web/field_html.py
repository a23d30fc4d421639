"""A form field's HTML (templates/_forms.html `field`, panel/_macros.html `text_field`) from a stencil kept per process.

A field's HTML without its value (the label, the hint, the control's attributes,
a select's options) is the same for every request in one language, so
`field_html(macro, form, name, **kwargs)` renders `macro` once for an empty
copy of the form (never the request's values) and keeps that, keyed by all it
depends on: the macro's compiled template, the form's class, the field, the
macro's other arguments (e.g. the hint), the language, and a select's choices
(or, for a web.forms.QuickSelectField with `choices_key`, what they depend on).
Each request then puts only its value in: a text input's `value="..."`, a
select's `selected`. A field with errors or a warning, or a kind of field not
handled here, is rendered by its macro as before (the stencil only saves time
on the common case of a page that is only being read).

A page that only shows saved values may pass a `SavedForm(form_class, data)`
instead of the form: its fields are filled in from `data` with no form made
(WTForms binds and processes every field of a form it makes, some 15 µs a
field: a fifth of the worker's record page). Whatever else is asked of it
(a field with a warning, one a stencil cannot show, another attribute of the
form) makes the real form, once, with the same values.
"""
import functools
import inspect

from markupsafe import Markup
from wtforms import SelectField, StringField

from web.forms import html_params
from web.i18n import _locale_code
from web.question_html import _compiled

_STENCILS = {}
_STENCILS_MAX = 256  # fields × languages × hints (a date's hint names today)
_EMPTY_VALUE = 'value=""'


def _option(value, selected=False):
    return f"<option {html_params(**({'selected': True, 'value': value} if selected else {'value': value}))}>"


def _select_state(field):
    """(the choices as the key sees them, their values), None when an option has attributes of its own."""
    choices = []
    for value, label, _selected, render_kw in field.iter_choices():
        if render_kw:
            return None
        choices.append((value, str(label)))
    return tuple(choices), tuple(value for value, _label in choices)


def _select_key(field):
    """What a select's options depend on besides the language: its `choices_key` (web.forms.QuickSelectField)
    while its choices are still the class's callable, else the choices themselves."""
    choices_key = getattr(field, "choices_key", None)
    if choices_key is not None and field._choices_stale and field._choices_callable is not None:
        return "choices_key", choices_key()
    state = _select_state(field)
    return None if state is None else ("choices", state[0])


def _stencil(macro, form_class, name, kwargs, select, options):
    """(the macro's HTML for an empty copy of the form's field, a select's option values),
    or None when the value cannot be put in it."""
    empty = form_class(formdata=None)[name]
    if select and options[0] == "choices":
        empty.choices = list(options[1])  # the request's own choices (e.g. set on the form)
    html = str(macro(empty, **kwargs))
    if not select:
        return (html, ()) if html.count(_EMPTY_VALUE) == 1 and " selected" not in html else None
    state = _select_state(empty)
    if state is None or " selected" in html or any(html.count(_option(value)) != 1 for value in state[1]):
        return None
    return html, tuple((value, _option(value), _option(value, selected=True)) for value in state[1])


def _is_text_input(field_class):
    return issubclass(field_class, StringField) and field_class.widget.__class__.__name__ == "TextInput"


def field_html(macro, form, name, **kwargs):
    """`macro(form[name], **kwargs)`, from the field's stencil when the field has no errors and no warning."""
    if isinstance(form, SavedForm):
        return form.field_html(macro, name, kwargs)
    field = form[name]
    if field.errors or kwargs.get("warning"):
        return macro(field, **kwargs)
    select = isinstance(field, SelectField)
    if select:
        options = _select_key(field)
        if options is None:
            return macro(field, **kwargs)
    elif isinstance(field, StringField) and field.widget.__class__.__name__ == "TextInput":
        options = None
    else:
        return macro(field, **kwargs)
    html = _filled(macro, type(form), name, kwargs, select, options, field)
    return macro(field, **kwargs) if html is None else html


def _filled(macro, form_class, name, kwargs, select, options, field):
    """The field's stencil with `field`'s value put in, or None when it has no stencil."""
    key = (_compiled(macro), form_class, name, tuple(sorted((k, str(v)) for k, v in kwargs.items())),
           _locale_code(), options)
    if key not in _STENCILS:
        if len(_STENCILS) >= _STENCILS_MAX:
            _STENCILS.clear()
        _STENCILS[key] = _stencil(macro, form_class, name, kwargs, select, options)
    stencil = _STENCILS[key]
    if stencil is None:
        return None
    html, options = stencil
    if not select:
        return Markup(html.replace(_EMPTY_VALUE, html_params(value=field._value()), 1))
    for value, option, selected in options:  # what WTForms' iter_choices marks selected
        if field.coerce(value) == field.data:
            html = html.replace(option, selected, 1)
    return Markup(html)


_MISSING = object()


class SavedForm:
    """`form_class(formdata=None)` with `data` ({field name: value}) set on its fields, for a page
    that shows them: field_html fills their stencils without the form being made (see above)."""

    def __init__(self, form_class, data):
        self.form_class, self.data, self._form = form_class, dict(data), None

    def real(self):
        """The form itself, made once."""
        if self._form is None:
            form = self.form_class(formdata=None)
            for name, value in self.data.items():
                form[name].data = value
            self._form = form
        return self._form

    @property
    def errors(self):
        return {} if self._form is None else self._form.errors  # a form never validated has none

    def __getitem__(self, name):
        return self.real()[name]

    def __getattr__(self, name):
        unbound = getattr(self.form_class, name, None)
        if getattr(unbound, "_formfield", False) and self._form is None:
            return SavedField(self, name, unbound)
        return getattr(self.real(), name)

    def field_html(self, macro, name, kwargs):
        unbound = getattr(self.form_class, name, None)
        html = None
        if getattr(unbound, "_formfield", False) and not kwargs.get("warning") and self._form is None:
            field_class, options = unbound.field_class, unbound.kwargs
            select = issubclass(field_class, SelectField)
            if select and options.get("choices_key") and callable(options.get("choices")):
                html = _filled(macro, self.form_class, name, kwargs, True, ("choices_key", options["choices_key"]()),
                               SavedField(self, name, unbound))
            elif not select and _is_text_input(field_class) and "widget" not in options:
                html = _filled(macro, self.form_class, name, kwargs, False, None, SavedField(self, name, unbound))
        return macro(self.real()[name], **kwargs) if html is None else html


class SavedField:
    """A field of a SavedForm not made: its name, its saved value (`data`), no errors, and what its
    class defines (its methods and properties, e.g. `_value`, a date's `format_hint`), answered for
    this value the way a field made with it answers. Anything the field sets up when made (its label,
    id, flags) comes from the real form's field."""
    errors = ()
    raw = None  # web.forms.LocaleDateField: no typed text, the value is the saved one

    def __init__(self, saved, name, unbound):
        self._saved, self.name, self._unbound = saved, name, unbound
        self.data = saved.data.get(name)
        self.coerce = unbound.kwargs.get("coerce", str)

    def __getattr__(self, attr):
        found = _class_attribute(self._unbound.field_class, attr)
        if found is _MISSING:
            return getattr(self._saved.real()[self.name], attr)
        return found.__get__(self, self._unbound.field_class)


@functools.lru_cache(maxsize=256)
def _class_attribute(field_class, attr):
    """What `field_class` itself defines as `attr` when it is a method, property or the like, else _MISSING."""
    found = inspect.getattr_static(field_class, attr, _MISSING)
    return found if found is not _MISSING and hasattr(type(found), "__get__") else _MISSING


def init_app(app):
    app.jinja_env.globals["field_html"] = field_html
