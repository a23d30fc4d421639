"""Question wordings in every language of LANGUAGES, straight from the
compiled catalogues (no Flask), so that a version snapshot can keep them."""
import functools
import os

from babel.support import Translations

import config

TRANSLATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "translations")


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
    """The current catalogue's texts where it translates a key, else the snapshot's."""
    languages = languages or config.LANGUAGES
    live = texts_for(keys, languages, directories)
    merged = {}
    for key in keys:
        old = snapshot_texts.get(key) or {}
        merged[key] = {lang: (live[key][lang] if (live[key][lang] != key or lang == "fi") else old.get(lang, key))
                       for lang in languages}
    return merged
