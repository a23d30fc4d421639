"""The child's views: storage, versioning, visibility, access, audit, worker-assisted pages."""
import json

import pytest

from participation import panel_reads, panel_sections, questionnaires, storage
from questionnaire import localisation
from participation.demo import demo_png
from tests import dom
from tests.conftest import csrf_from, declare, login, make_user

PNG = demo_png(20, 10)


def make_consultation(db, panel_id, worker_id, age=10, code="KS-2099-001"):
    return db["consultations"].insert({"panel_id": panel_id, "case_code": code, "social_worker_id": worker_id,
                                       "child_age": age, "created_by": worker_id}).last_pk


@pytest.fixture
def consultation_id(db, panel_id, users):
    return make_consultation(db, panel_id, users["social_worker"][0])


def answer(text="", choice=None, visibility="panel", declined=False):
    return {"choice": choice, "text": text, "declined": declined, "visibility": visibility}


# -- storage ---------------------------------------------------------------------------

def test_a_repeated_create_with_the_same_request_key_makes_one_record(db, consultation_id):
    a = storage.create_views(db, consultation_id, "7-12", request_key="k1")
    b = storage.create_views(db, consultation_id, "7-12", request_key="k1")
    c = storage.create_views(db, consultation_id, "7-12", request_key="k2")
    p = storage.create_views(db, consultation_id, "parent")
    assert a == b != c
    assert [(v["person"], v["position"]) for v in storage.list_views(db, consultation_id)] == [
        ("child", 1), ("child", 2), ("parent", 1)]


def test_saving_an_answer_twice_stores_one_and_finishing_locks_the_words(db, consultation_id):
    views_id = storage.create_views(db, consultation_id, "13-17")
    storage.save_answer(db, views_id, "q1", answer("eka"))
    storage.save_answer(db, views_id, "q1", answer("toka 🙂"))
    assert db["view_answers"].count_where("views_id = ?", [views_id]) == 1
    assert storage.get_views(db, views_id)["answers"]["q1"]["text"] == "toka 🙂"
    assert storage.finish(db, views_id, None) is True
    assert storage.finish(db, views_id, None) is False
    with pytest.raises(storage.Locked):
        storage.save_answer(db, views_id, "q1", answer("muutettu"))
    with pytest.raises(storage.Locked):
        storage.save_drawing(db, views_id, "q1", PNG)
    storage.add_note(db, views_id, "Työntekijän huomio", None)
    record = storage.get_views(db, views_id)
    assert record["answers"]["q1"]["text"] == "toka 🙂" and record["notes"][0]["text"] == "Työntekijän huomio"


def test_a_record_carries_its_meeting_s_start_and_none_once_the_meeting_is_cancelled(db, panel_id, users):
    from datetime import datetime

    from panel import storage as panel_storage
    worker = users["social_worker"][0]
    meeting_id = panel_storage.create_meeting(db, panel_id, datetime(2099, 1, 29, 9), datetime(2099, 1, 29, 11, 30),
                                              capacity=3)
    cid = panel_storage.book_consultation(db, meeting_id=meeting_id, social_worker_id=worker, created_by=worker,
                                          child_age=8, background="Tausta.", questions=["Mitä tehdään?"],
                                          today="2099-01-01", closes_days_before=14)
    views_id = storage.create_views(db, cid, "7-12")
    assert storage.get_views(db, views_id)["meeting_starts_at"].startswith("2099-01-29")
    panel_storage.set_meeting_cancelled(db, meeting_id, True, worker)
    assert storage.get_views(db, views_id)["meeting_starts_at"] is None


def test_a_record_lists_the_questions_that_have_a_drawing(db, consultation_id):
    views_id = storage.create_views(db, consultation_id, "7-12")
    assert storage.get_views(db, views_id)["drawings"] == set()
    storage.save_drawing(db, views_id, "q1", PNG)
    storage.save_drawing(db, views_id, "q3", PNG)
    assert storage.get_views(db, views_id)["drawings"] == {"q1", "q3"}


def test_a_record_read_without_notes_leaves_the_worker_s_notes_out(db, consultation_id):
    views_id = storage.create_views(db, consultation_id, "7-12")
    storage.add_note(db, views_id, "Työntekijän huomio", None)
    assert storage.get_views(db, views_id, notes=False)["notes"] == []
    assert [n["text"] for n in storage.get_views(db, views_id)["notes"]] == ["Työntekijän huomio"]


