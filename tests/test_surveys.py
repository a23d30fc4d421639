"""Feedback surveys (issue 12): the definitions, the anonymous schema, who is
asked and when, the grace period, the response rate, once-only submits and
the study-style summary. The pages are in test_survey_pages.py, the family's
tablet in test_survey_tablet.py, the browser in tests/browser/test_surveys.py."""
import sqlite3
from datetime import date

import pytest

from db import connect
from demo_data import fill as fill_demo
from participation import questionnaires
from participation.extension import ViewsQuestion
from questionnaire.answers import Answer
from questionnaire.localisation import texts_for
from questionnaire.schema import DefinitionError, Page
from surveys import codes, connect_signals, definitions, periods, report_storage, requests, storage, summary
from surveys.definitions import SurveyDefinition, SurveyQuestion
from tests.conftest import at_once, make_user
from tests.test_tablet import make_consultation, make_views

DAY = date(2027, 2, 10)


# ---- arranging ------------------------------------------------------------------------

@pytest.fixture
def world(app, db, panel_id, users):
    """A consultation of the social worker at a meeting, and two expert members."""
    worker = users["social_worker"][0]
    experts = [users["expert"][0], make_user(db, "expert2@example.fi", ["expert"], [panel_id])]
    meeting_id = db["meetings"].insert({"panel_id": panel_id, "starts_at": "2027-01-29T09:00",
                                        "ends_at": "2027-01-29T11:30"}).last_pk
    consultation_id = make_consultation(db, panel_id, worker)
    db["consultations"].update(consultation_id, {"meeting_id": meeting_id})
    return {"app": app, "panel_id": panel_id, "worker": worker, "experts": experts, "meeting_id": meeting_id,
            "consultation_id": consultation_id}


def open_requests(db, world, on_day=DAY):
    with world["app"].app_context():
        return requests.open_after_statement(
            db, consultation_id=world["consultation_id"], meeting_id=world["meeting_id"],
            social_worker_id=world["worker"], present_member_ids=world["experts"], on_day=on_day)


def professional_request(db, world, on_day=DAY):
    return open_requests(db, world, on_day)[0]


def released_counts(db, today, grace_days=14, **filters):
    return report_storage.answer_counts(db, today=today, grace_days=grace_days, **filters)


def table_dump(db):
    """Every row of every table (WITHOUT ROWID tables by their key)."""
    out = {}
    for name in db.table_names():
        out[name] = sorted(tuple(map(str, row)) for row in db.execute(f'SELECT * FROM "{name}"').fetchall())
    return out


# ---- surveys as data ------------------------------------------------------------------

def test_every_survey_round_trips_through_its_stored_form():
    for definition in definitions.SURVEYS.values():
        assert definitions.load(definition.to_dict()) == definition


STABLE_IDS = {
    "feedback-professional": ["works_well", "competence", "client_heard", "clear_recommendations",
                              "questions_answered", "individual_composition", "retention", "do_differently"],
    "feedback-expert": ["works_well", "competence", "client_heard", "statement_importance",
                        "individual_composition", "retention", "do_differently"],
    "feedback-child-7-12": ["felt_heard", "understood", "good_to_tell", "anything_else"],
    "feedback-child-13-17": ["felt_heard", "understood", "good_to_tell", "anything_else"],
    "feedback-parent": ["felt_heard", "understood", "good_to_tell", "anything_else"],
}


@pytest.mark.parametrize("survey_id", sorted(STABLE_IDS))
def test_question_ids_are_the_stable_ids_of_the_export(survey_id):
    assert [q.id for q in definitions.get(survey_id).questions()] == STABLE_IDS[survey_id]


def test_the_yearly_surveys_ask_the_same_questions_as_the_meetings_surveys():
    assert [q.id for q in definitions.PROFESSIONAL_YEARLY.questions()] == STABLE_IDS["feedback-professional"]
    assert [q.id for q in definitions.EXPERT_YEARLY.questions()] == STABLE_IDS["feedback-expert"]


