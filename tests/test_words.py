"""The words of the questionnaires (issue 10): what comes after the 7–12
explanation, one form of address in the parent's form, natural Swedish and
English for question 1 with the Finnish verbatim, and every explanation
answering "will my parents (my child) see this?" and how long it is kept."""
import re

import pytest

from participation import questionnaires
from questionnaire import localisation

LANGS = ("fi", "sv", "en")


def texts_of(band, lang):
    """Every text of a band's questionnaire the person sees, in `lang`."""
    definition = questionnaires.DEFINITIONS[band]
    t = localisation.translator(localisation.texts_for(definition.wording_keys()), lang)
    out = [t(definition.title)]
    for page in definition.pages:
        out += [t(p) for p in page.paragraphs]
        for q in page.questions:
            out += [t(q.wording), t(q.help)] + [t(c.label) for c in q.field.choices(q)]
    return [text for text in out if text]


def explanation(band, lang):
    definition = questionnaires.DEFINITIONS[band]
    t = localisation.translator(localisation.texts_for(definition.wording_keys()), lang)
    return " ".join(t(p) for page in definition.pages if page.kind == "explanation" for p in page.paragraphs)


def test_the_7_12_explanation_says_what_comes_three_questions_then_the_meeting():
    definition = questionnaires.DEFINITIONS["7-12"]
    pilots = [q for q in definition.questions() if q.pilot]
    after = [page for page in definition.pages if page.kind == "questions" and not any(q.pilot for q in page.questions)]
    assert len(pilots) == 3 and [page.id for page in after] == ["join", "hear_back"]
    text = explanation("7-12", "fi")
    assert "ensin kolme asiaa" in text and "haluatko tulla kokoukseen" in text and "miten haluat kuulla" in text


# Finnish plural/formal "you" (te, teidän, haluatte, lapsenne, antakaa) and Swedish "ni/er"
FORMAL = {"fi": re.compile(r"\b(te|teidän|teitä|teille|teillä|teiltä)\b|\w(tte|nne|kaa)\b", re.I),
          "sv": re.compile(r"\b(ni|er|ert|era)\b", re.I)}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_parents_form_keeps_one_form_of_address(lang):
    formal = [text for text in texts_of("parent", lang) if FORMAL[lang].search(text)]
    assert not formal, formal


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_parents_screens_speak_the_same_way(app, client, db, users, panel_id, login_as, lang):
    from tests.test_tablet import make_consultation, make_views
    login_as("social_worker")
    views_id = make_views(db, make_consultation(db, panel_id, users["social_worker"][0]), "parent")
    db["views"].update(views_id, {"language": lang})
    screens = questionnaires.screens(questionnaires.DEFINITIONS["parent"])
    from tests import dom
    for step in range(len(screens)):
        html = client.get(f"/views/{views_id}/show/{step}").get_data(as_text=True)
        said = [e.text for e in dom.find_all(html, data_say=True)]
        formal = [text for text in said if FORMAL[lang].search(text)]
        assert not formal, (step, formal)


def test_question_1_is_the_pilots_in_finnish_and_natural_in_swedish_and_english():
    q1 = questionnaires.DEFINITIONS["13-17"].question("q1").wording
    assert q1 == "Mitä sinä toivoisit tässä tilanteessa, että ainakin tapahtuisi?"
    texts = localisation.texts_for([q1])[q1]
    assert texts["sv"] == "Vad skulle du åtminstone vilja ska hända i den här situationen?"
    assert texts["en"] == "In this situation, what would you like to happen, at the very least?"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("band, parents", [("3-6", {"fi": "Vanhempasi eivät näe", "sv": "Dina föräldrar ser inte",
                                                    "en": "Your parents do not see"}),
                                           ("7-12", {"fi": "Vanhempasi eivät näe", "sv": "Dina föräldrar ser inte",
                                                     "en": "Your parents do not see"}),
                                           ("13-17", {"fi": "Vanhempasi eivät näe", "sv": "Dina föräldrar ser inte",
                                                      "en": "Your parents do not see"}),
                                           ("parent", {"fi": "lapsesi ei näe", "sv": "ditt barn ser dem inte",
                                                       "en": "your child does not see"})])
def test_every_explanation_says_who_does_not_see_the_answers_and_how_long_they_are_kept(band, parents, lang):
    text = explanation(band, lang)
    assert parents[lang] in text
    kept = {"fi": r"säilytetään|pysyvät tallessa", "sv": r"sparas", "en": r"kept"}[lang]
    assert re.search(kept, text), text


@pytest.mark.parametrize("band", questionnaires.bands())
def test_every_wording_is_translated(band):
    definition = questionnaires.DEFINITIONS[band]
    texts = localisation.texts_for(definition.wording_keys())
    untranslated = [key for key, langs in texts.items() if langs["sv"] == key or langs["en"] == key]
    assert not untranslated, untranslated
