"""The staff's survey pages (issue 12): the requests list and the notice on the
start page, answering once with no read-back, bad input, the coordinator's
response rates and yearly round, and the worker's family feedback codes."""
import pytest

from participation import tablet_codes
from participation.tablet_staff import qr_svg
from surveys import requests, storage
from tests import dom
from tests.conftest import csrf_from, login
from tests.test_tablet import make_consultation, make_views

TODAY = "2027-02-10"


@pytest.fixture
def app(app):
    app.config["TODAY"] = TODAY
    return app


@pytest.fixture
def opened(app, db, panel_id, users):
    """A finalised statement's requests: the social worker's and the expert's."""
    worker, expert = users["social_worker"][0], users["expert"][0]
    meeting_id = db["meetings"].insert({"panel_id": panel_id, "starts_at": "2027-01-29T09:00",
                                        "ends_at": "2027-01-29T11:30"}).last_pk
    consultation_id = make_consultation(db, panel_id, worker, case_code="KS-2027-007")
    db["consultations"].update(consultation_id, {"meeting_id": meeting_id})
    with app.app_context():
        professional, expert_request = requests.open_after_statement(
            db, consultation_id=consultation_id, meeting_id=meeting_id, social_worker_id=worker,
            present_member_ids=[expert])
    return {"professional": professional, "expert": expert_request, "consultation_id": consultation_id,
            "meeting_id": meeting_id}


def form_page(client, request_id):
    return client.get(f"/feedback/requests/{request_id}")


def send(client, request_id, **fields):
    token = csrf_from(form_page(client, request_id).get_data(as_text=True))
    return client.post(f"/feedback/requests/{request_id}", data={"csrf_token": token, **fields})


def text_of(response):
    return " ".join(response.get_data(as_text=True).split())


# ---- the requests, after login -----------------------------------------------------------------

def test_the_social_worker_sees_the_notice_on_the_start_page_and_the_request_in_the_list(client, opened, login_as):
    login_as("social_worker")
    start = client.get(client.get("/home").headers["Location"])
    notice = dom.find(start.get_data(as_text=True), "aside", class_="survey-notice")
    assert notice is not None and "1 palautepyyntö" in notice.text
    listing = client.get("/feedback/requests").get_data(as_text=True)
    link = dom.find(listing, "a", href=f"/feedback/requests/{opened['professional']}")
    assert link is not None and "KS-2027-007" in link.text


def test_the_expert_member_sees_the_meetings_request(client, opened, login_as):
    login_as("expert")
    start = client.get("/meetings").get_data(as_text=True)
    assert dom.find(start, "aside", class_="survey-notice") is not None
    listing = client.get("/feedback/requests").get_data(as_text=True)
    assert dom.find(listing, "a", href=f"/feedback/requests/{opened['expert']}") is not None
    assert dom.find(listing, "a", href=f"/feedback/requests/{opened['professional']}") is None


def test_no_notice_without_open_requests(client, opened, login_as):
    login_as("coordinator")
    assert dom.find(client.get("/meetings").get_data(as_text=True), "aside", class_="survey-notice") is None


def test_the_notice_is_only_on_the_start_pages(client, opened, login_as):
    login_as("social_worker")
    assert dom.find(client.get("/account/password").get_data(as_text=True), "aside", class_="survey-notice") is None
    assert dom.find(client.get("/meetings").get_data(as_text=True), "aside", class_="survey-notice") is not None


def test_the_form_says_before_answering_that_it_is_anonymous_and_cannot_be_read_back(client, opened, login_as):
    login_as("social_worker")
    page = form_page(client, opened["professional"])
    html = text_of(page)
    assert page.status_code == 200 and page.headers["Cache-Control"].startswith("no-store")
    assert "Palaute on nimetön" in html and "ei voi jälkeenpäin lukea eikä muuttaa" in html
    assert "Miten asiantuntijaryhmä mielestäsi toimi tässä konsultaatiossa?" in html
    assert "KS-2027-007" in html
    form = dom.find(page.get_data(as_text=True), "form", class_="survey-form")
    assert form.get("autocomplete") == "off"
    names = [i.get("name") or "" for i in dom.find_all(page.get_data(as_text=True), "input")]
    assert not [n for n in names if n.endswith("-declined")]  # a question is skipped by leaving it
    assert dom.find(page.get_data(as_text=True), "textarea", name="q-do_differently-text").get("maxlength") == "2000"


def test_the_page_shows_the_surveys_in_the_page_language(client, opened, login_as):
    client.get("/language/sv")
    login_as("social_worker")
    html = text_of(form_page(client, opened["professional"]))
    assert "Hur tycker du att expertgruppen fungerade i den här konsultationen?" in html
    assert "Helt av samma åsikt" in html and "Kan inte säga" in html


