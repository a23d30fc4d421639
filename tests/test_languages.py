"""Adding a language is a config value and a .po file: with a fourth locale
(Northern Sámi, `se`, generated here from the English catalogue) in LANGUAGES
and its catalogue in a translation directory, the switcher, the tablet and the
worker's form all offer and speak it. An unknown `lang` never gives a 500."""
import os
import re

import polib
import pytest

import config
from app import create_app
from db import connect, migrate
from participation import questionnaires
from participation import storage as views_storage
from tests.conftest import TEST_SPEED, csrf_from
from tests.test_participation import start as add_person
from tests.test_tablet import make_code, make_consultation, make_views, start_tablet

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGUAGES = [*config.LANGUAGES, "se"]
# Words of the generated Sámi catalogue that no other catalogue has
HI = "Buorre beaivi!"
WORRY = "Leago juoga mii du fuolastuhttá?"   # the 7–12 questionnaire's question 2 (its key is Finnish)
YES = "Juo"


def latest_session_of(db, views_id):
    rows = list(db.query("SELECT * FROM tablet_sessions WHERE views_id = ? ORDER BY id DESC LIMIT 1", [views_id]))
    return rows[0] if rows else None


@pytest.fixture(scope="module")
def sami_translations(tmp_path_factory):
    """A translation directory holding only `se`: the English .po with a few of its own words, compiled."""
    po = polib.pofile(os.path.join(ROOT, "translations/en/LC_MESSAGES/messages.po"))
    po.metadata["Language"] = "se"
    po.metadata["Language-Team"] = "se <LL@li.org>"
    po.metadata["Plural-Forms"] = "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"
    own = {"Hi!": HI, questionnaires.PILOT_Q2: WORRY, "Kyllä": YES}
    for entry in po:
        if entry.msgid in own:
            entry.msgstr = own[entry.msgid]
        elif entry.msgid_plural:  # three forms now: fill the third with English's last
            entry.msgstr_plural = {i: entry.msgstr_plural[min(i, 1)] for i in range(3)}
    assert {e.msgid for e in po} >= set(own), "the generated catalogue misses a word the tests look for"
    directory = tmp_path_factory.mktemp("translations")
    os.makedirs(directory / "se" / "LC_MESSAGES")
    po.save(str(directory / "se" / "LC_MESSAGES" / "messages.po"))
    po.save_as_mofile(str(directory / "se" / "LC_MESSAGES" / "messages.mo"))
    return directory


@pytest.fixture
def app(tmp_path, sami_translations):
    """The conftest app, with `se` added to LANGUAGES and its catalogue directory."""
    app = create_app({
        "TESTING": True, "DATABASE": str(tmp_path / "test.sqlite"), "SECRET_KEY": "test-secret",
        "SESSION_COOKIE_SECURE": False, **TEST_SPEED,
        "LANGUAGES": LANGUAGES,
        "BABEL_TRANSLATION_DIRECTORIES": f"translations;{sami_translations}",
    })
    db = connect(app.config["DATABASE"])
    migrate(db)
    db.conn.close()
    yield app


@pytest.fixture
def case(db, users, panel_id):
    worker_id = users["social_worker"][0]
    consultation_id = make_consultation(db, panel_id, worker_id)
    return {"consultation_id": consultation_id, "views_id": make_views(db, consultation_id), "worker_id": worker_id}


def switcher(html):
    """[(code, label)] of the page's language switcher."""
    nav = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="[^"]*" lang="([^"]+)" hreflang="[^"]+"[^>]*>([^<]+)</a>', nav)


def test_the_switcher_offers_every_configured_language_by_its_own_name(client):
    html = client.get("/login").get_data(as_text=True)
    assert switcher(html) == [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English"), ("se", "Davvisámegiella")]


def test_the_switcher_follows_languages_in_config(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "two.sqlite"), "SECRET_KEY": "x",
                      **TEST_SPEED, "LANGUAGES": ["sv", "fi"]})
    db = connect(app.config["DATABASE"])
    migrate(db)
    db.conn.close()
    html = app.test_client().get("/login").get_data(as_text=True)
    assert switcher(html) == [("sv", "Svenska"), ("fi", "Suomi")]


def test_a_page_is_shown_in_the_fourth_language_once_chosen(client):
    client.get("/language/se")
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="se">' in html and 'lang="se" hreflang="se" aria-current="true"' in html


