"""The panel's statement: the meeting held and who took part, the draft,
finalising (one answer per question, the message to the child when a child
gave views, versions with their reasons), the message's delivery, the
follow-up, the signals and the audit lines. Storage and rules; the pages are
in test_statement_routes.py."""
from datetime import date

import pytest

from accounts import access
from panel import attendance_storage, outbox, signals
from panel import statement_rules as rules
from panel import statement_storage as storage
from panel import statement_status
from panel.storage import get_consultation
from tests.conftest import make_user
from tests.statement_world import ANSWERS, DRAFT, book, child_views, hold

LINK = "/consultations/1/statement"


@pytest.fixture
def people(db, panel_id):
    return {"worker": make_user(db, "sw@example.fi", ["social_worker"], [panel_id]),
            "coordinator": make_user(db, "ko@example.fi", ["coordinator"], [panel_id]),
            "expert": make_user(db, "ex@example.fi", ["expert"], [panel_id], name="Eeva Ekspertti"),
            "expert2": make_user(db, "ex2@example.fi", ["expert"], [panel_id], name="Erkki Ekspertti")}


@pytest.fixture
def consultation_id(db, panel_id, people):
    return book(db, panel_id, people["worker"])


def draft(db, consultation_id, people, answers=ANSWERS, **changes):
    return storage.save_draft(db, consultation_id, people["coordinator"], answers=answers, **{**DRAFT, **changes})


def audit(db, action):
    return [tuple(r) for r in db.execute("SELECT consultation_id, detail FROM audit_log WHERE action = ? ORDER BY id",
                                         [action]).fetchall()]


def problems(error):
    return {code for _field, code in error.value.problems}


# ---- the meeting held -------------------------------------------------------------------

def test_marking_the_meeting_held_records_members_outside_experts_and_each_consultation(db, consultation_id, people):
    meeting_id = hold(db, consultation_id, people["coordinator"], member_ids=[people["expert"]])

    found = attendance_storage.participants(db, consultation_id)
    assert found == {"members": ["Eeva Ekspertti"], "outside_experts": [{"name": "Aino Asiantuntija", "role": "Valteri"}],
                     "social_worker": "Sw", "child_joined": True, "parents_joined": False}
    assert db["meetings"].get(meeting_id)["held_at"]
    assert audit(db, "meeting.held") == [(None, f"meeting {meeting_id}: 1 members, 1 outside experts")]


def test_correcting_who_took_part_replaces_the_lists_and_keeps_the_first_held_time(db, consultation_id, people):
    meeting_id = hold(db, consultation_id, people["coordinator"], member_ids=[people["expert"]])
    first = db["meetings"].get(meeting_id)["held_at"]

    hold(db, consultation_id, people["coordinator"], member_ids=[people["expert2"]], experts=[])

    assert attendance_storage.participants(db, consultation_id)["members"] == ["Erkki Ekspertti"]
    assert attendance_storage.outside_experts(db, meeting_id) == []
    assert db["meetings"].get(meeting_id)["held_at"] == first
    assert len(audit(db, "meeting.attendance")) == 1


def test_outside_experts_are_read_one_per_line_as_name_and_role():
    assert rules.parse_outside_experts("Aino, Valteri\n\n  Barnahus-tiimi \n") == (
        [("Aino", "Valteri"), ("Barnahus-tiimi", "")], None)
    assert rules.parse_outside_experts(", vain rooli")[1] == "expert_name_missing"
    assert rules.parse_outside_experts("\n".join(f"N{i}" for i in range(21)))[1] == "too_many_experts"


# ---- finalising -------------------------------------------------------------------------

def test_a_statement_cannot_be_finalised_with_a_question_unanswered(db, consultation_id, people):
    hold(db, consultation_id, people["coordinator"])
    draft(db, consultation_id, people, answers={1: "Vastaus.", 2: "   "})

    with pytest.raises(storage.StatementError) as error:
        storage.finalise(db, consultation_id, people["coordinator"], link=LINK)

    assert error.value.problems == [("answer_2", "answer_missing")]
    assert storage.list_versions(db, consultation_id) == []