def test_a_changed_definition_makes_a_new_version_and_old_answers_keep_their_wording(db, consultation_id, monkeypatch):
    old_id = storage.create_views(db, consultation_id, "13-17", texts=localisation.texts_for(
        questionnaires.wording_keys(questionnaires.DEFINITIONS["13-17"])))
    storage.save_answer(db, old_id, "q3", answer("vanha vastaus"))
    changed = questionnaires.definition_for("13-17").replace_question("q3", wording="Mitä vielä haluat sanoa?")
    monkeypatch.setitem(questionnaires.DEFINITIONS, "13-17", changed)
    new_id = storage.create_views(db, consultation_id, "13-17",
                                  texts={"Mitä vielä haluat sanoa?": {"fi": "Mitä vielä haluat sanoa?",
                                                                      "sv": "Vad vill du ännu säga?",
                                                                      "en": "What else do you want to say?"}})
    old, new = storage.get_views(db, old_id), storage.get_views(db, new_id)
    assert (old["version"], new["version"]) == (1, 2)
    assert questionnaires.question(old["definition"], "q3").wording == "Mitä muuta haluaisit sanoa työryhmälle?"
    assert questionnaires.question(new["definition"], "q3").wording == "Mitä vielä haluat sanoa?"
    # the same definition again is the same version
    assert storage.ensure_version(db, changed) == new["questionnaire_version_id"]
    again = storage.get_views(db, storage.create_views(db, consultation_id, "13-17"))
    assert again["questionnaire_version_id"] == new["questionnaire_version_id"]
    # the old wording is shown in Swedish from the catalogue, the new one from its snapshot
    old_sv = questionnaires.localize(old["definition"], localisation.live_or_snapshot(
        old["texts"], questionnaires.wording_keys(old["definition"])), "sv")
    new_sv = questionnaires.localize(new["definition"], localisation.live_or_snapshot(
        new["texts"], questionnaires.wording_keys(new["definition"])), "sv")
    assert questionnaires.question(old_sv, "q3").text == "Vad mer skulle du vilja säga till arbetsgruppen?"
    assert questionnaires.question(new_sv, "q3").text == "Vad vill du ännu säga?"


def test_the_panel_material_holds_only_what_the_person_allowed(db, consultation_id):
    shared = storage.create_views(db, consultation_id, "7-12")
    storage.save_answer(db, shared, "q1", answer("Saa näyttää"))
    storage.save_answer(db, shared, "q2", answer("Salaisuus", choice="yes", visibility="worker"))
    storage.save_drawing(db, shared, "q2", PNG)
    storage.add_note(db, shared, "Työntekijän muistiinpano", None)
    storage.finish(db, shared)
    draft = storage.create_views(db, consultation_id, "parent")
    storage.save_answer(db, draft, "q1", answer("Luonnos"))
    material = panel_reads.panel_material(db, consultation_id)
    assert [m["id"] for m in material] == [shared]
    assert set(material[0]["answers"]) == {"q1"}
    assert material[0]["drawings"] == set() and material[0]["notes"] == []


def test_worry_marker(db, consultation_id, panel_id, users):
    other = make_consultation(db, panel_id, users["social_worker"][0], code="KS-2099-002")
    views_id = storage.create_views(db, consultation_id, "7-12")
    assert not panel_reads.worry_marked(db, consultation_id)
    storage.set_worry(db, views_id, "q2", True)
    assert panel_reads.worry_marked(db, consultation_id)
    assert panel_reads.worry_marked_many(db, [consultation_id, other]) == {consultation_id}
    storage.set_worry(db, views_id, "q2", False)
    assert not panel_reads.worry_marked(db, consultation_id)


# -- pages -----------------------------------------------------------------------------