def test_the_professionals_wordings_are_the_issues_finnish():
    wording = {q.id: q.wording for q in definitions.PROFESSIONAL.questions()}
    assert wording["works_well"] == "Miten asiantuntijaryhmä mielestäsi toimi tässä konsultaatiossa?"
    assert wording["competence"] == "Kuinka paljon konsultaatio vahvisti ammattitaitoasi ja osaamistasi?"
    assert wording["client_heard"] == "Asiakas tuli riittävän hyvin kuulluksi asiantuntijaryhmän käsittelyssä."
    assert wording["clear_recommendations"] == \
        "Sain selkeitä suosituksia ja konkreettisia keinoja asiakkaan tilanteen edistämiseen."
    assert wording["questions_answered"] == "Lausunto vastasi esittämiini kysymyksiin."
    assert wording["individual_composition"] == ("Kuinka tärkeänä pidät sitä, että asiantuntijaryhmä kootaan "
                                                 "jokaiseen konsultaatioon yksilöllisesti?")
    assert wording["retention"] == ("Kuinka tärkeä tekijä hyvin toimiva asiantuntijaryhmä on työntekijöiden "
                                    "pito- ja vetovoiman kannalta?")
    assert wording["do_differently"] == "Mitä asiantuntijaryhmän pitäisi tehdä toisin?"
    expert = {q.id: q.wording for q in definitions.EXPERT.questions()}
    assert expert["statement_importance"] == "Kuinka tärkeänä pidät lausunnon antamista (pyydettäessä)?"


def labels(question):
    return [p.label for p in question.scale.points]


def test_the_scales_are_the_issues_and_dont_know_is_kept_apart():
    q = {q.id: q for q in definitions.PROFESSIONAL.questions()}
    assert labels(q["works_well"]) == ["Erittäin huonosti", "Melko huonosti", "Ei hyvin eikä huonosti", "Hyvin",
                                       "Erittäin hyvin"]
    assert labels(q["competence"]) == ["Ei lainkaan", "Vähän", "Jonkin verran", "Melko paljon", "Erittäin paljon"]
    assert labels(q["client_heard"]) == ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä",
                                         "Jokseenkin samaa mieltä", "Täysin samaa mieltä"]
    assert labels(q["retention"]) == ["Ei lainkaan tärkeä", "Vähän tärkeä", "Jonkin verran tärkeä", "Melko tärkeä",
                                      "Erittäin tärkeä"]
    for definition in (definitions.PROFESSIONAL, definitions.EXPERT, definitions.PARENT):
        for question in definition.scale_questions():
            assert len(question.scale.points) == 5 and question.scale.dont_know.label == "En osaa sanoa"
            assert "dont_know" not in [p.value for p in question.scale.points]


def test_children_7_12_get_three_faces_with_words_and_13_17_five_worded_points():
    for question in definitions.CHILD_7_12.scale_questions():
        assert question.scale.faces and labels(question) == ["Ei", "Vähän", "Paljon"]
        assert question.scale.dont_know.label == "En tiedä" and question.positive == ("3",)
    for question in definitions.CHILD_13_17.scale_questions():
        assert len(question.scale.points) == 5 and question.positive == ("4", "5")


@pytest.mark.parametrize("survey, question_id, positive", [
    (definitions.PROFESSIONAL, "works_well", ("4", "5")), (definitions.PROFESSIONAL, "competence", ("4", "5")),
    (definitions.PROFESSIONAL, "client_heard", ("5",)), (definitions.PROFESSIONAL, "clear_recommendations", ("4", "5")),
    (definitions.PROFESSIONAL, "questions_answered", ("4", "5")),
    (definitions.PROFESSIONAL, "individual_composition", ("4", "5")), (definitions.PROFESSIONAL, "retention", ("4", "5")),
    (definitions.EXPERT, "statement_importance", ("5",)), (definitions.EXPERT, "client_heard", ("5",))])
def test_positive_answers_are_as_the_study_reported(survey, question_id, positive):
    assert survey.question(question_id).positive == positive


def test_a_survey_question_gets_none_of_participations_extras():
    for definition in definitions.SURVEYS.values():
        for question in definition.questions():
            assert not isinstance(question, ViewsQuestion)
            assert not hasattr(question, "visibility") and not hasattr(question, "worker_wording")
            assert not hasattr(question, "worry") and not hasattr(question, "allow_drawing")


