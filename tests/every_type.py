"""A test questionnaire with one question of each registered field type (two
scales: five points, and three faces for young children), registered only
in the tests: `use(monkeypatch)` puts it in place of the 7–12 definition.
Its wordings come with their own texts in fi, sv and en (like a stored
version's snapshot), the scales' labels from the .po files."""
from participation import questionnaires
from participation.extension import ViewsQuestion, ViewsQuestionnaire
from questionnaire import Choice, Page, ShowIf, scales

BAND = "7-12"

TEXTS = {
    "Kaikki kysymystyypit": {"fi": "Kaikki kysymystyypit", "sv": "Alla frågetyper", "en": "Every question type"},
    "Tässä on jokainen kysymystyyppi.": {"fi": "Tässä on jokainen kysymystyyppi.", "sv": "Här är varje frågetyp.",
                                         "en": "Here is every question type."},
    "Kerro omin sanoin.": {"fi": "Kerro omin sanoin.", "sv": "Berätta med egna ord.", "en": "Tell in your own words."},
    "Mikä eläin?": {"fi": "Mikä eläin?", "sv": "Vilket djur?", "en": "Which animal?"},
    "Kissa": {"fi": "Kissa", "sv": "Katt", "en": "Cat"},
    "Koira": {"fi": "Koira", "sv": "Hund", "en": "Dog"},
    "Kala": {"fi": "Kala", "sv": "Fisk", "en": "Fish"},
    "Onko sinulla lemmikki?": {"fi": "Onko sinulla lemmikki?", "sv": "Har du ett husdjur?", "en": "Do you have a pet?"},
    "Mistä pidät?": {"fi": "Mistä pidät?", "sv": "Vad tycker du om?", "en": "What do you like?"},
    "Piirrä koti.": {"fi": "Piirrä koti.", "sv": "Rita ett hem.", "en": "Draw a home."},
    "Koulussa on mukavaa.": {"fi": "Koulussa on mukavaa.", "sv": "Det är trevligt i skolan.",
                             "en": "School is nice."},
    "Miltä lemmikki tuntuu?": {"fi": "Miltä lemmikki tuntuu?", "sv": "Hur känns husdjuret?",
                               "en": "How does the pet feel?"},
}

ANIMALS = (Choice(value="cat", label="Kissa"), Choice(value="dog", label="Koira"), Choice(value="fish", label="Kala"))


def _page(id, *questions):
    return Page(id=id, questions=questions)


DEFINITION = ViewsQuestionnaire(
    id="test-every-type", audience="child", band=BAND, title="Kaikki kysymystyypit",
    pages=[
        Page(id="intro", kind="explanation", paragraphs=["Tässä on jokainen kysymystyyppi."]),
        _page("words", ViewsQuestion(id="words", type="free_text", wording="Kerro omin sanoin.", required=True)),
        _page("pick", ViewsQuestion(id="pick", type="single_choice", wording="Mikä eläin?", choices=ANIMALS),
              ViewsQuestion(id="pet", type="yes_no", wording="Onko sinulla lemmikki?",
                            choices=questionnaires.YES_NO_DK),
              ViewsQuestion(id="likes", type="multi_choice", wording="Mistä pidät?", choices=ANIMALS)),
        _page("draw", ViewsQuestion(id="draw", type="drawing", wording="Piirrä koti.")),
        _page("scales", ViewsQuestion(id="agree", type="scale", wording="Koulussa on mukavaa.",
                                      scale=scales.agreement(faces=True)),
              ViewsQuestion(id="faces", type="scale", wording="Miltä lemmikki tuntuu?", scale=scales.faces_3(),
                            show_if=ShowIf(question="pet", values=["yes"]))),
    ])

# A filled-in form: one answer of each type (the plain form POST's fields).
ANSWERS = [("q-words-text", "Omin sanoin"), ("q-pick-choice", "dog"), ("q-pet-choice", "yes"),
           ("q-likes-choice", "cat"), ("q-likes-choice", "fish"), ("q-draw-text", "Talo ja puu"),
           ("q-agree-choice", "4"), ("q-faces-choice", "dont_know")]
# ... and a wrong one of each type that can be wrong
WRONG = [("q-words-text", "x" * 5001), ("q-pick-choice", "cow"), ("q-pet-choice", "maybe"),
         ("q-likes-choice", "cat"), ("q-likes-choice", "cow"), ("q-draw-text", "x" * 5001),
         ("q-agree-choice", "6"), ("q-faces-choice", "4")]


def use(monkeypatch):
    monkeypatch.setitem(questionnaires.DEFINITIONS, BAND, DEFINITION)
    return DEFINITION
