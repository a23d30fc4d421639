"""Question wordings in the three languages, straight from the compiled
catalogues (no Flask), so that a version snapshot can keep them."""
import functools
import os

from babel.support import Translations

LANGS = ("fi", "sv", "en")
TRANSLATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "translations")


@functools.lru_cache(maxsize=None)
def _catalogue(lang, directory=TRANSLATIONS_DIR):
    return Translations.load(directory, [lang])


def texts_for(keys, directory=TRANSLATIONS_DIR):
    """{key: {"fi", "sv", "en"}} for the given wording keys (untranslated → the key)."""
    out = {}
    for key in keys:
        out[key] = {lang: _catalogue(lang, directory).gettext(key) for lang in LANGS}
    return out


def live_or_snapshot(snapshot_texts, keys):
    """The current catalogue's texts where it translates a key, else the snapshot's."""
    live = texts_for(keys)
    merged = {}
    for key in keys:
        old = snapshot_texts.get(key) or {}
        merged[key] = {lang: (live[key][lang] if (live[key][lang] != key or lang == "fi") else old.get(lang, key))
                       for lang in LANGS}
    return merged