def test_the_message_to_the_child_is_required_when_a_child_gave_views(db, consultation_id, people):
    hold(db, consultation_id, people["coordinator"])
    child_views(db, consultation_id)
    draft(db, consultation_id, people, message_to_child="")

    with pytest.raises(storage.StatementError) as error:
        storage.finalise(db, consultation_id, people["coordinator"], link=LINK)

    assert problems(error) == {"message_to_child_missing"}


@pytest.mark.parametrize("how", ["draft", "refused", "none"])
def test_without_a_childs_finished_views_no_message_to_the_child_is_required(db, consultation_id, people, how):
    hold(db, consultation_id, people["coordinator"])
    if how != "none":
        child_views(db, consultation_id, finished=how == "refused", refused=how == "refused")
    draft(db, consultation_id, people, message_to_child="")

    assert storage.finalise(db, consultation_id, people["coordinator"], link=LINK) == 1


def test_finalising_needs_the_meeting_marked_held(db, consultation_id, people):
    draft(db, consultation_id, people)

    with pytest.raises(storage.StatementError) as error:
        storage.finalise(db, consultation_id, people["coordinator"], link=LINK)

    assert problems(error) == {"meeting_not_held"}


def test_finalising_keeps_the_version_as_delivered_with_the_questions_and_who_took_part(db, consultation_id, people):
    hold(db, consultation_id, people["coordinator"], member_ids=[people["expert"]])
    draft(db, consultation_id, people)

    assert storage.finalise(db, consultation_id, people["coordinator"], link=LINK) == 1

    version = storage.get_version(db, consultation_id)
    assert [(a["position"], a["question"], a["answer"]) for a in version["answers"]] == [
        (1, "Mitä tukea perheelle?", "Perhetyötä viikoittain."), (2, "Sopiiko sijoitus?", "Ei tässä vaiheessa.")]
    assert version["message_to_child"] == "Kiitos, että kerroit toiveesi."
    assert version["participants"]["members"] == ["Eeva Ekspertti"]
    assert get_consultation(db, consultation_id)["status"] == "handled"
    assert audit(db, "statement.finalise") == [(consultation_id, "version 1")]


def test_finalising_queues_the_email_to_the_social_worker_in_the_same_transaction(db, consultation_id, people):
    hold(db, consultation_id, people["coordinator"])
    draft(db, consultation_id, people)

    storage.finalise(db, consultation_id, people["coordinator"], link=LINK)

    rows = [r for r in outbox.to_send(db) if r["kind"] != "feedback_request"]  # (the surveys' own notice)
    assert [(r["user_id"], r["kind"], r["link"], r["params"]) for r in rows] == [
        (people["worker"], "statement_delivered", LINK, {"case_code": "KS-2027-001", "version": 1})]


def test_a_change_after_finalising_is_a_new_version_with_its_reason_and_every_version_stays(db, consultation_id, people):
    hold(db, consultation_id, people["coordinator"])
    draft(db, consultation_id, people)
    storage.finalise(db, consultation_id, people["coordinator"], link=LINK)
    draft(db, consultation_id, people, recommendations="Perhetyö ja tukihenkilö.")

    with pytest.raises(storage.StatementError) as error:
        storage.finalise(db, consultation_id, people["coordinator"], link=LINK)
    assert problems(error) == {"reason_missing"}

    assert storage.finalise(db, consultation_id, people["coordinator"], link=LINK, reason="Tukihenkilö lisätty.") == 2
    assert [(v["version"], v["reason"]) for v in storage.list_versions(db, consultation_id)] == [
        (1, ""), (2, "Tukihenkilö lisätty.")]
    assert storage.get_version(db, consultation_id, 1)["recommendations"] == "Perhetyö jatkuu."
    assert storage.get_version(db, consultation_id)["recommendations"] == "Perhetyö ja tukihenkilö."


def test_a_new_version_that_changes_nothing_is_refused(db, consultation_id, people):
    hold(db, consultation_id, people["coordinator"])
    draft(db, consultation_id, people)
    storage.finalise(db, consultation_id, people["coordinator"], link=LINK)

    with pytest.raises(storage.StatementError) as error:
        storage.finalise(db, consultation_id, people["coordinator"], link=LINK, reason="Tuplaklikkaus.")

    assert problems(error) == {"unchanged"}
    assert len(storage.list_versions(db, consultation_id)) == 1


