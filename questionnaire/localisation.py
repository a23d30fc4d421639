"""Localisation: the wordings of a questionnaire in the person's language (pure, no Flask).

Every wording of a definition is a key: the Finnish text itself. Its Swedish
and English come from the compiled catalogues (gettext, babel.support), read
here without Flask so that a version snapshot can keep them: a stored
version keeps {key: {lang: text}}, and old answers are shown with their own
wording. `localize()` puts a text beside each key for one language.
"""
import functools
import os

from babel.support import Translations

import config

TRANSLATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "translations")


def N_(text):
    """Mark a wording for extraction (`make translations` runs pybabel with -k N_); it stays the key."""
    return text


@functools.lru_cache(maxsize=None)
def _catalogue(lang, directories):
    """`lang`'s catalogue, merged over `directories` the way Flask-Babel does."""
    merged = Translations()
    for directory in directories:
        merged.merge(Translations.load(directory, [lang]))
    return merged


def texts_for(keys, languages=None, directories=(TRANSLATIONS_DIR,)):
    """{key: {lang: text}} for the given wording keys (untranslated → the key),
    in `languages` (default: config.LANGUAGES; the app passes its own)."""
    languages = languages or config.LANGUAGES
    directories = tuple(directories)
    return {key: {lang: _catalogue(lang, directories).gettext(key) for lang in languages} for key in keys}


def live_or_snapshot(snapshot_texts, keys, languages=None, directories=(TRANSLATIONS_DIR,)):
    """The current catalogue's texts where it translates a key, else the snapshot's
    (Finnish, the source language, is always the key itself)."""
    languages = languages or config.LANGUAGES
    live = texts_for(keys, languages, directories)
    merged = {}
    for key in keys:
        old = snapshot_texts.get(key) or {}
        merged[key] = {lang: (live[key][lang] if (live[key][lang] != key or lang == "fi") else old.get(lang, key))
                       for lang in languages}
    return merged


def translator(texts, locale):
    """t(key): the text of `key` in `locale`; a missing translation falls back to the key (Finnish)."""
    def t(key):
        if not key:
            return key
        return (texts.get(key) or {}).get(locale) or key
    return t


class Localized:
    """A definition element with its texts in one language. Other attributes
    are the element's own (q.id, q.type, q.show_if, ...); `definition` is the
    element itself and `t(key)` translates any other key (an extension's)."""

    def __init__(self, element, t):
        self.definition = element
        self.t = t

    def __getattr__(self, name):
        if name in ("definition", "t"):  # not set yet (e.g. while copying)
            raise AttributeError(name)
        return getattr(self.definition, name)

    def __getitem__(self, name):
        # q["id"]: the dict-style access of callers written when definitions were dicts
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None


class LocalizedChoice(Localized):
    @property
    def text(self):
        return self.t(self.definition.label)


class LocalizedQuestion(Localized):
    def __init__(self, question, t):
        super().__init__(question, t)
        self.text = t(question.wording)
        self.help_text = t(question.help)
        self.choices = [LocalizedChoice(c, t) for c in question.choices]
        scale = question.scale
        self.points = [LocalizedChoice(c, t) for c in scale.points] if scale else []
        self.dont_know = LocalizedChoice(scale.dont_know, t) if scale and scale.dont_know else None

    @property
    def all_choices(self):
        """Every choice an answer may hold (a scale's points and its "don't know" too)."""
        return self.choices + self.points + ([self.dont_know] if self.dont_know else [])


class LocalizedPage(Localized):
    def __init__(self, page, t):
        super().__init__(page, t)
        self.paragraph_texts = [t(p) for p in page.paragraphs]
        self.questions = [LocalizedQuestion(q, t) for q in page.questions]


class LocalizedQuestionnaire(Localized):
    def __init__(self, questionnaire, t, locale):
        super().__init__(questionnaire, t)
        self.locale = locale
        self.title_text = t(questionnaire.title)
        self.pages = [LocalizedPage(p, t) for p in questionnaire.pages]

    def questions(self):
        return [q for page in self.pages for q in page.questions]

    def question(self, question_id):
        return next((q for q in self.questions() if q.id == question_id), None)

    def page(self, page_id):
        return next((p for p in self.pages if p.id == page_id), None)


# A stored version localized in a language: read-only and the same for every
# request (a version's content and the compiled catalogues do not change while
# the app runs), so it is made once per version's content, language, languages
# and catalogues: the child's questionnaires (participation/api.py) and the
# feedback surveys (surveys/pages.py).
_LOCALIZED = {}
_LOCALIZED_MAX = 512


def localized_version(definition, snapshot_texts, version_key, locale, languages=None, directories=(TRANSLATIONS_DIR,)):
    """localize(definition, live_or_snapshot(...), locale), made once per `version_key`
    (the stored version's content, e.g. its digest and texts as stored) and the rest."""
    key = (version_key, locale, tuple(languages or ()), tuple(directories))
    form = _LOCALIZED.get(key)
    if form is None:
        form = localize(definition, live_or_snapshot(snapshot_texts, definition.wording_keys(), languages, directories),
                        locale)
        if len(_LOCALIZED) >= _LOCALIZED_MAX:
            _LOCALIZED.clear()
        _LOCALIZED[key] = form
    return form


def localize(questionnaire, texts, locale):
    """`questionnaire` with its texts in `locale`; `texts` maps key -> {lang: text}
    (a version snapshot's texts); a missing translation falls back to the key."""
    return LocalizedQuestionnaire(questionnaire, translator(texts, locale), locale)
