"""Free text that looks like a Finnish personal identity code gets the booking
form's warning everywhere staff type (issue 9, item 16): answers typed on the
worker's device, "other way", "who was present", the worker's notes and the
meeting's notes. Not saved until the text is changed or the tick "I have
checked the text" is given; the typed text is never lost. No JavaScript needed."""
import re

import pytest

from panel import storage as panel_storage
from participation import storage as views_storage
from tests.conftest import csrf_from
from tests.test_panel import add_meeting, form_post, today  # noqa: F401
from tests.test_participation import consultation_id, start  # noqa: F401
from tests.test_tablet import case, started, tablet_csrf  # noqa: F401

CODE = "131052-308T"
TICK = 'name="confirm_no_identity_code"'


@pytest.fixture
def worker_views(client, login_as, consultation_id):
    """(client, views id, CSRF token) of the social worker with a draft record."""
    login_as("social_worker")
    views_id = start(client, consultation_id, "7-12")
    return client, views_id, csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))


def section(html, element_id):
    match = re.search(rf'<section[^>]*id="{element_id}".*?</section>', html, re.S)
    assert match, element_id
    return match.group(0)


def test_an_answer_typed_by_the_worker_is_held_back_with_the_warning_next_to_it(db, worker_views):
    client, views_id, token = worker_views
    data = {"csrf_token": token, "action": "save", "q-q1-text": f"Toive, isän tunnus {CODE}", "q-q3-text": "Kolmas"}
    response = client.post(f"/views/{views_id}", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "henkilötunnukselta" in section(html, "q-q1") and CODE in section(html, "q-q1")
    assert TICK in html
    answers = views_storage.get_views(db, views_id)["answers"]
    assert "q1" not in answers and answers["q3"]["text"] == "Kolmas"  # only the one with the code waits
    response = client.post(f"/views/{views_id}", data={**data, "confirm_no_identity_code": "y"})
    assert response.status_code == 302
    assert views_storage.get_views(db, views_id)["answers"]["q1"]["text"] == f"Toive, isän tunnus {CODE}"


def test_finishing_waits_while_an_answer_looks_like_it_holds_an_identity_code(db, worker_views):
    client, views_id, token = worker_views
    response = client.post(f"/views/{views_id}", data={"csrf_token": token, "action": "finish",
                                                       "q-q1-text": CODE, "q-q2-choice": "no", "q-q3-text": "x"})
    assert response.status_code == 400 and views_storage.get_views(db, views_id)["status"] == "draft"


@pytest.mark.parametrize("name", ["present", "method_other"])
def test_who_was_present_and_the_other_way_get_the_warning(db, worker_views, name):
    client, views_id, token = worker_views
    data = {"csrf_token": token, "action": "save", "method": "other", name: f"äiti {CODE}"}
    response = client.post(f"/views/{views_id}", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and f'id="{name}-warning"' in html and TICK in html
    assert f'value="äiti {CODE}"' in html
    assert views_storage.get_views(db, views_id)[name] == ""
    assert client.post(f"/views/{views_id}", data={**data, "confirm_no_identity_code": "y"}).status_code == 302
    assert views_storage.get_views(db, views_id)[name] == f"äiti {CODE}"


def test_details_of_a_finished_record_get_the_warning_too(db, worker_views):
    client, views_id, token = worker_views
    views_storage.finish(db, views_id)
    response = client.post(f"/views/{views_id}", data={"csrf_token": token, "present": CODE})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="present-warning"' in html and "<details open>" in html
    assert views_storage.get_views(db, views_id)["present"] == ""


def test_a_note_with_an_identity_code_is_kept_on_the_page_with_the_warning(db, worker_views):
    client, views_id, token = worker_views
    views_storage.finish(db, views_id)
    response = client.post(f"/views/{views_id}/notes", data={"csrf_token": token, "text": f"Soitin, {CODE}"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="text-warning"' in html and TICK in html
    assert f"Soitin, {CODE}</textarea>" in html
    assert views_storage.get_views(db, views_id)["notes"] == []
    response = client.post(f"/views/{views_id}/notes", data={"csrf_token": token, "text": f"Soitin, {CODE}",
                                                             "confirm_no_identity_code": "y"})
    assert response.status_code == 302
    assert [n["text"] for n in views_storage.get_views(db, views_id)["notes"]] == [f"Soitin, {CODE}"]


def test_an_empty_note_is_a_message_next_to_the_field(db, worker_views):
    client, views_id, token = worker_views
    views_storage.finish(db, views_id)
    response = client.post(f"/views/{views_id}/notes", data={"csrf_token": token, "text": ""})
    assert response.status_code == 400 and 'id="text-error"' in response.get_data(as_text=True)


def test_the_one_question_per_screen_view_holds_the_answer_back_too(db, worker_views):
    client, views_id, token = worker_views
    data = {"csrf_token": token, "nav": "next", "q-q1-text": CODE}
    response = client.post(f"/views/{views_id}/show/1", data=data)
    assert response.status_code == 400 and TICK in response.get_data(as_text=True)
    assert "q1" not in views_storage.get_views(db, views_id)["answers"]
    assert client.post(f"/views/{views_id}/show/1", data={**data, "confirm_no_identity_code": "y"}).status_code == 302
    assert views_storage.get_views(db, views_id)["answers"]["q1"]["text"] == CODE


def test_the_workers_autosave_refuses_a_new_identity_code_and_says_why(db, worker_views):
    client, views_id, token = worker_views
    headers = {"X-CSRFToken": token}
    refused = client.post(f"/views/{views_id}/autosave", json={"question": "q1", "text": f"a {CODE}"}, headers=headers)
    assert refused.status_code == 400 and refused.get_json()["identity_code"] is True
    assert "henkilötunnukselta" in refused.get_json()["errors"][0]
    assert "q1" not in views_storage.get_views(db, views_id)["answers"]
    # confirmed once with the form's tick: editing the same text autosaves again
    client.post(f"/views/{views_id}", data={"csrf_token": token, "action": "save", "q-q1-text": f"a {CODE}",
                                            "confirm_no_identity_code": "y"})
    ok = client.post(f"/views/{views_id}/autosave", json={"question": "q1", "text": f"ab {CODE}"}, headers=headers)
    assert ok.status_code == 200
    another = client.post(f"/views/{views_id}/autosave", json={"question": "q1", "text": f"ab {CODE} 010101A123N"},
                          headers=headers)
    assert another.status_code == 400


def test_the_child_alone_on_a_tablet_is_not_asked_about_identity_codes(client, db, started):
    response = client.post("/t/autosave", json={"question": "q1", "text": CODE},
                           headers={"X-CSRFToken": tablet_csrf(client, 1)})
    assert response.status_code == 200


def test_a_meetings_notes_get_the_warning(db, panel_id, login_as, today):
    client = login_as("coordinator")
    meeting_id = add_meeting(db, panel_id)
    data = {"day": "2027-01-29", "starts": "09:00", "ends": "11:30", "place": "Sali", "teams_link": "",
            "capacity": "3", "notes": f"Lapsi {CODE} tulee"}
    response = form_post(client, f"/meetings/{meeting_id}/edit", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="notes-warning"' in html and TICK in html
    assert panel_storage.get_meeting(db, meeting_id)["notes"] == ""
    response = form_post(client, f"/meetings/{meeting_id}/edit", {**data, "confirm_no_identity_code": "y"})
    assert response.status_code == 302 and panel_storage.get_meeting(db, meeting_id)["notes"] == f"Lapsi {CODE} tulee"
