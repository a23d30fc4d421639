"""The form engine (questionnaire/), pure: definitions checked when built,
reading and validating answers, aggregates, the show-if rule, localisation.
No app, no database."""
import dataclasses

import pytest
from werkzeug.datastructures import MultiDict

from questionnaire import Answer, Choice, DefinitionError, Page, Question, Questionnaire, Scale, ShowIf, scales
from questionnaire.answers import BAD_CHOICE, REQUIRED, TOO_LONG
from questionnaire.fields import FIELD_TYPES, parse, read
from questionnaire.localisation import localize
from questionnaire.rules import is_shown
from questionnaire.screens import screens
from questionnaire.versions import digest
from tests.conftest import fresh_python

YES_NO = (Choice(value="yes", label="Kyllä"), Choice(value="no", label="Ei"),
          Choice(value="dont_know", label="En tiedä"))
PETS = (Choice(value="cat", label="Kissa"), Choice(value="dog", label="Koira"), Choice(value="fish", label="Kala"))


def questionnaire(*questions, **extra):
    return Questionnaire(id="test", title="Testi", pages=[Page(id="p1", questions=questions)], **extra)


# -- the definition fails at import when it is wrong --------------------------------------

@pytest.mark.parametrize("build, complaint", [
    (lambda: Question(id="q", type="likert", wording="W"), "unknown type"),
    (lambda: Question(id="q one", type="free_text", wording="W"), "question id"),
    (lambda: Question(id="q", type="free_text", wording=""), "no wording"),
    (lambda: Question(id="q", type="single_choice", wording="W", choices=PETS[:1]), "at least 2 choices"),
    (lambda: Question(id="q", type="single_choice", wording="W", choices=PETS + PETS[:1]), "repeat"),
    (lambda: Question(id="q", type="free_text", wording="W", choices=PETS), "has no choices"),
    (lambda: Question(id="q", type="free_text", wording="W", comment=True), "comment"),
    (lambda: Question(id="q", type="yes_no", wording="W", choices=PETS), "yes_no choices"),
    (lambda: Question(id="q", type="scale", wording="W"), "needs a scale"),
    (lambda: Question(id="q", type="scale", wording="W", scale=scales.agreement(), choices=PETS), "not in choices"),
    (lambda: Question(id="q", type="free_text", wording="W", scale=scales.agreement()), "only a scale"),
    (lambda: Choice(value="two words", label="L"), "choice value"),
    (lambda: Choice(value="v", label=""), "no label"),
    (lambda: Scale(points=scales.points(["a", "b", "c", "d"])), "3 or 5 points"),
    (lambda: Scale(points=scales.points(["a", "b"]) + (Choice(value="dont_know", label="?"),)), "not a point"),
    (lambda: Page(id="end", questions=[Question(id="q", type="free_text", wording="W")]), "not allowed"),
    (lambda: Page(id="p", kind="quiz"), "unknown kind"),
    (lambda: Page(id="p", kind="questions"), "has questions"),
    (lambda: Page(id="p", kind="explanation"), "paragraphs"),
])
def test_a_typo_in_a_definition_fails_when_it_is_built(build, complaint):
    with pytest.raises(DefinitionError, match=complaint):
        build()


def test_question_and_page_ids_are_unique_in_a_questionnaire():
    q = Question(id="q", type="free_text", wording="W")
    with pytest.raises(DefinitionError, match="question ids repeat"):
        questionnaire(q, q)
    with pytest.raises(DefinitionError, match="page ids repeat"):
        Questionnaire(id="t", title="T", pages=[Page(id="p", questions=[q]), Page(id="p", questions=[
            Question(id="r", type="free_text", wording="W")])])


@pytest.mark.parametrize("rule, complaint", [
    (ShowIf(question="nobody", values=["yes"]), "not a question before it"),
    (ShowIf(question="join", values=["perhaps"]), "not one of its choices"),
    (ShowIf(question="words", values=["yes"]), "has no choices"),
])
def test_a_show_if_rule_names_an_earlier_question_and_one_of_its_choices(rule, complaint):
    join = Question(id="join", type="yes_no", wording="Tuletko?", choices=YES_NO)
    words = Question(id="words", type="free_text", wording="Kerro")
    with pytest.raises(DefinitionError, match=complaint):
        questionnaire(join, words, Question(id="how", type="free_text", wording="Miten?", show_if=rule))


def test_a_show_if_rule_cannot_point_forward():
    later = Question(id="join", type="yes_no", wording="Tuletko?", choices=YES_NO)
    first = Question(id="how", type="free_text", wording="Miten?", show_if=ShowIf(question="join", values=["yes"]))
    with pytest.raises(DefinitionError, match="not a question before it"):
        questionnaire(first, later)