@pytest.mark.parametrize("make, message", [
    (lambda: SurveyQuestion(id="q", type="scale", wording="W", scale=definitions.scales.quality(), positive=("6",)),
     "must be points"),
    (lambda: SurveyQuestion(id="q", type="scale", wording="W", scale=definitions.scales.quality(),
                            positive=("dont_know",)), "must be points"),
    (lambda: SurveyQuestion(id="q", type="free_text", wording="W", positive=("1",)), "only a scale"),
    (lambda: SurveyQuestion(id="q", type="free_text", wording="W", required=True), "may be skipped"),
    (lambda: SurveyDefinition(id="s", title="T", audience="boss", subject="meeting", pages=(
        Page(id="p", questions=(SurveyQuestion(id="q", type="free_text", wording="W"),)),)), "audience"),
])
def test_a_wrong_survey_definition_fails_when_built(make, message):
    with pytest.raises(DefinitionError, match=message):
        make()


def test_every_wording_of_every_survey_is_translated_into_swedish_and_english():
    untranslated = []
    for definition in definitions.SURVEYS.values():
        for key, texts in texts_for(definition.wording_keys()).items():
            untranslated += [(lang, key) for lang in ("sv", "en") if texts[lang] == key and key not in ("Ei",)]
    assert not untranslated, untranslated[:5]


@pytest.mark.parametrize("lang, anonymous, turn_to", [
    ("fi", "nimetön", "sosiaalityöntekijällesi"), ("sv", "anonymt", "socialarbetare"), ("en", "anonymous", "social worker")])
def test_the_childs_survey_says_it_is_anonymous_and_where_to_turn(lang, anonymous, turn_to):
    for definition in (definitions.CHILD_7_12, definitions.CHILD_13_17):
        texts = texts_for(definition.pages[0].paragraphs)
        intro = " ".join(texts[p][lang] for p in definition.pages[0].paragraphs)
        assert anonymous in intro and turn_to in intro and "116 111" in intro


def test_every_survey_says_before_answering_that_it_cannot_be_read_back_or_changed():
    for definition in definitions.SURVEYS.values():
        intro = " ".join(definition.pages[0].paragraphs)
        assert "muuttaa" in intro and ("lukea" in intro or "katsoa" in intro), definition.id


def test_children_from_seven_and_parents_have_a_survey_but_not_the_youngest():
    assert definitions.for_band("7-12") is definitions.CHILD_7_12
    assert definitions.for_band("13-17") is definitions.CHILD_13_17
    assert definitions.for_band("parent") is definitions.PARENT
    assert definitions.for_band("3-6") is None


# ---- the schema: nothing links a response to anyone or any time ---------------------------

RESPONSE_TABLES = ("survey_responses", "survey_answers")
FORBIDDEN = ("request", "user", "consultation", "meeting", "views", "code", "session", "time", "date", "_at",
             "_on", "created", "updated", "ip", "address", "agent", "referrer", "seq", "order")


def test_no_table_links_a_response_to_a_request_user_consultation_meeting_or_time(db):
    columns = {t: [row[1] for row in db.execute(f"PRAGMA table_info({t})")] for t in RESPONSE_TABLES}
    assert columns == {"survey_responses": ["id", "panel_id", "survey_id", "version_id", "respondent_group", "period"],
                       "survey_answers": ["response_id", "question_id", "choice", "text"]}
    for table, names in columns.items():
        assert not [n for n in names for word in FORBIDDEN if word in n], table
        defaults = [row[4] for row in db.execute(f"PRAGMA table_info({table})") if row[4] is not None]
        assert not [d for d in defaults if "now" in d.lower() or "time" in d.lower()], table
    references = {t: {row[2] for row in db.execute(f"PRAGMA foreign_key_list({t})")} for t in RESPONSE_TABLES}
    assert references == {"survey_responses": {"panels", "questionnaire_versions"},
                          "survey_answers": {"survey_responses"}}
    # no other table points at a response, and no trigger watches them
    for table in db.table_names():
        if table not in RESPONSE_TABLES:
            assert not {row[2] for row in db.execute(f"PRAGMA foreign_key_list({table})")} & set(RESPONSE_TABLES)
    assert not db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (?, ?)",
                          RESPONSE_TABLES).fetchall()


