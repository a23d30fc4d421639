"""Questions drawn once per process (questionnaire/stencil.py, web/question_html.py):
the kept stencil holds nothing of anybody's answer, a new recording is found
without a restart, and each request's answer, errors and drawing are its own.
(That the pages' HTML is the same as before the stencils: tests/snapshot_question_pages.py.)"""
import pytest
from markupsafe import Markup

from participation import questionnaires
from questionnaire.localisation import LocalizedQuestion
from questionnaire.stencil import Live, State, Stencil
from tests import dom
from tests.conftest import csrf_from
from tests.test_read_aloud import audio_folder, record_for  # noqa: F401 (a fixture)
from web import read_aloud

SECRET_WORDS = "Mummin koira Musti"


def _stencils_of_every_question():
    """Every stencil kept in the process: on the localized questions (and pages) of the versions in use."""
    from questionnaire import localisation
    kept = []
    for form in localisation._LOCALIZED.values():
        for page in form.pages:
            kept += vars(page).get("_stencils", {}).values()
            for q in page.questions:
                kept += vars(q).get("_stencils", {}).values()
    return kept


def _text_of(parts):
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif part[2] is not None:
            out.append(_text_of(part[2]))
    return "".join(out)


def test_a_kept_stencil_holds_nothing_of_the_answer(client, db, users, panel_id, login_as):
    login_as("social_worker")
    _consultation_id, views_id = record_for(db, users, panel_id, "7-12")
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    client.post(f"/views/{views_id}", data={"csrf_token": csrf_from(page), "action": "save",
                                            "q-q1-text": SECRET_WORDS, "q-q1-visibility": "worker"})
    html = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert SECRET_WORDS in html  # the page shows the answer
    kept = _stencils_of_every_question()
    assert kept and not any(SECRET_WORDS in _text_of(stencil.parts) for stencil in kept)


def test_each_request_shows_its_own_records_answer(client, db, users, panel_id, login_as):
    login_as("social_worker")
    _c, first = record_for(db, users, panel_id, "7-12")
    _c, second = record_for(db, users, panel_id, "7-12")
    page = client.get(f"/views/{first}").get_data(as_text=True)
    client.post(f"/views/{first}", data={"csrf_token": csrf_from(page), "action": "save", "q-q1-text": SECRET_WORDS})
    assert SECRET_WORDS in client.get(f"/views/{first}").get_data(as_text=True)
    other = client.get(f"/views/{second}").get_data(as_text=True)
    assert SECRET_WORDS not in other
    assert dom.find(other, "textarea", id="q-q1-text").text == ""


def test_a_new_recording_is_found_without_a_restart(client, db, users, panel_id, login_as, audio_folder):  # noqa: F811
    login_as("social_worker")
    _consultation_id, views_id = record_for(db, users, panel_id, "7-12")
    (audio_folder / "fi").mkdir(parents=True)
    before = client.get(f"/views/{views_id}/show/2").get_data(as_text=True)
    assert dom.find(before, "span", id="q-q2-choice-yes-text").get("data-audio") is None
    # a unit adds a recording (the process's caches are not told: the folder's time changes)
    (audio_folder / "fi" / (read_aloud.digest("Kyllä") + ".mp3")).write_bytes(b"ID3-test")
    after = client.get(f"/views/{views_id}/show/2").get_data(as_text=True)
    assert dom.find(after, "span", id="q-q2-choice-yes-text").get("data-audio") == \
        f"/audio/fi/{read_aloud.digest('Kyllä')}.mp3"


def test_an_answers_text_is_escaped_when_filled_in(client, db, users, panel_id, login_as):
    login_as("social_worker")
    _consultation_id, views_id = record_for(db, users, panel_id, "7-12")
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    client.post(f"/views/{views_id}", data={"csrf_token": csrf_from(page), "action": "save",
                                            "q-q1-text": '<b>"x" & y</b>'})
    html = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert '&lt;b&gt;&#34;x&#34; &amp; y&lt;/b&gt;</textarea>' in html


# ---- the stencil itself (no Flask) -------------------------------------------

def _one_question():
    definition = questionnaires.definition_for("7-12")
    return LocalizedQuestion(definition.questions()[0], lambda key: key)


def test_a_stencil_fills_its_slots_and_its_conditional_parts():
    live = Live()
    html = (Markup('<input value="1"') + live.checked("a") + Markup(">")
            + live.when("errors", Markup("<p>") + live.error_text() + Markup("</p>"))
            + Markup("<textarea>") + live.text() + Markup("</textarea>"))
    stencil = Stencil(html, live.slots)
    q = _one_question()
    empty = stencil.fill(State(q))
    assert empty == '<input value="1"><textarea></textarea>'
    answered = stencil.fill(State(q, answer={"choice": "a", "text": "<i>"}, errors=["Too long."]))
    assert answered == '<input value="1" checked><p>Too long. </p><textarea>&lt;i&gt;</textarea>'


def test_a_stray_marker_is_refused():
    with pytest.raises(ValueError):
        Stencil("<p>\x00not a slot\x00</p>", [])
