"""List untranslated or fuzzy entries of the .po files (exit 1 if any)."""
import sys

import polib

import config

LANGS = tuple(config.LANGUAGES)


def problems():
    found = []
    for lang in LANGS:
        po = polib.pofile(f"translations/{lang}/LC_MESSAGES/messages.po")
        for entry in po:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                found.append((lang, "fuzzy", entry.msgid))
            elif not entry.translated():
                found.append((lang, "untranslated", entry.msgid))
    return found


if __name__ == "__main__":
    found = problems()
    for lang, kind, msgid in found:
        print(f"{lang}: {kind}: {msgid}")
    sys.exit(1 if found else 0)
