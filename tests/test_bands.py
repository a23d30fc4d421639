"""Bands come from the questionnaire definitions (questionnaires.bands()): the
worker's choices, the stored record and the tablet follow them, and a band
defined only there works end to end."""
import dataclasses
import re

import pytest

from participation import questionnaires
from participation import storage as views_storage
from tests.conftest import csrf_from
from tests.test_participation import start as add_person
from tests.test_tablet import make_code, make_consultation, start_tablet


def options(html, name):
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option[^>]*value="([^"]*)"', select)


@pytest.fixture
def toddlers(monkeypatch):
    """A band 0–2 that only the definitions know (a copy of the 3–6 questionnaire)."""
    definition = dataclasses.replace(questionnaires.DEFINITIONS["3-6"], id="child-0-2", band="0-2")
    monkeypatch.setitem(questionnaires.DEFINITIONS, "0-2", definition)
    return definition


@pytest.fixture
def consultation_id(db, panel_id, users):
    return make_consultation(db, panel_id, users["social_worker"][0], child_age=2)


def test_bands_are_the_definitions_in_their_order():
    assert questionnaires.bands() == [d.band for d in questionnaires.DEFINITIONS.values()]
    assert questionnaires.bands("parent") == ["parent"]
    assert "parent" not in questionnaires.bands("child") and questionnaires.bands("child")


def test_the_worker_chooses_among_the_bands_of_the_definitions(client, login_as, consultation_id, toddlers):
    login_as("social_worker")
    html = client.get(f"/consultations/{consultation_id}/views").get_data(as_text=True)
    assert options(html, "band") == questionnaires.bands()
    assert options(html, "band")[-1] == "0-2"


def test_a_band_defined_only_in_the_definitions_is_stored_and_answered(client, db, login_as, consultation_id,
                                                                       toddlers):
    login_as("social_worker")
    views_id = add_person(client, consultation_id, "0-2")
    record = views_storage.get_views(db, views_id)
    assert (record["band"], record["person"], record["definition"].id) == ("0-2", "child", "child-0-2")
    page = client.get(f"/views/{views_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "0-2" in options(html, "band")  # a child's record may move to it and back
    response = client.post(f"/views/{views_id}", data={"csrf_token": csrf_from(html), "q-q3-text": "Kissa",
                                                       "q-q3-visibility": "panel"})
    assert response.status_code == 302
    assert views_storage.get_views(db, views_id)["answers"]["q3"]["text"] == "Kissa"


def test_a_new_band_is_answered_on_the_tablet_and_thanked(client, db, users, consultation_id, toddlers):
    worker = users["social_worker"][0]
    views_id = views_storage.create_views(db, consultation_id, "0-2")
    code, _code_id = make_code(db, consultation_id, views_id, worker)
    assert start_tablet(client, code).status_code == 302
    screens = questionnaires.screens(toddlers)
    assert [client.get(f"/t/s/{step}").status_code for step in range(len(screens))] == [200] * len(screens)
    finish = client.post("/t/finish", data={"csrf_token": csrf_from(client.get(f"/t/s/{len(screens) - 1}")
                                                                    .get_data(as_text=True))})
    assert finish.status_code == 302 and "band=0-2" in finish.location
    thanks = client.get(finish.location).get_data(as_text=True)
    assert "Kiitos vastauksistasi!" in thanks  # the general thanks, in the Finnish chosen at the start


def test_a_band_the_definitions_do_not_have_is_refused():
    with pytest.raises(ValueError):
        views_storage.create_views(None, 1, "0-2")
