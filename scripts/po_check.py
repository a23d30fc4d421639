"""List untranslated or fuzzy entries of the .po files (exit 1 if any).

    python -m scripts.po_check

An entry with a context (pgettext) is listed as "[context] msgid".
"""
import sys

import polib

from config import LANGUAGES as LANGS

# gettext's own separator of context and msgid; scripts.po_fill's JSON names an
# entry with a context "context\u0004msgid" the same way
CONTEXT_SEPARATOR = "\x04"


def key(msgid, context=None):
    """How po_fill's JSON and this script name an entry."""
    return f"{context}{CONTEXT_SEPARATOR}{msgid}" if context else msgid


def label(entry_key):
    """The key as a person reads it: "[screen navigation] Back"."""
    context, separator, msgid = entry_key.rpartition(CONTEXT_SEPARATOR)
    return f"[{context}] {msgid}" if separator else msgid


def po_path(lang):
    return f"translations/{lang}/LC_MESSAGES/messages.po"


def problems():
    """[(lang, "untranslated" or "fuzzy", key)] over every language in config.LANGUAGES."""
    found = []
    for lang in LANGS:
        for entry in polib.pofile(po_path(lang)):
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                found.append((lang, "fuzzy", key(entry.msgid, entry.msgctxt)))
            elif not entry.translated():
                found.append((lang, "untranslated", key(entry.msgid, entry.msgctxt)))
    return found


if __name__ == "__main__":
    found = problems()
    for lang, kind, entry_key in found:
        print(f"{lang}: {kind}: {label(entry_key)}")
    sys.exit(1 if found else 0)
