"""Every string translated in fi, sv and en; <html lang> follows the locale."""
import json
from pathlib import Path

import polib
import pytest

from scripts import po_check

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_no_po_file_has_untranslated_or_fuzzy_entries(in_root):
    problems = po_check.problems()
    listing = "\n".join(f"{lang}: {kind}: {msgid}" for lang, kind, msgid in problems[:50])
    assert not problems, f"{len(problems)} entries need translating:\n{listing}"


def test_po_check_notices_an_untranslated_and_a_fuzzy_entry(tmp_path, monkeypatch):
    for lang in po_check.LANGS:
        path = tmp_path / "translations" / lang / "LC_MESSAGES"
        path.mkdir(parents=True)
        po = polib.POFile()
        po.append(polib.POEntry(msgid="Done", msgstr="Valmis"))
        po.append(polib.POEntry(msgid="Open", msgstr=""))
        po.append(polib.POEntry(msgid="Close", msgstr="Sulje", flags=["fuzzy"]))
        po.save(str(path / "messages.po"))
    monkeypatch.chdir(tmp_path)
    found = po_check.problems()
    assert ("fi", "untranslated", "Open") in found and ("sv", "fuzzy", "Close") in found
    assert not any(msgid == "Done" for _lang, _kind, msgid in found)


def test_my_areas_sources_have_every_language(in_root):
    for name in ("accounts", "web"):
        data = json.loads((ROOT / "translations" / "src" / f"{name}.json").read_text(encoding="utf-8"))
        for msgid, values in data.items():
            assert set(values) >= {"fi", "sv", "en"}, msgid
            assert all(values[lang] for lang in ("fi", "sv", "en")), msgid


@pytest.mark.parametrize("accept, lang", [("sv-FI,sv;q=0.9", "sv"), ("en-GB,en;q=0.8", "en"),
                                          ("fi", "fi"), ("de-DE", "fi"), ("", "fi")])
def test_html_lang_follows_the_browsers_language(client, accept, lang):
    html = client.get("/login", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html


def test_the_language_switcher_is_remembered_over_the_browsers_language(client):
    response = client.get("/language/sv?next=/privacy")
    assert response.status_code == 302 and response.headers["Location"].endswith("/privacy")
    for url in ("/login", "/privacy", "/accessibility"):
        html = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert '<html lang="sv">' in html, url
    assert "Logga in" in client.get("/login").get_data(as_text=True)
    client.get("/language/en")
    assert '<html lang="en">' in client.get("/login", headers={"Accept-Language": "sv"}).get_data(as_text=True)


def test_the_switcher_marks_the_current_language(client):
    html = client.get("/login", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert 'lang="sv" hreflang="sv" aria-current="true"' in html


def test_finnish_is_natural(client):
    html = client.get("/login").get_data(as_text=True)
    assert "Kirjaudu sisään" in html and "Sähköpostiosoite" in html and "Siirry pääsisältöön" in html
