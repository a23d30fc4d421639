"""The statement's pages: the coordinator marks the meeting held and writes,
finalises and changes the statement; the social worker finds it in their
list and on the consultation page, reads every version, marks how the
message reached the child and answers the follow-up; the panel's members
read it; nobody else does. Identity-code warnings on every free text."""
import pytest

from panel import outbox
from panel import statement_storage as storage
from tests import dom
from tests.conftest import csrf_from, login, make_user, declare
from tests.statement_world import ANSWERS, DRAFT, book, child_views, hold

CODE = "131052-308T"  # looks like a personal identity code


@pytest.fixture
def world(app, db, panel_id, other_panel_id):
    app.config["TODAY"] = "2027-01-29"
    people = {"worker": make_user(db, "sw@example.fi", ["social_worker"], [panel_id], name="Sanna Sosiaalityöntekijä"),
              "colleague": make_user(db, "sw2@example.fi", ["social_worker"], [panel_id]),
              "coordinator": make_user(db, "ko@example.fi", ["coordinator"], [panel_id]),
              "expert": make_user(db, "ex@example.fi", ["expert"], [panel_id], name="Eeva Ekspertti"),
              "admin": make_user(db, "ad@example.fi", ["admin"], []),
              "outsider": make_user(db, "out@example.fi", ["coordinator", "expert", "social_worker"], [other_panel_id])}
    consultation_id = book(db, panel_id, people["worker"])
    views_id = child_views(db, consultation_id)
    declare(db, consultation_id, people["expert"])  # a member reads the case only after declaring no conflict
    return {"people": people, "id": consultation_id, "views_id": views_id,
            "meeting_id": db["consultations"].get(consultation_id)["meeting_id"]}


def as_user(client, email):
    assert login(client, email).status_code == 302
    return client


def post(client, url, data):
    page = client.get(url)
    return client.post(url, data={"csrf_token": csrf_from(page.get_data(as_text=True)), **data})


def statement_form(**changes):
    return {"answer_1": ANSWERS[1], "answer_2": ANSWERS[2], **DRAFT, **changes}


def finalised(db, world, **changes):
    hold(db, world["id"], world["people"]["coordinator"], member_ids=[world["people"]["expert"]])
    storage.save_draft(db, world["id"], world["people"]["coordinator"], answers=ANSWERS, **{**DRAFT, **changes})
    storage.finalise(db, world["id"], world["people"]["coordinator"], link="/x")


def text(response):
    return response.get_data(as_text=True)


# ---- the meeting held ---------------------------------------------------------------------

def test_the_coordinator_marks_the_meeting_held_with_who_took_part(client, db, world):
    as_user(client, "ko@example.fi")
    url = f"/meetings/{world['meeting_id']}/held"

    response = post(client, url, {"members": str(world["people"]["expert"]), "outside_experts": "Aino, Valteri",
                                  "social_worker_present": str(world["id"]), "child_joined": str(world["id"])})

    assert response.status_code == 302
    assert db["meetings"].get(world["meeting_id"])["held_at"]
    assert db["consultation_attendance"].get(world["id"])["child_joined"] == 1
    assert [r["name"] for r in db["meeting_outside_experts"].rows] == ["Aino"]


def test_a_meeting_is_not_marked_held_before_its_day(app, client, db, world):
    app.config["TODAY"] = "2027-01-28"
    as_user(client, "ko@example.fi")

    response = post(client, f"/meetings/{world['meeting_id']}/held", {"members": str(world["people"]["expert"])})

    assert response.status_code == 400
    assert db["meetings"].get(world["meeting_id"])["held_at"] is None


def test_an_identity_code_in_the_outside_experts_is_held_back_until_confirmed(client, db, world):
    as_user(client, "ko@example.fi")
    url = f"/meetings/{world['meeting_id']}/held"

    refused = post(client, url, {"outside_experts": f"Aino {CODE}, Valteri"})
    assert refused.status_code == 400 and dom.find(text(refused), "p", class_="warning")
    assert CODE in dom.find(text(refused), "textarea", name="outside_experts").text
    assert db["meetings"].get(world["meeting_id"])["held_at"] is None

    saved = post(client, url, {"outside_experts": f"Aino {CODE}, Valteri", "confirm_no_identity_code": "y"})
    assert saved.status_code == 302


# ---- writing and finalising ----------------------------------------------------------------

def test_the_coordinator_saves_a_draft_that_the_social_worker_does_not_see(client, db, world):
    as_user(client, "ko@example.fi")
    url = f"/consultations/{world['id']}/statement/edit"

    assert post(client, url, statement_form(answer_1="Luonnosvastaus.", action="save")).status_code == 302
    assert storage.get_statement(db, world["id"])["answers"][1] == "Luonnosvastaus."

    worker = as_user(client.application.test_client(), "sw@example.fi")
    page = worker.get(f"/consultations/{world['id']}/statement")
    assert page.status_code == 200 and "Luonnosvastaus" not in text(page)


