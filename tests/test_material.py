"""The pre-meeting material and the family's 30 minutes (issue 11): one page
per meeting, open from one week before once the coordinator publishes it;
per case the questions, background, documents and what the child allowed the
panel to see (never a worker-only answer); what changed since a member last
read it; the family's slot and their printable invitation in their language."""
from datetime import date, datetime

import pytest

from panel import family, material, material_storage
from panel import storage as panel_storage
from tests.conftest import csrf_from, declare, login
from tests.workflow_case import (BACKGROUND, PANEL_ANSWER, QUESTION, WORKER_ONLY_ANSWER,  # noqa: F401
                                 case)

MEETING = {"id": 1, "starts_at": "2027-01-29T09:00", "ends_at": "2027-01-29T11:30", "cancelled": 0}


def client_of(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def publish(db, case, users):
    material_storage.publish(db, case["meeting_id"], users["coordinator"][0])


# ---- the rules --------------------------------------------------------------------------------

def test_the_material_can_be_published_from_the_documents_due_day_until_the_meeting():
    assert material.opens_on(MEETING["starts_at"], 7) == date(2027, 1, 22)
    assert not material.may_publish(MEETING, "2027-01-21", 7)
    assert material.may_publish(MEETING, "2027-01-22", 7) and material.may_publish(MEETING, "2027-01-29", 7)
    assert not material.may_publish(MEETING, "2027-01-30", 7)
    assert not material.may_publish(dict(MEETING, cancelled=1), "2027-01-25", 7)


def test_changed_since_names_the_cases_whose_digest_moved():
    assert material.changed_since({1: "a", 2: "b"}, None) == set()
    assert material.changed_since({1: "a", 2: "b"}, {"1": "a", "2": "x"}) == {2}
    assert material.changed_since({1: "a", 3: "c"}, {"1": "a"}) == {3}


def test_a_slot_fits_inside_the_meeting_and_does_not_overlap_another_family():
    assert family.check_slot(MEETING, "2027-01-29T09:00")[1] == datetime(2027, 1, 29, 9, 30)
    for starts, others, code in (("2027-01-29T08:45", (), "outside_meeting"), ("2027-01-29T11:15", (), "outside_meeting"),
                                 ("2027-01-29T09:15", [("2027-01-29T09:00", "2027-01-29T09:30")], "overlaps")):
        with pytest.raises(family.FamilyError) as error:
            family.check_slot(MEETING, starts, others)
        assert error.value.code == code


def test_the_default_slot_is_the_meeting_start_or_after_the_other_families():
    assert family.default_start(MEETING) == datetime(2027, 1, 29, 9, 0)
    taken = [("2027-01-29T09:00", "2027-01-29T09:30")]
    assert family.default_start(MEETING, taken) == datetime(2027, 1, 29, 9, 30)


def test_the_wishes_come_from_the_join_answers_and_the_invitation_from_the_age():
    records = [{"person": "child", "position": 1, "answers": {"join": {"choice": "yes"}, "join_how": {"choice": "teams"}}},
               {"person": "parent", "position": 1, "answers": {"join": {"choice": "no"}}}]
    wishes = family.wishes(records)
    assert [(w["person"], w["how"]) for w in wishes] == [("child", "teams")]
    assert family.suggestion(wishes) == ("child", "teams")
    assert [family.audience("child", age) for age in (4, 9, 15)] == ["3-6", "7-12", "13-17"]
    assert family.audience("parent", 4) == "parent"


# ---- the page ----------------------------------------------------------------------------------

def test_members_see_the_material_only_once_published(app, db, users, case):
    declare(db, case["consultation_id"], users["expert"][0])
    expert = client_of(app, users["expert"][1])
    page = expert.get(f"/meetings/{case['meeting_id']}/material").get_data(as_text=True)
    assert BACKGROUND not in page and "ei ole vielä julkaissut" in page
    publish(db, case, users)
    page = expert.get(f"/meetings/{case['meeting_id']}/material").get_data(as_text=True)
    assert BACKGROUND in page and QUESTION in page


def test_the_packet_holds_the_case_the_documents_the_allowed_views_and_the_teams_link(app, db, users, case):
    declare(db, case["consultation_id"], users["expert"][0])
    publish(db, case, users)
    page = client_of(app, users["expert"][1]).get(f"/meetings/{case['meeting_id']}/material").get_data(as_text=True)
    assert PANEL_ANSWER in page and "10 vuotta" in page and "Laukaa" in page
    assert f"/files/{case['document_id']}" in page and "Asiakassuunnitelma" in page
    assert f"/views/{case['views_id']}/drawings/q1.png" in page
    assert "https://teams.example.fi/kokous" in page and "Kokoushuone Aalto" in page
    assert "haluaa tulla mukaan" in page  # the child's wish to join the first 30 minutes


def test_an_answer_kept_from_the_panel_never_appears_in_the_packet(app, db, users, case):
    declare(db, case["consultation_id"], users["expert"][0])
    publish(db, case, users)
    for role in ("expert", "coordinator"):
        page = client_of(app, users[role][1]).get(f"/meetings/{case['meeting_id']}/material").get_data(as_text=True)
        assert PANEL_ANSWER in page, role
        assert WORKER_ONLY_ANSWER not in page, role


def test_the_packet_is_printable(app, db, users, case):
    page = client_of(app, users["coordinator"][1]).get(f"/meetings/{case['meeting_id']}/material").get_data(as_text=True)
    assert "css/panel.css" in page
    with open("static/css/panel.css", encoding="utf-8") as css:
        assert ".material-case { break-before: page; }" in css.read()


def test_reading_the_material_is_audit_logged_per_case(app, db, users, case):
    declare(db, case["consultation_id"], users["expert"][0])
    publish(db, case, users)
    client_of(app, users["expert"][1]).get(f"/meetings/{case['meeting_id']}/material")
    rows = list(db.query("SELECT user_id, consultation_id FROM audit_log WHERE action = 'material.read'"))
    assert rows == [{"user_id": users["expert"][0], "consultation_id": case["consultation_id"]}]


def test_a_member_sees_that_the_material_changed_since_the_last_reading(app, db, users, case):
    declare(db, case["consultation_id"], users["expert"][0])
    publish(db, case, users)
    expert = client_of(app, users["expert"][1])
    first = expert.get(f"/meetings/{case['meeting_id']}/material").get_data(as_text=True)
    assert "Muuttunut lukemisesi jälkeen" not in first
    assert "Muuttunut lukemisesi jälkeen" not in expert.get(f"/meetings/{case['meeting_id']}/material").get_data(as_text=True)
    from panel import documents_storage
    from tests import sample_documents
    documents_storage.add_document(db, case["consultation_id"], title="Uusi arvio", content=sample_documents.odt(),
                                   actor_id=users["social_worker"][0], on_day="2027-01-24", documents_due="2027-01-22")
    assert "Muuttunut lukemisesi jälkeen" in expert.get("/meetings").get_data(as_text=True)
    again = expert.get(f"/meetings/{case['meeting_id']}/material").get_data(as_text=True)
    assert "Muuttunut lukemisesi jälkeen" in again and "Lähetetty myöhässä" in again


def test_publishing_before_the_documents_are_due_is_refused(app, db, users, case):
    coordinator = client_of(app, users["coordinator"][1])
    url = f"/meetings/{case['meeting_id']}/material"
    token = csrf_from(coordinator.get(url).get_data(as_text=True))
    coordinator.post(url + "/publish", data={"csrf_token": token})
    assert material_storage.publication(db, case["meeting_id"]) is None
    app.config["TODAY"] = "2027-01-22"
    coordinator.post(url + "/publish", data={"csrf_token": token})
    assert material_storage.publication(db, case["meeting_id"]) is not None
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'material.publish'").fetchone()[0] == 1


def test_experts_still_get_403_on_the_consultations_own_page(app, db, users, case):
    declare(db, case["consultation_id"], users["expert"][0])
    assert client_of(app, users["expert"][1]).get(f"/consultations/{case['consultation_id']}").status_code == 403


# ---- the family's 30 minutes ---------------------------------------------------------------

def schedule(app, users, case, **data):
    coordinator = client_of(app, users["coordinator"][1])
    url = f"/consultations/{case['consultation_id']}/family"
    token = csrf_from(coordinator.get(url).get_data(as_text=True))
    form = {"starts": "09:00", "who": "child", "how": "teams", "link": "", "language": "sv", "note": "",
            "csrf_token": token}
    form.update(data)
    return coordinator, coordinator.post(url, data=form)


def test_the_slot_form_offers_what_the_child_asked_for(app, users, case):
    page = client_of(app, users["coordinator"][1]).get(f"/consultations/{case['consultation_id']}/family")
    html = page.get_data(as_text=True)
    assert '<input checked id="who-0" name="who" required type="radio" value="child">' in html
    assert '<input checked id="how-0" name="how" required type="radio" value="teams">' in html
    assert 'value="09:00"' in html


def test_the_coordinator_schedules_the_slot_and_it_is_audit_logged(app, db, users, case):
    _, response = schedule(app, users, case)
    assert response.status_code == 302
    slot = material_storage.slot(db, case["consultation_id"])
    assert (slot["starts_at"], slot["ends_at"], slot["how"], slot["language"]) == (
        "2027-01-29T09:00", "2027-01-29T09:30", "teams", "sv")
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'family.schedule'").fetchone()[0] == 1


def test_a_slot_outside_the_meeting_comes_back_with_a_message(app, db, users, case):
    _, response = schedule(app, users, case, starts="11:15")
    assert response.status_code == 400 and "mahtua kokouksen ajan sisään" in response.get_data(as_text=True)
    assert material_storage.slot(db, case["consultation_id"]) is None


def test_the_invitation_is_in_the_familys_language_worded_for_the_childs_age(app, db, users, case):
    material_storage.save_slot(db, panel_storage.get_consultation(db, case["consultation_id"]),
                               panel_storage.get_meeting(db, case["meeting_id"]), starts_at="2027-01-29T09:00",
                               who="child", how="teams", link="", language="sv", note="", languages=["fi", "sv", "en"],
                               actor_id=users["coordinator"][0])
    html = client_of(app, users["coordinator"][1]).get(
        f"/consultations/{case['consultation_id']}/family/invitation").get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert "Du kan gå när du vill" in html  # 7–12: may leave at any time, in a child's words
    assert "https://teams.example.fi/kokous" in html and "9.00" in html
    assert "Arbetsgruppen består av vuxna" in html


def test_the_invitation_names_who_will_be_there_by_profession(app, db, panel_id, users, case):
    from panel import members_storage
    members_storage.set_member_field(db, panel_id, users["expert"][0], "law", "", users["coordinator"][0])
    members_storage.set_member_field(db, panel_id, case["expert2_id"], "police", "", users["coordinator"][0])
    members_storage.set_attendance(db, case["meeting_id"], case["expert2_id"], 0, users["coordinator"][0])
    schedule(app, users, case, language="fi")
    html = client_of(app, users["coordinator"][1]).get(
        f"/consultations/{case['consultation_id']}/family/invitation").get_data(as_text=True)
    assert "<li>Juristi</li>" in html and "<li>Poliisi</li>" not in html  # the absent member is not listed
    assert "Ryhmän sihteeri" in html


def test_the_social_worker_gets_the_invitation_once_it_is_marked_ready(app, db, users, case):
    coordinator, _ = schedule(app, users, case)
    worker = client_of(app, users["social_worker"][1])
    url = f"/consultations/{case['consultation_id']}/family/invitation"
    assert worker.get(url).status_code == 404
    token = csrf_from(coordinator.get(f"/consultations/{case['consultation_id']}/family").get_data(as_text=True))
    coordinator.post(f"/consultations/{case['consultation_id']}/family", data={"action": "ready", "csrf_token": token})
    assert worker.get(url).status_code == 200
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'family.invitation_ready'").fetchone()[0] == 1


def test_a_changed_slot_needs_the_invitation_marked_ready_again(app, db, users, case):
    coordinator, _ = schedule(app, users, case)
    material_storage.mark_invitation_ready(db, case["consultation_id"], users["coordinator"][0])
    schedule(app, users, case, starts="09:30")
    assert material_storage.slot(db, case["consultation_id"])["invitation_ready_at"] is None


def test_the_family_overview_lists_the_wish(app, users, case):
    html = client_of(app, users["coordinator"][1]).get(f"/meetings/{case['meeting_id']}/family").get_data(as_text=True)
    assert "haluaa tulla mukaan" in html and "teamsissa" in html.lower()


def test_a_slot_left_outside_its_meeting_by_a_move_no_longer_counts(app, db, users, case):
    schedule(app, users, case)
    meeting = panel_storage.get_meeting(db, case["meeting_id"])
    panel_storage.update_meeting(db, case["meeting_id"], starts_at="2027-01-29T12:00", ends_at="2027-01-29T14:30",
                                 place=meeting["place"], teams_link=meeting["teams_link"], capacity=3, notes="",
                                 actor_id=users["coordinator"][0])
    assert material_storage.slot(db, case["consultation_id"]) is None
    worker = client_of(app, users["social_worker"][1])
    assert worker.get(f"/consultations/{case['consultation_id']}/family/invitation").status_code == 404


def test_a_stale_slot_can_be_scheduled_again(app, db, users, case):
    schedule(app, users, case)
    db.execute("UPDATE family_slots SET starts_at = '2027-01-28T09:00', ends_at = '2027-01-28T09:30'")
    _, response = schedule(app, users, case, starts="10:00")
    assert response.status_code == 302
    assert material_storage.slot(db, case["consultation_id"])["starts_at"] == "2027-01-29T10:00"
