"""Extract every user-visible string and merge it into each language's .po,
then compile the .mo files: what `make translations` runs.

    python -m scripts.po_update

The .po files in translations/<lang>/LC_MESSAGES/ are the only source of the
translations. Which files are read and with which keywords (the contexts of
pgettext, npgettext and lazy_pgettext included) is in babel.cfg. A new msgid
arrives untranslated (scripts.po_check lists it); a msgid no longer in the code
is dropped. Lines are not wrapped, so that a PO editor, this script and
scripts.po_fill all write the same file.
"""
from babel.messages.frontend import CommandLineInterface

TEMPLATE = "translations/messages.pot"


def pybabel(*args):
    """Run one pybabel command in this process (the venv's Babel)."""
    status = CommandLineInterface().run(["pybabel", "--quiet", *args])
    if status:
        raise SystemExit(status)


def extract(template=TEMPLATE):
    """Write every msgid of the code and templates (with its context) to `template`."""
    pybabel("extract", "-F", "babel.cfg", "--no-location", "--sort-output", "--no-wrap", "-o", template, ".")


def update(template=TEMPLATE):
    # the .po headers keep their date: branches that add strings in parallel do not all change that line
    pybabel("update", "-i", template, "-d", "translations", "--no-fuzzy-matching", "--ignore-obsolete",
            "--no-wrap", "--ignore-pot-creation-date")


def compile_all():
    pybabel("compile", "-d", "translations")


def main():
    extract()
    update()
    compile_all()


if __name__ == "__main__":
    main()
