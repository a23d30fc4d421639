"""Who may see a child's words (issue 9, items 1–3, 10, 11 and 18): admins
never; the panel only what the child allowed; the worry marker on a
worker-only answer reaches the coordinator at most; the printed summaries say
whom they are for; a consultation never moves to another panel's worker;
pages with a child's words are never cached. The whole route × user matrix
is in test_routes_access.py; the rules themselves in accounts/access.py."""
from datetime import datetime
from types import SimpleNamespace

import pytest

from accounts import access
from panel import storage as panel_storage
from participation import storage
from participation.demo import demo_png
from tests.conftest import csrf_from, declare, login, make_user
from tests.test_tablet import make_code, make_views

PNG = demo_png(20, 10)
# the worker's printed summary, when it holds answers kept for the worker
WORKER_ONLY_HEADER = "Sisältää vastauksia, jotka on tarkoitettu vain sosiaalityöntekijälle – ei asiantuntijaryhmän aineistoksi."
TODAY = "2027-01-10"


def answer(text="", choice=None, visibility="panel"):
    return {"choice": choice, "text": text, "declined": False, "visibility": visibility}


def client_of(app, email):
    client = app.test_client()
    response = login(client, email)
    assert response.status_code == 302 and "/login" not in response.location
    return client


@pytest.fixture
def case(app, db, panel_id, users):
    """A booked consultation of the social worker with a finished child's views:
    q1 for the panel (with a drawing), q2 the worker's only and marked worrying."""
    app.config["TODAY"] = TODAY
    meeting_id = panel_storage.create_meeting(db, panel_id, datetime(2027, 1, 29, 9), datetime(2027, 1, 29, 11, 30),
                                              capacity=3)
    worker_id = users["social_worker"][0]
    consultation_id = panel_storage.book_consultation(
        db, meeting_id=meeting_id, social_worker_id=worker_id, created_by=worker_id, child_age=10,
        background="Taustan salainen kuvaus.", questions=["Mitä tehdään?"], today=TODAY,
        closes_days_before=14)
    views_id = make_views(db, consultation_id)
    storage.save_answer(db, views_id, "q1", answer("Ryhmälle sallittu toive"))
    storage.save_drawing(db, views_id, "q1", PNG)
    storage.save_answer(db, views_id, "q2", answer("Vain sosiaalityöntekijälle kerrottu huoli", "yes", "worker"))
    storage.set_worry(db, views_id, "q2", True)
    storage.finish(db, views_id)
    declare(db, consultation_id, users["expert"][0])  # the expert member has no conflict of interest
    return {"consultation_id": consultation_id, "views_id": views_id, "meeting_id": meeting_id}


# ---- the rules, without Flask -----------------------------------------------------------

def person(roles, panels=(1,), user_id=7):
    return SimpleNamespace(id=user_id, roles=set(roles), panel_ids=list(panels))


CONSULTATION = {"panel_id": 1, "social_worker_id": 7}


def test_an_admin_role_opens_nothing_of_a_consultation_even_in_the_panel():
    admin = person(["admin"], user_id=8)
    assert not access.sees_case(admin, CONSULTATION)
    assert not access.sees_panel_material(admin, CONSULTATION)
    assert not access.sees_worker_only_worry(admin, CONSULTATION)
    assert not access.is_consultations_worker(admin, CONSULTATION)


def test_the_worker_loses_the_case_on_leaving_the_panel_or_the_role():
    assert access.is_consultations_worker(person(["social_worker"]), CONSULTATION)
    assert not access.is_consultations_worker(person(["social_worker"], panels=()), CONSULTATION)
    assert not access.is_consultations_worker(person(["coordinator"]), CONSULTATION)


def test_experts_see_the_panel_material_but_not_the_case_nor_a_worker_only_worry():
    expert = person(["expert"], user_id=9)
    assert access.sees_panel_material(expert, CONSULTATION)
    assert not access.sees_case(expert, CONSULTATION)
    assert not access.sees_worker_only_worry(expert, CONSULTATION)
    assert access.sees_worker_only_worry(person(["coordinator"], user_id=9), CONSULTATION)


