"""Ready-made scales (their wordings are translated in the .po files).

    Question(id="q", type="scale", wording=..., scale=scales.agreement())
    Question(id="q", type="scale", wording=..., scale=scales.faces_3())   # young children

Adult scales have five labelled points (worst first) and "don't know" kept
apart; the feedback surveys (surveys/definitions.py) use agreement(),
quality(), amount() and importance(), and for children 7–12 three faces with
words, amount_faces_3().
"""
from questionnaire.localisation import N_
from questionnaire.schema import DONT_KNOW, Choice, Scale

DONT_KNOW_LABEL = N_("En osaa sanoa")
DONT_KNOW_CHILD_LABEL = N_("En tiedä")

AGREEMENT_LABELS = (N_("Täysin eri mieltä"), N_("Jokseenkin eri mieltä"), N_("Ei samaa eikä eri mieltä"),
                    N_("Jokseenkin samaa mieltä"), N_("Täysin samaa mieltä"))
FEELING_3_LABELS = (N_("Huono"), N_("Ihan ok"), N_("Hyvä"))
QUALITY_LABELS = (N_("Erittäin huonosti"), N_("Melko huonosti"), N_("Ei hyvin eikä huonosti"), N_("Hyvin"),
                  N_("Erittäin hyvin"))
AMOUNT_LABELS = (N_("Ei lainkaan"), N_("Vähän"), N_("Jonkin verran"), N_("Melko paljon"), N_("Erittäin paljon"))
IMPORTANCE_LABELS = (N_("Ei lainkaan tärkeä"), N_("Vähän tärkeä"), N_("Jonkin verran tärkeä"), N_("Melko tärkeä"),
                     N_("Erittäin tärkeä"))
AMOUNT_3_LABELS = (N_("Ei"), N_("Vähän"), N_("Paljon"))


def points(labels):
    """Choices "1".."n" for labels given worst first."""
    return tuple(Choice(value=str(i), label=label) for i, label in enumerate(labels, start=1))


def dont_know(label=DONT_KNOW_LABEL):
    return Choice(value=DONT_KNOW, label=label)


def _scale(labels, with_dont_know=True, faces=False, dont_know_label=DONT_KNOW_LABEL):
    return Scale(points=points(labels), dont_know=dont_know(dont_know_label) if with_dont_know else None,
                 faces=faces)


def agreement(faces=False, with_dont_know=True):
    """Five points from "strongly disagree" to "strongly agree", and "don't know" apart."""
    return _scale(AGREEMENT_LABELS, with_dont_know, faces)


def faces_3(with_dont_know=True):
    """Three faces for young children: bad, OK, good; and "don't know" apart."""
    return _scale(FEELING_3_LABELS, with_dont_know, faces=True)


def quality(with_dont_know=True):
    """Five points from "very badly" to "very well"."""
    return _scale(QUALITY_LABELS, with_dont_know)


def amount(with_dont_know=True, dont_know_label=DONT_KNOW_LABEL):
    """Five points from "not at all" to "very much"."""
    return _scale(AMOUNT_LABELS, with_dont_know, dont_know_label=dont_know_label)


def importance(with_dont_know=True):
    """Five points from "not at all important" to "very important"."""
    return _scale(IMPORTANCE_LABELS, with_dont_know)


def amount_faces_3(with_dont_know=True):
    """Three faces with words for children 7–12: no, a little, a lot; and "I don't know" apart."""
    return _scale(AMOUNT_3_LABELS, with_dont_know, faces=True, dont_know_label=DONT_KNOW_CHILD_LABEL)