def start(client, consultation_id, band="7-12", language="fi"):
    page = client.get(f"/consultations/{consultation_id}/views").get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), "band": band, "language": language,
            "request_key": dom.field_value(page, "request_key") or ""}
    response = client.post(f"/consultations/{consultation_id}/views", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    again = client.post(f"/consultations/{consultation_id}/views", data=data)
    assert again.location == response.location  # a double submit makes one record
    return int(response.location.rstrip("/").split("/")[-1])


def test_the_worker_fills_in_all_on_one_page_and_finishes_and_words_are_locked(client, db, login_as, consultation_id):
    login_as("social_worker")
    views_id = start(client, consultation_id)
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert "Mitä sinä toivoisit tässä tilanteessa, että ainakin tapahtuisi?" in page
    token = csrf_from(page)
    form = {"csrf_token": token, "q-q1-text": "<script>alert(1)</script> 🙂", "q-q1-visibility": "panel",
            "q-q2-choice": "yes", "q-q2-text": "Koulu", "q-q2-visibility": "worker",
            "q-q3-declined": "1", "q-q3-text": "", "q-q3-visibility": "panel",
            "method": "play", "asked_on": "2026-11-20", "present": "sosiaalityöntekijä, lapsi", "action": "finish"}
    response = client.post(f"/views/{views_id}", data=form)
    assert response.status_code == 302
    assert client.post(f"/views/{views_id}", data=form).status_code == 302  # double submit
    record = storage.get_views(db, views_id)
    assert record["status"] == "finished" and record["method"] == "play" and record["asked_on"] == "2026-11-20"
    assert record["answers"]["q1"]["text"] == "<script>alert(1)</script> 🙂"
    assert record["answers"]["q3"]["declined"] is True
    assert db["view_answers"].count_where("views_id = ?", [views_id]) == 3
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 🙂" in page and "<script>alert(1)" not in page
    assert 'name="q-q1-text"' not in page  # no more editing of the child's words
    # a changed post after finishing changes nothing of the child's words
    client.post(f"/views/{views_id}", data={**form, "q-q1-text": "muutettu"})
    assert storage.get_views(db, views_id)["answers"]["q1"]["text"] == "<script>alert(1)</script> 🙂"
    # ... but notes can be added
    client.post(f"/views/{views_id}/notes", data={"csrf_token": token, "text": "Lapsi oli väsynyt"})
    assert storage.get_views(db, views_id)["notes"][0]["text"] == "Lapsi oli väsynyt"


def test_finishing_with_an_empty_pilot_question_says_so_and_keeps_what_was_typed(client, db, login_as, consultation_id):
    login_as("social_worker")
    views_id = start(client, consultation_id, "13-17")
    token = csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))
    response = client.post(f"/views/{views_id}", data={"csrf_token": token, "q-q1-text": "Toive ✨",
                                                       "q-q2-text": "", "q-q3-text": "", "action": "finish"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vastaa tai valitse" in page and "Toive ✨" in page
    assert storage.get_views(db, views_id)["status"] == "draft"


def test_a_drawing_that_is_not_a_png_is_refused_with_a_message_and_typed_answers_stay(client, db, login_as, consultation_id):
    import io
    login_as("social_worker")
    views_id = start(client, consultation_id, "3-6")
    token = csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))
    response = client.post(f"/views/{views_id}", content_type="multipart/form-data", data={
        "csrf_token": token, "q-q1-text": "Aurinko", "action": "save",
        "q-q1-drawing": (io.BytesIO(b"GIF89a not a png"), "piirros.png")})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "PNG-kuva" in page and "Aurinko" in page
    assert storage.get_drawing(db, views_id, "q1") is None
    response = client.post(f"/views/{views_id}", content_type="multipart/form-data", data={
        "csrf_token": token, "q-q1-text": "Aurinko", "action": "save",
        "q-q1-drawing": (io.BytesIO(PNG), "piirros.png")})
    assert response.status_code == 302 and storage.get_drawing(db, views_id, "q1") is not None
    image = client.get(f"/views/{views_id}/drawings/q1.png")
    assert image.status_code == 200 and image.data == storage.get_drawing(db, views_id, "q1")
    assert image.mimetype == "image/png"


