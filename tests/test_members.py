"""Standing members, attendance and outside experts (issue 11): the
coordinator records each member's field and who attends; a member says it
too; the installation's registry of outside experts; one expert invited to
one consultation, whether they came and what it cost; the booking form's
optional municipality and needed expertise."""
import pytest

from panel import members, members_storage
from panel import storage as panel_storage
from tests.conftest import csrf_from, login
from tests.workflow_case import case  # noqa: F401  (fixture)


def client_of(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def post(client, page_url, url, data):
    token = csrf_from(client.get(page_url).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token})


# ---- the rules --------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, cents", [("450", 45000), ("450,50", 45050), ("1 200.5 €", 120050), ("", None)])
def test_a_cost_is_read_as_euros_in_cents(typed, cents):
    assert members.parse_cost(typed) == cents


@pytest.mark.parametrize("typed", ["-5", "abc", "4,555", "99999999999"])
def test_a_cost_that_is_not_euros_is_refused(typed):
    with pytest.raises(members.MemberError):
        members.parse_cost(typed)


def test_a_registry_entry_needs_organisation_and_expertise():
    with pytest.raises(members.MemberError):
        members.expert_fields(organisation=" ", expertise="Oikeuspsykiatria")
    assert members.expert_fields(organisation="KYS", expertise="Oikeuspsykiatria", paid=True)["paid"] == 1


def test_the_professions_present_leave_out_the_absent_and_count_unknown_as_coming():
    people = [{"user_id": 1, "field": "law"}, {"user_id": 2, "field": "health_care"},
              {"user_id": 3, "field": "police"}]
    fields, outside = members.present_professions(people, {1: 1, 3: 0}, [{"expertise": "Harvinaissairaudet"}])
    assert fields == ["health_care", "law"] and outside == ["Harvinaissairaudet"]


# ---- standing members and attendance ----------------------------------------------------------

def test_the_coordinator_records_a_members_field(app, db, panel_id, users):
    coordinator = client_of(app, users["coordinator"][1])
    expert_id = users["expert"][0]
    response = post(coordinator, "/members", f"/members/{panel_id}/{expert_id}",
                    {f"m{expert_id}-field": "law", f"m{expert_id}-field_note": "lakimies"})
    assert response.status_code == 302
    assert members_storage.panel_members(db, panel_id)[0]["field"] == "law"
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'member.field'").fetchone()[0] == 1


def test_a_field_that_is_not_one_of_the_list_is_refused(app, db, panel_id, users):
    coordinator = client_of(app, users["coordinator"][1])
    expert_id = users["expert"][0]
    response = post(coordinator, "/members", f"/members/{panel_id}/{expert_id}", {f"m{expert_id}-field": "magic"})
    assert response.status_code == 400


def test_only_the_panels_experts_are_its_members(db, panel_id, users):
    with pytest.raises(members.MemberError):
        members_storage.set_member_field(db, panel_id, users["social_worker"][0], "law", "", users["coordinator"][0])


def test_the_coordinator_records_who_attends(app, db, users, case):
    coordinator = client_of(app, users["coordinator"][1])
    url = f"/meetings/{case['meeting_id']}/attendance"
    response = post(coordinator, url, url, {f"attends-{users['expert'][0]}": "no",
                                            f"attends-{case['expert2_id']}": "yes"})
    assert response.status_code == 302
    assert members_storage.attendance(db, case["meeting_id"]) == {users["expert"][0]: 0, case["expert2_id"]: 1}


def test_a_member_says_they_attend_on_the_material_page(app, db, users, case):
    expert = client_of(app, users["expert"][1])
    url = f"/meetings/{case['meeting_id']}/material"
    response = post(expert, url, f"{url[:-9]}/attendance/mine", {"attends": "yes"})
    assert response.status_code == 302
    assert members_storage.attendance(db, case["meeting_id"]) == {users["expert"][0]: 1}


def test_a_made_up_attendance_is_a_400(app, users, case):
    coordinator = client_of(app, users["coordinator"][1])
    url = f"/meetings/{case['meeting_id']}/attendance"
    assert post(coordinator, url, url, {f"attends-{users['expert'][0]}": "perhaps"}).status_code == 400


# ---- the registry and invitations ---------------------------------------------------------------

def test_the_coordinator_adds_an_outside_expert_to_the_registry(app, db, users):
    coordinator = client_of(app, users["coordinator"][1])
    response = post(coordinator, "/experts", "/experts", {
        "organisation": "Vaalijalan osaamis- ja tukikeskus", "expertise": "Kehitysvammaisuus", "paid": "y",
        "cost_note": "Laskutetaan sopimuksen mukaan", "contact": "vaalijala@example.fi"})
    assert response.status_code == 302
    expert = members_storage.list_outside_experts(db)[0]
    assert (expert["organisation"], expert["paid"], expert["active"]) == ("Vaalijalan osaamis- ja tukikeskus", 1, 1)


