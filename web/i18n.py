"""Languages: Flask-Babel, the locale choice and locale-aware formatting."""
from datetime import datetime, timezone
from functools import lru_cache
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from flask import current_app, g, request, session
from flask_babel import Babel, force_locale, get_locale, get_translations
from jinja2 import pass_eval_context
from markupsafe import Markup
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

babel = Babel()


def select_locale():
    """The language chosen with the switcher, else the browser's best match.

    Answered as a Babel Locale made once per code (Flask-Babel parses a code
    again on every request; ~15 µs), the browser's best match remembered per
    Accept-Language header (~25 µs to parse)."""
    languages = current_app.config["LANGUAGES"]
    forced = getattr(g, "forced_locale", None)
    if forced in languages:
        return _locale(forced)
    chosen = session.get("lang")
    if chosen in languages:
        return _locale(chosen)
    return _locale(_best_match(request.headers.get("Accept-Language", ""), tuple(languages)))


@lru_cache(maxsize=64)
def _locale(code):
    return Locale.parse(code)


@lru_cache(maxsize=512)
def _best_match(header, languages):
    """The best of `languages` for an Accept-Language header (a bounded cache: a header is any string)."""
    return parse_accept_header(header, LanguageAccept).best_match(languages) or languages[0]


@lru_cache(maxsize=64)
def language_name(code):
    """A language's name in itself, as Babel (CLDR) knows it, written as a menu
    item: 'Suomi', 'Svenska', 'English'. A code Babel does not know stays as it is."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def in_each_language(make_text):
    """{code: make_text() in that language} for every language offered,
    e.g. each language's own "Hi!" on its button."""
    texts = {}
    for code in current_app.config["LANGUAGES"]:
        with force_locale(code):
            texts[code] = str(make_text())
    return texts


def check_languages(languages):
    """Every code of LANGUAGES must be a locale Babel knows (its dates, plurals
    and name come from there): fail at start-up, not on the first page."""
    for code in languages:
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            raise ValueError(f"LANGUAGES: {code!r} is not a locale Babel knows") from None


def _as_datetime(value):
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


# Kuulluksi serves Finland: Swedish is written the Finland-Swedish way
# ('fre 27.1.2023 kl. 9.00', as in Finnish), English the British way
# ('Fri 27 Jan 2023 09:00', never the American 'Jan 27, 2023 9:00 AM').
NUMERIC_DATE_LOCALES = ("fi", "sv")
FORMAT_LOCALE = {"en": "en_GB"}


def _locale_code():
    """str(get_locale()), once per request and locale (see _translations)."""
    return _babel_cached()[0]


def _translations():
    """get_translations() of the request's locale, looked up once per request.

    Flask-Babel's own lookup walks its context three times and formats the
    locale's name on every string (~10 µs); a meetings page translates some
    200 strings. The cache is keyed by the locale object itself, so
    force_locale (e-mails in the recipient's language) still switches."""
    return _babel_cached()[1]


def gettext(string, **variables):
    """flask_babel's gettext, the request's catalogue looked up once (_translations): Flask-Babel's own
    lookup is some 8 µs a string, most of a page's part that names a few."""
    text = _translations().ugettext(string)
    return text % variables if variables else text


def _babel_cached():
    try:
        app_g = g._get_current_object()  # once: every use of the proxy resolves it again
    except RuntimeError:  # as Flask-Babel answers outside an app: no locale, no translations
        return str(get_locale()), get_translations(), None
    ns = getattr(app_g, "_flask_babel", None)
    cached = getattr(ns, "kuulluksi_cache", None)
    if cached is None or cached[2] is not getattr(ns, "babel_locale", None):
        locale = get_locale()
        cached = (str(locale), get_translations(), locale)
        ns = getattr(app_g, "_flask_babel", None)
        if ns is not None:
            ns.kuulluksi_cache = cached
    return cached


# The templates' _(), ngettext, pgettext and npgettext. They answer as Jinja's
# "newstyle" gettext does (the translation is escaped and always a format
# string: "%(num)d", "%%"), in one call each: Jinja's own wrappers go through
# the template's context three times per string and, in a loop, copy the
# context for every one (Context.derived); a meetings page has some 170.
_AUTOESCAPE = SimpleNamespace(autoescape=True)


def _newstyle(eval_ctx, text, variables):
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if "%" in text else text  # a text without "%" formats to itself


@pass_eval_context
def _template_gettext(eval_ctx, string, **variables):
    if variables or not eval_ctx.autoescape:
        return _newstyle(eval_ctx, _translations().ugettext(string), variables)
    return _escaped_translation(_translations(), string)