def test_json_autosave_and_drawing_upload_contracts(client, db, login_as, consultation_id):
    import io
    login_as("social_worker")
    views_id = start(client, consultation_id, "7-12")
    token = csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))
    headers = {"X-CSRFToken": token}
    ok = client.post(f"/views/{views_id}/autosave", json={"question": "q2", "choice": "no", "text": "",
                                                           "declined": False, "visibility": "worker"}, headers=headers)
    assert ok.status_code == 200 and ok.get_json()["saved"] is True
    assert storage.get_views(db, views_id)["answers"]["q2"]["visibility"] == "worker"
    too_long = client.post(f"/views/{views_id}/autosave", json={"question": "q1", "text": "x" * 5001}, headers=headers)
    assert too_long.status_code == 400 and too_long.get_json()["errors"]
    assert client.post(f"/views/{views_id}/autosave", json={"question": "nope"}, headers=headers).status_code == 404
    assert client.post(f"/views/{views_id}/autosave", json={"question": "q1", "text": "x"}).status_code == 400  # CSRF
    bad = client.post(f"/views/{views_id}/drawing", headers=headers, content_type="multipart/form-data",
                      data={"question": "q1", "drawing": (io.BytesIO(b"\xff\xd8\xff jpeg"), "d.png")})
    assert bad.status_code == 400 and "PNG" in bad.get_json()["error"]
    good = client.post(f"/views/{views_id}/drawing", headers=headers, content_type="multipart/form-data",
                       data={"question": "q1", "drawing": (io.BytesIO(PNG), "d.png")})
    assert good.status_code == 200 and storage.get_drawing(db, views_id, "q1").startswith(b"\x89PNG")
    storage.finish(db, views_id)
    locked = client.post(f"/views/{views_id}/autosave", json={"question": "q1", "text": "myöhässä"}, headers=headers)
    assert locked.status_code == 409 and locked.get_json()["locked"] is True


def test_one_question_per_screen_walks_forward_and_back_and_finishes(client, db, login_as, consultation_id):
    login_as("social_worker")
    views_id = start(client, consultation_id, "3-6", language="sv")
    page = client.get(f"/views/{views_id}/show/0").get_data(as_text=True)
    assert 'lang="sv"' in page and "De vuxna vill hjälpa dig och din familj." in page
    token = csrf_from(page)
    assert client.post(f"/views/{views_id}/show/0", data={"csrf_token": token, "nav": "next"}).location.endswith(
        f"/views/{views_id}/show/1")
    # a skipped question is no error on the child's screen (the kind word is the page script's): on it goes
    empty = client.post(f"/views/{views_id}/show/1", data={"csrf_token": token, "q-q1-text": "", "nav": "next"})
    assert empty.status_code == 302 and empty.location.endswith("/show/2")
    response = client.post(f"/views/{views_id}/show/1", data={"csrf_token": token, "q-q1-text": "En sol",
                                                             "q-q1-visibility": "panel", "nav": "next"})
    assert response.location.endswith("/show/2")
    back = client.post(f"/views/{views_id}/show/2", data={"csrf_token": token, "nav": "back"})
    assert back.location.endswith("/show/1")
    last = len(questionnaires.screens(questionnaires.DEFINITIONS["3-6"])) - 1
    client.post(f"/views/{views_id}/show/{last}", data={"csrf_token": token, "nav": "finish"})
    assert storage.get_views(db, views_id)["status"] == "handed_over"  # the worker checks, then finishes
    client.post(f"/views/{views_id}", data={"csrf_token": token, "method": "play", "action": "finish"})
    assert storage.get_views(db, views_id)["status"] == "finished"


def test_a_refusal_is_recorded_and_counts_as_asked(client, db, login_as, consultation_id):
    login_as("social_worker")
    views_id = start(client, consultation_id, "13-17")
    token = csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))
    client.post(f"/views/{views_id}/finish", data={"csrf_token": token, "refused": "1"})
    record = storage.get_views(db, views_id)
    assert record["status"] == "finished" and record["refused"] == 1
    assert "Ei halunnut osallistua" in client.get(f"/views/{views_id}/summary").get_data(as_text=True)


def test_access_only_for_the_consultations_worker(client, db, app, panel_id, other_panel_id, users, consultation_id):
    views_id = storage.create_views(db, consultation_id, "7-12")
    elsewhere = make_consultation(db, other_panel_id, make_user(db, "muu@example.fi", ["social_worker"], [other_panel_id]),
                                  code="TP-2099-001")
    other_views = storage.create_views(db, elsewhere, "7-12")
    make_user(db, "colleague@example.fi", ["social_worker"], [panel_id])
    assert client.get(f"/views/{views_id}").status_code == 302  # anonymous → login
    login(client, "colleague@example.fi")
    assert client.get(f"/views/{views_id}").status_code == 403
    assert client.get(f"/consultations/{consultation_id}/views").status_code == 403
    assert client.get(f"/views/{other_views}").status_code == 404
    assert client.get(f"/consultations/{elsewhere}/views/panel").status_code == 404
    coordinator = app.test_client()
    login(coordinator, users["coordinator"][1])
    assert coordinator.get(f"/views/{views_id}").status_code == 403
    assert coordinator.get(f"/views/{views_id}/summary").status_code == 403
    assert coordinator.get(f"/consultations/{consultation_id}/views/panel").status_code == 200
    admin = app.test_client()
    login(admin, users["admin"][1])
    assert admin.get(f"/views/{views_id}").status_code == 404
    assert admin.get(f"/views/{other_views}").status_code == 404


