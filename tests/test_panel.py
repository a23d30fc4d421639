"""The panel's meetings and consultations: rules, lists, access and bad input."""
from pathlib import Path
from datetime import date, datetime

import pytest
from flask import g

from panel import storage
from tests import dom
from tests.conftest import at_once, csrf_from, login, make_user, trace_requests

MEETING_DAY = date(2027, 1, 29)          # a Friday, the rule's January meeting
OPEN_DAY = "2027-01-10"                  # booking open (closes 15.1.)
CLOSED_DAY = "2027-01-16"                # booking closed, documents not yet due
OVERDUE_DAY = "2027-01-25"               # documents (due 22.1.) overdue


def add_meeting(db, panel_id, day=MEETING_DAY, capacity=3, **kw):
    return storage.create_meeting(db, panel_id, datetime.combine(day, datetime.min.time()).replace(hour=9),
                                  datetime.combine(day, datetime.min.time()).replace(hour=11, minute=30),
                                  capacity=capacity, **kw)


def book(db, meeting_id, worker_id, today=OPEN_DAY, questions=("Mitä tehdään?",), **kw):
    return storage.book_consultation(db, meeting_id=meeting_id, social_worker_id=worker_id, created_by=worker_id,
                                     child_age=kw.pop("child_age", 10), background=kw.pop("background", "Tausta."),
                                     questions=list(questions), today=today,
                                     closes_days_before=kw.pop("closes_days_before", 14), **kw)


@pytest.fixture
def today(app):
    """Pin the app's today: today('2027-01-10')."""
    def pin(day):
        app.config["TODAY"] = day
    pin(OPEN_DAY)
    return pin


def form_post(client, url, data, page_url=None):
    token = csrf_from(client.get(page_url or url).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token})


def booking_data(meeting_id, **kw):
    data = {"meeting_id": meeting_id, "question_1": "Onko sijoitus lapsen edun mukainen?", "question_2": "",
            "question_3": "", "child_age": "12", "background": "Perheellä on ollut avohuollon tukitoimia."}
    data.update(kw)
    return data


# ---------------------------------------------------------------- calendar

def test_generating_2023_creates_the_seed_dates_once(db, panel_id):
    created = storage.generate_meetings(db, panel_id, 2023, 3)
    assert len(created) == 11
    days = [m["starts_at"] for m in storage.list_meetings(db, [panel_id])]
    assert days[0] == "2023-01-27T09:00" and days[5] == "2023-06-16T09:00" and days[-1] == "2023-12-15T09:00"
    assert all(m["ends_at"].endswith("T11:30") and m["capacity"] == 3 for m in storage.list_meetings(db, [panel_id]))
    assert storage.generate_meetings(db, panel_id, 2023, 3) == []
    assert len(storage.list_meetings(db, [panel_id])) == 11


def test_generating_again_skips_moved_and_cancelled_meetings_and_other_panels_are_apart(db, panel_id, other_panel_id):
    storage.generate_meetings(db, panel_id, 2023, 3)
    first, second = storage.list_meetings(db, [panel_id])[:2]
    storage.update_meeting(db, first["id"], starts_at="2023-01-20T09:00", ends_at="2023-01-20T11:30", place="",
                           teams_link="", capacity=3, notes="", actor_id=None)
    storage.set_meeting_cancelled(db, second["id"], True, None)
    assert storage.generate_meetings(db, panel_id, 2023, 3) == []
    assert len(storage.generate_meetings(db, other_panel_id, 2023, 3)) == 11


def test_generate_meetings_command(app, db, panel_id, other_panel_id):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["generate-meetings", "2023"])
    assert result.exit_code != 0 and "--panel" in result.output
    result = runner.invoke(args=["generate-meetings", "2023", "--panel", "Testipaneeli"])
    assert result.exit_code == 0 and "11 meetings created" in result.output
    result = runner.invoke(args=["generate-meetings", "2023", "--panel", "Testipaneeli"])
    assert "0 meetings created" in result.output
    assert db["meetings"].count == 11
    assert runner.invoke(args=["generate-meetings", "2023", "--panel", "Nope"]).exit_code != 0
    assert runner.invoke(args=["generate-meetings", "abc"]).exit_code != 0