def test_sending_stores_one_anonymous_response_and_nothing_can_be_read_back(client, db, opened, login_as):
    login_as("social_worker")
    response = send(client, opened["professional"], **{"q-works_well-choice": "4", "q-retention-choice": "dont_know",
                                                       "q-do_differently-text": "Selkeämmät suositukset."})
    assert response.status_code == 302 and response.headers["Location"].endswith("/feedback/requests")
    rows = list(db.query("SELECT question_id, choice, text FROM survey_answers ORDER BY question_id"))
    assert rows == [{"question_id": "do_differently", "choice": None, "text": "Selkeämmät suositukset."},
                    {"question_id": "retention", "choice": "dont_know", "text": ""},
                    {"question_id": "works_well", "choice": "4", "text": ""}]
    assert db.execute("SELECT period, respondent_group FROM survey_responses").fetchall() == [("2027-02", "professional")]
    # no read-back: the request is closed, and nothing of the answer is on any page
    again = form_page(client, opened["professional"])
    assert again.status_code == 410 and "Selkeämmät" not in again.get_data(as_text=True)
    listing = client.get("/feedback/requests").get_data(as_text=True)
    assert "Selkeämmät" not in listing and f"/feedback/requests/{opened['professional']}" not in listing


def test_a_skipped_question_is_not_stored(client, db, opened, login_as):
    login_as("social_worker")
    assert send(client, opened["professional"], **{"q-competence-choice": "5", "q-do_differently-text": "  "}
                ).status_code == 302
    assert [r[0] for r in db.execute("SELECT question_id FROM survey_answers")] == ["competence"]


def test_an_empty_submit_stores_nothing_and_keeps_the_request_open(client, db, opened, login_as):
    login_as("social_worker")
    response = send(client, opened["professional"])
    assert response.status_code == 400 and "Vastaa ainakin yhteen kysymykseen" in text_of(response)
    assert db["survey_responses"].count == 0 and storage.get_request(db, opened["professional"])["used"] == 0


@pytest.mark.parametrize("fields, message", [
    ({"q-works_well-choice": "6"}, "Valitse yksi vaihtoehdoista."),
    ({"q-works_well-choice": "yes"}, "Valitse yksi vaihtoehdoista."),
    ({"q-works_well-choice": "4", "q-do_differently-text": "x" * 2001}, "enintään 2 000 merkkiä"),
])
def test_bad_input_is_refused_beside_its_question_and_nothing_is_stored(client, db, opened, login_as, fields, message):
    login_as("social_worker")
    response = send(client, opened["professional"], **fields)
    assert response.status_code == 400 and message in text_of(response)
    assert db["survey_responses"].count == 0 and storage.get_request(db, opened["professional"])["used"] == 0


def test_two_thousand_characters_are_accepted(client, db, opened, login_as):
    login_as("social_worker")
    assert send(client, opened["professional"], **{"q-do_differently-text": "y" * 2000}).status_code == 302
    assert len(db.execute("SELECT text FROM survey_answers").fetchone()[0]) == 2000


def test_a_double_submit_stores_one_response(client, db, opened, login_as):
    login_as("social_worker")
    token = csrf_from(form_page(client, opened["professional"]).get_data(as_text=True))
    data = {"csrf_token": token, "q-works_well-choice": "4"}
    assert client.post(f"/feedback/requests/{opened['professional']}", data=data).status_code == 302
    second = client.post(f"/feedback/requests/{opened['professional']}", data=data)
    assert second.status_code == 410 and "Tähän pyyntöön on jo annettu palaute" in text_of(second)
    assert db["survey_responses"].count == 1


def test_an_expired_request_gets_a_clear_page_and_stores_nothing(app, client, db, opened, login_as):
    login_as("social_worker")
    token = csrf_from(form_page(client, opened["professional"]).get_data(as_text=True))
    app.config["TODAY"] = "2027-03-13"  # 31 days later
    response = client.post(f"/feedback/requests/{opened['professional']}",
                           data={"csrf_token": token, "q-works_well-choice": "4"})
    assert response.status_code == 410 and "vastaamisen aika on päättynyt" in text_of(response)
    assert db["survey_responses"].count == 0


def test_another_persons_request_is_not_found(client, db, opened, login_as):
    login_as("expert")
    assert form_page(client, opened["professional"]).status_code == 404
    assert client.get("/feedback/requests/99999").status_code == 404


def test_a_request_url_carries_only_its_id(client, opened, login_as):
    login_as("social_worker")
    listing = client.get("/feedback/requests").get_data(as_text=True)
    hrefs = [a.get("href") for a in dom.find_all(listing, "a") if "/feedback/requests/" in (a.get("href") or "")]
    assert hrefs == [f"/feedback/requests/{opened['professional']}"]