def test_an_answer_for_the_social_worker_only_is_absent_from_the_panels_view(app, db, users, consultation_id):
    views_id = storage.create_views(db, consultation_id, "7-12")
    storage.save_answer(db, views_id, "q1", answer("Näkyy ryhmälle"))
    storage.save_answer(db, views_id, "q2", answer("Vain sosiaalityöntekijälle", choice="yes", visibility="worker"))
    storage.save_drawing(db, views_id, "q2", PNG)
    storage.finish(db, views_id)
    coordinator = app.test_client()
    login(coordinator, users["coordinator"][1])
    page = coordinator.get(f"/consultations/{consultation_id}/views/panel").get_data(as_text=True)
    assert "Näkyy ryhmälle" in page and "Vain sosiaalityöntekijälle" not in page
    assert "Onko jotain mikä sinua huolestuttaa?" not in page
    assert coordinator.get(f"/views/{views_id}/drawings/q2.png").status_code == 404


def test_every_read_of_answers_is_audit_logged_without_content(client, db, login_as, consultation_id, users):
    login_as("social_worker")
    views_id = storage.create_views(db, consultation_id, "7-12")
    storage.save_answer(db, views_id, "q1", answer("salainen toive"))
    before = db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    for url in (f"/views/{views_id}", f"/views/{views_id}/summary", f"/views/{views_id}/show/1",
                f"/consultations/{consultation_id}/views/panel"):
        assert client.get(url).status_code == 200
    rows = list(db.query("SELECT user_id, action, consultation_id, detail FROM audit_log WHERE id > ?", [before]))
    assert [r["action"] for r in rows] == ["views.read", "views.summary", "views.read", "views.panel_read"]
    assert all(r["user_id"] == users["social_worker"][0] and r["consultation_id"] == consultation_id for r in rows)
    assert not any("salainen" in r["detail"] for r in rows)


def test_the_agenda_and_consultation_sections(app, db, panel_id, users, consultation_id):
    views_id = storage.create_views(db, consultation_id, "13-17")
    consultation = {"id": consultation_id, "panel_id": panel_id, "case_code": "KS-2099-001",
                    "social_worker_id": users["social_worker"][0]}
    template = app.jinja_env.get_template("participation/_agenda_item.html")
    coordinator = app.test_client()
    login(coordinator, users["coordinator"][1])

    def agenda_row():
        return template.render(consultation=consultation, section=panel_sections.agenda_rows([consultation]))
    with coordinator:
        coordinator.get("/home")
        assert "vaatii huomiota" not in agenda_row()
        storage.set_worry(db, views_id, "q2", True)
        assert "vaatii huomiota" in agenda_row()
    panel_partial = app.jinja_env.get_template("participation/_consultation_panel.html")
    for role, sees_list in (("social_worker", True), ("coordinator", False)):
        client = app.test_client()
        login(client, users[role][1])
        with client:
            client.get("/home")
            html = panel_partial.render(consultation=consultation,
                                        section=panel_sections.consultation_card(consultation))
            assert ("Lapsi 1" in html) is sees_list, role
            assert (f"/consultations/{consultation_id}/views/panel" in html) is not sees_list, role
            assert "vaatii huomiota" in html.lower()


def test_the_demo_adds_views_with_or_without_consultation_ids(db, panel_id, users):
    from participation import demo
    make_consultation(db, panel_id, users["social_worker"][0], age=15)
    make_consultation(db, panel_id, users["social_worker"][0], age=5, code="KS-2099-002")
    context = demo.fill(db, {"panel_id": panel_id, "users": {}})
    assert len(context["views_ids"]) == 3
    assert json.loads(json.dumps(panel_reads.panel_material(db, 1),
                                 default=lambda o: o.to_dict() if hasattr(o, "to_dict") else list(o)))