def test_responses_and_answers_have_no_rowid_and_a_random_text_key(db):
    for table in RESPONSE_TABLES:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        assert sql.rstrip().endswith("WITHOUT ROWID")
        with pytest.raises(sqlite3.OperationalError, match="rowid"):
            db.execute(f"SELECT rowid FROM {table}")
    key = [row for row in db.execute("PRAGMA table_info(survey_responses)") if row[5]]
    assert [(row[1], row[2]) for row in key] == [("id", "TEXT")]
    ids = {storage.new_response_id() for _ in range(100)}
    assert len(ids) == 100 and all(len(i) == 32 and int(i, 16) >= 0 for i in ids)


def test_a_request_keeps_used_as_a_bare_flag_without_time_or_order(db):
    names = [row[1] for row in db.execute("PRAGMA table_info(survey_requests)")]
    assert "used" in names and not [n for n in names if "used_" in n or n.endswith("_seq") or "answered" in n]
    names = [row[1] for row in db.execute("PRAGMA table_info(survey_codes)")]
    assert "redeemed" in names and "used_at" not in names and "redeemed_at" not in names


def answers_of(**choices):
    return {qid: Answer(choice=value) for qid, value in choices.items()}


def test_two_responses_of_a_month_differ_in_no_stored_column_but_their_answers(db, world):
    first, second = professional_request(db, world), None
    other = make_consultation(db, world["panel_id"], world["worker"])
    with world["app"].app_context():
        second = requests.open_after_statement(db, consultation_id=other, meeting_id=world["meeting_id"],
                                               social_worker_id=world["worker"], present_member_ids=[], on_day=DAY)[0]
    assert storage.submit(db, first, answers_of(works_well="5"), date(2027, 2, 11))
    assert storage.submit(db, second, answers_of(works_well="2"), date(2027, 2, 25))
    rows = [dict(row) for row in db.query("SELECT * FROM survey_responses")]
    assert len(rows) == 2
    for row in rows:
        row.pop("id")
    assert rows[0] == rows[1]  # same panel, survey, version, group and month: only the answers differ
    assert {r["choice"] for r in db.query("SELECT choice FROM survey_answers")} == {"5", "2"}


def test_the_stored_order_of_responses_is_their_random_ids_not_their_arrival(db, world, monkeypatch):
    made = []
    for n in range(2):
        other = make_consultation(db, world["panel_id"], world["worker"])
        with world["app"].app_context():
            made += requests.open_after_statement(db, consultation_id=other, meeting_id=world["meeting_id"],
                                                  social_worker_id=world["worker"], present_member_ids=[], on_day=DAY)
    ids = iter(["f" * 32, "0" * 32])  # the first to arrive happens to get the larger id
    monkeypatch.setattr(storage, "new_response_id", lambda: next(ids))
    storage.submit(db, made[0], answers_of(works_well="5"), DAY)
    storage.submit(db, made[1], answers_of(works_well="1"), DAY)
    assert [row[0] for row in db.execute("SELECT id FROM survey_responses")] == ["0" * 32, "f" * 32]
    assert [row[0] for row in db.execute("SELECT response_id FROM survey_answers")] == ["0" * 32, "f" * 32]


def test_a_submit_changes_nothing_but_the_requests_used_flag_and_adds_the_response(db, world):
    request_id = professional_request(db, world)
    before = table_dump(db)
    request_before = dict(storage.get_request(db, request_id))
    assert storage.submit(db, request_id, answers_of(works_well="4", retention="5"), DAY)
    after = table_dump(db)
    changed = sorted(t for t in after if after[t] != before.get(t))
    # no audit line, no session, no time; the report's workflow version (m013) is one number raised by
    # any change the child's-voice figures read (here the used flag): no time, no id, nothing of the answer
    assert after["report_workflow_version"] == [(str(int(before["report_workflow_version"][0][0])),
                                                 str(int(before["report_workflow_version"][0][1]) + 1))]
    assert [t for t in changed if t != "report_workflow_version"] == ["survey_answers", "survey_requests",
                                                                      "survey_responses"]
    request_after = dict(storage.get_request(db, request_id))
    assert {k for k in request_after if request_after[k] != request_before[k]} == {"used"}


# ---- who is asked, and when ---------------------------------------------------------------------

