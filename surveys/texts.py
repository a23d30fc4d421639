"""The report's words in one language, without a request (pure: no Flask).

The report modules (key_figures, chart_data, charts) never call Flask-Babel
themselves: they take a `Translator`, so they are tested in milliseconds and
the CLI export can use them outside a request.

    # in a route
    from flask_babel import gettext, get_locale
    tr = Translator(str(get_locale()), gettext)
    # in a test or a command
    tr = Translator.from_catalogue("sv")

Strings are marked with N_() for extraction (`make translations`) and
translated when used; the msgids are English, as everywhere in the code.
"""
import os
from dataclasses import dataclass
from typing import Callable

from babel.support import Translations

from questionnaire.localisation import N_

TRANSLATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "translations")


def _same(text):
    return text


@dataclass(frozen=True)
class Translator:
    """`locale` ("fi", "sv", "en": number formatting) and `gettext(msgid) -> text`."""
    locale: str
    gettext: Callable[[str], str] = _same

    @classmethod
    def from_catalogue(cls, locale, directory=TRANSLATIONS_DIR):
        """The compiled catalogue of `locale` (translations/<locale>/LC_MESSAGES/messages.mo)."""
        return cls(locale, Translations.load(directory, [locale]).gettext)

    def __call__(self, msgid, **params):
        """The text of `msgid`, with %(name)s placeholders filled from `params`."""
        text = str(self.gettext(msgid))
        return text % params if params else text


# The respondent groups (surveys/definitions.py GROUPS), as a chart's legend and a table name them.
GROUP_NAMES = {
    "expert": N_("Expert members"),
    "professional": N_("Professionals"),
    "child": N_("Children"),
    "parent": N_("Parents"),
}

TOO_FEW = N_("Too few answers to show")
NOT_ASKED = N_("Not asked")


def group_name(group, tr):
    """'Asiantuntijajäsenet' for "expert" in fi; an unknown group keeps its id."""
    return tr(GROUP_NAMES[group]) if group in GROUP_NAMES else group