def test_the_band_can_be_changed_while_a_draft_and_answers_to_the_same_questions_stay(client, db, login_as,
                                                                                     consultation_id):
    login_as("social_worker")
    page = client.get(f"/consultations/{consultation_id}/views").get_data(as_text=True)
    assert dom.field_value(page, "band") == "7-12"  # suggested from age 10
    views_id = start(client, consultation_id, "7-12")
    token = csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))
    client.post(f"/views/{views_id}", data={"csrf_token": token, "q-q1-text": "Toive", "action": "save"})
    client.post(f"/views/{views_id}/band", data={"csrf_token": token, "band": "3-6"})
    record = storage.get_views(db, views_id)
    assert record["band"] == "3-6" and record["definition"].id == "child-3-6"
    assert record["answers"]["q1"]["text"] == "Toive"
    assert "Mitä sinä toivot, että tapahtuu?" in client.get(f"/views/{views_id}").get_data(as_text=True)


# -- hearing back: several choices ----------------------------------------------------------

def test_hearing_back_takes_several_choices_from_the_form_and_autosave_and_shows_them_all(client, db, login_as,
                                                                                          consultation_id, app, users):
    login_as("social_worker")
    views_id = start(client, consultation_id, "7-12")
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert len(dom.find_all(page, "input", type="checkbox", name="q-hear_back-choice")) == 3
    token = csrf_from(page)
    form = [("csrf_token", token), ("q-q1-text", "Toive"), ("q-q2-choice", "no"), ("q-q3-declined", "1"),
            ("q-hear_back-choice", "letter"), ("q-hear_back-choice", "social_worker"),
            ("q-hear_back-visibility", "panel"), ("action", "save")]
    from werkzeug.datastructures import MultiDict
    assert client.post(f"/views/{views_id}", data=MultiDict(form)).status_code == 302
    assert storage.get_views(db, views_id)["answers"]["hear_back"]["choice"] == "social_worker letter"
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert sorted(dom.field_value(page, "q-hear_back-choice")) == ["letter", "social_worker"]
    ok = client.post(f"/views/{views_id}/autosave", headers={"X-CSRFToken": token},
                     json={"question": "hear_back", "choice": ["meeting", "letter"], "visibility": "panel"})
    assert ok.status_code == 200
    assert storage.get_views(db, views_id)["answers"]["hear_back"]["choice"] == "letter meeting"
    bad = client.post(f"/views/{views_id}/autosave", headers={"X-CSRFToken": token},
                      json={"question": "hear_back", "choice": ["letter", 7]})
    assert bad.status_code == 400
    client.post(f"/views/{views_id}", data={"csrf_token": token, "action": "finish", "q-q1-text": "Toive",
                                            "q-q2-choice": "no", "q-q3-declined": "1", "method": "discussion"})
    summary = client.get(f"/views/{views_id}/summary").get_data(as_text=True)
    assert "Kirjeellä" in summary and "Tapaamisessa" in summary and "Omalta sosiaalityöntekijältä" not in summary
    coordinator = app.test_client()
    login(coordinator, users["coordinator"][1])
    material = coordinator.get(f"/consultations/{consultation_id}/views/panel").get_data(as_text=True)
    assert "Kirjeellä" in material and "Tapaamisessa" in material


# -- mode: alone on a tablet ------------------------------------------------------------------

def test_the_mode_is_recorded_and_the_worker_sees_it_was_given_alone_on_a_tablet(client, db, login_as, consultation_id):
    views_id = storage.create_views(db, consultation_id, "7-12")
    assert storage.get_views(db, views_id)["mode"] == "worker"
    with pytest.raises(ValueError):
        storage.set_mode(db, views_id, "phone")
    login_as("social_worker")
    assert "Vastattu yksin tabletilla" not in client.get(f"/views/{views_id}").get_data(as_text=True)
    storage.set_mode(db, views_id, "tablet")
    assert storage.get_views(db, views_id)["mode"] == "tablet"
    assert "Vastattu yksin tabletilla" in client.get(f"/views/{views_id}").get_data(as_text=True)
    assert "Vastattu yksin tabletilla" in client.get(f"/consultations/{consultation_id}/views").get_data(as_text=True)
    assert "Yksin tabletilla, ilman sosiaalityöntekijää" in client.get(f"/views/{views_id}/summary").get_data(as_text=True)
    storage.update_details(db, views_id, mode="worker")
    assert storage.get_views(db, views_id)["mode"] == "worker"


