"""Every string translated in fi, sv and en; <html lang> follows the locale."""
import ast
import configparser
import json
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS
from flask_babel import gettext, pgettext

from scripts import po_check, po_fill, po_update
from tests import dom

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_no_po_file_has_untranslated_or_fuzzy_entries(in_root):
    problems = po_check.problems()
    listing = "\n".join(f"{lang}: {kind}: {po_check.label(key)}" for lang, kind, key in problems[:50])
    assert not problems, f"{len(problems)} entries need translating:\n{listing}"


def test_every_string_of_the_code_is_in_every_po_file_with_its_context(in_root, tmp_path):
    """What `make translations` would extract now (pgettext contexts included) is in the .po files."""
    template = tmp_path / "messages.pot"
    po_update.extract(str(template))
    in_code = {po_check.key(e.msgid, e.msgctxt) for e in polib.pofile(str(template))}
    assert any(po_check.CONTEXT_SEPARATOR in key for key in in_code), "no pgettext context was extracted"
    for lang in po_check.LANGS:
        in_po = {po_check.key(e.msgid, e.msgctxt) for e in polib.pofile(po_check.po_path(lang)) if not e.obsolete}
        missing = sorted(po_check.label(key) for key in in_code - in_po)
        assert not missing, f"{lang}: not in the .po (run make translations or po_fill): {missing[:20]}"


def test_every_translation_function_of_the_code_is_a_keyword_of_babel_cfg(in_root):
    """A gettext function that babel.cfg does not name is never extracted: its strings stay English."""
    config = configparser.RawConfigParser()
    config.read(ROOT / "babel.cfg")
    keywords = set(DEFAULT_KEYWORDS) | {k.split(":")[0] for k in config["python: **.py"]["keywords"].split()}
    used = {}
    for path in ROOT.rglob("*.py"):
        if any(part.startswith(".") for part in path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "flask_babel":
                used.update({a.asname or a.name: path.name for a in node.names if "gettext" in a.name})
    assert {"_", "_l", "lazy_pgettext"} <= set(used)
    assert not {name: f for name, f in used.items() if name not in keywords}


def test_po_check_notices_an_untranslated_and_a_fuzzy_entry_and_names_the_context(tmp_path, monkeypatch):
    for lang in po_check.LANGS:
        path = tmp_path / "translations" / lang / "LC_MESSAGES"
        path.mkdir(parents=True)
        po = polib.POFile()
        po.append(polib.POEntry(msgid="Done", msgstr="Valmis"))
        po.append(polib.POEntry(msgid="Open", msgstr=""))
        po.append(polib.POEntry(msgid="Close", msgstr="Sulje", flags=["fuzzy"]))
        po.append(polib.POEntry(msgctxt="screen navigation", msgid="Back", msgstr=""))
        po.append(polib.POEntry(msgid="Back", msgstr="Takaisin"))
        po.save(str(path / "messages.po"))
    monkeypatch.chdir(tmp_path)
    found = po_check.problems()
    assert ("fi", "untranslated", "Open") in found and ("sv", "fuzzy", "Close") in found
    assert ("en", "untranslated", "screen navigation\x04Back") in found
    assert not any(key in ("Done", "Back") for _lang, _kind, key in found)
    assert po_check.label("screen navigation\x04Back") == "[screen navigation] Back"


def test_po_fill_fills_a_context_and_a_plural_and_reports_a_replaced_translation():
    catalog = Catalog(locale="fi")
    catalog.add("Back", "Takaisin")
    catalog.add("Back", "", context="screen navigation")
    catalog.add(("%(num)d answer", "%(num)d answers"), ("", ""))
    wanted = {"screen navigation\x04Back": {"fi": "Edellinen"}, "Back": {"fi": "Palaa"},
              "%(num)d answer": {"fi": ["%(num)d vastaus", "%(num)d vastausta"]}, "Not in the code": {"fi": "x"}}
    found, changed = po_fill.fill(catalog, wanted, "fi")
    assert found == set(wanted) - {"Not in the code"}
    assert catalog.get("Back", context="screen navigation").string == "Edellinen"
    assert catalog.get("Back").string == "Palaa"
    assert catalog.get("%(num)d answer").string == ("%(num)d vastaus", "%(num)d vastausta")
    assert changed == [("Back", "Takaisin", "Palaa")]  # only where another translation was there


def test_the_same_word_is_translated_by_its_context(app):
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        assert pgettext("screen navigation", "Next") == "Nästa"
        assert pgettext("hearing method", "Drawing") == "Ritande"
        assert gettext("A drawing") == "En teckning"


def test_pending_files_are_applied(in_root):
    """translations/pending/*.json are only input for po_fill: what they say is in the .po files.
    (A file that disagrees was not applied, or another one set the same entry otherwise.)"""
    for path in sorted((ROOT / "translations" / "pending").glob("*.json")):
        wanted = json.loads(path.read_text(encoding="utf-8"))
        for lang in po_check.LANGS:
            po = {po_check.key(e.msgid, e.msgctxt): e for e in polib.pofile(po_check.po_path(lang))}
            for key, values in wanted.items():
                if key not in po or lang not in values:
                    continue  # no longer in the code, or not this file's language
                entry = po[key]
                held = ([entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)] if entry.msgid_plural
                        else entry.msgstr)
                value = list(po_fill.plural_forms(values[lang], len(held))) if entry.msgid_plural else values[lang]
                assert held == value, f"{path.name}: {lang}: {po_check.label(key)!r} is {held!r} in the .po"


@pytest.mark.parametrize("accept, lang", [("sv-FI,sv;q=0.9", "sv"), ("en-GB,en;q=0.8", "en"),
                                          ("fi", "fi"), ("de-DE", "fi"), ("", "fi")])
def test_html_lang_follows_the_browsers_language(client, accept, lang):
    html = client.get("/login", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert dom.html_lang(html) == lang


def test_the_language_switcher_is_remembered_over_the_browsers_language(client):
    response = client.get("/language/sv?next=/privacy")
    assert response.status_code == 302 and response.headers["Location"].endswith("/privacy")
    for url in ("/login", "/privacy", "/accessibility"):
        html = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert dom.html_lang(html) == "sv", url
    assert "Logga in" in client.get("/login").get_data(as_text=True)
    client.get("/language/en")
    assert dom.html_lang(client.get("/login", headers={"Accept-Language": "sv"}).get_data(as_text=True)) == "en"


def test_the_switcher_marks_the_current_language(client):
    html = client.get("/login", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert [a.get("hreflang") for a in dom.find_all(html, "a", hreflang=True, aria_current="true")] == ["sv"]


def test_finnish_is_natural(client):
    html = client.get("/login").get_data(as_text=True)
    assert "Kirjaudu sisään" in html and "Sähköpostiosoite" in html and "Siirry pääsisältöön" in html
