"""Demo data of the feedback surveys: a year of handled consultations with
feedback, whose 29 expert-member and 46 professional responses reproduce the
Southern Finland study's figures when summarised (surveys/summary.py):
76 % / 37 % works well, 90 % / 41 % competence, 3 % / 2 % fully agree the
client is heard, 10 % statement very important, 17 % / 69 % individual
composition (one professional skips it: 31 of 45), 76 % / 78 % retention.
Children's and parents' feedback too, the young ones' skewed to the happiest
face as Read and MacFarlane found.

Nothing is written as a figure: each response is stored through the same
storage.submit as a real one, against a request opened by the same
requests.open_after_statement / open_family_feedback, and the figures come
out of the stored answers. The year is the twelve months before the last
two, so that every month of it is released (surveys/periods.py) today.

Called by demo_data.fill as `fill(db, context)`; adds context["survey_consultation_ids"].
"""
import random
import config
from datetime import date, timedelta

from panel import calendar
from panel import storage as panel_storage
from participation import questionnaires
from participation import storage as views_storage
from questionnaire.answers import Answer
from questionnaire.localisation import texts_for
from surveys import requests, storage

WORKERS = ["sosiaalityontekija@example.fi", "sosiaalityontekija2@example.fi", "sosiaalityontekija3@example.fi"]
EXPERTS = ["psykologi@example.fi", "laakari@example.fi", "juristi@example.fi", "terveydenhoitaja@example.fi",
           "kokemusasiantuntija@example.fi"]
PER_MEETING = 5
AGES = [14, 9, 16, 11, 5, 8, 13, 2, 15, 10, 12, 7]
QUESTIONS = [
    "Mitä tukitoimia perheelle voisi vielä kokeilla avohuollossa?",
    "Onko sijoitus kodin ulkopuolelle lapsen edun mukainen ratkaisu?",
    "Miten lapsen ja vanhemman tapaamiset kannattaisi järjestää?",
    "Miten nuoren koulunkäyntiä voisi tukea?",
    "Tarvitaanko lastenpsykiatrinen arvio?",
]

# Answers per question as {scale point: how many}; "dont_know" and None (skipped) too.
# Professionals, n = 46.
PROFESSIONAL = {
    "works_well": {"5": 4, "4": 13, "3": 15, "2": 10, "1": 4},                  # 17/46 = 37 %
    "competence": {"5": 3, "4": 16, "3": 16, "2": 8, "1": 3},                   # 19/46 = 41 %
    "client_heard": {"5": 1, "4": 14, "3": 15, "2": 12, "1": 4},                # 1/46 = 2 %
    "clear_recommendations": {"5": 6, "4": 14, "3": 10, "2": 9, "1": 4, "dont_know": 3},
    "questions_answered": {"5": 9, "4": 18, "3": 8, "2": 5, "1": 2, "dont_know": 2, None: 2},
    "individual_composition": {"5": 14, "4": 17, "3": 9, "2": 4, "1": 1, None: 1},  # 31/45 = 69 %
    "retention": {"5": 20, "4": 16, "3": 7, "2": 2, "1": 1},                    # 36/46 = 78 %
}
# Expert members, n = 29.
EXPERT = {
    "works_well": {"5": 7, "4": 15, "3": 5, "2": 2},                            # 22/29 = 76 %
    "competence": {"5": 10, "4": 16, "3": 2, "2": 1},                           # 26/29 = 90 %
    "client_heard": {"5": 1, "4": 12, "3": 10, "2": 5, "1": 1},                 # 1/29 = 3 %
    "statement_importance": {"5": 3, "4": 12, "3": 9, "2": 4, "1": 1},          # 3/29 = 10 %
    "individual_composition": {"5": 1, "4": 4, "3": 10, "2": 9, "1": 5},        # 5/29 = 17 %
    "retention": {"5": 9, "4": 13, "3": 5, "2": 2},                             # 22/29 = 76 %
}
CHILD_7_12 = {"felt_heard": {"3": 7, "2": 1, "dont_know": 1}, "understood": {"3": 4, "2": 3, "1": 1, "dont_know": 1},
              "good_to_tell": {"3": 8, "2": 1}}
CHILD_13_17 = {"felt_heard": {"5": 2, "4": 3, "3": 2, "2": 1}, "understood": {"5": 1, "4": 3, "3": 3, "dont_know": 1},
               "good_to_tell": {"5": 4, "4": 2, "3": 1, None: 1}}
PARENT = {"felt_heard": {"5": 3, "4": 4, "3": 2, "2": 1}, "understood": {"5": 2, "4": 4, "3": 3, "1": 1},
          "good_to_tell": {"5": 5, "4": 3, "3": 1, "dont_know": 1}}

COMMENTS = {
    "professional": ["Selkeämmät suositukset lausuntoon, mieluiten kohta kohdalta.",
                     "Lausunto tuli nopeasti, kiitos.",
                     "Kokoonpano kannattaisi miettiä asian mukaan, nyt juristia ei tarvittu.",
                     "Konkreettisia keinoja enemmän, vähemmän yleistä pohdintaa.",
                     "Asiakkaan oma ääni voisi näkyä lausunnossa vahvemmin."],
    "expert": ["Ennakkomateriaali tuli hyvissä ajoin.",
               "Lasten omat vastaukset auttoivat paljon.",
               "Aikaa oli liian vähän kolmelle asialle."],
    "child": ["Oli kiva että kysyttiin.", "En tiedä mitä työryhmä päätti."],
    "parent": ["Olisin halunnut tietää aiemmin, milloin asiaa käsitellään."],
}