def test_a_finalised_statement_asks_the_worker_and_each_member_present(db, world):
    made = open_requests(db, world)
    rows = [storage.get_request(db, r) for r in made]
    assert [(r["survey_id"], r["user_id"]) for r in rows] == [
        ("feedback-professional", world["worker"])] + [("feedback-expert", e) for e in world["experts"]]
    assert all(r["period"] == "2027-02" and r["created_on"] == "2027-02-10" and r["used"] == 0 for r in rows)
    assert rows[0]["consultation_id"] == world["consultation_id"] and rows[1]["consultation_id"] is None


def test_the_worker_is_asked_once_per_consultation_and_a_member_once_per_meeting(db, world):
    open_requests(db, world)
    assert open_requests(db, world) == []
    other = make_consultation(db, world["panel_id"], world["worker"])
    with world["app"].app_context():
        made = requests.open_after_statement(db, consultation_id=other, meeting_id=world["meeting_id"],
                                             social_worker_id=world["worker"], present_member_ids=world["experts"])
    assert [storage.get_request(db, r)["survey_id"] for r in made] == ["feedback-professional"]


def test_only_the_panels_expert_members_present_are_asked(db, world, other_panel_id, users):
    outsider = make_user(db, "outside@example.fi", ["expert"], [other_panel_id])
    world["experts"] = [world["experts"][0], outsider, users["coordinator"][0]]
    made = open_requests(db, world)
    assert [storage.get_request(db, r)["user_id"] for r in made][1:] == [world["experts"][0]]


def test_the_message_back_opens_feedback_for_children_from_seven_and_parents(db, world):
    ids = {band: make_views(db, world["consultation_id"], band) for band in ("3-6", "7-12", "13-17", "parent")}
    with world["app"].app_context():
        made = requests.open_family_feedback(db, consultation_id=world["consultation_id"], views_ids=list(ids.values()))
        assert requests.open_family_feedback(db, consultation_id=world["consultation_id"], views_ids=list(ids.values())) == []
    rows = [storage.get_request(db, r) for r in made]
    assert [(r["survey_id"], r["respondent_group"], r["views_id"]) for r in rows] == [
        ("feedback-child-7-12", "child", ids["7-12"]), ("feedback-child-13-17", "child", ids["13-17"]),
        ("feedback-parent", "parent", ids["parent"])]
    assert all(r["user_id"] is None for r in rows)


def test_another_consultations_views_get_no_request(db, world):
    other = make_consultation(db, world["panel_id"], world["worker"])
    views_id = make_views(db, other, "7-12")
    with world["app"].app_context():
        assert requests.open_family_feedback(db, consultation_id=world["consultation_id"], views_ids=[views_id]) == []


def test_the_yearly_survey_goes_once_to_every_expert_and_social_worker_of_the_panel(db, world, users, other_panel_id):
    make_user(db, "elsewhere@example.fi", ["expert"], [other_panel_id])
    with world["app"].app_context():
        round_id, made = requests.send_round(db, panel_id=world["panel_id"], sent_by=users["coordinator"][0],
                                             on_day=DAY)
        assert requests.send_round(db, panel_id=world["panel_id"], sent_by=users["coordinator"][0],
                                   on_day=date(2027, 6, 1)) == (None, 0)
    rows = list(db.query("SELECT survey_id, user_id, period, round_id FROM survey_requests ORDER BY id"))
    assert made == 3 and {r["period"] for r in rows} == {"2027-round"} and {r["round_id"] for r in rows} == {round_id}
    assert sorted((r["survey_id"], r["user_id"]) for r in rows) == sorted(
        [("feedback-expert-yearly", e) for e in world["experts"]] +
        [("feedback-professional-yearly", world["worker"])])
    assert db["survey_rounds"].get(round_id)["closes_on"] == "2027-03-12"


def test_a_rounds_response_forms_its_own_period(db, world, users):
    with world["app"].app_context():
        requests.send_round(db, panel_id=world["panel_id"], sent_by=users["coordinator"][0], on_day=DAY)
    request_id = db.execute("SELECT id FROM survey_requests WHERE user_id = ?", [world["worker"]]).fetchone()[0]
    assert storage.submit(db, request_id, answers_of(works_well="4"), date(2027, 3, 2))
    assert db.execute("SELECT period FROM survey_responses").fetchone()[0] == "2027-round"


