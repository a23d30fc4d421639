"""Every registered field type renders (the worker's page, the one-question
screen, the tablet), reads, validates and aggregates, in fi, sv and en; a
scale answered on the worker's page and on the tablet aggregates right."""
from html import unescape
from html.parser import HTMLParser

import pytest
from werkzeug.datastructures import MultiDict

from participation import storage
from questionnaire.fields import FIELD_TYPES
from tests import every_type
from tests.conftest import csrf_from
from tests.test_tablet import make_code, make_consultation, start_tablet

LANGS = ("fi", "sv", "en")
SCALE_LABELS = {"fi": ("Täysin eri mieltä", "Täysin samaa mieltä", "En osaa sanoa", "Huono", "Hyvä"),
                "sv": ("Helt av annan åsikt", "Helt av samma åsikt", "Kan inte säga", "Dåligt", "Bra"),
                "en": ("Strongly disagree", "Strongly agree", "I can't say", "Bad", "Good")}


class Elements(HTMLParser):
    """The page's elements as (tag, attributes) pairs."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def inputs(self, name):
        return [a for tag, a in self.found if tag == "input" and a.get("name") == name]

    def with_class(self, cls):
        return [a for _tag, a in self.found if cls in (a.get("class") or "").split()]

    def section(self, qid):
        return next((a for tag, a in self.found if tag == "section" and a.get("id") == f"q-{qid}"), None)


def assert_renders(html, lang, question_ids):
    page = Elements(html)
    for qid in question_ids:
        q = every_type.DEFINITION.question(qid)
        assert page.section(qid) is not None, qid
        assert every_type.TEXTS[q.wording][lang] in unescape(html), (lang, qid)
        assert page.inputs(f"q-{qid}-declined") and page.inputs(f"q-{qid}-visibility"), qid
        if q.field.has_choices:
            values = [a["value"] for a in page.inputs(f"q-{qid}-choice")]
            assert values == [c.value for c in q.field.choices(q)], qid
        else:
            assert any(tag == "textarea" and a.get("name") == f"q-{qid}-text" for tag, a in page.found), qid
        if q.scale and q.scale.faces:
            faces = [a for tag, a in page.found if tag == "svg" and "scale-face" in a.get("class", "")]
            assert faces and all(a.get("aria-hidden") == "true" for a in faces)
    return page


@pytest.fixture
def consultation_id(db, panel_id, users):
    return make_consultation(db, panel_id, users["social_worker"][0])


def new_views(monkeypatch, db, consultation_id, lang):
    every_type.use(monkeypatch)
    return storage.create_views(db, consultation_id, every_type.BAND, language=lang, texts=every_type.TEXTS)


def test_the_test_questionnaire_has_a_question_of_every_registered_type():
    assert {q.type for q in every_type.DEFINITION.questions()} == set(FIELD_TYPES)


@pytest.mark.parametrize("lang", LANGS)
def test_every_type_renders_on_the_workers_page_the_childs_screens_and_the_tablet(
        app, client, db, login_as, consultation_id, users, monkeypatch, lang):
    views_id = new_views(monkeypatch, db, consultation_id, lang)
    login_as("social_worker")
    every_id = [q.id for q in every_type.DEFINITION.questions()]
    worker = client.get(f"/views/{views_id}")
    assert worker.status_code == 200
    page = assert_renders(worker.get_data(as_text=True), lang, every_id)
    assert page.section("faces")["data-show-if-question"] == "pet"
    assert page.section("faces")["data-show-if-values"] == "yes"
    for step, page_def in enumerate(every_type.DEFINITION.pages):
        screen = client.get(f"/views/{views_id}/show/{step}")
        assert screen.status_code == 200
        assert_renders(screen.get_data(as_text=True), lang, [q.id for q in page_def.questions])
    tablet = app.test_client()
    code, _code_id = make_code(db, consultation_id, views_id, users["social_worker"][0])
    assert start_tablet(tablet, code, lang).status_code == 302
    for step, page_def in enumerate(every_type.DEFINITION.pages):
        screen = tablet.get(f"/t/s/{step}")
        assert screen.status_code == 200
        assert_renders(screen.get_data(as_text=True), lang, [q.id for q in page_def.questions])
    scale_page = unescape(client.get(f"/views/{views_id}/show/4").get_data(as_text=True))
    for label in SCALE_LABELS[lang]:
        assert label in scale_page, (lang, label)


@pytest.mark.parametrize("lang", LANGS)
def test_every_type_reads_validates_and_shows_its_answer(client, db, login_as, consultation_id, monkeypatch, lang):
    views_id = new_views(monkeypatch, db, consultation_id, lang)
    login_as("social_worker")
    token = csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))
    wrong = client.post(f"/views/{views_id}", data=MultiDict([("csrf_token", token), ("action", "save")]
                                                            + every_type.WRONG))
    assert wrong.status_code == 400
    page = Elements(wrong.get_data(as_text=True))
    errors = {a["id"] for a in page.with_class("error") if a.get("id", "").endswith("-error")}
    # "faces" is shown only when "pet" is yes: a wrong "pet" leaves it out, and so does the server
    assert errors == {f"q-{q.id}-error" for q in every_type.DEFINITION.questions() if q.id != "faces"}
    assert storage.get_views(db, views_id)["answers"] == {}
    saved = client.post(f"/views/{views_id}", data=MultiDict([("csrf_token", token), ("action", "save")]
                                                            + every_type.ANSWERS))
    assert saved.status_code == 302
    stored = {qid: a["choice"] or a["text"] for qid, a in storage.get_views(db, views_id)["answers"].items()}
    assert stored == {"words": "Omin sanoin", "pick": "dog", "pet": "yes", "likes": "cat fish",
                      "draw": "Talo ja puu", "agree": "4", "faces": "dont_know"}
    client.get(f"/language/{lang}")  # the summary is the worker's page, in the worker's language
    summary = unescape(client.get(f"/views/{views_id}/summary").get_data(as_text=True))
    texts = every_type.TEXTS
    for shown in ("Omin sanoin", texts["Koira"][lang], texts["Kissa"][lang], texts["Kala"][lang],
                  "Talo ja puu", SCALE_LABELS[lang][2]):
        assert shown in summary, (lang, shown)


def test_every_type_aggregates_the_stored_answers(db, consultation_id, monkeypatch):
    first = new_views(monkeypatch, db, consultation_id, "fi")
    second = new_views(monkeypatch, db, consultation_id, "sv")
    for qid, answer in (("pick", "dog"), ("pet", "yes"), ("likes", "cat fish"), ("agree", "5"), ("faces", "3")):
        storage.save_answer(db, first, qid, {"choice": answer})
    storage.save_answer(db, first, "words", {"text": "Sanat"})
    storage.save_answer(db, first, "draw", {"text": ""})
    storage.save_drawing(db, first, "draw", bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"))
    for qid, answer in (("pick", "dog"), ("pet", "dont_know"), ("likes", "fish"), ("agree", "dont_know")):
        storage.save_answer(db, second, qid, {"choice": answer})
    for qid in ("words", "draw", "faces"):
        storage.save_answer(db, second, qid, {"declined": True})
    records = [storage.get_views(db, first), storage.get_views(db, second)]
    summaries = {}
    for q in every_type.DEFINITION.questions():
        answers = [dict(r["answers"][q.id], drawing=q.id in r["drawings"]) for r in records if q.id in r["answers"]]
        s = q.field.aggregate(q, answers)
        summaries[q.id] = (s.counts, s.n, s.dont_know, s.declined)
    assert summaries == {
        "words": ({}, 1, 0, 1), "draw": ({}, 1, 0, 1),
        "pick": ({"cat": 0, "dog": 2, "fish": 0}, 2, 0, 0),
        "pet": ({"yes": 1, "no": 0}, 1, 1, 0),
        "likes": ({"cat": 1, "dog": 0, "fish": 2}, 2, 0, 0),
        "agree": ({"1": 0, "2": 0, "3": 0, "4": 0, "5": 1}, 1, 1, 0),
        "faces": ({"1": 0, "2": 0, "3": 1}, 1, 0, 1),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_a_scale_answered_on_the_workers_page_and_the_tablet_aggregates_right(
        app, client, db, login_as, consultation_id, users, monkeypatch, lang):
    on_page = new_views(monkeypatch, db, consultation_id, lang)
    on_tablet = new_views(monkeypatch, db, consultation_id, lang)
    login_as("social_worker")
    token = csrf_from(client.get(f"/views/{on_page}").get_data(as_text=True))
    assert client.post(f"/views/{on_page}", data={"csrf_token": token, "action": "save", "q-agree-choice": "2",
                                                  "q-pet-choice": "yes", "q-faces-choice": "3"}).status_code == 302
    tablet = app.test_client()
    code, _code_id = make_code(db, consultation_id, on_tablet, users["social_worker"][0])
    assert start_tablet(tablet, code, lang).status_code == 302
    screen = tablet.get("/t/s/4").get_data(as_text=True)
    assert SCALE_LABELS[lang][1] in unescape(screen) and f'lang="{lang}"' in screen
    moved = tablet.post("/t/s/4", data={"csrf_token": csrf_from(screen), "q-agree-choice": "dont_know",
                                        "nav": "next"})
    assert moved.status_code == 302 and "/t/s/5" in moved.headers["Location"]
    agree = every_type.DEFINITION.question("agree")
    answers = [storage.get_views(db, views_id)["answers"]["agree"] for views_id in (on_page, on_tablet)]
    summary = agree.field.aggregate(agree, answers)
    assert summary.counts == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 0}
    assert (summary.n, summary.dont_know, summary.declined) == (1, 1, 0)
    faces = every_type.DEFINITION.question("faces")
    stored = storage.get_views(db, on_page)["answers"]
    assert faces.field.aggregate(faces, [stored["faces"]]).counts == {"1": 0, "2": 0, "3": 1}
