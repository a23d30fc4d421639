"""Read-aloud for a child who cannot read (issue 10): every text of the
person's own screens is a read-aloud item, recordings named by the wording's
digest are offered and served (also inside a tablet session), generate-audio
makes stand-ins without ever overwriting a recording, pictures for who may
see, the warning for a child under 7 on a tablet, the meeting's day."""
import os
import shutil
import stat
from datetime import datetime

import pytest

from panel import storage as panel_storage
from participation import audio, questionnaires
from tests import dom
from tests.conftest import csrf_from
from tests.test_tablet import make_code, make_consultation, make_views, start_tablet
from web import read_aloud

BANDS = questionnaires.bands()


@pytest.fixture
def audio_folder(app, tmp_path):
    folder = tmp_path / "audio"
    app.config["AUDIO_FOLDER"] = str(folder)
    read_aloud._index_cache.clear()
    return folder


def record_for(db, users, panel_id, band="7-12", age=9):
    worker = users["social_worker"][0]
    consultation_id = make_consultation(db, panel_id, worker, child_age=age)
    return consultation_id, make_views(db, consultation_id, band)


def says(html):
    """The read-aloud items of a page: (element, its text)."""
    return [(e, e.text) for e in dom.find_all(html, data_say=True)]


def put_recording(folder, lang, text, ext=".wav", body=b"RIFF-test"):
    path = folder / lang / (read_aloud.digest(text) + ext)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    read_aloud._index_cache.clear()
    return path


# ---- names and files ---------------------------------------------------------

def test_a_wording_is_named_by_the_digest_of_its_text_as_read():
    assert read_aloud.digest("Onko  jotain\n mikä sinua huolestuttaa?") == read_aloud.digest(
        "Onko jotain mikä sinua huolestuttaa?")
    assert read_aloud.digest("Kyllä") != read_aloud.digest("Ei")
    assert len(read_aloud.digest("Kyllä")) == 16


def test_a_human_recording_wins_over_the_generated_wav(app, audio_folder):
    put_recording(audio_folder, "fi", "Kyllä", ".wav")
    with app.app_context():
        assert read_aloud.recording("Kyllä", "fi").endswith(".wav")
        put_recording(audio_folder, "fi", "Kyllä", ".mp3")
        assert read_aloud.recording("Kyllä", "fi").endswith(".mp3")
        assert read_aloud.recording("Kyllä", "sv") is None


def test_the_recording_is_served_and_odd_names_are_not_found(client, audio_folder):
    put_recording(audio_folder, "fi", "Kyllä", body=b"RIFF-kylla")
    name = read_aloud.digest("Kyllä") + ".wav"
    with client.get(f"/audio/fi/{name}") as response:
        assert response.status_code == 200 and response.data == b"RIFF-kylla"
    for path in (f"/audio/de/{name}", "/audio/fi/..%2Fsecret_key", f"/audio/fi/{name[:-4]}.exe",
                 "/audio/fi/0000000000000000.wav"):
        assert client.get(path).status_code == 404, path


def test_a_tablet_session_reaches_the_recordings(client, db, users, panel_id, audio_folder):
    consultation_id, views_id = record_for(db, users, panel_id)
    code, _code_id = make_code(db, consultation_id, views_id, users["social_worker"][0])
    assert start_tablet(client, code).status_code == 302
    put_recording(audio_folder, "fi", "Kyllä")
    with client.get(f"/audio/fi/{read_aloud.digest('Kyllä')}.wav") as response:
        assert response.status_code == 200
    assert client.get("/privacy").status_code == 403  # the rest of the site stays closed


# ---- the person's screens --------------------------------------------------

def test_every_text_of_a_question_on_the_childs_screen_is_its_own_item_with_its_own_listen_control(
        client, db, users, panel_id, login_as):
    login_as("social_worker")
    _consultation_id, views_id = record_for(db, users, panel_id, "7-12")
    html = client.get(f"/views/{views_id}/show/2").get_data(as_text=True)   # q2: yes / no / don't know
    section = dom.find(html, "section", id="q-q2")
    texts = [text for _e, text in says(section)]
    assert texts[:2] == ["Onko jotain mikä sinua huolestuttaa?", "Voit kertoa lisää, jos haluat."]
    for wanted in ("Kyllä", "Ei", "En tiedä", "Kerro lisää, jos haluat", "En halua vastata", "Kuka saa nähdä tämän vastauksen?",
                   "Työryhmä ja oma sosiaalityöntekijäni", "Vain oma sosiaalityöntekijäni"):
        assert wanted in texts, wanted
    # the question's button reads the whole question, and each choice has its own small control
    assert dom.find(section, "button", data_read_aloud="q-q2") is not None
    for value in ("yes", "no", "dont_know"):
        control = dom.find(section, "button", data_read_aloud=f"q-q2-choice-{value}-text")
        assert control is not None and "listen--small" in control.get("class")
    assert dom.find(section, "fieldset", data_read_on_tap=True) is not None
    # the adult's pilot wording is not read to the child
    assert not any("pilot" in (e.get("class") or "") for e, _text in says(section))