def test_anonymous_users_have_no_rule():
    anonymous = SimpleNamespace()
    assert not access.sees_case(anonymous, CONSULTATION) and not access.sees_panel_material(anonymous, CONSULTATION)


# ---- item 1: admins never read or write a child's words ------------------------------------

def test_admins_cannot_read_the_views_summary_or_drawings(app, users, case):
    admin = client_of(app, users["admin"][1])
    views_id = case["views_id"]
    for url in (f"/views/{views_id}", f"/views/{views_id}/summary", f"/views/{views_id}/drawings/q1.png",
                f"/consultations/{case['consultation_id']}/views",
                f"/consultations/{case['consultation_id']}/views/panel"):
        response = admin.get(url)
        assert response.status_code in (403, 404), url
        assert "Ryhmälle sallittu toive" not in response.get_data(as_text=True)


def test_admins_cannot_read_a_consultations_background(app, users, case):
    response = client_of(app, users["admin"][1]).get(f"/consultations/{case['consultation_id']}")
    assert response.status_code == 403
    assert "Taustan salainen kuvaus" not in response.get_data(as_text=True)


def test_an_admin_in_the_panel_still_cannot_read_the_views(app, db, panel_id, case):
    make_user(db, "admin-in-panel@example.fi", ["admin"], [panel_id])
    admin = client_of(app, "admin-in-panel@example.fi")
    assert admin.get(f"/views/{case['views_id']}").status_code == 403
    assert admin.get(f"/views/{case['views_id']}/drawings/q1.png").status_code == 404


def test_admins_cannot_autosave_a_childs_answer(app, db, users, case):
    draft = make_views(db, case["consultation_id"])
    admin = client_of(app, users["admin"][1])
    token = csrf_from(admin.get("/account/password").get_data(as_text=True))
    response = admin.post(f"/views/{draft}/autosave", headers={"X-CSRFToken": token},
                          json={"question": "q1", "text": "Pääkäyttäjän teksti", "visibility": "panel"})
    assert response.status_code in (403, 404)
    assert storage.get_views(db, draft)["answers"] == {}


def test_admins_cannot_make_a_tablet_code_nor_cancel_the_workers(app, db, users, case):
    draft = make_views(db, case["consultation_id"])
    _code, code_id = make_code(db, case["consultation_id"], draft, users["social_worker"][0])
    admin = client_of(app, users["admin"][1])
    token = csrf_from(admin.get("/account/password").get_data(as_text=True))
    made = admin.post(f"/consultations/{case['consultation_id']}/views/{draft}/tablet-code", data={"csrf_token": token})
    cancelled = admin.post(f"/tablet-codes/{code_id}/cancel", data={"csrf_token": token})
    assert made.status_code == 403 and cancelled.status_code == 403
    assert db["tablet_codes"].count == 1 and db["tablet_codes"].get(code_id)["cancelled_at"] is None


def test_the_admins_navigation_has_the_administration_only(app, users):
    html = client_of(app, users["admin"][1]).get("/admin/users").get_data(as_text=True)
    nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/admin/users"' in nav and 'href="/admin/panels"' in nav and 'href="/admin/audit"' in nav
    assert 'href="/meetings"' not in nav and "/consultations" not in nav


# ---- item 2: the worry marker on a worker-only answer --------------------------------------

def test_experts_do_not_see_the_marker_of_a_worker_only_answer(app, users, case):
    expert = client_of(app, users["expert"][1])
    meetings = expert.get("/meetings").get_data(as_text=True)
    material = expert.get(f"/consultations/{case['consultation_id']}/views/panel").get_data(as_text=True)
    assert "vaatii huomiota" not in meetings and "vaatii huomiota" not in material
    assert "Ryhmälle sallittu toive" in material


def test_the_coordinator_sees_the_marker_of_a_worker_only_answer_but_not_the_answer(app, users, case):
    coordinator = client_of(app, users["coordinator"][1])
    meetings = coordinator.get("/meetings").get_data(as_text=True)
    material = coordinator.get(f"/consultations/{case['consultation_id']}/views/panel").get_data(as_text=True)
    assert "Lapsen näkemykset: vaatii huomiota" in meetings
    assert "vaatii huomiota" in material and "Vain sosiaalityöntekijälle kerrottu huoli" not in material


