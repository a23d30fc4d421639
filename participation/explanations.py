"""What an explanation screen says beyond its definition: when the meeting is.

The definitions' paragraphs are fixed wordings (one version for everybody);
the meeting's date is the consultation's own, so it is added here, as one more
paragraph of the explanation (read aloud like the others). The record carries
"meeting_starts_at" (participation.storage.get_views).
"""
from datetime import datetime
from functools import lru_cache

from babel.dates import format_date
from flask_babel import lazy_gettext as _l

from web.i18n import FORMAT_LOCALE, _locale_code, _translations

MEETING = {
    "child": _l("The working group meets on %(date)s."),
    "parent": _l("The expert panel meets on %(date)s."),
}
NO_MEETING = {
    "child": _l("The day of the meeting is not decided yet. Your social worker will tell you."),
    "parent": _l("The day of the meeting is not decided yet. The social worker will tell you."),
}


@lru_cache(maxsize=1024)
def meeting_day(starts_at, locale):
    """'29. tammikuuta 2027', '29 januari 2027', '29 January 2027': a date said in full
    (remembered: Babel takes some 15 µs, and every screen of an explanation says it)."""
    day = datetime.fromisoformat(starts_at).date() if isinstance(starts_at, str) else starts_at
    return format_date(day, "long", locale=FORMAT_LOCALE.get(locale, locale))


def meeting_sentence(starts_at, audience, locale=None):
    """The sentence about the meeting's day for `audience` ("child" or "parent")."""
    audience = audience if audience in MEETING else "child"
    return _sentence(starts_at or None, audience, locale or _locale_code(), _translations())


@lru_cache(maxsize=1024)
def _sentence(starts_at, audience, locale, translations):
    """meeting_sentence, remembered per catalogue (`translations`: the one its lazy texts are translated with)."""
    if not starts_at:
        return str(NO_MEETING[audience])
    return str(MEETING[audience]) % {"date": meeting_day(starts_at, locale)}


def extra_paragraphs(record):
    """The paragraphs an explanation of `record` adds after its own (template global)."""
    return [meeting_sentence(record.get("meeting_starts_at"), record.get("person"))]