def test_the_workers_own_form_has_no_small_listen_controls(client, db, users, panel_id, login_as):
    login_as("social_worker")
    _consultation_id, views_id = record_for(db, users, panel_id, "7-12")
    html = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert dom.find(html, "button", class_="listen--small") is None
    assert dom.find(html, "fieldset", data_read_on_tap=True) is None


def test_an_explanation_is_read_paragraph_by_paragraph_with_the_title_first(client, db, users, panel_id, login_as):
    login_as("social_worker")
    _consultation_id, views_id = record_for(db, users, panel_id, "3-6", age=5)
    html = client.get(f"/views/{views_id}/show/0").get_data(as_text=True)
    button = dom.find(html, "button", data_read_aloud=True)
    assert button.get("data-read-aloud").split()[0] == "screen-title"
    paragraphs = dom.find(html, "div", id="explanation-intro-text").find_all("p")
    assert len(paragraphs) >= 9 and all("data-say" in p.attrs for p in paragraphs)


def test_a_wording_with_a_recording_carries_its_address(client, db, users, panel_id, login_as, audio_folder):
    login_as("social_worker")
    _consultation_id, views_id = record_for(db, users, panel_id, "7-12")
    put_recording(audio_folder, "fi", "Kyllä")
    html = client.get(f"/views/{views_id}/show/2").get_data(as_text=True)
    yes = dom.find(html, "span", id="q-q2-choice-yes-text")
    assert yes.get("data-audio") == f"/audio/fi/{read_aloud.digest('Kyllä')}.wav"
    assert dom.find(html, "span", id="q-q2-choice-no-text").get("data-audio") is None


def _screens_html(client, db, users, panel_id, band, lang):
    """Every screen of `band` in `lang`, on the worker's device and on a tablet."""
    worker = users["social_worker"][0]
    consultation_id = make_consultation(db, panel_id, worker)
    shown = make_views(db, consultation_id, band)
    db["views"].update(shown, {"language": lang})
    pages = []
    count = len(questionnaires.screens(questionnaires.DEFINITIONS[band]))
    pages += [client.get(f"/views/{shown}/show/{step}").get_data(as_text=True) for step in range(count)]
    tablet_views = make_views(db, consultation_id, band)
    code, _code_id = make_code(db, consultation_id, tablet_views, worker)
    tablet = client.application.test_client()
    tablet.post("/t", data={"code": code, "lang": lang,
                            "csrf_token": csrf_from(tablet.get("/t").get_data(as_text=True))})
    pages += [tablet.get(f"/t/s/{step}").get_data(as_text=True) for step in range(count)]
    return pages


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_generate_audio_knows_every_text_the_screens_read(app, client, db, users, panel_id, login_as, lang):
    login_as("social_worker")
    missing = set()
    with app.test_request_context():
        known = set(audio.texts(lang))
    for band in BANDS:
        for html in _screens_html(client, db, users, panel_id, band, lang):
            missing |= {text for _e, text in says(html)} - known
    start = client.application.test_client().get(f"/t?lang={lang}").get_data(as_text=True)
    missing |= {text for _e, text in says(start)} - known
    assert not missing, f"texts read aloud that generate-audio does not know: {sorted(missing)}"


# ---- generate-audio -----------------------------------------------------------