def test_experts_see_the_marker_of_an_answer_allowed_for_the_panel(app, db, users, case):
    views_id = make_views(db, case["consultation_id"])
    storage.save_answer(db, views_id, "q2", answer("Ryhmä saa tietää huolen", "yes", "panel"))
    storage.set_worry(db, views_id, "q2", True)
    storage.finish(db, views_id)
    assert "vaatii huomiota" in client_of(app, users["expert"][1]).get("/meetings").get_data(as_text=True)


@pytest.mark.parametrize("lang, told", [
    ("fi", "koordinaattori näkee merkinnän kokouksen esityslistalla mutta ei itse vastausta. "
           "Asiantuntijajäsenet eivät näe kumpaakaan."),
    ("sv", "koordinatorn ser markeringen på mötets föredragningslista men inte svaret. "
           "Expertmedlemmarna ser ingetdera."),
    ("en", "the coordinator sees the marker on the meeting's agenda, but not the answer. "
           "The expert members see neither."),
])
def test_the_worker_is_told_truthfully_who_sees_the_marker(app, users, case, lang, told):
    worker = client_of(app, users["social_worker"][1])
    worker.get(f"/language/{lang}")
    page = worker.get(f"/views/{case['views_id']}").get_data(as_text=True)
    assert told in page.replace("&#39;", "'")
    marked = worker.post(f"/views/{case['views_id']}/worry", data={"csrf_token": csrf_from(page), "on": "1"},
                         follow_redirects=True).get_data(as_text=True)
    assert told in marked.replace("&#39;", "'")


# ---- item 3: the printed summaries ---------------------------------------------------------

def test_the_workers_summary_says_it_holds_answers_only_for_the_social_worker(app, users, case):
    html = client_of(app, users["social_worker"][1]).get(f"/views/{case['views_id']}/summary").get_data(as_text=True)
    assert WORKER_ONLY_HEADER in html
    assert "Vain sosiaalityöntekijälle kerrottu huoli" in html
    assert f'href="/views/{case["views_id"]}/summary/panel"' in html


def test_a_summary_without_worker_only_answers_has_no_such_header(app, db, users, case):
    views_id = make_views(db, case["consultation_id"])
    storage.save_answer(db, views_id, "q1", answer("Kaikille"))
    html = client_of(app, users["social_worker"][1]).get(f"/views/{views_id}/summary").get_data(as_text=True)
    assert "Kaikille" in html and WORKER_ONLY_HEADER not in html


def test_the_panels_summary_holds_only_what_was_allowed_and_is_linked_from_the_record(app, users, case):
    worker = client_of(app, users["social_worker"][1])
    assert f'href="/views/{case["views_id"]}/summary/panel"' in worker.get(f"/views/{case['views_id']}").get_data(
        as_text=True)
    for client in (worker, client_of(app, users["expert"][1])):
        response = client.get(f"/views/{case['views_id']}/summary/panel")
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Ryhmälle sallittu toive" in html and f"/views/{case['views_id']}/drawings/q1.png" in html
        assert "Vain sosiaalityöntekijälle kerrottu huoli" not in html and WORKER_ONLY_HEADER not in html


def test_the_panel_reads_the_panels_summary_only_when_finished_and_other_workers_never(app, db, panel_id, users,
                                                                                         case):
    draft = make_views(db, case["consultation_id"])
    assert client_of(app, users["expert"][1]).get(f"/views/{draft}/summary/panel").status_code == 404
    assert client_of(app, users["social_worker"][1]).get(f"/views/{draft}/summary/panel").status_code == 200
    make_user(db, "colleague@example.fi", ["social_worker"], [panel_id])
    assert client_of(app, "colleague@example.fi").get(f"/views/{case['views_id']}/summary/panel").status_code == 403


# ---- item 10: a consultation stays with its own panel's social workers -----------------------

@pytest.fixture
def two_panels(app, db, panel_id, other_panel_id, users, case):
    """A coordinator of both panels and a social worker of the other panel."""
    make_user(db, "both@example.fi", ["coordinator"], [panel_id, other_panel_id])
    stranger = make_user(db, "stranger@example.fi", ["social_worker"], [other_panel_id], name="Vieras Työntekijä")
    return {"coordinator": client_of(app, "both@example.fi"), "stranger": stranger}