def test_statement_finalised_is_sent_once_with_the_ids_inside_the_transaction(db, consultation_id, people):
    meeting_id = hold(db, consultation_id, people["coordinator"], member_ids=[people["expert2"], people["expert"]])
    draft(db, consultation_id, people)
    received = []

    def receiver(sender, **kwargs):
        received.append({**kwargs, "in_transaction": kwargs["db"].conn.in_transaction})

    with signals.statement_finalised.connected_to(receiver):
        storage.finalise(db, consultation_id, people["coordinator"], link=LINK)
        draft(db, consultation_id, people, next_steps="Uusi.")
        storage.finalise(db, consultation_id, people["coordinator"], link=LINK, reason="Tarkennus.")

    statement_id = storage.get_statement(db, consultation_id)["id"]
    assert [{k: v for k, v in r.items() if k != "db"} for r in received] == [{
        "consultation_id": consultation_id, "statement_id": statement_id, "meeting_id": meeting_id,
        "social_worker_id": people["worker"], "present_member_ids": sorted([people["expert"], people["expert2"]]),
        "in_transaction": True}]


def test_a_failing_receiver_rolls_the_finalising_back(db, consultation_id, people):
    hold(db, consultation_id, people["coordinator"])
    draft(db, consultation_id, people)

    def receiver(sender, **kwargs):
        raise RuntimeError("surveys broke")

    with signals.statement_finalised.connected_to(receiver), pytest.raises(RuntimeError):
        storage.finalise(db, consultation_id, people["coordinator"], link=LINK)

    assert storage.list_versions(db, consultation_id) == []
    assert outbox.to_send(db) == []


def test_saving_a_draft_is_audit_logged_without_its_text(db, consultation_id, people):
    statement_id = draft(db, consultation_id, people)

    assert audit(db, "statement.save") == [(consultation_id, f"statement {statement_id}")]
    assert not db.execute("SELECT 1 FROM audit_log WHERE detail LIKE '%Perhetyö%'").fetchone()


# ---- the message back to the child --------------------------------------------------------

@pytest.fixture
def delivered(db, consultation_id, people):
    """A finalised statement of a consultation where a child gave views; returns the views id."""
    views_id = child_views(db, consultation_id)
    hold(db, consultation_id, people["coordinator"])
    draft(db, consultation_id, people)
    storage.finalise(db, consultation_id, people["coordinator"], link=LINK)
    return views_id


def test_each_child_who_gave_views_is_a_recipient_of_the_message(db, consultation_id, delivered):
    assert [(r["key"], r["views_id"]) for r in storage.recipients(db, consultation_id)] == [
        (f"views-{delivered}", delivered)]


def test_marking_the_message_delivered_sends_message_delivered_with_the_views_ids(db, consultation_id, people, delivered):
    received = []
    with signals.message_delivered.connected_to(lambda sender, **kw: received.append(kw)):
        storage.mark_deliveries(db, consultation_id, people["worker"], {f"views-{delivered}": ("in_person", "")})
        storage.mark_deliveries(db, consultation_id, people["worker"], {f"views-{delivered}": ("letter", "")})

    assert [(r["consultation_id"], r["views_ids"]) for r in received] == [(consultation_id, [delivered])]
    assert storage.deliveries(db, consultation_id)[f"views-{delivered}"]["how"] == "letter"
    assert audit(db, "statement.delivery") == [(consultation_id, f"views-{delivered}: in_person"),
                                               (consultation_id, f"views-{delivered}: letter")]


def test_not_delivered_needs_its_reason_and_sends_no_signal(db, consultation_id, people, delivered):
    key = f"views-{delivered}"
    with pytest.raises(storage.StatementError) as error:
        storage.mark_deliveries(db, consultation_id, people["worker"], {key: ("not_delivered", " ")})
    assert problems(error) == {"reason_missing"}

    received = []
    with signals.message_delivered.connected_to(lambda sender, **kw: received.append(kw)):
        storage.mark_deliveries(db, consultation_id, people["worker"], {key: ("not_delivered", "Lapsi sairaana.")})

    assert received == []
    assert storage.deliveries(db, consultation_id)[key]["reason"] == "Lapsi sairaana."