# -- show to the child ------------------------------------------------------------------------

def test_show_to_the_child_has_no_staff_navigation_but_a_way_back_for_the_worker(client, db, login_as, consultation_id):
    login_as("social_worker")
    views_id = start(client, consultation_id, "3-6")
    for step in (0, 1):
        page = client.get(f"/views/{views_id}/show/{step}").get_data(as_text=True)
        assert 'class="site-nav"' not in page and "/logout" not in page and "site-footer" not in page
        assert "/language/" not in page and "/my-consultations" not in page
        assert 'class="child-header"' in page and "pq-screen--child" in page
        assert f'href="/views/{views_id}"' in page  # the discreet way back
    # the worker's own pages keep the staff navigation
    assert 'class="site-nav"' in client.get(f"/views/{views_id}").get_data(as_text=True)


# -- the panel's material: coordinators and experts ---------------------------------------------

def test_experts_read_the_panel_material_read_only_and_audit_logged(app, db, users, consultation_id, other_panel_id):
    views_id = storage.create_views(db, consultation_id, "13-17")
    storage.save_answer(db, views_id, "q1", answer("Ryhmä saa lukea"))
    storage.save_answer(db, views_id, "q2", answer("Vain sosiaalityöntekijä", choice="yes", visibility="worker"))
    storage.save_drawing(db, views_id, "q1", PNG)
    storage.set_worry(db, views_id, "q2", True)
    storage.finish(db, views_id)
    declare(db, consultation_id, users["expert"][0])  # no conflict of interest
    expert = app.test_client()
    login(expert, users["expert"][1])
    response = expert.get(f"/consultations/{consultation_id}/views/panel")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ryhmä saa lukea" in html and "Vain sosiaalityöntekijä" not in html
    assert "worry-marker" not in html  # the marked worry answer is the worker's only
    assert "<form" not in html.split("<main", 1)[1]  # read-only: nothing to change
    assert 'href="/meetings"' in html  # the expert's way back (the consultation page is not theirs)
    assert expert.get(f"/views/{views_id}/drawings/q1.png").status_code == 200
    assert expert.get(f"/views/{views_id}").status_code == 403
    assert expert.get(f"/views/{views_id}/summary").status_code == 403
    rows = list(db.query("SELECT action, consultation_id FROM audit_log WHERE user_id = ? AND action LIKE 'views.%'",
                         [users["expert"][0]]))
    assert {"action": "views.panel_read", "consultation_id": consultation_id} in rows
    # an expert of another panel does not reach it
    stranger = app.test_client()
    login(stranger, make_user(db, "expert2@example.fi", ["expert"], [other_panel_id]) and "expert2@example.fi")
    assert stranger.get(f"/consultations/{consultation_id}/views/panel").status_code == 404


def test_the_agenda_links_coordinators_and_experts_to_the_panel_material_with_the_worry_marker(
        app, db, panel_id, users):
    from datetime import datetime

    from panel import storage as panel_storage
    app.config["TODAY"] = "2027-01-10"
    meeting_id = panel_storage.create_meeting(db, panel_id, datetime(2027, 1, 29, 9), datetime(2027, 1, 29, 11, 30),
                                              capacity=3)
    cid = panel_storage.book_consultation(db, meeting_id=meeting_id, social_worker_id=users["social_worker"][0],
                                          created_by=users["social_worker"][0], child_age=8, background="Tausta.",
                                          questions=["Mitä tehdään?"], today="2027-01-10",
                                          closes_days_before=14)
    views_id = storage.create_views(db, cid, "7-12")
    storage.save_answer(db, views_id, "q2", answer("Huoli", choice="yes"))
    declare(db, cid, users["expert"][0])  # the member sees the link once clear of conflict of interest
    for role in ("coordinator", "expert"):
        client = app.test_client()
        login(client, users[role][1])
        html = client.get("/meetings").get_data(as_text=True)
        assert f"/consultations/{cid}/views/panel" in html, role
        assert "Lue lapsen näkemykset asiantuntijaryhmälle" in html and "Näkemyksiä ei ole vielä valmiina" in html
        assert "vaatii huomiota" not in html
    storage.set_worry(db, views_id, "q2", True)
    storage.finish(db, views_id)
    client = app.test_client()
    login(client, users["coordinator"][1])
    html = client.get("/meetings").get_data(as_text=True)
    assert "Lapsen näkemykset: vaatii huomiota" in html and "1 henkilön näkemykset valmiina" in html
    page = client.get(f"/consultations/{cid}").get_data(as_text=True)
    assert f"/consultations/{cid}/views/panel" in page and "vaatii huomiota" in page