def fake_espeak(tmp_path):
    """A stand-in for espeak-ng that writes the words it was given into the -w file."""
    script = tmp_path / "espeak-fake"
    script.write_text('#!/bin/sh\nwhile [ "$1" != "-w" ]; do shift; done\nout="$2"; shift 3\n'
                      'printf "RIFF %s" "$*" > "$out"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_generate_audio_makes_a_file_per_wording_and_never_overwrites_one(app, audio_folder, tmp_path):
    runner = app.test_cli_runner()
    kept = put_recording(audio_folder, "fi", "Kyllä", ".mp3", body=b"ID3 human voice")
    result = runner.invoke(args=["generate-audio", "--lang", "fi", "--espeak", fake_espeak(tmp_path)])
    assert result.exit_code == 0, result.output
    with app.test_request_context():
        wanted = audio.texts("fi")
    files = os.listdir(audio_folder / "fi")
    assert len(files) == len(wanted)
    question = audio_folder / "fi" / (read_aloud.digest("Onko jotain mikä sinua huolestuttaa?") + ".wav")
    assert question.read_bytes() == "RIFF Onko jotain mikä sinua huolestuttaa?".encode()
    assert kept.read_bytes() == b"ID3 human voice"
    assert not (audio_folder / "fi" / (read_aloud.digest("Kyllä") + ".wav")).exists()
    again = runner.invoke(args=["generate-audio", "--lang", "fi", "--espeak", fake_espeak(tmp_path)])
    assert f"0 made, {len(wanted)} already there" in again.output


def test_generate_audio_includes_the_days_of_the_meetings_to_come(app, db, panel_id, audio_folder):
    panel_storage.create_meeting(db, panel_id, datetime(2099, 1, 30, 9), datetime(2099, 1, 30, 11, 30), capacity=3)
    with app.test_request_context():
        assert "Työryhmän kokous on 30. tammikuuta 2099." in audio.texts("fi")
        assert "The working group meets on 30 January 2099." in audio.texts("en")


def test_generate_audio_without_espeak_says_how_to_install_it(app, audio_folder):
    result = app.test_cli_runner().invoke(args=["generate-audio", "--espeak", "/nonexistent/espeak-ng"])
    assert result.exit_code != 0 and "apt-get install espeak-ng" in result.output


@pytest.mark.skipif(shutil.which("espeak-ng") is None and os.environ.get("CI") != "true",
                    reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_generate_audio_with_espeak_ng_writes_a_wave_file(app, audio_folder):
    result = app.test_cli_runner().invoke(args=["generate-audio", "--lang", "sv"])
    assert result.exit_code == 0, result.output
    wav = audio_folder / "sv" / (read_aloud.digest("Jag vill inte svara") + ".wav")
    assert wav.read_bytes()[:4] == b"RIFF" and wav.stat().st_size > 1000


# ---- pictures and the worker's warning -----------------------------------------

@pytest.mark.parametrize("band, pictures", [("3-6", True), ("7-12", True), ("13-17", False), ("parent", False)])
def test_who_may_see_has_pictures_for_the_younger_bands(client, db, users, panel_id, login_as, band, pictures):
    login_as("social_worker")
    _consultation_id, views_id = record_for(db, users, panel_id, band)
    html = client.get(f"/views/{views_id}/show/1").get_data(as_text=True)
    fieldset = dom.find(html, "fieldset", id="q-q1-visibility")
    images = [img.get("src") for img in fieldset.find_all("img") if "who_" in (img.get("src") or "")]
    assert images == (["/static/img/participation/who_panel.svg", "/static/img/participation/who_worker.svg"]
                      if pictures else [])


@pytest.mark.parametrize("band, warned", [("3-6", True), ("7-12", False)])
def test_a_tablet_code_for_a_child_under_7_warns_the_worker_to_stay_beside_them(client, db, users, panel_id,
                                                                                login_as, band, warned):
    login_as("social_worker")
    consultation_id, views_id = record_for(db, users, panel_id, band)
    overview = client.get(f"/consultations/{consultation_id}/views").get_data(as_text=True)
    assert (dom.find(overview, data_young_child=True) is not None) is warned
    page = client.post(f"/consultations/{consultation_id}/views/{views_id}/tablet-code",
                       data={"csrf_token": csrf_from(overview)}).get_data(as_text=True)
    note = dom.find(page, data_young_child=True)
    assert (note is not None) is warned
    if warned:
        assert "Alle 7-vuotias vastaa aikuisen vierellä" in note.text


# ---- the meeting's day ---------------------------------------------------------

def test_the_explanation_says_when_the_meeting_is(client, db, users, panel_id, login_as):
    login_as("social_worker")
    consultation_id, views_id = record_for(db, users, panel_id, "7-12")
    html = client.get(f"/views/{views_id}/show/0").get_data(as_text=True)
    assert "Kokouksen päivää ei ole vielä päätetty." in dom.find(html, id="explanation-intro-text").text
    meeting = panel_storage.create_meeting(db, panel_id, datetime(2099, 1, 30, 9), datetime(2099, 1, 30, 11, 30), capacity=3)
    db["consultations"].update(consultation_id, {"meeting_id": meeting})
    html = client.get(f"/views/{views_id}/show/0").get_data(as_text=True)
    assert "Työryhmän kokous on 30. tammikuuta 2099." in dom.find(html, id="explanation-intro-text").text