@lru_cache(maxsize=4096)
def _escaped_translation(translations, string):
    """_(string) of a page without values: the same Markup every time."""
    return _newstyle(_AUTOESCAPE, translations.ugettext(string), {})


@pass_eval_context
def _template_ngettext(eval_ctx, singular, plural, num, **variables):
    if not variables and eval_ctx.autoescape and type(num) is int:
        return _escaped_plural(_translations(), singular, plural, num)
    variables.setdefault("num", num)
    return _newstyle(eval_ctx, _translations().ungettext(singular, plural, num), variables)


@lru_cache(maxsize=4096)
def _escaped_plural(translations, singular, plural, num):
    """ngettext(singular, plural, num) of a page with no other values ("3 years"):
    the same Markup for the same number."""
    return _newstyle(_AUTOESCAPE, translations.ungettext(singular, plural, num), {"num": num})


@pass_eval_context
def _template_pgettext(eval_ctx, context, string, **variables):
    variables.setdefault("context", context)
    return _newstyle(eval_ctx, _translations().upgettext(context, string), variables)


@pass_eval_context
def _template_npgettext(eval_ctx, context, singular, plural, num, **variables):
    variables.setdefault("context", context)
    variables.setdefault("num", num)
    return _newstyle(eval_ctx, _translations().unpgettext(context, singular, plural, num), variables)


TEMPLATE_GETTEXT = {"gettext": _template_gettext, "ngettext": _template_ngettext,
                    "pgettext": _template_pgettext, "npgettext": _template_npgettext}


def format_day(value):
    """Weekday and date the way the locale writes them: fi 'pe 27.1.2023',
    sv 'fre 27.1.2023', en 'Fri 27 Jan 2023'."""
    value = _as_datetime(value)
    if isinstance(value, datetime):
        value = value.date()
    return _format_day(value, _locale_code())


@lru_cache(maxsize=4096)
def _format_day(value, locale):
    """A date in a locale: the same answer every time, so remembered (Babel takes ~30 µs)."""
    if locale in NUMERIC_DATE_LOCALES:
        # Babel's Finnish weekday abbreviation is 'pe'; Swedish 'fre'
        return f"{babel_format_date(value, 'EEE', locale=locale).rstrip('.')} {value.day}.{value.month}.{value.year}"
    locale = FORMAT_LOCALE.get(locale, locale)
    return babel_format_date(value, "EEE", locale=locale) + " " + babel_format_date(value, "medium", locale=locale)


def format_clock(value):
    return _format_clock(_as_datetime(value), _locale_code())


def _format_clock(value, locale):
    if locale in NUMERIC_DATE_LOCALES:
        return f"{value.hour}.{value.minute:02d}"
    return babel_format_time(value, "short", locale=FORMAT_LOCALE.get(locale, locale))


def local_time(seconds):
    """Unix seconds -> an aware datetime in the app's TIMEZONE."""
    return datetime.fromtimestamp(seconds, ZoneInfo(current_app.config["TIMEZONE"]))


def format_stamp(value):
    """A stored UTC timestamp ('2026-11-23T12:05:00Z') as local day and time:
    fi 'ma 23.11.2026 klo 14.05'."""
    if not value:
        return ""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    when = when.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))
    word = {"fi": "klo ", "sv": "kl. "}.get(str(get_locale()), "")
    return f"{format_day(when)} {word}{format_clock(when)}"


def format_span(start, end):
    """A meeting's time the locale's way: fi 'pe 27.1.2023 klo 9.00–11.30'."""
    return _format_span(start, end, _locale_code())


@lru_cache(maxsize=4096)
def _format_span(start, end, locale):
    """Remembered as _format_day is: a page of meetings shows each one's time."""
    start, end = _as_datetime(start), _as_datetime(end)
    word = {"fi": "klo ", "sv": "kl. "}.get(locale, "")
    day = start.date() if isinstance(start, datetime) else start
    return f"{_format_day(day, locale)} {word}{_format_clock(start, locale)}–{_format_clock(end, locale)}"


def init_app(app):
    check_languages(app.config["LANGUAGES"])
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories="translations")
    # After Flask-Babel's: the i18n extension stays, the callables are ours.
    app.jinja_env.globals.update(TEMPLATE_GETTEXT, _=_template_gettext)
    app.jinja_env.filters["day"] = format_day
    app.jinja_env.filters["clock"] = format_clock
    app.jinja_env.globals["format_span"] = format_span
    app.jinja_env.filters["stamp"] = format_stamp

    @app.context_processor
    def inject_locale():
        return {"current_locale": str(get_locale()), "languages": app.config["LANGUAGES"],
                "language_name": language_name}