def test_coordinator_generates_a_year_with_the_button(db, panel_id, login_as, today):
    client = login_as("coordinator")
    response = form_post(client, "/meetings/generate", {"year": "2027", "panel_id": panel_id}, "/meetings")
    assert response.status_code == 302
    assert db["meetings"].count == 11
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "11 kokousta luotu" in page
    form_post(client, "/meetings/generate", {"year": "2027", "panel_id": panel_id}, "/meetings")
    assert db["meetings"].count == 11


def test_generate_with_bad_or_foreign_input_never_creates(db, panel_id, other_panel_id, login_as, today):
    client = login_as("coordinator")
    for data in ({"year": "abc", "panel_id": panel_id}, {"year": "99999", "panel_id": panel_id},
                 {"year": "2027", "panel_id": other_panel_id}, {"year": "2027", "panel_id": "x"}):
        response = form_post(client, "/meetings/generate", data, "/meetings")
        assert response.status_code == 400 and 'class="error-summary"' in response.get_data(as_text=True)
    assert db["meetings"].count == 0


def test_coordinator_adds_edits_moves_and_cancels_a_meeting(db, panel_id, users, login_as, today):
    client = login_as("coordinator")
    response = form_post(client, "/meetings/new", {"panel_id": panel_id, "day": "2027-02-05", "starts": "12:00",
                                                   "ends": "14:00", "place": "Sali 1", "teams_link": "",
                                                   "capacity": "3", "notes": ""})
    assert response.status_code == 302
    meeting = storage.list_meetings(db, [panel_id])[0]
    assert meeting["starts_at"] == "2027-02-05T12:00" and meeting["place"] == "Sali 1"
    book(db, meeting["id"], users["social_worker"][0], today="2027-01-01")
    response = form_post(client, f"/meetings/{meeting['id']}/edit", {
        "day": "2027-02-12", "starts": "09:00", "ends": "11:30", "place": "",
        "teams_link": "https://teams.microsoft.com/l/x", "capacity": "4", "notes": "Tulkki"})
    assert response.status_code == 302
    moved = storage.get_meeting(db, meeting["id"])
    assert (moved["starts_at"], moved["teams_link"], moved["capacity"], moved["notes"]) == \
        ("2027-02-12T09:00", "https://teams.microsoft.com/l/x", 4, "Tulkki")
    # cancelling warns and lists the booked consultation
    page = client.get(f"/meetings/{meeting['id']}/cancel").get_data(as_text=True)
    assert "KS-2027-001" in page
    response = form_post(client, f"/meetings/{meeting['id']}/cancel", {"action": "cancel"})
    assert response.status_code == 302 and storage.get_meeting(db, meeting["id"])["cancelled"] == 1
    follow = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "flash--warning" in follow
    form_post(client, f"/meetings/{meeting['id']}/cancel", {"action": "restore"}, "/meetings")
    assert storage.get_meeting(db, meeting["id"])["cancelled"] == 0