def test_one_reminder_is_due_seven_days_after_sending_and_never_again(db, world):
    made = open_requests(db, world)
    storage.submit(db, made[1], answers_of(works_well="4"), DAY)  # an expert answered: no reminder
    with world["app"].app_context():
        assert requests.due_reminders(db, on_day=date(2027, 2, 16)) == []
        due = requests.due_reminders(db, on_day=date(2027, 2, 17))
        assert sorted(r["id"] for r in due) == sorted([made[0], made[2]])
        requests.mark_reminded(db, [r["id"] for r in due], on_day=date(2027, 2, 17))
        assert requests.due_reminders(db, on_day=date(2027, 2, 24)) == []


def test_the_reminder_day_is_a_setting(db, world):
    open_requests(db, world)
    world["app"].config["SURVEY_REMINDER_DAYS"] = 3
    with world["app"].app_context():
        assert len(requests.due_reminders(db, on_day=date(2027, 2, 13))) == 3


def test_an_expired_request_gets_no_reminder_and_stores_nothing(db, world):
    request_id = professional_request(db, world)
    with world["app"].app_context():
        assert requests.due_reminders(db, on_day=date(2027, 3, 20)) == []
    assert not storage.submit(db, request_id, answers_of(works_well="4"), date(2027, 3, 13))
    assert db["survey_responses"].count == 0 and storage.get_request(db, request_id)["used"] == 0


def test_the_panels_signals_open_the_requests_once_connected(db, world):
    from panel import signals as module
    connect_signals()  # init_app connected them already: connecting again adds nothing
    views_id = make_views(db, world["consultation_id"], "13-17")
    with world["app"].app_context():
        module.statement_finalised.send(None, db=db, consultation_id=world["consultation_id"], statement_id=7,
                                        meeting_id=world["meeting_id"], social_worker_id=world["worker"],
                                        present_member_ids=world["experts"])
        module.message_delivered.send(None, db=db, consultation_id=world["consultation_id"], views_ids=[views_id])
    assert [r["survey_id"] for r in db.query("SELECT survey_id FROM survey_requests ORDER BY id")] == [
        "feedback-professional", "feedback-expert", "feedback-expert", "feedback-child-13-17"]


# ---- once only ------------------------------------------------------------------------------------

def test_a_concurrent_double_submit_stores_one_response(app, db, world):
    request_id = professional_request(db, world)

    def submit():
        own = connect(app.config["DATABASE"], synchronous="OFF")
        try:
            return storage.submit(own, request_id, answers_of(works_well="4"), DAY)
        finally:
            own.conn.close()
    results = at_once(submit, 8)
    assert results.count(True) == 1 and results.count(False) == 7, results
    assert db["survey_responses"].count == 1 and db["survey_answers"].count == 1


def test_a_used_request_stores_nothing_more(db, world):
    request_id = professional_request(db, world)
    assert storage.submit(db, request_id, answers_of(works_well="4"), DAY)
    assert not storage.submit(db, request_id, answers_of(works_well="1"), DAY)
    assert [r[0] for r in db.execute("SELECT choice FROM survey_answers")] == ["4"]


# ---- the grace period -------------------------------------------------------------------------------

def test_a_months_responses_are_released_together_after_the_month_and_the_grace_period(db, world):
    made = open_requests(db, world, on_day=date(2027, 2, 1))
    storage.submit(db, made[0], answers_of(works_well="4"), date(2027, 2, 3))
    storage.submit(db, made[1], answers_of(works_well="5"), date(2027, 2, 28))
    for today in (date(2027, 2, 28), date(2027, 3, 1), date(2027, 3, 14)):
        assert released_counts(db, today) == [], today
    released = released_counts(db, date(2027, 3, 15))
    assert sorted((r["group"], r["choice"], r["count"]) for r in released) == [("expert", "5", 1),
                                                                               ("professional", "4", 1)]


def test_a_response_given_next_month_waits_for_that_months_release(db, world):
    request_id = professional_request(db, world, on_day=date(2027, 2, 26))
    storage.submit(db, request_id, answers_of(works_well="4"), date(2027, 3, 2))
    assert released_counts(db, date(2027, 3, 20)) == []
    assert len(released_counts(db, date(2027, 4, 15))) == 1