def test_the_tablet_start_page_offers_the_fourth_language_with_its_own_greeting(client):
    html = client.get("/t").get_data(as_text=True)
    buttons = re.findall(r'<button[^>]*name="lang" value="([^"]+)"[^>]*>\s*<span[^>]*>([^<]*)</span>\s*'
                         r'<span>([^<]*)</span>', html)
    assert buttons == [("fi", "Hei!", "Suomi"), ("sv", "Hej!", "Svenska"), ("en", "Hi!", "English"),
                       ("se", HI, "Davvisámegiella")]


def test_a_valid_code_started_in_the_fourth_language_opens_every_screen_in_it(client, db, case):
    code, _code_id = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    response = start_tablet(client, code, lang="se")
    assert response.status_code == 302, response.get_data(as_text=True)
    session = latest_session_of(db, case["views_id"])
    assert session["lang"] == "se"
    assert views_storage.get_views(db, case["views_id"])["language"] == "se"
    screens = questionnaires.screens(questionnaires.DEFINITIONS["7-12"])
    pages = [client.get(f"/t/s/{step}") for step in range(len(screens))]
    assert [p.status_code for p in pages] == [200] * len(screens)
    assert all('<html lang="se"' in p.get_data(as_text=True) for p in pages)
    q2 = pages[screens.index("q2")].get_data(as_text=True)
    assert WORRY in q2 and YES in q2


def test_the_worker_form_in_the_fourth_language_shows_its_words_and_saves(client, db, login_as, case):
    login_as("social_worker")
    overview = client.get(f"/consultations/{case['consultation_id']}/views").get_data(as_text=True)
    assert '<option value="se">Davvisámegiella</option>' in overview
    views_id = add_person(client, case["consultation_id"], "7-12", language="se")
    page = client.get(f"/views/{views_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="se"' in html and WORRY in html
    response = client.post(f"/views/{views_id}", data={
        "csrf_token": csrf_from(html), "q-q2-choice": "yes", "q-q2-text": "Skuvla", "q-q2-visibility": "panel"})
    assert response.status_code == 302
    assert views_storage.get_views(db, views_id)["answers"]["q2"]["text"] == "Skuvla"
    shown = [client.get(f"/views/{views_id}/show/{step}").status_code
             for step in range(len(questionnaires.screens(questionnaires.DEFINITIONS["7-12"])))]
    assert shown == [200] * len(shown)


def test_the_wording_snapshot_keeps_every_configured_language(client, db, login_as, case):
    login_as("social_worker")
    views_id = add_person(client, case["consultation_id"], "7-12", language="se")
    texts = views_storage.get_views(db, views_id)["texts"]
    assert set(texts[questionnaires.PILOT_Q2]) == set(LANGUAGES)
    assert texts[questionnaires.PILOT_Q2]["se"] == WORRY


@pytest.mark.parametrize("lang", ["xx", "", "se-FI", "../fi", "fi\n"])
def test_an_unknown_language_on_the_tablet_start_gives_a_message_not_a_500(client, db, case, lang):
    code, _code_id = make_code(db, case["consultation_id"], case["views_id"], case["worker_id"])
    assert client.get("/t", query_string={"lang": lang}).status_code == 200
    response = start_tablet(client, code, lang=lang)
    assert response.status_code == 400
    assert latest_session_of(db, case["views_id"]) is None
    assert client.get("/t/thanks", query_string={"lang": lang, "band": lang}).status_code == 200
    assert client.get(f"/language/{lang.strip() or 'xx'}").status_code in (302, 404)  # 404: '../fi' is no route


def test_an_unknown_language_for_the_worker_form_is_refused_not_stored(client, db, login_as, case):
    login_as("social_worker")
    page = client.get(f"/consultations/{case['consultation_id']}/views").get_data(as_text=True)
    before = db.execute("SELECT count(*) FROM views").fetchone()[0]
    response = client.post(f"/consultations/{case['consultation_id']}/views",
                           data={"csrf_token": csrf_from(page), "band": "7-12", "language": "xx"})
    assert response.status_code == 302
    assert db.execute("SELECT count(*) FROM views").fetchone()[0] == before


def test_a_language_babel_does_not_know_is_refused_at_start_up(tmp_path):
    with pytest.raises(ValueError, match="'xx'"):
        create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite"), "SECRET_KEY": "x",
                    "LANGUAGES": ["fi", "xx"]})
