"""Fill translations into the .po files from a JSON file, safely alongside others.

    python -m scripts.po_fill my_strings.json

The JSON maps each msgid to its translations: {"Log in": {"fi": "Kirjaudu",
"sv": "Logga in", "en": "Log in"}}. Plural entries take a list per language:
{"%(num)d answer": {"fi": ["%(num)d vastaus", "%(num)d vastausta"], ...}}
(the msgid_plural is taken from the .pot). The script runs `make translations`
first (extract + update), then fills, holding a lock so that parallel runs
never overwrite each other's work. Entries not in the .po are reported.
"""
import fcntl
import json
import subprocess
import sys

import polib

import config

LOCK = "translations/.lock"
LANGS = tuple(config.LANGUAGES)


def main(path):
    with open(path, encoding="utf-8") as f:
        wanted = json.load(f)
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(["make", "--no-print-directory", "translations"], check=True)
        missing = set()
        for lang in LANGS:
            po_path = f"translations/{lang}/LC_MESSAGES/messages.po"
            po = polib.pofile(po_path, wrapwidth=0)
            for entry in po:
                if entry.msgid in wanted and lang in wanted[entry.msgid]:
                    value = wanted[entry.msgid][lang]
                    if entry.msgid_plural:
                        values = value if isinstance(value, list) else [value, value]
                        entry.msgstr_plural = {i: values[min(i, len(values) - 1)]
                                               for i in range(max(2, len(entry.msgstr_plural)))}
                    else:
                        entry.msgstr = value
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
            present = {e.msgid for e in po}
            missing |= set(wanted) - present
            po.save(po_path)
        subprocess.run(["make", "--no-print-directory", "compile"], check=True)
    if missing:
        print("Not in the .po files (no _() call found?):", *sorted(missing), sep="\n  ")
    untranslated = subprocess.run([sys.executable, "-m", "scripts.po_check"], capture_output=True, text=True)
    print(untranslated.stdout, end="")


if __name__ == "__main__":
    main(sys.argv[1])