def test_the_grace_period_is_a_setting(db, world):
    request_id = professional_request(db, world)
    storage.submit(db, request_id, answers_of(works_well="4"), DAY)
    assert released_counts(db, date(2027, 3, 2), grace_days=1) and not released_counts(db, date(2027, 3, 1), grace_days=1)
    assert not released_counts(db, date(2027, 3, 31), grace_days=31)


def test_a_rounds_responses_are_released_when_it_has_closed_and_the_grace_period_passed(db, world, users):
    with world["app"].app_context():
        requests.send_round(db, panel_id=world["panel_id"], sent_by=users["coordinator"][0], on_day=DAY)
    request_id = db.execute("SELECT id FROM survey_requests WHERE user_id = ?", [world["worker"]]).fetchone()[0]
    storage.submit(db, request_id, answers_of(works_well="4"), DAY)
    # the round closes on 12.3. (30 days): released on 27.3. with 14 days' grace
    assert released_counts(db, date(2027, 3, 26)) == []
    assert len(released_counts(db, date(2027, 3, 27))) == 1
    assert not released_counts(db, date(2027, 3, 27), rounds=False)


@pytest.mark.parametrize("period, grace, today, released", [
    ("2027-02", 14, date(2027, 3, 14), False), ("2027-02", 14, date(2027, 3, 15), True),
    ("2027-12", 14, date(2028, 1, 15), True), ("2027-12", 0, date(2027, 12, 31), False),
    ("2027-12", 0, date(2028, 1, 1), True), ("2027-round", 14, date(2030, 1, 1), False)])
def test_release_days(period, grace, today, released):
    assert periods.is_released(period, today, grace) is released
    if periods.is_month(period):
        assert (period < periods.released_before(today, grace)) is released


# ---- the response rate -------------------------------------------------------------------------------

def test_the_response_rate_counts_requests_sent_and_used_per_panel_period_and_group(db, world):
    made = open_requests(db, world, on_day=date(2027, 1, 31))
    storage.submit(db, made[0], answers_of(works_well="3"), date(2027, 2, 2))  # answered in February
    storage.submit(db, made[2], answers_of(works_well="3"), date(2027, 2, 2))
    rates = [dict(r) for r in storage.response_rates(db, [world["panel_id"]])]
    assert rates == [{"panel_id": world["panel_id"], "period": "2027-01", "group": "expert", "sent": 2, "used": 1},
                     {"panel_id": world["panel_id"], "period": "2027-01", "group": "professional", "sent": 1, "used": 1}]


# ---- the summary ---------------------------------------------------------------------------------------

def summarised(db, today, **filters):
    rows = report_storage.answer_counts(db, today=today, grace_days=14, **filters)
    versions = {vid: v["definition"] for vid, v in storage.load_versions(db, {r["version_id"] for r in rows}).items()}
    return summary.summarise(rows, versions)


STUDY = {"works_well": (76, 37), "competence": (90, 41), "client_heard": (3, 2), "statement_importance": (10, None),
         "individual_composition": (17, 69), "retention": (76, 78)}


def test_the_demo_data_gives_the_studys_figures_when_summarised(db, tmp_path):
    demo = connect(str(tmp_path / "demo.sqlite"), synchronous="OFF")
    from db import migrate
    migrate(demo)
    today = date(2027, 1, 19)
    context = {"today": today}
    from demo_data import fill_accounts, extra_steps
    context.update(fill_accounts(demo))
    for step in extra_steps():
        step(demo, context)
    table = summary.by_question(summary.combine(summarised(demo, today)))
    assert table["works_well"]["expert"].n == 29 and table["works_well"]["professional"].n == 46
    for question_id, (expert, professional) in STUDY.items():
        assert summary.round_half_up(table[question_id]["expert"].positive_pct) == expert, question_id
        if professional is not None:
            assert summary.round_half_up(table[question_id]["professional"].positive_pct) == professional, question_id
    assert table["individual_composition"]["professional"].n == 45  # one skipped it: 31 of 45
    assert {"child", "parent"} <= set(table["felt_heard"])
    demo.conn.close()