def test_finalising_with_a_question_unanswered_is_refused_next_to_the_question_and_the_text_is_kept(client, db, world):
    hold(db, world["id"], world["people"]["coordinator"])
    as_user(client, "ko@example.fi")

    response = post(client, f"/consultations/{world['id']}/statement/edit",
                    statement_form(answer_2="", action="finalise"))

    assert response.status_code == 400
    assert dom.find(text(response), "p", id="answer_2-error")
    assert dom.find(text(response), "textarea", name="answer_1").text.strip() == ANSWERS[1]
    assert storage.list_versions(db, world["id"]) == []


def test_finalising_without_the_message_to_the_child_is_refused_when_the_child_gave_views(client, db, world):
    hold(db, world["id"], world["people"]["coordinator"])
    as_user(client, "ko@example.fi")

    response = post(client, f"/consultations/{world['id']}/statement/edit",
                    statement_form(message_to_child="", action="finalise"))

    assert response.status_code == 400
    assert dom.find(text(response), "p", id="message_to_child-error")


def test_finalising_delivers_the_statement_to_the_social_workers_list_and_consultation_page(client, db, world):
    hold(db, world["id"], world["people"]["coordinator"])
    as_user(client, "ko@example.fi")

    response = post(client, f"/consultations/{world['id']}/statement/edit", statement_form(action="finalise"))

    assert response.status_code == 302
    worker = as_user(client.application.test_client(), "sw@example.fi")
    mine = text(worker.get("/consultations/mine"))
    assert dom.find(mine, "a", href=f"/consultations/{world['id']}/statement")
    consultation = text(worker.get(f"/consultations/{world['id']}"))
    assert dom.find(consultation, "a", href=f"/consultations/{world['id']}/statement")
    statement = worker.get(f"/consultations/{world['id']}/statement")
    assert ANSWERS[1] in text(statement) and DRAFT["message_to_child"] in text(statement)
    assert statement.headers["Cache-Control"].startswith("no-store")
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'statement.read' AND user_id = ?",
                      [world["people"]["worker"]]).fetchone()[0] == 1


def test_the_statement_page_is_printable(client, db, world, app):
    finalised(db, world)
    page = text(as_user(client, "sw@example.fi").get(f"/consultations/{world['id']}/statement"))

    assert dom.find(page, "link", href="/static/css/statement.css")
    css = client.get("/static/css/statement.css")
    assert "@media print" in text(css)
    css.close()


def test_a_new_version_needs_its_reason_and_every_version_stays_readable(client, db, world):
    finalised(db, world)
    as_user(client, "ko@example.fi")
    url = f"/consultations/{world['id']}/statement/edit"

    refused = post(client, url, statement_form(recommendations="Uusi suositus.", action="finalise"))
    assert refused.status_code == 400 and dom.find(text(refused), "p", id="reason-error")
    done = post(client, url, statement_form(recommendations="Uusi suositus.", reason="Lisätty suositus.",
                                            action="finalise"))
    assert done.status_code == 302

    worker = as_user(client.application.test_client(), "sw@example.fi")
    latest = text(worker.get(f"/consultations/{world['id']}/statement"))
    assert "Uusi suositus." in latest and "Lisätty suositus." in latest
    first = worker.get(f"/consultations/{world['id']}/statement/1")
    assert first.status_code == 200 and DRAFT["recommendations"] in text(first)
    assert worker.get(f"/consultations/{world['id']}/statement/3").status_code == 404


def test_an_identity_code_in_the_statement_is_held_back_until_confirmed(client, db, world):
    as_user(client, "ko@example.fi")
    url = f"/consultations/{world['id']}/statement/edit"

    refused = post(client, url, statement_form(recommendations=f"Asiakas {CODE}.", action="save"))
    assert refused.status_code == 400 and dom.find(text(refused), "p", id="recommendations-warning")
    assert storage.get_statement(db, world["id"]) is None

    saved = post(client, url, statement_form(recommendations=f"Asiakas {CODE}.", action="save",
                                             confirm_no_identity_code="y"))
    assert saved.status_code == 302


# ---- who reads it --------------------------------------------------------------------------

@pytest.mark.parametrize("email, status", [("sw@example.fi", 200), ("ko@example.fi", 200), ("ex@example.fi", 200),
                                           ("sw2@example.fi", 404), ("ad@example.fi", 403), ("out@example.fi", 404)])
def test_the_finalised_statement_is_read_by_the_worker_and_the_panel_only(client, db, world, email, status):
    finalised(db, world)

    response = as_user(client, email).get(f"/consultations/{world['id']}/statement/1")

    assert response.status_code == status
    assert (ANSWERS[1] in text(response)) == (status == 200)


def test_an_expert_member_cannot_write_the_statement(client, world):
    assert as_user(client, "ex@example.fi").get(f"/consultations/{world['id']}/statement/edit").status_code == 403


# ---- the message back to the child -----------------------------------------------------------

