"""The questionnaire definitions: complete, translated, verbatim where promised."""
import os
from dataclasses import replace

import polib
import pytest

import config
from participation import extension, fields, questionnaires
from questionnaire import localisation as wording
from questionnaire.schema import Choice, Question, ShowIf
from tests import dom

VERBATIM = (
    "Mitä sinä toivoisit tässä tilanteessa, että ainakin tapahtuisi?",
    "Onko jotain mikä sinua huolestuttaa?",
    "Mitä muuta haluaisit sanoa työryhmälle?",
)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def catalogue(lang):
    return {e.msgid: e for e in polib.pofile(os.path.join(ROOT, f"translations/{lang}/LC_MESSAGES/messages.po"))}


@pytest.mark.parametrize("band", questionnaires.bands())
def test_every_wording_of_every_definition_is_translated_to_sv_and_en(band):
    keys = questionnaires.wording_keys(questionnaires.DEFINITIONS[band])
    assert len(keys) > 10
    for lang in config.LANGUAGES:
        po = catalogue(lang)
        for key in keys:
            assert key in po, f"{lang}: {key!r} is not in the .po (run po_fill)"
            assert po[key].msgstr and "fuzzy" not in po[key].flags, f"{lang}: {key!r} untranslated"
    texts = wording.texts_for(keys)
    for key in keys:
        assert texts[key]["fi"] == key          # Finnish is the source of truth
        assert texts[key]["sv"] != key, key
        assert texts[key]["en"] != key, key


@pytest.mark.parametrize("band", questionnaires.bands())
def test_ids_are_unique_and_every_question_is_well_formed(band):
    definition = questionnaires.DEFINITIONS[band]
    page_ids = [p.id for p in definition.pages]
    assert len(page_ids) == len(set(page_ids))
    qs = questionnaires.questions(definition)
    ids = [q.id for q in qs]
    assert len(ids) == len(set(ids))
    for q in qs:
        assert q.type in fields.FIELD_TYPES
        values = [c.value for c in q.choices]
        assert len(values) == len(set(values))
        if fields.FIELD_TYPES[q.type].has_choices:
            assert values, q.id
        for c in q.choices:
            if c.image:
                assert os.path.exists(os.path.join(ROOT, "static/img/participation", c.image)), c.image
        if q.show_if:
            assert q.show_if.question in ids
    assert definition.pages[0].kind == "explanation" and definition.pages[0].paragraphs
    assert [q.pilot for q in qs if q.pilot] == [1, 2, 3]
    assert {"join", "hear_back"} <= set(ids)


@pytest.mark.parametrize("band", ["7-12", "13-17", "parent"])
def test_the_three_finnish_questions_are_verbatim_for_7_to_17_and_the_parent(band):
    """(The parent is addressed with "sinä" like everyone else: the pilot's own words fit.)"""
    qs = [q for q in questionnaires.questions(questionnaires.DEFINITIONS[band]) if q.pilot]
    assert tuple(q.wording for q in qs) == VERBATIM


@pytest.mark.parametrize("band", ["3-6"])
def test_simpler_wordings_show_the_verbatim_wording_to_the_worker(band):
    qs = [q for q in questionnaires.questions(questionnaires.DEFINITIONS[band]) if q.pilot]
    assert tuple(q.worker_wording for q in qs) == VERBATIM
    assert all(q.wording not in VERBATIM for q in qs)


def test_3_to_6_has_a_picture_explanation_a_drawing_and_smileys():
    definition = questionnaires.DEFINITIONS["3-6"]
    assert definition.pages[0].image
    qs = questionnaires.questions(definition)
    assert any(q.type == "drawing" for q in qs)
    assert any(q.choices and all(c.image for c in q.choices) for q in qs if q.pilot)


def test_7_to_12_may_draw_and_only_question_2_carries_the_worry_marker():
    for band in questionnaires.bands():
        qs = questionnaires.questions(questionnaires.DEFINITIONS[band])
        assert [q.pilot for q in qs if q.worry] == [2]
    assert any(fields.accepts_drawing(q) for q in questionnaires.questions(questionnaires.DEFINITIONS["7-12"]))


@pytest.mark.parametrize("age, band", [(0, "3-6"), (3, "3-6"), (6, "3-6"), (7, "7-12"), (12, "7-12"),
                                       (13, "13-17"), (17, "13-17")])