def test_worker_feedback_and_wording_for_parents_and_the_childs_screen(client, db, login_as, consultation_id):
    login_as("social_worker")
    parent = start(client, consultation_id, "parent")
    page = client.get(f"/views/{parent}").get_data(as_text=True)
    assert "Jos vanhempi ei halunnut osallistua" in page and "Jos lapsi ei halunnut" not in page
    child = start(client, consultation_id, "3-6")
    screen = client.get(f"/views/{child}/show/1").get_data(as_text=True)
    assert "Aikuiselle – pilotin sanamuoto" in screen
    assert dom.find(screen, class_="drawing__upload", data_no_js_only=True)  # the file upload only without JavaScript
    worker_page = client.get(f"/views/{child}").get_data(as_text=True)
    assert dom.find(worker_page, class_="drawing__upload", data_no_js_only=False)
    assert "/ 5\u00a0000 merkkiä" in client.get(f"/views/{child}/show/3").get_data(as_text=True)
    token = csrf_from(screen)
    last = len(questionnaires.screens(questionnaires.DEFINITIONS["3-6"])) - 1
    response = client.post(f"/views/{child}/show/{last}", data={"csrf_token": token, "nav": "finish"},
                           follow_redirects=True)
    assert "Vastaukset on annettu sinulle." in response.get_data(as_text=True)  # handed over for the check
    marked = client.post(f"/views/{child}/worry", data={"csrf_token": token, "on": "1"}, follow_redirects=True)
    # the unanswered worry question is the panel's to see: so is its marker
    assert "koordinaattori ja asiantuntijajäsenet näkevät merkinnän" in marked.get_data(as_text=True)
    assert panel_reads.worry_marked(db, consultation_id)


def test_a_draft_is_shown_in_the_persons_language_and_a_finished_record_in_the_workers(client, db, login_as,
                                                                                      consultation_id):
    login_as("social_worker")  # the worker's pages are in Finnish
    views_id = start(client, consultation_id, "7-12", language="sv")
    draft = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert dom.html_lang(draft) == "sv" and "Finns det något som oroar dig?" in draft
    token = csrf_from(draft)
    finished = client.post(f"/views/{views_id}", data={"csrf_token": token, "q-q1-text": "Hej", "q-q2-choice": "no",
                                                       "q-q3-declined": "1", "action": "finish", "method": "play"},
                           follow_redirects=True).get_data(as_text=True)
    assert dom.html_lang(finished) == "fi" and "Työntekijän muistiinpanot" in finished
    assert "Vastaukset ovat valmiit. Voit yhä lisätä muistiinpanoja." in finished  # the flash in the worker's language
    assert "Svenska" in finished  # the language the questions were asked in
    summary = client.get(f"/views/{views_id}/summary").get_data(as_text=True)
    assert dom.html_lang(summary) == "fi" and "Hej" in summary
    # the one-per-screen view of a draft stays in the child's language
    other = start(client, consultation_id, "7-12", language="sv")
    assert dom.html_lang(client.get(f"/views/{other}/show/0").get_data(as_text=True)) == "sv"


def test_a_version_stored_before_its_translations_gets_them_later_but_keeps_what_it_had(db):
    definition = questionnaires.definition_for("3-6")
    key = definition.pages[0].paragraphs[1]
    first = key + " (käännetty)"
    lacking = {key: {"fi": key, "sv": key, "en": first}}   # sv untranslated when the version was stored
    version_id = storage.ensure_version(db, definition, lacking)
    again = storage.ensure_version(db, definition, {key: {"fi": key, "sv": "Arbetsgruppen ...", "en": "changed"}})
    assert again == version_id
    texts = storage.get_version(db, version_id)["texts"]
    assert texts[key]["sv"] == "Arbetsgruppen ..."   # the missing translation is filled in
    assert texts[key]["en"] == first                 # a stored translation is never changed
