"""A child's or parent's feedback on a tablet (issue 12): the code starts a
session of its own that reaches only its screens, nothing is stored until
"send", one response is stored then, and the tablet forgets (hand-back)."""
import time

import pytest

from participation import tablet_codes
from surveys import requests, storage
from surveys.tablet import FEEDBACK_COOKIE
from tests import dom
from tests.conftest import csrf_from
from tests.test_tablet import make_consultation, make_views, start_tablet

SECRET = "test-secret"


@pytest.fixture
def family(app, db, panel_id, users):
    """A consultation with a 7–12 child's feedback request and a code for it."""
    worker = users["social_worker"][0]
    consultation_id = make_consultation(db, panel_id, worker)
    views_id = make_views(db, consultation_id, "7-12")
    with app.app_context():
        request_id = requests.open_family_feedback(db, consultation_id=consultation_id, views_ids=[views_id])[0]
    return {"worker": worker, "consultation_id": consultation_id, "views_id": views_id, "request_id": request_id}


def new_code(db, family, ttl=24 * 3600, now=None):
    code = tablet_codes.new_code()
    code_id = storage.create_code(db, tablet_codes.hash_code(SECRET, code), family["request_id"], family["worker"],
                                  time.time() if now is None else now, ttl)
    return code, code_id


def start(client, code, lang="fi"):
    page = client.get("/feedback/t")
    return client.post("/feedback/t", data={"code": code, "lang": lang,
                                            "csrf_token": csrf_from(page.get_data(as_text=True))})


@pytest.fixture
def answering(client, db, family):
    code, code_id = new_code(db, family)
    response = start(client, code)
    assert response.status_code == 302 and response.headers["Location"].endswith("/feedback/t/answer")
    return dict(family, code=code, code_id=code_id)


def send(client, **fields):
    token = csrf_from(client.get("/feedback/t/answer").get_data(as_text=True))
    return client.post("/feedback/t/finish", data={"csrf_token": token, **fields})


def test_the_start_page_asks_for_the_code_and_the_language(client):
    response = client.get("/feedback/t?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"].startswith("no-store")
    assert dom.html_lang(html) == "en" and dom.find(html, "input", name="code").get("autocomplete") == "off"


def test_a_code_starts_a_session_in_the_chosen_language(client, db, family):
    code, _ = new_code(db, family)
    response = start(client, tablet_codes.display(code).lower(), lang="sv")
    assert response.status_code == 302 and client.get_cookie(FEEDBACK_COOKIE) is not None
    assert db["survey_sessions"].count == 1 and db["survey_codes"].get(1)["redeemed"] == 1
    page = client.get("/feedback/t/answer")
    assert dom.html_lang(page.get_data(as_text=True)) == "sv" and "Hur kändes det?" in page.get_data(as_text=True)


@pytest.mark.parametrize("kind", ["forged", "used", "expired", "cancelled", "request used"])
def test_a_forged_used_expired_or_cancelled_code_is_refused_and_starts_nothing(client, db, family, kind):
    code, code_id = new_code(db, family, ttl=-1 if kind == "expired" else 3600)
    if kind == "forged":
        code = "ABCD-EFGH"
    elif kind == "used":
        assert start(client.application.test_client(), code).status_code == 302
    elif kind == "cancelled":
        storage.cancel_code(db, code_id, time.time(), family["worker"])
    elif kind == "request used":
        db.execute("UPDATE survey_requests SET used = 1")
    sessions = db["survey_sessions"].count
    response = start(client, code)
    assert response.status_code == 400 and "Tämä koodi ei toimi" in response.get_data(as_text=True)
    assert db["survey_sessions"].count == sessions and client.get_cookie(FEEDBACK_COOKIE) is None


def test_wrong_feedback_codes_count_in_the_tablets_throttle(app, client, db, family):
    app.config["TABLET_MAX_FAILURES_PER_ADDRESS"] = 2
    for _ in range(2):
        assert start(client, "ABCD-EFGH").status_code == 400
    code, _ = new_code(db, family)
    assert start(client, code).status_code == 429
    assert {r[0] for r in db.execute("SELECT scope FROM throttle_attempts")} == {"tablet"}
    # and the child's-views tablet start page is held back too: the same allowance
    assert start_tablet(client, "ABCD-EFGH").status_code == 429


