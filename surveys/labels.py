"""Words and numbers of the survey pages in the page's language."""
from datetime import date

from babel.dates import format_date
from flask_babel import format_percent, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from surveys import periods

GROUP_LABELS = {
    "expert": _l("Expert members"),
    "professional": _l("Social workers"),
    "child": _l("Children"),
    "parent": _l("Parents"),
}


def group(name):
    return str(GROUP_LABELS.get(name, name))


def period(value):
    """'2027-03' -> 'maaliskuu 2027' / 'mars 2027' / 'March 2027'; '2027-round' -> the yearly survey of 2027."""
    if periods.is_month(value):
        year, month = (int(part) for part in value.split("-"))
        text = format_date(date(year, month, 1), "LLLL yyyy", locale=str(get_locale()))
        return text[:1].upper() + text[1:]
    if periods.is_round(value):
        return _("Yearly survey %(year)s", year=value[:4])
    return value


def percent(part, whole):
    """'76 %' (fi, sv) / '76%' (en); '–' when nothing was asked."""
    if not whole:
        return "–"
    return format_percent(part / whole)