def columns(counts, respondents, seed):
    """{question: [answer value or None, ...]} with exactly `counts`, in a shuffled order."""
    rng = random.Random(seed)
    out = {}
    for question_id, values in counts.items():
        column = [value for value, k in values.items() for _ in range(k)]
        column += [None] * (respondents - len(column))
        assert len(column) == respondents, question_id
        rng.shuffle(column)
        out[question_id] = column
    return out


def answer_sets(counts, respondents, group, text_question, seed):
    """The respondents' answers: [{question id: Answer}]."""
    cols = columns(counts, respondents, seed)
    comments = COMMENTS.get(group, [])
    sets = []
    for i in range(respondents):
        answers = {qid: Answer(choice=col[i]) for qid, col in cols.items() if col[i] is not None}
        if i < len(comments):
            answers[text_question] = Answer(text=comments[i])
        sets.append(answers)
    return sets


def _first_of_month(day, back):
    month = day.month - back
    year = day.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def year_of_meetings(db, panel_id, today):
    """The panel's meetings of the twelve months that end two months before `today`'s."""
    first, end = _first_of_month(today, 14), _first_of_month(today, 2)
    for year in range(first.year, end.year + 1):
        panel_storage.generate_meetings(db, panel_id, year, config.DEFAULT_MEETING_CAPACITY)
    return [m for m in panel_storage.list_meetings(db, [panel_id], from_day=first, to_day=end, include_cancelled=False)]


def _book(db, meeting, worker, n):
    day = calendar.as_date(meeting["starts_at"])
    age = AGES[n % len(AGES)]
    consultation_id = panel_storage.book_consultation(
        db, meeting_id=meeting["id"], social_worker_id=worker, created_by=worker, child_age=age,
        background="Demoaineiston käsitelty asia.", questions=[QUESTIONS[n % len(QUESTIONS)]],
        today=day - timedelta(days=30), closes_days_before=config.BOOKING_CLOSES_DAYS_BEFORE)
    db["consultations"].update(consultation_id, {"status": "handled",
                                                 "documents_received_at": f"{day - timedelta(days=8)}T12:00:00Z"})
    return consultation_id, age


def _family_views(db, consultation_id, age, worker):
    """A finished child's views (7–17) and, for every other one, a parent's; their ids."""
    made = []
    bands = [questionnaires.suggest_band(age)] + (["parent"] if consultation_id % 2 == 0 else [])
    for band in bands:
        if band == "3-6":
            continue
        definition = questionnaires.definition_for(band)
        views_id = views_storage.create_views(db, consultation_id, band, created_by=worker, language="fi",
                                              texts=texts_for(questionnaires.wording_keys(definition)))
        views_storage.save_answer(db, views_id, "q1", {"choice": None, "text": "Että asiat järjestyisivät.",
                                                       "declined": False, "visibility": "panel"}, actor_id=worker)
        views_storage.finish(db, views_id, worker)
        made.append(views_id)
    return made


def fill(db, context, today=None):
    today = calendar.as_date(today or context.get("today") or calendar.today(config.TIMEZONE))
    users, panel_id = context["users"], context["panel_id"]
    workers = [users[email] for email in WORKERS]
    experts = [users[email] for email in EXPERTS]
    meetings = year_of_meetings(db, panel_id, today)
    made, requests_by_group, family = [], {"professional": [], "expert": [], "child": [], "parent": []}, []
    for meeting in meetings:
        day = calendar.as_date(meeting["starts_at"])
        booked = db.execute("SELECT count(*) FROM consultations WHERE meeting_id = ? AND status != 'cancelled'",
                            [meeting["id"]]).fetchone()[0]
        db["meetings"].update(meeting["id"], {"capacity": booked + PER_MEETING})
        for n in range(PER_MEETING):
            worker = workers[(len(made)) % len(workers)]
            consultation_id, age = _book(db, meeting, worker, len(made))
            made.append(consultation_id)
            opened = requests.open_after_statement(
                db, consultation_id=consultation_id, meeting_id=meeting["id"], social_worker_id=worker,
                present_member_ids=experts, panel_id=panel_id, on_day=day + timedelta(days=2))
            for request_id in opened:
                row = storage.get_request(db, request_id)
                requests_by_group[row["respondent_group"]].append((request_id, day + timedelta(days=3)))
            views_ids = _family_views(db, consultation_id, age, worker)
            for request_id in requests.open_family_feedback(db, consultation_id=consultation_id, views_ids=views_ids,
                                                            on_day=day + timedelta(days=4)):
                family.append((request_id, day + timedelta(days=5)))
    _answer(db, requests_by_group["professional"], answer_sets(PROFESSIONAL, 46, "professional", "do_differently", 46))
    _answer(db, requests_by_group["expert"], answer_sets(EXPERT, 29, "expert", "do_differently", 29))
    by_survey = {}
    for request_id, day in family:
        by_survey.setdefault(storage.get_request(db, request_id)["survey_id"], []).append((request_id, day))
    for survey_id, counts, n, group in (("feedback-child-7-12", CHILD_7_12, 9, "child"),
                                        ("feedback-child-13-17", CHILD_13_17, 8, "child"),
                                        ("feedback-parent", PARENT, 10, "parent")):
        _answer(db, by_survey.get(survey_id, []), answer_sets(counts, n, group, "anything_else", n))
    context["survey_consultation_ids"] = made
    return context


def _answer(db, opened, sets):
    """Submit `sets` against requests of `opened`, spread evenly over the year."""
    assert len(opened) >= len(sets), f"{len(opened)} requests for {len(sets)} responses"
    for i, answers in enumerate(sets):
        request_id, day = opened[i * len(opened) // len(sets)]
        assert storage.submit(db, request_id, answers, day), request_id