def test_the_social_worker_marks_how_the_message_reached_the_child(client, db, world):
    finalised(db, world)
    as_user(client, "sw@example.fi")
    key = f"views-{world['views_id']}"
    url = f"/consultations/{world['id']}/statement/delivery"

    assert post(client, url, {f"how-{key}": "not_delivered"}).status_code == 400
    assert post(client, url, {f"how-{key}": "in_person"}).status_code == 302

    assert storage.deliveries(db, world["id"])[key]["how"] == "in_person"


def test_saving_the_delivery_with_nothing_chosen_says_so_beside_the_first_choices(client, db, world):
    finalised(db, world)
    as_user(client, "sw@example.fi")
    key = f"views-{world['views_id']}"

    refused = post(client, f"/consultations/{world['id']}/statement/delivery", {})

    assert refused.status_code == 400
    fieldset = dom.find(text(refused), "fieldset", id=f"how-{key}")
    assert fieldset.get("aria-describedby") == f"how-{key}-error"
    assert dom.find(text(refused), "p", id=f"how-{key}-error")
    assert dom.find(text(refused), "a", href=f"#how-{key}")  # the summary leads to it


def test_only_a_missing_reason_marks_the_reason_box(client, db, world):
    finalised(db, world)
    as_user(client, "sw@example.fi")
    key = f"views-{world['views_id']}"
    url = f"/consultations/{world['id']}/statement/delivery"

    def reason_box_marked(response):
        """Is the reason's box or anything around it marked as wrong (red, by the CSS)?"""
        element = dom.find(text(response), "textarea", id=f"reason-{key}")
        while element is not None:
            if "field--error" in (element.get("class") or "").split():
                return True
            element = element.parent
        return False

    assert not reason_box_marked(post(client, url, {}))
    assert reason_box_marked(post(client, url, {f"how-{key}": "not_delivered"}))


def test_the_coordinator_sees_messages_undelivered_two_weeks_after_the_meeting(app, client, db, world):
    finalised(db, world)
    as_user(client, "ko@example.fi")

    app.config["TODAY"] = "2027-02-11"
    before = dom.find(text(client.get("/statements")), "ul", class_="undelivered")
    app.config["TODAY"] = "2027-02-12"
    after = dom.find(text(client.get("/statements")), "ul", class_="undelivered")

    assert before is None
    assert after and "KS-2027-001" in after.text


# ---- the follow-up -----------------------------------------------------------------------

def test_the_follow_up_is_a_task_in_the_workers_list_when_due_and_is_answered_once(app, client, db, world):
    finalised(db, world)
    storage.mark_deliveries(db, world["id"], world["people"]["worker"], {f"views-{world['views_id']}": ("letter", "")})
    as_user(client, "sw@example.fi")
    url = f"/consultations/{world['id']}/follow-up"

    app.config["TODAY"] = "2027-04-28"
    assert not dom.find(text(client.get("/consultations/mine")), "a", href=url)
    assert post(client, url, {"outcome": "yes"}).status_code == 400
    app.config["TODAY"] = "2027-04-29"
    assert dom.find(text(client.get("/consultations/mine")), "a", href=url)
    assert post(client, url, {"outcome": "partly", "comment": "Osittain."}).status_code == 302

    assert storage.get_follow_up(db, world["id"])["outcome"] == "partly"
    assert not dom.find(text(client.get("/consultations/mine")), "a", href=url)


def test_the_error_summary_puts_no_colon_after_a_question(app, client, db, world):
    finalised(db, world)
    as_user(client, "sw@example.fi")
    app.config["TODAY"] = "2027-04-29"
    url = f"/consultations/{world['id']}/follow-up"

    refused = post(client, url, {})

    link = dom.find(text(refused), "a", href="#outcome")
    assert refused.status_code == 400 and link
    assert "?" in link.text and "?:" not in link.text


# ---- the outbox page ----------------------------------------------------------------------

def test_the_coordinator_sees_what_is_queued_and_that_email_is_not_set_up(client, db, world):
    outbox.enqueue(db, world["people"]["worker"], "statement_delivered", "/x", case_code="KS-2027-001", version=1)
    outbox.enqueue(db, world["people"]["outsider"], "statement_delivered", "/x", case_code="TP-2027-001", version=1)

    page = text(as_user(client, "ko@example.fi").get("/outbox"))

    assert "KS-2027-001" in page and "TP-2027-001" not in page
    assert "FLASK_MAIL_SERVER" in page


def test_an_identity_code_in_the_reason_of_an_undelivered_message_is_held_back_until_confirmed(client, db, world):
    finalised(db, world)
    as_user(client, "sw@example.fi")
    key = f"views-{world['views_id']}"
    url = f"/consultations/{world['id']}/statement/delivery"
    marks = {f"how-{key}": "not_delivered", f"reason-{key}": f"Lapsi {CODE} muutti."}

    refused = post(client, url, marks)
    assert refused.status_code == 400 and dom.find(text(refused), "p", id=f"reason-{key}-warning")
    assert storage.deliveries(db, world["id"]) == {}

    assert post(client, url, {**marks, "confirm_no_identity_code": "y"}).status_code == 302
    assert storage.deliveries(db, world["id"])[key]["how"] == "not_delivered"