@pytest.mark.parametrize("changes", [
    {"day": "2027-02-30"}, {"day": "not a date"}, {"starts": "25:00"}, {"ends": "08:00"},
    {"capacity": "-1"}, {"capacity": "abc"}, {"capacity": "21"}, {"teams_link": "javascript:alert(1)"},
    {"teams_link": "http://teams.example.com"}, {"place": "x" * 300}, {"notes": "x" * 100_000},
])
def test_bad_meeting_input_gives_a_message_and_keeps_values(db, panel_id, login_as, today, changes):
    client = login_as("coordinator")
    meeting_id = add_meeting(db, panel_id)
    data = {"day": "2027-01-29", "starts": "09:00", "ends": "11:30", "place": "Sali", "teams_link": "",
            "capacity": "3", "notes": ""}
    data.update(changes)
    response = form_post(client, f"/meetings/{meeting_id}/edit", data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'class="error"' in html and "error-summary" in html
    assert storage.get_meeting(db, meeting_id)["starts_at"] == "2027-01-29T09:00"


def test_capacity_cannot_go_below_the_booked_consultations(db, panel_id, users, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    book(db, meeting_id, users["social_worker"][0])
    book(db, meeting_id, users["social_worker"][0])
    client = login_as("coordinator")
    response = form_post(client, f"/meetings/{meeting_id}/edit", {
        "day": "2027-01-29", "starts": "09:00", "ends": "11:30", "place": "", "teams_link": "",
        "capacity": "1", "notes": ""})
    assert response.status_code == 400
    assert storage.get_meeting(db, meeting_id)["capacity"] == 3


# ---------------------------------------------------------------- booking rules

def test_booking_closes_fourteen_days_before(db, panel_id, users):
    meeting_id = add_meeting(db, panel_id)
    worker = users["social_worker"][0]
    assert book(db, meeting_id, worker, today="2027-01-15")
    with pytest.raises(storage.BookingError) as error:
        book(db, meeting_id, worker, today="2027-01-16")
    assert error.value.code == "booking_closed"
    late = book(db, meeting_id, worker, today="2027-01-16", late_reason="Kiireellinen sijoitus")
    assert storage.get_consultation(db, late)["late_reason"] == "Kiireellinen sijoitus"


def test_booking_deadline_in_the_web_form(app, db, panel_id, users, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    client = login_as("social_worker")
    today(CLOSED_DAY)
    response = form_post(client, "/consultations/new", booking_data(meeting_id))
    assert response.status_code == 400 and db["consultations"].count == 0
    today("2027-01-15")
    response = form_post(client, "/consultations/new", booking_data(meeting_id))
    assert response.status_code == 302 and db["consultations"].count == 1


def test_coordinator_books_late_only_with_a_reason(db, panel_id, users, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    today(CLOSED_DAY)
    client = login_as("coordinator")
    worker = users["social_worker"][0]
    response = form_post(client, "/consultations/new", booking_data(meeting_id, social_worker_id=worker))
    assert response.status_code == 400 and db["consultations"].count == 0
    assert "late_reason-error" in response.get_data(as_text=True)
    response = form_post(client, "/consultations/new",
                         booking_data(meeting_id, social_worker_id=worker, late_reason="Kiireellinen tilanne"))
    assert response.status_code == 302
    consultation = storage.get_consultation(db, 1)
    assert consultation["late_reason"] == "Kiireellinen tilanne" and consultation["social_worker_id"] == worker
    assert consultation["created_by"] == users["coordinator"][0]


def test_a_full_meeting_cannot_be_booked_and_cancelled_ones_free_a_place(db, panel_id, users):
    meeting_id = add_meeting(db, panel_id, capacity=2)
    worker = users["social_worker"][0]
    first = book(db, meeting_id, worker)
    book(db, meeting_id, worker)
    with pytest.raises(storage.BookingError) as error:
        book(db, meeting_id, worker)
    assert error.value.code == "meeting_full"
    storage.cancel_consultation(db, first, worker)
    assert book(db, meeting_id, worker)
    assert storage.get_meeting(db, meeting_id)["booked"] == 2


def test_a_cancelled_or_past_meeting_cannot_be_booked(db, panel_id, users):
    meeting_id = add_meeting(db, panel_id)
    storage.set_meeting_cancelled(db, meeting_id, True, None)
    with pytest.raises(storage.BookingError) as error:
        book(db, meeting_id, users["social_worker"][0])
    assert error.value.code == "meeting_cancelled"
    past = add_meeting(db, panel_id, day=date(2026, 11, 27))
    with pytest.raises(storage.BookingError) as error:
        book(db, past, users["social_worker"][0], late_reason="x")
    assert error.value.code == "meeting_past"


def test_two_bookings_for_the_last_place_at_once_give_exactly_one(app, db, panel_id, users):
    meeting_id = add_meeting(db, panel_id, capacity=2)
    worker = users["social_worker"][0]
    book(db, meeting_id, worker)
    from db import connect

    def attempt():
        conn = connect(app.config["DATABASE"])
        try:
            return book(conn, meeting_id, worker)
        except storage.BookingError as error:
            return error.code
        finally:
            conn.conn.close()

    outcomes = at_once(attempt, 2)
    assert outcomes.count("meeting_full") == 1 and sum(isinstance(o, int) for o in outcomes) == 1, outcomes
    assert storage.get_meeting(db, meeting_id)["booked"] == 2


def test_a_full_meeting_is_not_offered_in_the_form(db, panel_id, users, login_as, today):
    full = add_meeting(db, panel_id, capacity=1)
    book(db, full, users["social_worker"][0])
    client = login_as("social_worker")
    response = form_post(client, "/consultations/new", booking_data(full))
    assert response.status_code == 400 and db["consultations"].count == 1


def test_at_most_three_questions_of_at_most_1000_characters(db, panel_id, users):
    meeting_id = add_meeting(db, panel_id)
    worker = users["social_worker"][0]
    with pytest.raises(storage.BookingError) as error:
        book(db, meeting_id, worker, questions=["a", "b", "c", "d"])
    assert error.value.code == "too_many_questions"
    with pytest.raises(storage.BookingError) as error:
        book(db, meeting_id, worker, questions=["", "  "])
    assert error.value.code == "no_questions"
    with pytest.raises(storage.BookingError) as error:
        book(db, meeting_id, worker, questions=["x" * 1001])
    assert error.value.code == "question_too_long"
    consultation_id = book(db, meeting_id, worker, questions=["x" * 1000, "", "kolmas"])
    questions = storage.get_consultation(db, consultation_id)["questions"]
    assert [(q["position"], len(q["text"])) for q in questions] == [(1, 1000), (2, 6)]


def test_the_form_takes_three_questions_and_requires_the_first(db, panel_id, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    client = login_as("social_worker")
    html = client.get("/consultations/new").get_data(as_text=True)
    assert all(f'name="question_{i}"' in html for i in (1, 2, 3)) and 'name="question_4"' not in html
    assert 'name="name"' not in html and "hetu" not in html
    response = form_post(client, "/consultations/new", booking_data(meeting_id, question_1=""))
    assert response.status_code == 400 and 'id="question_1-error"' in response.get_data(as_text=True)
    response = form_post(client, "/consultations/new", booking_data(meeting_id, question_2="x" * 1001))
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="question_2-error"' in html and "x" * 1001 in html
    response = form_post(client, "/consultations/new",
                         booking_data(meeting_id, question_2="Toinen?", question_3="Kolmas?", question_4="Neljäs?"))
    assert response.status_code == 302
    assert [q["text"] for q in storage.get_consultation(db, 1)["questions"]] == \
        ["Onko sijoitus lapsen edun mukainen?", "Toinen?", "Kolmas?"]


@pytest.mark.parametrize("changes", [
    {"child_age": "18"}, {"child_age": "-1"}, {"child_age": "abc"}, {"child_age": ""},
    {"background": ""}, {"background": "x" * 2001}, {"meeting_id": "999999"}, {"meeting_id": "abc"},
    {"question_1": "x" * 500_000}, {"social_worker_id": "abc"},
])
def test_bad_booking_input_gives_a_message_never_a_500(db, panel_id, login_as, today, changes):
    meeting_id = add_meeting(db, panel_id)
    client = login_as("social_worker")
    response = form_post(client, "/consultations/new", dict(booking_data(meeting_id), **changes))
    if changes == {"social_worker_id": "abc"}:  # ignored for social workers: they book for themselves
        assert response.status_code == 302
        return
    assert response.status_code == 400
    assert 'class="error"' in response.get_data(as_text=True)
    assert db["consultations"].count == 0


def test_identity_code_in_free_text_warns_next_to_the_field(db, panel_id, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    client = login_as("social_worker")
    data = booking_data(meeting_id, background="Lapsen henkilötunnus 010101A123N mainittu.")
    response = form_post(client, "/consultations/new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and db["consultations"].count == 0
    assert 'id="background-warning"' in html and 'id="question_1-warning"' not in html
    assert 'name="confirm_no_identity_code"' in html and "010101A123N" in html  # value kept
    # the worker edits the text: no warning, booked
    response = form_post(client, "/consultations/new", booking_data(meeting_id, background="Tausta ilman tunnusta."))
    assert response.status_code == 302
    # or confirms a false alarm
    response = form_post(client, "/consultations/new",
                         dict(data, question_1="Viite 131052-308T?", confirm_no_identity_code="y"))
    assert response.status_code == 302 and db["consultations"].count == 2


def test_identity_code_warning_comes_with_the_other_errors(db, panel_id, login_as, today):
    # one round trip: the worker sees the identity-code warning beside the missing age
    meeting_id = add_meeting(db, panel_id)
    client = login_as("social_worker")
    response = form_post(client, "/consultations/new",
                         booking_data(meeting_id, child_age="", background="Isä 120380-123X."))
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and db["consultations"].count == 0
    assert 'id="background-warning"' in html and 'id="child_age-error"' in html


def test_too_long_question_says_the_limit_and_the_length_in_the_locale(db, panel_id, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    client = login_as("social_worker")
    response = form_post(client, "/consultations/new", booking_data(meeting_id, question_2="x" * 1001))
    html = response.get_data(as_text=True).replace("\xa0", " ").replace("\u202f", " ")
    assert response.status_code == 400 and "Enintään 1 000 merkkiä; nyt 1 001." in html


def test_case_codes_run_per_panel_prefix_and_meeting_year(db, panel_id, other_panel_id, users):
    other_worker = make_user(db, "other@example.fi", ["social_worker"], [other_panel_id])
    first = add_meeting(db, panel_id)
    later = add_meeting(db, panel_id, day=date(2028, 1, 28))
    other = add_meeting(db, other_panel_id)
    worker = users["social_worker"][0]
    codes = [storage.get_consultation(db, book(db, m, w))["case_code"]
             for m, w in [(first, worker), (first, worker), (other, other_worker), (later, worker)]]
    assert codes == ["KS-2027-001", "KS-2027-002", "TP-2027-001", "KS-2028-001"]


# ---------------------------------------------------------------- changing and cancelling

def test_social_worker_edits_and_cancels_own_consultation_before_the_deadline(db, panel_id, users, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    consultation_id = book(db, meeting_id, users["social_worker"][0])
    client = login_as("social_worker")
    response = form_post(client, f"/consultations/{consultation_id}/edit",
                         booking_data(meeting_id, question_1="Uusi kysymys?", child_age="13"))
    assert response.status_code == 302
    changed = storage.get_consultation(db, consultation_id)
    assert changed["child_age"] == 13 and changed["questions"][0]["text"] == "Uusi kysymys?"
    response = form_post(client, f"/consultations/{consultation_id}/cancel", {})
    assert response.status_code == 302
    assert storage.get_consultation(db, consultation_id)["status"] == "cancelled"


def test_after_the_deadline_only_the_coordinator_changes_it(db, panel_id, users, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    consultation_id = book(db, meeting_id, users["social_worker"][0])
    today(CLOSED_DAY)
    client = login_as("social_worker")
    assert client.get(f"/consultations/{consultation_id}/edit").status_code == 302
    token = csrf_from(client.get("/consultations/mine").get_data(as_text=True))
    response = client.post(f"/consultations/{consultation_id}/cancel", data={"csrf_token": token})
    assert response.status_code == 302
    assert storage.get_consultation(db, consultation_id)["status"] == "booked"


def test_coordinator_moves_a_consultation_to_another_meeting(db, panel_id, users, login_as, today):
    first = add_meeting(db, panel_id)
    second = add_meeting(db, panel_id, day=date(2027, 2, 26))
    consultation_id = book(db, first, users["social_worker"][0])
    client = login_as("coordinator")
    response = form_post(client, f"/consultations/{consultation_id}/edit",
                         booking_data(second, social_worker_id=users["social_worker"][0]))
    assert response.status_code == 302
    assert storage.get_consultation(db, consultation_id)["meeting_id"] == second


# ---------------------------------------------------------------- lists

def test_my_consultations_lists_own_with_status_and_deadlines(db, panel_id, users, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    mine = book(db, meeting_id, users["social_worker"][0])
    someone = make_user(db, "sw2@example.fi", ["social_worker"], [panel_id])
    book(db, meeting_id, someone)
    today("2027-01-19")
    client = login_as("social_worker")
    html = client.get("/consultations/mine").get_data(as_text=True)
    assert "KS-2027-001" in html and "KS-2027-002" not in html
    assert "pe 29.1.2027 klo 9.00–11.30" in html
    assert "pe 15.1.2027" in html and "pe 22.1.2027" in html  # booking closes, documents due
    assert "3 päivän" in html
    today(OVERDUE_DAY)
    html = client.get("/consultations/mine").get_data(as_text=True)
    assert "badge--bad" in html
    assert mine


def test_coordinator_agenda_shows_missing_and_overdue_documents(db, panel_id, users, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    first = book(db, meeting_id, users["social_worker"][0])
    book(db, meeting_id, users["social_worker"][0])
    cancelled = book(db, meeting_id, users["social_worker"][0])
    storage.cancel_consultation(db, cancelled, users["social_worker"][0])
    today(OVERDUE_DAY)
    client = login_as("coordinator")
    html = client.get("/meetings").get_data(as_text=True)
    assert "KS-2027-001" in html and "KS-2027-002" in html and "KS-2027-003" not in html
    assert html.count("badge badge--bad") >= 2
    response = form_post(client, f"/consultations/{first}/documents", {"received": "1", "back": "meetings"}, "/meetings")
    assert response.status_code == 302
    assert storage.get_consultation(db, first)["documents_received_at"]
    assert "badge--ok" in client.get("/meetings").get_data(as_text=True)


def test_the_meetings_page_runs_as_many_statements_for_seven_agenda_items_as_for_one(
        monkeypatch, db, panel_id, users, login_as, today):
    from participation import storage as views_storage
    meeting_id = add_meeting(db, panel_id, capacity=7)
    client = login_as("coordinator")
    client.get("/meetings")  # once-per-login work (e.g. remembering the user's language) is not the agenda's

    def statements_with(items):
        """The SQL statements of GET /meetings once the agenda has `items` consultations,
        each with a child's views carrying a worry marker."""
        while len(storage.list_meeting_consultations(db, [meeting_id])[meeting_id]) < items:
            views_id = views_storage.create_views(db, book(db, meeting_id, users["social_worker"][0]), "13-17")
            views_storage.set_worry(db, views_id, "q2", True)
        statements = []
        with monkeypatch.context() as patch:
            trace_requests(patch, statements)
            html = client.get("/meetings").get_data(as_text=True)
        assert html.count("vaatii huomiota") == items  # the agenda's markers were loaded
        return [s for s in statements if not s.startswith("PRAGMA")]

    one = statements_with(1)
    assert len(statements_with(7)) == len(one)


def test_expert_sees_the_agenda_read_only_without_background(db, panel_id, users, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    book(db, meeting_id, users["social_worker"][0], background="Salainen tausta")
    client = login_as("expert")
    html = client.get("/meetings").get_data(as_text=True)
    assert "KS-2027-001" in html and "Salainen tausta" not in html
    assert "/edit" not in html and "/documents" not in html
    assert client.get("/consultations/1").status_code == 403


def test_social_worker_sees_free_places_but_not_others_cases(db, panel_id, users, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    someone = make_user(db, "sw2@example.fi", ["social_worker"], [panel_id])
    book(db, meeting_id, someone)
    client = login_as("social_worker")
    html = client.get("/meetings").get_data(as_text=True)
    assert "KS-2027-001" not in html and "2 vapaata paikkaa" in html
    assert f"/consultations/new?meeting_id={meeting_id}" in html
    assert client.get("/consultations/1").status_code == 404


def test_the_panels_pages_show_what_other_parts_register_and_never_name_them(app, db, panel_id, users,
                                                                               login_as, today):
    consultation_id = book(db, add_meeting(db, panel_id), users["social_worker"][0])
    for name in ("consultation.html", "meetings.html", "my_consultations.html"):
        assert "participation" not in Path("templates/panel", name).read_text(), name
    html = login_as("social_worker").get(f"/consultations/{consultation_id}").get_data(as_text=True)
    assert "Mitä tehdään?" in html and "KS-2027-001" in html
    assert f"/consultations/{consultation_id}/views" in html  # participation's card, registered in web/extensions.py


# ---------------------------------------------------------------- access

GET_ROUTES = ["/meetings", "/meetings/new", "/meetings/{meeting}/edit", "/meetings/{meeting}/cancel",
              "/consultations/mine", "/consultations/new", "/consultations/{consultation}",
              "/consultations/{consultation}/edit", "/consultations/{consultation}/cancel"]
POST_ROUTES = ["/meetings/generate", "/meetings/new", "/meetings/{meeting}/edit", "/meetings/{meeting}/cancel",
               "/consultations/new", "/consultations/{consultation}/edit", "/consultations/{consultation}/cancel",
               "/consultations/{consultation}/documents"]
# which roles may use each route (an admin passes none of them)
ALLOWED = {
    "/meetings": {"coordinator", "expert", "social_worker"},
    "/meetings/generate": {"coordinator"}, "/meetings/new": {"coordinator"},
    "/meetings/{meeting}/edit": {"coordinator"}, "/meetings/{meeting}/cancel": {"coordinator"},
    "/consultations/mine": {"social_worker"}, "/consultations/new": {"social_worker", "coordinator"},
    "/consultations/{consultation}": {"social_worker", "coordinator"},
    "/consultations/{consultation}/edit": {"social_worker", "coordinator"},
    "/consultations/{consultation}/cancel": {"social_worker", "coordinator"},
    "/consultations/{consultation}/documents": {"coordinator"},
}


@pytest.fixture
def own_data(db, panel_id, users):
    meeting_id = add_meeting(db, panel_id)
    return {"meeting": meeting_id, "consultation": book(db, meeting_id, users["social_worker"][0])}


@pytest.mark.parametrize("route", GET_ROUTES)
def test_anonymous_users_go_to_login(client, own_data, route):
    response = client.get(route.format(**own_data))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("route", POST_ROUTES)
def test_anonymous_posts_go_to_login(client, own_data, route):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    response = client.post(route.format(**own_data), data={"csrf_token": token})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role, route", [(role, route) for route in sorted(ALLOWED)
                                         for role in ("social_worker", "coordinator", "expert")
                                         if role not in ALLOWED[route]])
def test_wrong_role_gets_403(client, users, own_data, today, role, route):
    login(client, users[role][1])
    token = csrf_from(client.get("/account/password").get_data(as_text=True))
    url = route.format(**own_data)
    if route in GET_ROUTES:
        assert client.get(url).status_code == 403
    if route in POST_ROUTES:
        assert client.post(url, data={"csrf_token": token}).status_code == 403


@pytest.mark.parametrize("role, route", [(role, route) for route in sorted(ALLOWED) if "{" in route
                                         for role in ("social_worker", "coordinator") if role in ALLOWED[route]])
def test_other_panels_data_is_404(client, db, other_panel_id, users, today, role, route):
    other_worker = make_user(db, "tp@example.fi", ["social_worker"], [other_panel_id])
    meeting_id = add_meeting(db, other_panel_id)
    ids = {"meeting": meeting_id, "consultation": book(db, meeting_id, other_worker)}
    login(client, users[role][1])
    token = csrf_from(client.get("/account/password").get_data(as_text=True))
    url = route.format(**ids)
    if route in GET_ROUTES:
        assert client.get(url).status_code == 404
    if route in POST_ROUTES:
        assert client.post(url, data={"csrf_token": token, "received": "1", "action": "cancel"}).status_code == 404
    assert storage.get_meeting(db, meeting_id)["cancelled"] == 0
    assert storage.get_consultation(db, ids["consultation"])["status"] == "booked"


def test_other_panels_meetings_are_not_listed_and_cannot_be_booked(db, panel_id, other_panel_id, users, login_as, today):
    other = add_meeting(db, other_panel_id, place="Toisen paneelin sali")
    client = login_as("social_worker")
    assert "Toisen paneelin sali" not in client.get("/meetings").get_data(as_text=True)
    response = form_post(client, "/consultations/new", booking_data(other))
    assert response.status_code == 400 and db["consultations"].count == 0


def test_admins_see_no_panels_meetings(db, panel_id, other_panel_id, users, login_as, today):
    add_meeting(db, other_panel_id, place="Toisen paneelin sali")
    client = login_as("admin")
    response = client.get("/meetings")
    assert response.status_code == 403 and "Toisen paneelin sali" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/consultations/999999", "/consultations/0/edit", "/meetings/999999/edit",
                                 "/meetings/abc/edit", "/consultations/abc", "/consultations/-1",
                                 "/meetings?year=abc", "/meetings?year=99999", "/meetings?year=-5",
                                 "/consultations/new?meeting_id=abc", "/consultations/new?meeting_id=99999999999999999999",
                                 "/consultations/99999999999999999999", "/meetings/99999999999999999999/edit",
                                 "/meetings/99999999999999999999/cancel",
                                 "/consultations/99999999999999999999/edit"])
def test_garbage_ids_never_500(login_as, users, url, today):
    status = login_as("coordinator").get(url).status_code
    assert status in (200, 404)


def test_huge_ids_in_posts_never_500(db, panel_id, users, login_as, today):
    client = login_as("coordinator")
    huge = "99999999999999999999"
    meeting_id = add_meeting(db, panel_id)
    assert form_post(client, f"/consultations/{huge}/documents", {"received": "1"}, "/meetings").status_code == 404
    response = form_post(client, "/consultations/new",
                         dict(booking_data(meeting_id), meeting_id=huge, social_worker_id=huge))
    assert response.status_code == 400 and db["consultations"].count == 0


# ---------------------------------------------------------------- languages

@pytest.mark.parametrize("lang, expected", [
    ("fi", "pe 29.1.2027 klo 9.00–11.30"),
    ("sv", "fre 29.1.2027 kl. 9.00–11.30"),
    ("en", "Fri 29 Jan 2027 09:00–11:30"),
])
def test_meeting_times_follow_the_locale(app, db, panel_id, users, login_as, today, lang, expected):
    add_meeting(db, panel_id)
    client = login_as("social_worker")
    client.get(f"/language/{lang}")
    html = client.get("/meetings").get_data(as_text=True)
    assert expected in html.replace("\u202f", " ").replace("\xa0", " ")
    with app.test_request_context():
        g.forced_locale = lang
        from web.i18n import format_span
        assert format_span("2027-01-29T09:00", "2027-01-29T11:30").replace("\u202f", " ") == expected


@pytest.mark.parametrize("lang, word", [("fi", "Varaa konsultaatio"), ("sv", "Boka en konsultation"),
                                        ("en", "Book a consultation")])
def test_panel_pages_are_translated(db, panel_id, login_as, today, lang, word):
    add_meeting(db, panel_id)
    client = login_as("social_worker")
    client.get(f"/language/{lang}")
    assert word in client.get("/consultations/new").get_data(as_text=True)


def test_demo_data_fills_meetings_and_a_dozen_consultations(db):
    import demo_data
    context = demo_data.fill_accounts(db)
    context["today"] = "2026-11-23"
    from panel.demo import fill
    fill(db, context)
    assert len(context["consultation_ids"]) == 12
    states = set(context["consultation_states"].values())
    assert {"handled", "documents_received", "documents_overdue", "late", "booked", "cancelled"} <= states
    assert db["meetings"].count == 22
    late = [i for i, s in context["consultation_states"].items() if s == "late"][0]
    assert storage.get_consultation(db, late)["late_reason"]
    workers = {storage.get_consultation(db, i)["social_worker_id"] for i in context["consultation_ids"]}
    assert len(workers) == 3


def test_the_generate_form_offers_the_next_year_without_meetings(db, panel_id, login_as, today):
    # today is in 2027; once 2027 has its meetings the coordinator is offered 2028, and 2028 is in the year list
    client = login_as("coordinator")
    html = client.get("/meetings").get_data(as_text=True)
    assert dom.field_value(html, "year") == "2027"
    storage.generate_meetings(db, panel_id, 2027, 3)
    storage.generate_meetings(db, panel_id, 2029, 3)
    html = client.get("/meetings").get_data(as_text=True)
    assert dom.field_value(html, "year") == "2028"
    assert 'href="/meetings?year=2029"' in html


def test_a_bad_teams_link_is_explained_once(db, panel_id, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    client = login_as("coordinator")
    data = {"day": "2027-01-29", "starts": "09:00", "ends": "11:30", "place": "", "teams_link": "http://x",
            "capacity": "3", "notes": "", "panel_id": panel_id}
    response = form_post(client, f"/meetings/{meeting_id}/edit", data)
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 400)
    error = html[html.index('id="teams_link-error"'):]
    error = error[:error.index("</p>")]
    assert error.count("https://") == 1


def test_my_consultations_show_how_far_the_childs_views_are(db, panel_id, users, login_as, today):
    from participation import api as participation_api
    meeting_id = add_meeting(db, panel_id)
    consultation_id = book(db, meeting_id, users["social_worker"][0])
    client = login_as("social_worker")
    client.get("/language/fi")
    html = client.get("/consultations/mine").get_data(as_text=True)
    assert "Ei vielä selvitetty" in html and f'href="/consultations/{consultation_id}/views"' in html
    participation_api.create_views(db, consultation_id, "7-12", created_by=users["social_worker"][0], language="fi")
    html = client.get("/consultations/mine").get_data(as_text=True)
    assert "0/1 valmiina" in html and "Ei vielä selvitetty" not in html