# ---- the coordinator ---------------------------------------------------------------------------------

def test_the_coordinator_sees_the_response_rate_and_not_the_answers(client, db, opened, login_as):
    storage.submit(db, opened["professional"], {"works_well": storage_answer("4", "Salainen kommentti")},
                   requests.calendar.as_date(TODAY))
    login_as("coordinator")
    page = client.get("/feedback/")
    html = text_of(page)
    assert page.status_code == 200 and page.headers["Cache-Control"].startswith("no-store")
    rows = [r.text for r in dom.find_all(page.get_data(as_text=True), "tr")]
    assert any("Helmikuu 2027" in r and "Sosiaalityöntekijät" in r and "1 1 100 %" in r for r in rows), rows
    assert any("Asiantuntijajäsenet" in r and "1 0 0 %" in r and "15.3.2027 alkaen" in r for r in rows), rows
    assert "Salainen" not in html


def storage_answer(choice, text=""):
    from questionnaire.answers import Answer
    return Answer(choice=choice, text=text)


def test_the_coordinator_sends_the_yearly_survey_once(client, db, users, login_as, panel_id):
    login_as("coordinator")
    token = csrf_from(client.get("/feedback/").get_data(as_text=True))
    response = client.post("/feedback/rounds", data={"csrf_token": token, "panel_id": str(panel_id)})
    assert response.status_code == 302
    assert db["survey_requests"].count == 2  # the panel's expert member and social worker
    assert "Tämän vuoden kysely lähetettiin" in text_of(client.get("/feedback/"))
    client.post("/feedback/rounds", data={"csrf_token": token, "panel_id": str(panel_id)})
    assert db["survey_requests"].count == 2 and db["survey_rounds"].count == 1
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE action LIKE 'survey%'")]
    assert actions == ["survey.round_sent"]


@pytest.mark.parametrize("panel", ["abc", "99999", ""])
def test_a_round_for_no_panel_of_the_coordinators_is_refused(client, db, login_as, panel, other_panel_id):
    login_as("coordinator")
    token = csrf_from(client.get("/feedback/").get_data(as_text=True))
    panel = str(other_panel_id) if panel == "99999" else panel
    response = client.post("/feedback/rounds", data={"csrf_token": token, "panel_id": panel})
    assert response.status_code in (400, 404) and db["survey_rounds"].count == 0


# ---- the worker's family feedback codes -----------------------------------------------------------

@pytest.fixture
def family(app, db, opened):
    child = make_views(db, opened["consultation_id"], "7-12")
    with app.app_context():
        request_id = requests.open_family_feedback(db, consultation_id=opened["consultation_id"], views_ids=[child])[0]
    return dict(opened, child=child, family_request=request_id)


def test_the_worker_makes_a_family_code_shown_once_with_a_qr_and_stored_hashed(client, db, family, login_as):
    login_as("social_worker")
    listing = client.get("/feedback/requests").get_data(as_text=True)
    assert dom.find(listing, "a", href=f"/feedback/consultations/{family['consultation_id']}") is not None
    page = client.get(f"/feedback/consultations/{family['consultation_id']}")
    assert page.status_code == 200 and "Lapsi 1" in text_of(page)
    response = client.post(f"/feedback/family/{family['family_request']}/code",
                           data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"].startswith("no-store")
    shown = dom.find(html, class_="tablet-code-page__code").text
    code = tablet_codes.normalise(shown)
    assert code and dom.find(html, class_="tablet-qr") is not None
    row = db.execute("SELECT code_hash FROM survey_codes").fetchone()
    assert row[0] == tablet_codes.hash_code("test-secret", code) and code not in row[0]
    assert qr_svg(f"http://localhost/feedback/t#code={shown}") in html  # the code in the fragment, never sent
    # the start-here form posts the code in its body, to the feedback start page
    start_here = dom.find(html, "form", class_="survey-start-here")
    assert start_here.get("action") == "/feedback/t" and dom.field_value(html, "code") == shown
    assert [a[0] for a in db.execute("SELECT action FROM audit_log WHERE action LIKE 'survey%'")] == [
        "survey.code_created"]


def test_only_the_consultations_worker_makes_family_codes(client, db, family, login_as, panel_id):
    from tests.conftest import make_user
    make_user(db, "colleague@example.fi", ["social_worker"], [panel_id])
    login(client, "colleague@example.fi")
    assert client.get(f"/feedback/consultations/{family['consultation_id']}").status_code == 403
    token = csrf_from(client.get("/feedback/requests").get_data(as_text=True))
    assert client.post(f"/feedback/family/{family['family_request']}/code",
                       data={"csrf_token": token}).status_code == 403
    assert client.post(f"/feedback/family/{family['professional']}/code", data={"csrf_token": token}).status_code == 404
    assert db["survey_codes"].count == 0