def test_definitions_are_frozen_and_a_changed_copy_is_a_new_digest():
    q = questionnaire(Question(id="q", type="free_text", wording="W"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.title = "Muu"
    changed = q.replace_question("q", wording="Toinen")
    assert q.question("q").wording == "W" and changed.question("q").wording == "Toinen"
    assert digest(q) != digest(changed) and digest(q) == digest(q.to_dict())


def test_a_definition_survives_its_dict_form_and_an_unknown_key_is_refused():
    q = questionnaire(Question(id="join", type="yes_no", wording="Tuletko?", choices=YES_NO),
                      Question(id="how", type="scale", wording="Miten?", scale=scales.faces_3(),
                               show_if=ShowIf(question="join", values=["yes"])))
    assert Questionnaire.from_dict(q.to_dict()) == q
    data = q.to_dict()
    data["pages"][0]["questions"][0]["colour"] = "red"
    with pytest.raises(DefinitionError, match="unknown keys"):
        Questionnaire.from_dict(data)


def test_a_field_added_later_is_left_out_of_the_dict_while_it_has_its_default():
    """So adding the scale did not change the digest of a stored definition."""
    plain = Question(id="q", type="free_text", wording="W").to_dict()
    assert "scale" not in plain
    assert "scale" in Question(id="q", type="scale", wording="W", scale=scales.agreement()).to_dict()


# -- reading and validating --------------------------------------------------------------------

def test_each_type_reads_its_answer_from_a_form():
    cases = [
        (Question(id="t", type="free_text", wording="W"), {"q-t-text": "Hei\r\nsinä"}, Answer(None, "Hei\nsinä")),
        (Question(id="d", type="drawing", wording="W"), {"q-d-text": "Talo"}, Answer(None, "Talo")),
        (Question(id="s", type="single_choice", wording="W", choices=PETS), {"q-s-choice": "dog"}, Answer("dog")),
        (Question(id="y", type="yes_no", wording="W", choices=YES_NO), {"q-y-choice": "no", "q-y-declined": "1"},
         Answer("no", declined=True)),
        (Question(id="m", type="multi_choice", wording="W", choices=PETS),
         MultiDict([("q-m-choice", "fish"), ("q-m-choice", "cat")]), Answer("cat fish")),
        (Question(id="c", type="scale", wording="W", scale=scales.agreement()), {"q-c-choice": "4"}, Answer("4")),
    ]
    assert {q.type for q, _data, _answer in cases} == set(FIELD_TYPES)
    for q, data, expected in cases:
        result = parse(q, data)
        assert result.ok and result.answer == expected, q.type


def test_errors_come_back_as_values_and_the_answer_carries_no_marker():
    many = Question(id="m", type="multi_choice", wording="W", choices=PETS)
    result = read(many, {"choice": ["cat", 7], "text": "ok"})
    assert result.errors == (BAD_CHOICE,) and result.answer == Answer(None, "ok")
    assert parse(many, MultiDict([("q-m-choice", "cat"), ("q-m-choice", "pigeon")])).errors == (BAD_CHOICE,)
    one = Question(id="s", type="single_choice", wording="W", choices=PETS)
    assert parse(one, {"q-s-choice": "cat dog"}).errors == (BAD_CHOICE,)
    assert parse(one, {"q-s-text": "x" * 5001}).errors == (TOO_LONG,)


def test_a_scale_takes_its_points_and_dont_know_and_nothing_else():
    q = Question(id="c", type="scale", wording="W", required=True, scale=scales.faces_3())
    assert parse(q, {"q-c-choice": "3"}).ok
    assert parse(q, {"q-c-choice": "dont_know"}).ok
    assert parse(q, {"q-c-choice": "4"}).errors == (BAD_CHOICE,)
    assert parse(q, {"q-c-choice": ""}).errors == (REQUIRED,)
    without = Question(id="c", type="scale", wording="W", scale=scales.faces_3(with_dont_know=False))
    assert parse(without, {"q-c-choice": "dont_know"}).errors == (BAD_CHOICE,)


def test_nothing_given_leaves_the_answer_alone_and_a_required_question_says_so():
    q = Question(id="t", type="free_text", wording="W", required=True)
    assert parse(q, {"other": "x"}).answer is None and parse(q, {}).errors == (REQUIRED,)
    assert parse(q, {}, has_drawing=True).errors == ()
    assert parse(q, {"q-t-text": "", "q-t-declined": "1"}).ok
    assert parse(q, {"q-t-text": ""}, has_drawing=True).answer.drawing is True


@pytest.mark.parametrize("type_name", sorted(FIELD_TYPES))
def test_declining_is_an_answer_and_empty_is_when_nothing_was_given(type_name):
    extra = {"choices": PETS} if FIELD_TYPES[type_name].has_choices and type_name not in ("scale", "yes_no") else {}
    extra = {"choices": YES_NO} if type_name == "yes_no" else {"scale": scales.agreement()} \
        if type_name == "scale" else extra
    q = Question(id="q", type=type_name, wording="W", **extra)
    assert q.field.is_empty(q, Answer()) and q.field.is_empty(q, None)
    assert not q.field.is_empty(q, Answer(text="sana"))
    assert parse(dataclasses.replace(q, required=True), {"q-q-declined": "1"}).ok


# -- aggregates ---------------------------------------------------------------------------

def test_a_scale_aggregates_points_in_order_with_dont_know_and_declined_apart():
    q = Question(id="c", type="scale", wording="W", scale=scales.agreement())
    answers = [Answer("5"), Answer("5"), Answer("1"), {"choice": "dont_know", "text": "", "declined": False},
               Answer("3", declined=True), Answer(), None, Answer("nonsense")]
    summary = q.field.aggregate(q, answers)
    assert list(summary.counts) == ["1", "2", "3", "4", "5"]
    assert summary.counts == {"1": 1, "2": 0, "3": 0, "4": 0, "5": 2}
    assert (summary.n, summary.dont_know, summary.declined) == (3, 1, 1)


def test_choices_count_each_value_and_a_multi_choice_answer_counts_once_in_n():
    many = Question(id="m", type="multi_choice", wording="W", choices=PETS)
    summary = many.field.aggregate(many, [Answer("cat dog"), Answer("dog"), Answer(declined=True)])
    assert summary.counts == {"cat": 1, "dog": 2, "fish": 0} and summary.n == 2 and summary.declined == 1
    yes_no = Question(id="y", type="yes_no", wording="W", choices=YES_NO)
    summary = yes_no.field.aggregate(yes_no, [Answer("yes"), Answer("dont_know"), Answer("no"), Answer("yes")])
    assert summary.counts == {"yes": 2, "no": 1} and (summary.n, summary.dont_know) == (3, 1)


def test_free_text_and_drawings_count_the_answers_given():
    words = Question(id="t", type="free_text", wording="W")
    assert words.field.aggregate(words, [Answer(text="a"), Answer(text="  "), Answer(declined=True)]) == \
        words.field.aggregate(words, [Answer(text="b"), Answer(), Answer(text="c", declined=True)])
    drawing = Question(id="d", type="drawing", wording="W")
    summary = drawing.field.aggregate(drawing, [Answer(drawing=True), Answer(text="talo"), Answer()])
    assert (summary.counts, summary.n, summary.dont_know, summary.declined) == ({}, 2, 0, 0)


# -- show-if, screens, localisation -----------------------------------------------------------

def test_show_if_is_one_rule_for_single_and_multi_choices():
    single = Question(id="how", type="free_text", wording="W", show_if=ShowIf(question="join", values=["yes", "dont_know"]))
    assert is_shown(single, {"join": {"choice": "yes"}}) and is_shown(single, {"join": Answer("dont_know")})
    assert not is_shown(single, {"join": Answer("no")}) and not is_shown(single, {})
    many = Question(id="why", type="free_text", wording="W", show_if=ShowIf(question="pets", values=["dog"]))
    assert is_shown(many, {"pets": Answer("cat dog")}) and not is_shown(many, {"pets": Answer("cat fish")})
    assert is_shown(Question(id="q", type="free_text", wording="W"), {})


def test_screens_are_the_pages_then_the_end():
    q = Questionnaire(id="t", title="T", pages=[
        Page(id="intro", kind="explanation", paragraphs=["Hei"]),
        Page(id="p1", questions=[Question(id="a", type="free_text", wording="A")])])
    assert screens(q) == ["intro", "p1", "end"]


def test_localize_puts_a_text_beside_each_key_and_falls_back_to_the_key():
    q = questionnaire(Question(id="c", type="scale", wording="Miten meni?", help="Valitse yksi.",
                               scale=scales.faces_3()))
    texts = {"Testi": {"sv": "Test"}, "Miten meni?": {"sv": "Hur gick det?"}, "Hyvä": {"sv": "Bra"}}
    sv = localize(q, texts, "sv")
    question = sv.questions()[0]
    assert sv.title_text == "Test" and question.text == "Hur gick det?" and question.help_text == "Valitse yksi."
    assert [p.text for p in question.points] == ["Huono", "Ihan ok", "Bra"] and question.dont_know.text == "En osaa sanoa"
    assert question.type == "scale" and question.definition is q.questions()[0]
    assert q.wording_keys() == ["Testi", "Miten meni?", "Valitse yksi.", "Huono", "Ihan ok", "Hyvä", "En osaa sanoa"]


def test_the_engine_core_imports_no_flask():
    code = ("import sys; import questionnaire, questionnaire.localisation, questionnaire.screens, "
            "questionnaire.rules, questionnaire.scales, questionnaire.fields; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'flask_babel', 'werkzeug')))")
    assert fresh_python(code) == "[]"