def test_the_band_is_suggested_from_the_age(age, band):
    assert questionnaires.suggest_band(age) == band


def test_a_changed_definition_has_another_digest_and_copies_are_independent():
    a = questionnaires.definition_for("7-12")
    b = questionnaires.definition_for("7-12")
    assert questionnaires.digest(a) == questionnaires.digest(b)
    b = b.replace_question("q1", wording="Muutettu")
    assert questionnaires.digest(a) != questionnaires.digest(b)
    assert questionnaires.DEFINITIONS["7-12"].pages[1].questions[0].wording == VERBATIM[0]
    with pytest.raises(AttributeError):  # frozen: nobody changes ours in place
        a.pages[1].questions[0].wording = "Muutettu"


def test_localize_gives_each_language_its_text():
    definition = questionnaires.definition_for("13-17")
    texts = wording.texts_for(questionnaires.wording_keys(definition))
    sv = questionnaires.localize(definition, texts, "sv")
    assert sv.questions()[1].text == "Finns det något som oroar dig?"
    en = questionnaires.localize(definition, texts, "en")
    assert en.questions()[1].text == "Is there something that worries you?"


# -- field types -------------------------------------------------------------------------

Q = Question(id="q1", type="free_text", wording="Q", required=True)
C = Question(id="q2", type="yes_no", wording="C", required=False, choices=questionnaires.YES_NO_DK)


def test_free_text_up_to_5000_characters_is_accepted_and_stored_as_typed():
    answer, errors = fields.parse(Q, {"q-q1-text": "ä🙂<b>" + "x" * 4995, "q-q1-visibility": "worker"})
    assert errors == [] and answer.text.startswith("ä🙂<b>") and answer.visibility == "worker"
    _, errors = fields.parse(Q, {"q-q1-text": "x" * 5001})
    assert errors == [fields.TOO_LONG]


def test_required_is_satisfied_by_an_answer_or_by_i_dont_want_to_answer():
    assert fields.parse(Q, {"q-q1-text": "  "}).errors == (fields.REQUIRED,)
    answer, errors = fields.parse(Q, {"q-q1-text": "", "q-q1-declined": "1"})
    assert errors == [] and answer.declined is True
    assert fields.parse(Q, {"q-q1-text": ""}, has_drawing=True).errors == ()


def test_a_choice_must_be_one_of_the_options_and_visibility_one_of_two():
    assert fields.parse(C, {"q-q2-choice": "maybe"}).errors == (fields.BAD_CHOICE,)
    assert fields.parse(C, {"q-q2-choice": "yes", "q-q2-visibility": "everyone"}).errors == (fields.BAD_VISIBILITY,)
    assert tuple(fields.parse(C, {"q-q2-choice": "dont_know"})) == (
        extension.ViewsAnswer(choice="dont_know", text="", declined=False, visibility="panel"), [])


# -- the explanation before the questions (issue 4's list) --------------------------------

# What each band's explanation must tell, as Finnish phrases (the source of truth):
# what the panel is, who is in it by profession, that the person's own matter will be
# discussed there, what happens to the answers, and who will see them.
EXPLAINS = {
    "3-6": {"what": "Työryhmä on joukko aikuisia", "who": "lääkäri, psykologi, juristi ja sosiaalityöntekijä",
            "own_matter": "Työryhmä puhuu pian sinun asioistasi",
            "answers_go": "Sosiaalityöntekijäsi vie vastauksesi työryhmälle",
            "who_sees": "näkeekö vastauksesi työryhmä vai vain oma sosiaalityöntekijäsi"},
    "7-12": {"what": "aikuisia, jotka tietävät paljon lapsista ja perheistä",
             "who": "lääkäri, psykologi, juristi ja sosiaalityöntekijä",
             "own_matter": "työryhmä puhuu sinun asioistasi",
             "answers_go": "Sosiaalityöntekijäsi vie vastauksesi työryhmälle ennen kokousta",
             "who_sees": "saako työryhmä nähdä sen vai vain oma sosiaalityöntekijäsi"},
    "13-17": {"what": "moniammatilliselta asiantuntijaryhmältä", "who": "lääkäri, psykologi, juristi ja sosiaalityöntekijä",
              "own_matter": "käsittelee sinun asiaasi kokouksessa",
              "answers_go": "Vastauksesi liitetään työryhmän ennakkomateriaaliin",
              "who_sees": "näkeekö sen työryhmä vai vain oma sosiaalityöntekijäsi"},
    "parent": {"what": "moniammatilliselta asiantuntijaryhmältä", "who": "lääkäri, psykologi, juristi ja sosiaalityöntekijä",
               "own_matter": "käsittelee lapsesi asiaa kokouksessa",
               "answers_go": "liittää vastauksesi asiantuntijaryhmän ennakkomateriaaliin",
               "who_sees": "näkeekö sen asiantuntijaryhmä vai vain sosiaalityöntekijä"},
}


