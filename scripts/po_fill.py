"""Bulk-fill translations into the .po files from a JSON file.

    python -m scripts.po_fill translations/pending/<branch>.json

The .po files are the only source of truth; the JSON is temporary input, kept
in translations/pending/ only until its branch is merged (the .po files hold
everything it said afterwards; delete it then). Translators may as well edit
the .po files with Poedit or Weblate: nothing else is needed.

The JSON maps each msgid to its translations, one key a language of
config.LANGUAGES: {"Log in": {"fi": "Kirjaudu sisään", "sv": "Logga in",
"en": "Log in"}}. A plural entry takes a list per language:
{"%(num)d answer": {"fi": ["%(num)d vastaus", "%(num)d vastausta"], ...}}
(its msgid_plural comes from the code). An entry with a context (pgettext,
npgettext, lazy_pgettext) is named "context\\u0004msgid", gettext's own
separator: {"screen navigation\\u0004Back": {"fi": "Takaisin", ...}}.

The script first extracts the strings and merges them into the .po files (as
`make translations` does), then fills, compiles and reports: entries of the
JSON that the code does not have, translations it changed (a different one
was there: check which is right) and whatever is still untranslated. It holds
a lock, so parallel runs never overwrite each other's work.
"""
import fcntl
import json
import sys

from babel.messages.pofile import read_po, write_po

from scripts import po_check, po_update

import config

LOCK = "translations/.lock"


def plural_forms(value, count):
    """`value` (a string or a list) as `count` plural forms."""
    values = value if isinstance(value, list) else [value]
    return tuple(values[min(i, len(values) - 1)] for i in range(count))


def fill(catalog, wanted, lang):
    """Write `wanted`'s `lang` translations into a Babel catalog.

    Returns (keys of `wanted` that the catalog has, [(key, old, new)] where a
    different translation was replaced)."""
    found, changed = set(), []
    for message in catalog:
        if not message.id:
            continue  # the header
        msgid = message.id[0] if message.pluralizable else message.id
        entry_key = po_check.key(msgid, message.context)
        if entry_key not in wanted:
            continue
        found.add(entry_key)
        if lang not in wanted[entry_key]:
            continue
        value = wanted[entry_key][lang]
        new = plural_forms(value, catalog.num_plurals) if message.pluralizable else value
        old = message.string
        if old != new and any(old if isinstance(old, tuple) else [old]):
            changed.append((entry_key, old, new))
        message.string = new
        message.flags.discard("fuzzy")
    return found, changed


def main(path):
    with open(path, encoding="utf-8") as f:
        wanted = json.load(f)
    found, changes = set(), []
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        po_update.extract()
        po_update.update()
        for lang in po_check.LANGS:
            with open(po_check.po_path(lang), "rb") as f:
                catalog = read_po(f, locale=lang)
            in_catalog, changed = fill(catalog, wanted, lang)
            found |= in_catalog
            changes += [(lang, *change) for change in changed]
            with open(po_check.po_path(lang), "wb") as f:
                write_po(f, catalog, ignore_obsolete=True, width=None)
        po_update.compile_all()
    if set(wanted) - found:
        print("Not in the .po files (no _() call found?):",
              *sorted(po_check.label(k) for k in set(wanted) - found), sep="\n  ")
    for lang, entry_key, old, new in changes:
        print(f"{lang}: changed {po_check.label(entry_key)!r}: {old!r} -> {new!r}")
    for lang, kind, entry_key in po_check.problems():
        print(f"{lang}: {kind}: {po_check.label(entry_key)}")


if __name__ == "__main__":
    main(sys.argv[1])