def test_a_mark_for_someone_who_is_not_a_recipient_is_refused(db, consultation_id, people, delivered):
    with pytest.raises(storage.StatementError):
        storage.mark_deliveries(db, consultation_id, people["worker"], {"views-999": ("letter", "")})


def test_an_undelivered_message_is_shown_to_the_coordinator_from_two_weeks_after_the_meeting(
        db, consultation_id, people, delivered):
    consultation = get_consultation(db, consultation_id)

    assert not statement_status.status(db, consultation, date(2027, 2, 11))["undelivered_overdue"]
    assert statement_status.status(db, consultation, date(2027, 2, 12))["undelivered_overdue"]
    storage.mark_deliveries(db, consultation_id, people["worker"], {f"views-{delivered}": ("not_delivered", "Ei tavattu.")})
    assert statement_status.status(db, consultation, date(2027, 2, 12))["undelivered_overdue"]
    storage.mark_deliveries(db, consultation_id, people["worker"], {f"views-{delivered}": ("meeting", "")})
    assert not statement_status.status(db, consultation, date(2027, 2, 12))["undelivered_overdue"]


# ---- the follow-up -----------------------------------------------------------------------

def test_the_follow_up_is_due_three_months_after_the_meeting_until_answered(db, consultation_id, people, delivered):
    consultation = get_consultation(db, consultation_id)

    assert not statement_status.status(db, consultation, date(2027, 4, 28))["follow_up_open"]
    assert statement_status.status(db, consultation, date(2027, 4, 29))["follow_up_open"]
    storage.save_follow_up(db, consultation_id, people["worker"], "partly", "Koulu jatkuu.")
    assert not statement_status.status(db, consultation, date(2027, 4, 29))["follow_up_open"]
    assert storage.get_follow_up(db, consultation_id)["outcome"] == "partly"
    assert audit(db, "statement.follow_up") == [(consultation_id, "partly")]


def test_the_follow_up_takes_only_its_four_answers(db, consultation_id, people):
    with pytest.raises(storage.StatementError):
        storage.save_follow_up(db, consultation_id, people["worker"], "maybe")


def test_three_months_later_is_the_months_last_day_when_the_month_is_shorter():
    assert rules.follow_up_due_on("2027-11-30T09:00") == date(2028, 2, 29)
    assert rules.follow_up_due_on("2027-01-29") == date(2027, 4, 29)
    assert rules.add_months(date(2027, 10, 31), 3) == date(2028, 1, 31)


# ---- who may do what (accounts.access.statement_rights) ------------------------------------

class Person:
    def __init__(self, user_id, roles, panel_ids):
        self.id, self.roles, self.panel_ids = user_id, set(roles), panel_ids


CONSULTATION = {"panel_id": 1, "social_worker_id": 7}


@pytest.mark.parametrize("person, rights", [
    (Person(7, ["social_worker"], [1]), {"read", "delivery"}),
    (Person(8, ["social_worker"], [1]), set()),
    (Person(9, ["coordinator"], [1]), {"read", "write"}),
    (Person(10, ["expert"], [1]), {"read"}),
    (Person(11, ["admin"], []), set()),
    (Person(12, ["coordinator", "expert", "social_worker"], [2]), set()),
    (Person(7, ["social_worker"], [2]), set()),  # the worker who has left the panel
])
def test_statement_rights_follow_the_privacy_table(person, rights):
    assert access.statement_rights(person, CONSULTATION) == rights


def test_a_member_with_a_conflict_of_interest_may_not_read_the_statement():
    assert access.statement_rights(Person(10, ["expert"], [1]), CONSULTATION, member_may_see=False) == set()
    assert access.statement_rights(Person(9, ["coordinator"], [1]), CONSULTATION, member_may_see=False) == {
        "read", "write"}
