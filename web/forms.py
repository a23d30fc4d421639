"""Form fields shared by every blueprint's forms."""
import re
from datetime import date
from functools import lru_cache

from babel.dates import format_date as babel_format_date
from babel.dates import parse_date as babel_parse_date
import wtforms
from markupsafe import Markup, escape
from wtforms import IntegerField, SelectField, StringField, widgets

from web.i18n import gettext as _

WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,20}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# WTForms' own, kept for the test that compares the two (tests/test_html_params.py)
WTFORMS_HTML_PARAMS = widgets.core.html_params


def html_params(**kwargs):
    """wtforms.widgets.core.html_params with the same output, without a Markup.format per
    attribute (a fifth of a form's rendering). Put in place by init_app for WTForms 3.3.2."""
    params = []
    for key, value in sorted(kwargs.items()):
        key = escape(widgets.core.clean_key(key))
        if value is True:
            params.append(key)
        elif value is not False:
            params.append(f'{key}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return Markup(" ".join(params))


def init_app(app):
    """Put html_params where WTForms 3.3.2's widgets and labels look it up (another version keeps its own)."""
    if wtforms.__version__ == "3.3.2":
        widgets.core.html_params = widgets.html_params = html_params  # Select, TextArea...; Label
        widgets.core.Input.html_params = widgets.core.SubmitInput.html_params = staticmethod(html_params)


class Select(widgets.Select):
    """WTForms' select, the same HTML: its option renderer found once per class
    (WTForms inspects render_option's signature on every render, a third of a select's time)."""

    @classmethod
    def _dispatch_render_option(cls):
        found = cls.__dict__.get("_found_render_option")
        if found is None:
            found = super()._dispatch_render_option()
            cls._found_render_option = found
        return found


class QuickSelectField(SelectField):
    """A SelectField rendered by Select above, whose `choices`, when a callable, takes no
    arguments (WTForms inspects a callable's signature at every read of the choices).
    `choices_key`, with a callable `choices`: a cheap function whose result, with the page's
    language, determines those choices (web/field_html.py then keeps the field's HTML by it
    without making the choices)."""
    widget = Select()

    def __init__(self, *args, choices_key=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices_key = choices_key

    def _invoke_choices_callback(self, choices):
        return choices()


class BoundedIntegerField(IntegerField):
    """A whole number from `min` to `max`; use it for every number a person
    types. Anything else (letters, "1e3", a 400-digit number, on which
    WTForms' NumberRange raises OverflowError) gets `message` next to the
    field, and the typed text stays in the field. An empty field is None:
    InputRequired, when given, says what is missing."""

    def __init__(self, label=None, validators=None, *, min, max, message, **kwargs):
        super().__init__(label, validators, invalid_value_message=message, **kwargs)
        self.min, self.max, self.message = min, max, message

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        if valuelist[0] == "":
            return
        text = valuelist[0].strip()
        if not WHOLE_NUMBER.fullmatch(text) or not self.min <= int(text) <= self.max:
            raise ValueError(self.message)
        self.data = int(text)


class LocaleDateField(StringField):
    """A date typed the way the page's language writes it ("31.1.2027" in
    Finnish and Swedish, "31/01/2027" in English; an ISO "2027-01-31" is taken
    too), parsed with Babel (parse_date with the locale's own pattern), not
    the browser's native date input, whose "mm/dd/yyyy" follows the browser and
    not the page. `format_hint` is the hint to show beside it; a date that does
    not parse gets `message` (with the example) next to the field, the typed
    text kept."""

    def __init__(self, label=None, validators=None, *, message=None, **kwargs):
        kwargs.setdefault("render_kw", {"autocomplete": "off", "spellcheck": "false"})
        super().__init__(label, validators, **kwargs)
        self.message = message
        self.raw = None

    @staticmethod
    def _locale():
        from web.i18n import FORMAT_LOCALE, NUMERIC_DATE_LOCALES, _locale_code
        locale = _locale_code()
        return "fi" if locale in NUMERIC_DATE_LOCALES else FORMAT_LOCALE.get(locale, locale)

    @classmethod
    def formatted(cls, value):
        return _short_date(value, cls._locale()) if value else ""

    @property
    def format_hint(self):
        return _("For example %(example)s", example=self.formatted(date.today()))

    def _value(self):
        if self.raw is not None:
            return self.raw
        return self.formatted(self.data) if isinstance(self.data, date) else (self.data or "")

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.raw = valuelist[0] if isinstance(valuelist[0], str) else ""
        text = self.raw.strip()
        self.data = None
        if not text:
            return
        try:
            self.data = (date.fromisoformat(text) if ISO_DATE.fullmatch(text)
                         else babel_parse_date(text, locale=self._locale(), format="short"))
        except (ValueError, IndexError):
            raise ValueError(self._invalid()) from None
        if not 1900 <= self.data.year <= 2999:
            self.data = None
            raise ValueError(self._invalid())

    def _invalid(self):
        return self.message or _("Write the date as in the example: %(example)s.",
                                 example=self.formatted(date.today()))


@lru_cache(maxsize=1024)
def _short_date(value, locale):
    """A date the short way of `locale` (remembered: Babel takes some 15 µs, and a date field's hint names today)."""
    return babel_format_date(value, "short", locale=locale)