def test_the_edit_form_lists_only_the_consultations_panels_social_workers(two_panels, case):
    html = two_panels["coordinator"].get(f"/consultations/{case['consultation_id']}/edit").get_data(as_text=True)
    assert "Social_Worker" in html and "Vieras Työntekijä" not in html


def test_editing_cannot_give_the_consultation_to_another_panels_worker(db, users, two_panels, case):
    client = two_panels["coordinator"]
    url = f"/consultations/{case['consultation_id']}/edit"
    data = {"csrf_token": csrf_from(client.get(url).get_data(as_text=True)), "meeting_id": case["meeting_id"],
            "question_1": "Mitä tehdään?", "child_age": "10", "background": "Tausta.",
            "social_worker_id": two_panels["stranger"]}
    assert client.post(url, data=data).status_code == 400
    assert panel_storage.get_consultation(db, case["consultation_id"])["social_worker_id"] == users["social_worker"][0]


def test_storage_refuses_another_panels_worker(db, users, two_panels, case):
    with pytest.raises(panel_storage.BookingError) as refused:
        panel_storage.update_consultation(db, case["consultation_id"], actor_id=users["coordinator"][0], child_age=10,
                                          background="Tausta.", questions=["Mitä?"],
                                          social_worker_id=two_panels["stranger"], today=TODAY,
                                          closes_days_before=14)
    assert refused.value.code == "worker_not_in_panel"
    assert panel_storage.get_consultation(db, case["consultation_id"])["social_worker_id"] == users["social_worker"][0]


# ---- item 11: my consultations are those of my panels -----------------------------------------

def test_my_consultations_leaves_out_panels_the_worker_has_left(app, db, users, other_panel_id, case):
    from accounts import storage as accounts_storage
    worker_id, email = users["social_worker"]
    row = accounts_storage.get_user(db, worker_id)
    accounts_storage.update_user(db, worker_id, row["email"], row["name"], row["roles"], [other_panel_id])
    code = panel_storage.get_consultation(db, case["consultation_id"])["case_code"]
    html = client_of(app, email).get("/consultations/mine").get_data(as_text=True)
    assert code not in html


# ---- item 18: never cached ------------------------------------------------------------------

def test_pages_with_a_childs_words_or_a_cases_background_are_never_cached(app, users, case):
    worker = client_of(app, users["social_worker"][1])
    coordinator = client_of(app, users["coordinator"][1])
    views_id, consultation_id = case["views_id"], case["consultation_id"]
    for client, url in ((worker, f"/views/{views_id}"), (worker, f"/views/{views_id}/summary"),
                        (worker, f"/views/{views_id}/summary/panel"), (worker, f"/consultations/{consultation_id}/views"),
                        (worker, f"/consultations/{consultation_id}"), (worker, f"/consultations/{consultation_id}/edit"),
                        (coordinator, f"/consultations/{consultation_id}/views/panel"),
                        (coordinator, f"/consultations/{consultation_id}"), (coordinator, "/meetings")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.headers.get("Cache-Control", ""), url


# ---- the privacy notice says who sees what ---------------------------------------------------

@pytest.mark.parametrize("lang, says", [
    ("fi", ["He eivät koskaan näe lasten ja vanhempien vastauksia", "koordinaattori näkee merkinnän",
            "Asiantuntijajäsenet näkevät", "sosiaalityöntekijän huolimerkinnän tällaisessa vastauksessa"]),
    ("sv", ["De ser aldrig barns och föräldrars svar", "ser koordinatorn markeringen",
            "Expertgruppens expertmedlemmar ser", "med socialarbetarens oromarkering på ett sådant svar"]),
    ("en", ["They never see the answers or drawings of children and parents", "the coordinator sees the marker",
            "The panel's expert members see", "with the social worker's worry marker on such an answer"]),
])
def test_the_privacy_notice_says_who_sees_what(client, lang, says):
    client.get(f"/language/{lang}")
    html = client.get("/privacy").get_data(as_text=True).replace("&#39;", "'")
    for words in says:
        assert words in html
