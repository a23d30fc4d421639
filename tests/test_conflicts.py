"""Conflict of interest (jääviys, issue 11): a member declares for each case
before seeing its material; with a conflict, or before declaring, none of it
reaches the member by any URL; the agenda shows the case without it; the
coordinator sees who declared what; declarations are audit-logged in their
own transaction. The rule: panel.conflicts.member_may_see."""
from types import SimpleNamespace

import pytest

from accounts import access
from panel import conflicts
from panel import storage as panel_storage
from tests.conftest import declare, login
from tests.workflow_case import SECRETS, case  # noqa: F401  (fixture)


def client_of(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def member(user_id=9, roles=("expert",), panels=(1,)):
    return SimpleNamespace(id=user_id, roles=set(roles), panel_ids=list(panels))


CONSULTATION = {"id": 1, "panel_id": 1, "social_worker_id": 7, "status": "booked"}


# ---- the rules, without Flask --------------------------------------------------------------

def test_an_expert_member_of_the_panel_declares_but_the_coordinator_and_the_worker_do_not():
    assert access.declares_conflicts(member(), CONSULTATION)
    assert not access.declares_conflicts(member(roles=("expert", "coordinator")), CONSULTATION)
    assert not access.declares_conflicts(member(user_id=7, roles=("expert", "social_worker")), CONSULTATION)
    assert not access.declares_conflicts(member(panels=(2,)), CONSULTATION)


def test_only_no_conflict_clears_a_member():
    assert access.clear_of_conflict(member(), CONSULTATION, conflicts.NO_CONFLICT)
    assert not access.clear_of_conflict(member(), CONSULTATION, conflicts.CONFLICT)
    assert not access.clear_of_conflict(member(), CONSULTATION, None)
    assert access.clear_of_conflict(member(roles=("coordinator",)), CONSULTATION, None)


def test_the_meeting_material_is_the_coordinators_and_the_cleared_members_only():
    assert access.sees_meeting_material(member(roles=("coordinator",)), CONSULTATION, None)
    assert access.sees_meeting_material(member(), CONSULTATION, conflicts.NO_CONFLICT)
    assert not access.sees_meeting_material(member(), CONSULTATION, None)
    assert not access.sees_meeting_material(member(roles=("admin",)), CONSULTATION, conflicts.NO_CONFLICT)
    assert not access.sees_meeting_material(member(user_id=7, roles=("social_worker",)), CONSULTATION, None)
    assert access.sees_documents(member(user_id=7, roles=("social_worker",)), CONSULTATION, None)


# ---- declaring -------------------------------------------------------------------------------

def test_member_may_see_only_after_declaring_no_conflict(db, users, case):
    expert = SimpleNamespace(id=users["expert"][0], roles={"expert"}, panel_ids=[1])
    consultation = panel_storage.get_consultation(db, case["consultation_id"])
    assert not conflicts.member_may_see(db, expert, consultation)
    declare(db, case["consultation_id"], expert.id)
    assert conflicts.member_may_see(db, expert, consultation)


def test_member_may_see_is_true_for_those_who_do_not_declare(db, users, case):
    consultation = panel_storage.get_consultation(db, case["consultation_id"])
    coordinator = SimpleNamespace(id=users["coordinator"][0], roles={"coordinator"}, panel_ids=[1])
    assert conflicts.member_may_see(db, coordinator, consultation)


def test_a_declaration_is_recorded_and_audit_logged(db, users, case):
    declare(db, case["consultation_id"], users["expert"][0], "conflict")
    rows = list(db.query("SELECT user_id, action, consultation_id, detail FROM audit_log WHERE action = 'conflict.declare'"))
    assert rows == [{"user_id": users["expert"][0], "action": "conflict.declare",
                     "consultation_id": case["consultation_id"], "detail": "conflict"}]
    assert conflicts.declaration_of(db, case["consultation_id"], users["expert"][0]) == "conflict"


def test_a_declaration_is_not_stored_when_its_audit_line_cannot_be(db, users, case, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")
    monkeypatch.setattr(conflicts, "write_audit", broken)
    with pytest.raises(RuntimeError):
        declare(db, case["consultation_id"], users["expert"][0])
    assert conflicts.declaration_of(db, case["consultation_id"], users["expert"][0]) is None


def test_a_conflict_cannot_be_turned_into_no_conflict_by_the_member(db, users, case):
    declare(db, case["consultation_id"], users["expert"][0], "conflict")
    with pytest.raises(conflicts.ConflictError) as error:
        declare(db, case["consultation_id"], users["expert"][0], "no_conflict")
    assert error.value.code == "conflict_stays"


def test_no_conflict_can_become_conflict(db, users, case):
    declare(db, case["consultation_id"], users["expert"][0])
    declare(db, case["consultation_id"], users["expert"][0], "conflict")
    assert conflicts.declaration_of(db, case["consultation_id"], users["expert"][0]) == "conflict"


def test_the_coordinator_clears_a_declaration_and_it_is_audit_logged(app, db, users, case):
    declare(db, case["consultation_id"], users["expert"][0], "conflict")
    coordinator = client_of(app, users["coordinator"][1])
    page = coordinator.get(f"/meetings/{case['meeting_id']}/declarations").get_data(as_text=True)
    assert "Esteellisyys" in page  # who declared what: the conflict is shown
    response = coordinator.post(f"/consultations/{case['consultation_id']}/declarations/{users['expert'][0]}/clear",
                                data={"csrf_token": _csrf(page)})
    assert response.status_code == 302
    assert conflicts.declaration_of(db, case["consultation_id"], users["expert"][0]) is None
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'conflict.clear'").fetchone()[0] == 1


def _csrf(html):
    from tests.conftest import csrf_from
    return csrf_from(html)


def test_the_member_declares_on_the_page_from_code_municipality_and_age(app, db, users, case):
    expert = client_of(app, users["expert"][1])
    page = expert.get(f"/consultations/{case['consultation_id']}/declaration").get_data(as_text=True)
    assert "Laukaa" in page and "10 vuotta" in page
    assert not any(secret in page for secret in SECRETS)  # nothing of the material before declaring
    response = expert.post(f"/consultations/{case['consultation_id']}/declaration",
                           data={"declaration": "no_conflict", "csrf_token": _csrf(page)})
    assert response.status_code == 302 and f"/meetings/{case['meeting_id']}/material" in response.location
    assert conflicts.declaration_of(db, case["consultation_id"], users["expert"][0]) == "no_conflict"


def test_the_declaration_page_refuses_a_made_up_declaration(app, users, case):
    expert = client_of(app, users["expert"][1])
    page = expert.get(f"/consultations/{case['consultation_id']}/declaration").get_data(as_text=True)
    response = expert.post(f"/consultations/{case['consultation_id']}/declaration",
                           data={"declaration": "maybe", "csrf_token": _csrf(page)})
    assert response.status_code == 400


# ---- a member with a conflict reaches nothing, by any URL -----------------------------------

def _every_get_url(app, ids):
    """Every GET rule of the app with the case's ids filled in."""
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        values = {name: ids.get(name, "fi" if name == "code" else 0) for name in rule.arguments}
        if any(value == 0 for value in values.values()):
            continue
        yield adapter.build(rule.endpoint, values)


@pytest.mark.parametrize("declaration", ["conflict", None])
def test_a_member_with_a_conflict_or_not_declared_gets_nothing_of_the_case_by_any_url(app, db, users, case,
                                                                                      declaration):
    if declaration:
        declare(db, case["consultation_id"], users["expert"][0], declaration)
    declare(db, case["consultation_id"], case["expert2_id"])  # another member, clear: the case is published
    ids = {"consultation_id": case["consultation_id"], "meeting_id": case["meeting_id"],
           "views_id": case["views_id"], "document_id": case["document_id"], "question_id": "q1",
           "user_id": users["expert"][0], "panel_id": 1}
    expert = client_of(app, users["expert"][1])
    reached = []
    for url in _every_get_url(app, ids):
        response = expert.get(url)
        body = response.get_data()
        if response.status_code == 200 and url.startswith(("/files/", "/views/")):
            reached.append(url)
        if any(secret.encode() in body for secret in SECRETS):
            reached.append(url)
    assert reached == []


def test_a_cleared_member_reaches_the_same_urls(app, db, users, case):
    """The walk above can fail: the same member without a conflict reads the material."""
    declare(db, case["consultation_id"], users["expert"][0])
    expert = client_of(app, users["expert"][1])
    assert expert.get(f"/files/{case['document_id']}").status_code == 200
    assert expert.get(f"/views/{case['views_id']}/drawings/q1.png").status_code == 200
    assert expert.get(f"/consultations/{case['consultation_id']}/views/panel").status_code == 200


def test_the_agenda_shows_the_case_without_its_material_to_a_member_with_a_conflict(app, db, users, case):
    declare(db, case["consultation_id"], users["expert"][0], "conflict")
    page = client_of(app, users["expert"][1]).get("/meetings").get_data(as_text=True)
    code = panel_storage.get_consultation(db, case["consultation_id"])["case_code"]
    assert code in page
    assert f"/consultations/{case['consultation_id']}/views/panel" not in page
    assert "Olet esteellinen" in page


def test_the_agenda_asks_an_undeclared_member_to_declare(app, users, case):
    page = client_of(app, users["expert"][1]).get("/meetings").get_data(as_text=True)
    assert f"/consultations/{case['consultation_id']}/declaration" in page
    assert f"/consultations/{case['consultation_id']}/views/panel" not in page



@pytest.mark.parametrize("declaration", [None, "conflict", "no_conflict"])
def test_the_statement_follows_the_conflict_rule(app, db, users, case, declaration):
    """A member reads the panel's statement only after declaring no conflict."""
    from panel import routes_statement
    expert = SimpleNamespace(id=users["expert"][0], roles={"expert"}, panel_ids=[1], is_authenticated=True)
    if declaration:
        declare(db, case["consultation_id"], expert.id, declaration)
    consultation = panel_storage.get_consultation(db, case["consultation_id"])
    with app.test_request_context():
        import flask_login.utils
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(flask_login.utils, "_get_user", lambda: expert)
            rights = routes_statement.rights_for(consultation)
    assert rights == ({access.STATEMENT_READ} if declaration == "no_conflict" else set())