def test_a_feedback_session_reaches_only_its_own_screens(client, answering):
    for path in ("/home", "/meetings", "/t", "/feedback/requests", f"/consultations/{answering['consultation_id']}",
                 "/feedback/", "/privacy"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Tällä tabletilla voit vain antaa oman palautteesi." in response.get_data(as_text=True)
    assert client.get("/feedback/t/answer").status_code == 200


def test_starting_a_feedback_session_ends_a_staff_login_on_the_server_too(client, db, family, login_as):
    login_as("social_worker")
    code, _ = new_code(db, family)
    assert start(client, code).status_code == 302
    assert db["login_sessions"].count == 0
    client.delete_cookie(FEEDBACK_COOKIE)
    assert client.get("/consultations/mine").status_code == 302  # to the login page


def test_the_screens_store_nothing_until_send_then_one_response_and_the_tablet_forgets(client, db, answering):
    before = {t: db[t].count for t in ("survey_responses", "survey_answers", "audit_log")}
    page = client.get("/feedback/t/answer")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"].startswith("no-store")
    assert "116 111" in html  # the explanation: anonymous, and where to turn
    assert len(dom.find_all(html, "section", class_="feedback-screen")) == 6  # intro, 3 faces, words, the end
    assert dom.find(html, "input", name="q-felt_heard-choice", value="3") is not None
    assert len(dom.find_all(html, "svg", class_="scale-face")) == 9  # three faces with words, three questions
    assert dom.find(html, "form", action="/feedback/t/finish") is not None
    assert {t: db[t].count for t in before} == before
    response = send(client, **{"q-felt_heard-choice": "3", "q-understood-choice": "dont_know",
                               "q-anything_else-text": "Kiva kun kysyttiin."})
    assert response.status_code == 302 and "/feedback/t/thanks" in response.headers["Location"]
    assert "cookies" in response.headers["Clear-Site-Data"]
    answers = sorted(tuple(r) for r in db.execute("SELECT question_id, choice, text FROM survey_answers"))
    assert answers == [("anything_else", None, "Kiva kun kysyttiin."), ("felt_heard", "3", ""),
                       ("understood", "dont_know", "")]  # good_to_tell was skipped: not stored
    assert db.execute("SELECT survey_id, respondent_group FROM survey_responses").fetchall() == [
        ("feedback-child-7-12", "child")]
    assert db["survey_sessions"].count == 0 and storage.get_request(db, answering["request_id"])["used"] == 1
    assert db["audit_log"].count == before["audit_log"]  # answering is not written down anywhere
    thanks = client.get(response.headers["Location"])
    assert "Kiitos palautteestasi!" in thanks.get_data(as_text=True)
    assert client.get("/feedback/t/answer").status_code == 302  # the session is gone


def test_a_choice_not_on_the_scale_is_refused_on_its_own_screen_and_nothing_is_stored(client, db, answering):
    response = send(client, **{"q-felt_heard-choice": "2", "q-understood-choice": "5"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Valitse yksi vaihtoehdoista." in html
    assert dom.find(html, "form", action="/feedback/t/finish").get("data-current") == "2"  # the understood screen
    assert dom.find(html, "input", name="q-felt_heard-choice", value="2").get("checked") is not None
    assert db["survey_responses"].count == 0 and db["survey_sessions"].count == 1
    assert send(client, **{"q-felt_heard-choice": "2", "q-understood-choice": "3"}).status_code == 302
    assert db["survey_responses"].count == 1


def test_the_idle_end_stores_nothing_and_the_code_cannot_start_again(client, db, answering):
    token = csrf_from(client.get("/feedback/t/answer").get_data(as_text=True))
    response = client.post("/feedback/t/timeout", data={"csrf_token": token})
    assert response.status_code == 302 and "reason=idle" in response.headers["Location"]
    assert db["survey_sessions"].count == 0 and db["survey_responses"].count == 0
    assert storage.get_request(db, answering["request_id"])["used"] == 0
    assert start(client.application.test_client(), answering["code"]).status_code == 400


def test_a_quiet_session_ends_by_itself(app, client, db, answering):
    db.execute("UPDATE survey_sessions SET last_seen = last_seen - 100000")
    assert client.get("/feedback/t/answer").status_code == 302
    assert db["survey_sessions"].count == 0


def test_a_cancelled_code_ends_its_session(client, db, answering):
    storage.cancel_code(db, answering["code_id"], time.time(), answering["worker"])
    assert client.get("/feedback/t/answer").status_code == 302


def test_the_worker_starts_the_feedback_at_once_on_this_device(client, db, family, login_as):
    login_as("social_worker")
    page = client.get(f"/feedback/consultations/{family['consultation_id']}")
    code_page = client.post(f"/feedback/family/{family['request_id']}/code",
                            data={"csrf_token": csrf_from(page.get_data(as_text=True))}).get_data(as_text=True)
    form = dom.find(code_page, "form", class_="survey-start-here")
    data = {i.get("name"): i.get("value") for i in form.find_all("input")}
    response = client.post(form.get("action"), data=dict(data, lang="en"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/feedback/t/answer")
    assert db["login_sessions"].count == 0  # the worker's login ended
    assert dom.html_lang(client.get("/feedback/t/answer").get_data(as_text=True)) == "en"


def test_the_workers_page_follows_the_codes_state(client, db, family, login_as):
    login_as("social_worker")
    code, code_id = new_code(db, family)
    url = f"/feedback/consultations/{family['consultation_id']}"
    assert "Koodi tehty, ei vielä käytetty" in client.get(url).get_data(as_text=True)
    tablet = client.application.test_client()
    start(tablet, code)
    assert "Vastaa parhaillaan" in client.get(url).get_data(as_text=True)
    send(tablet, **{"q-felt_heard-choice": "2"})
    page = client.get(url).get_data(as_text=True)
    assert "Palaute annettu" in page and "Tee uusi koodi" not in page