@pytest.mark.parametrize("band", questionnaires.bands())
def test_each_explanation_tells_what_who_that_the_matter_is_discussed_and_where_the_answers_go(band):
    intro = questionnaires.DEFINITIONS[band].pages[0]
    assert intro.kind == "explanation"
    text = " ".join(intro.paragraphs)
    for topic, phrase in EXPLAINS[band].items():
        assert phrase in text, f"{band}: the explanation does not tell {topic} ({phrase!r})"
    texts = wording.texts_for(intro.paragraphs)
    for lang in ("sv", "en"):  # and it is said in Swedish and English too
        assert all(texts[p][lang] != p for p in intro.paragraphs), lang


def test_the_3_to_6_explanation_names_the_working_group_and_uses_short_sentences():
    intro = questionnaires.DEFINITIONS["3-6"].pages[0]
    assert any("työryhm" in p.lower() and "sinun asioistasi" in p for p in intro.paragraphs)
    for paragraph in intro.paragraphs:
        for sentence in filter(None, (s.strip() for s in paragraph.replace("?", ".").split("."))):
            assert len(sentence.split()) <= 12, sentence
    sv = wording.texts_for(intro.paragraphs)
    assert any("arbetsgrupp" in sv[p]["sv"] for p in intro.paragraphs)


# -- several choices -------------------------------------------------------------------

M = Question(id="hb", type="multi_choice", wording="M", required=False,
             choices=[Choice(value=v, label=v) for v in ("social_worker", "letter", "meeting")])


def test_hearing_back_allows_several_choices_in_every_band():
    for band in questionnaires.bands():
        q = questionnaires.question(questionnaires.DEFINITIONS[band], "hear_back")
        assert q.type == "multi_choice"
        assert [c.value for c in q.choices] == ["social_worker", "letter", "meeting"]


def test_a_multi_choice_reads_every_ticked_value_from_a_form_and_from_json():
    from werkzeug.datastructures import MultiDict
    answer, errors = fields.parse(M, MultiDict([("q-hb-choice", "meeting"), ("q-hb-choice", "social_worker")]))
    assert errors == [] and answer.choice == "social_worker meeting"  # in the question's order
    answer, errors = fields.parse(M, {"q-hb-choice": "letter"})
    assert errors == [] and answer.choice == "letter"
    answer, errors = fields.parse(M, MultiDict([("q-hb-visibility", "panel")]))
    assert errors == [] and answer.choice is None
    pigeon = MultiDict([("q-hb-choice", "letter"), ("q-hb-choice", "pigeon")])
    assert fields.parse(M, pigeon).errors == (fields.BAD_CHOICE,)
    assert fields.parse(replace(M, required=True), MultiDict([("q-hb-visibility", "panel")])).errors == (fields.REQUIRED,)
    assert fields.chosen_values({"choice": "social_worker letter"}) == ["social_worker", "letter"]
    follows = Question(id="f", type="free_text", wording="F", show_if=ShowIf(question="hb", values=["letter"]))
    assert fields.is_shown(follows, {"hb": {"choice": "meeting letter"}})


def test_yes_and_no_pictures_carry_no_happy_or_sad_face():
    """"Is something worrying you?" – "yes" must not be a smiling face (QA finding)."""
    pictures = {}
    for choice in questionnaires.YES_NO_DK:
        with open(os.path.join(ROOT, "static/img/participation", choice.image)) as f:
            pictures[choice.value] = f.read()
    fills = {value: dom.find(svg, "circle", fill=True).get("fill") for value, svg in pictures.items()}
    assert fills["yes"] == fills["no"]  # the same neutral colour
    assert all(" Q" not in svg for svg in (pictures["yes"], pictures["no"]))  # no curved mouth