def test_an_incomplete_registry_entry_comes_back_with_its_messages(app, db, users):
    response = post(client_of(app, users["coordinator"][1]), "/experts", "/experts", {"organisation": "Valteri"})
    assert response.status_code == 400 and "Kirjoita asiantuntemus." in response.get_data(as_text=True)
    assert members_storage.list_outside_experts(db) == []


def test_an_expert_made_unavailable_cannot_be_invited(db, users, case):
    expert_id = members_storage.add_outside_expert(db, users["coordinator"][0], organisation="Barnahus",
                                                   expertise="Väkivallan selvittäminen")
    members_storage.update_outside_expert(db, expert_id, users["coordinator"][0], active=False,
                                          organisation="Barnahus", expertise="Väkivallan selvittäminen")
    with pytest.raises(members.MemberError):
        members_storage.invite(db, case["consultation_id"], expert_id, users["coordinator"][0])


def test_the_coordinator_invites_an_expert_once_and_records_that_they_came_and_the_cost(app, db, users, case):
    expert_id = members_storage.add_outside_expert(db, users["coordinator"][0], organisation="KYS",
                                                   expertise="Oikeuspsykiatria", paid=True)
    coordinator = client_of(app, users["coordinator"][1])
    url = f"/consultations/{case['consultation_id']}/experts"
    assert post(coordinator, url, url, {"outside_expert_id": expert_id}).status_code == 302
    assert post(coordinator, url, url, {"outside_expert_id": expert_id}).status_code == 400  # not twice
    invitation = members_storage.invitations(db, case["consultation_id"])[0]
    prefix = f"i{invitation['id']}-"
    response = post(coordinator, url, f"/invitations/{invitation['id']}",
                    {prefix + "came": "yes", prefix + "cost": "450,00", prefix + "cost_note": "Lasku 12/2027"})
    assert response.status_code == 302
    invitation = members_storage.get_invitation(db, invitation["id"])
    assert (invitation["came"], invitation["cost_cents"], invitation["cost_note"]) == (1, 45000, "Lasku 12/2027")
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE action LIKE 'expert.%' ORDER BY id")]
    assert actions == ["expert.create", "expert.invite", "expert.outcome"]


def test_a_cost_that_is_not_euros_comes_back_with_a_message(app, db, users, case):
    expert_id = members_storage.add_outside_expert(db, users["coordinator"][0], organisation="KYS",
                                                   expertise="Oikeuspsykiatria")
    invitation_id = members_storage.invite(db, case["consultation_id"], expert_id, users["coordinator"][0])
    coordinator = client_of(app, users["coordinator"][1])
    url = f"/consultations/{case['consultation_id']}/experts"
    response = post(coordinator, url, f"/invitations/{invitation_id}", {f"i{invitation_id}-cost": "paljon"})
    assert response.status_code == 400 and "Kirjoita hinta euroina" in response.get_data(as_text=True)
    assert members_storage.get_invitation(db, invitation_id)["cost_cents"] is None


# ---- the booking form ------------------------------------------------------------------------

def test_the_worker_says_at_booking_the_municipality_and_the_expertise_needed(app, db, users, case):
    worker = client_of(app, users["social_worker"][1])
    response = post(worker, "/consultations/new", "/consultations/new", {
        "meeting_id": case["meeting_id"], "question_1": "Mitä tehdään?", "child_age": "9", "background": "Tausta.",
        "municipality": "Keuruu", "needed_expertise": "Vammaispalvelut"})
    assert response.status_code == 302
    booked = panel_storage.get_consultation(db, int(response.location.rsplit("/", 1)[1]))
    assert (booked["municipality"], booked["needed_expertise"]) == ("Keuruu", "Vammaispalvelut")
    assert "Vammaispalvelut" in worker.get(response.location).get_data(as_text=True)


def test_the_needed_expertise_is_checked_for_identity_codes(app, db, users, case):
    worker = client_of(app, users["social_worker"][1])
    before = db["consultations"].count
    response = post(worker, "/consultations/new", "/consultations/new", {
        "meeting_id": case["meeting_id"], "question_1": "Mitä tehdään?", "child_age": "9", "background": "Tausta.",
        "needed_expertise": "Lapsi 131052-308T tarvitsee"})
    assert response.status_code == 400 and db["consultations"].count == before