def test_the_demo_figures_come_from_stored_responses(db, tmp_path):
    demo = connect(str(tmp_path / "demo.sqlite"), synchronous="OFF")
    from db import migrate
    migrate(demo)
    fill_demo(demo)
    assert demo.execute("SELECT count(*) FROM survey_responses WHERE respondent_group = 'expert'").fetchone()[0] == 29
    assert demo.execute("SELECT count(*) FROM survey_responses WHERE respondent_group = 'professional'").fetchone()[0] == 46
    demo.conn.close()


def counted(question_id, choice, count, has_text=False, group="professional", version_id=1):
    return {"survey_id": "feedback-professional", "version_id": version_id, "group": group, "question_id": question_id,
            "choice": choice, "has_text": has_text, "count": count}


def test_skipped_and_dont_know_are_kept_out_of_n_and_counted_apart():
    rows = [counted("works_well", "5", 3), counted("works_well", "4", 1), counted("works_well", "2", 2),
            counted("works_well", "dont_know", 4)]
    result = {s.question_id: s for s in summary.summarise(rows, {1: definitions.PROFESSIONAL})}
    works = result["works_well"]
    assert (works.n, works.dont_know, works.positive_n) == (6, 4, 4)
    assert works.counts == {"1": 0, "2": 2, "3": 0, "4": 1, "5": 3}
    assert summary.round_half_up(works.positive_pct) == 67
    assert result["retention"].n == 0 and result["retention"].positive_pct is None  # asked, nobody answered


def test_free_text_has_an_n_and_no_positive():
    result = {s.question_id: s for s in summary.summarise([counted("do_differently", None, 2, has_text=True)],
                                                          {1: definitions.PROFESSIONAL})}
    assert result["do_differently"].n == 2 and result["do_differently"].positive_n is None


def test_the_weighted_counts_equal_the_engines_aggregate_answer_by_answer():
    question = definitions.PROFESSIONAL.question("client_heard")
    answers = [Answer(choice=c) for c in ["5", "5", "4", "1", "dont_know", "3", "5"]]
    engine = question.field.aggregate(question, answers)
    rows = [counted("client_heard", c, answers.count(Answer(choice=c))) for c in {a.choice for a in answers}]
    mine = [s for s in summary.summarise(rows, {1: definitions.PROFESSIONAL}) if s.question_id == "client_heard"][0]
    assert (mine.n, mine.counts, mine.dont_know) == (engine.n, engine.counts, engine.dont_know)
    assert mine.positive_n == 3  # only "fully agree" counts for this statement


def test_each_version_is_read_with_its_own_definition(db):
    older = definitions.PROFESSIONAL.replace_question("works_well", positive=("5",))
    rows = [counted("works_well", "4", 2, version_id=1), counted("works_well", "4", 2, version_id=2)]
    merged = summary.combine(summary.summarise(rows, {1: older, 2: definitions.PROFESSIONAL}))
    works = [s for s in merged if s.question_id == "works_well"][0]
    assert (works.n, works.positive_n) == (4, 2)


def test_combining_surveys_of_one_group_adds_them_up():
    rows = [counted("works_well", "5", 1, group="expert"),
            dict(counted("works_well", "4", 3, group="expert"), survey_id="feedback-expert-yearly", version_id=2)]
    merged = summary.by_question(summary.combine(summary.summarise(rows, {1: definitions.EXPERT,
                                                                         2: definitions.EXPERT_YEARLY})))
    works = merged["works_well"]["expert"]
    assert works.survey_id is None and (works.n, works.positive_n) == (4, 4)


@pytest.mark.parametrize("value, rounded", [(75.5, 76), (68.888, 69), (2.17, 2), (0.5, 1), (None, None), (36.5, 37)])
def test_percentages_are_rounded_half_up(value, rounded):
    assert summary.round_half_up(value) == rounded


def test_guessing_a_feedback_code_during_its_fourteen_days_is_hopeless():
    chance = codes.worst_case_chance(30, 3600, 14, live_codes=1000)
    assert chance < 1.3e-5
    assert codes.worst_case_chance(30, 3600, 14, live_codes=1) < 1.3e-8


def test_the_child_bands_of_the_views_all_have_a_survey_or_are_the_youngest():
    for band in questionnaires.bands():
        assert definitions.for_band(band) is not None or band == "3-6"
