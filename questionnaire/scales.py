"""Ready-made scales (their wordings are translated in the .po files).

    Question(id="q", type="scale", wording=..., scale=scales.agreement())
    Question(id="q", type="scale", wording=..., scale=scales.faces_3())   # young children
"""
from questionnaire.localisation import N_
from questionnaire.schema import DONT_KNOW, Choice, Scale

DONT_KNOW_LABEL = N_("En osaa sanoa")

AGREEMENT_LABELS = (N_("Täysin eri mieltä"), N_("Jokseenkin eri mieltä"), N_("Ei samaa eikä eri mieltä"),
                    N_("Jokseenkin samaa mieltä"), N_("Täysin samaa mieltä"))
FEELING_3_LABELS = (N_("Huono"), N_("Ihan ok"), N_("Hyvä"))


def points(labels):
    """Choices "1".."n" for labels given worst first."""
    return tuple(Choice(value=str(i), label=label) for i, label in enumerate(labels, start=1))


def dont_know():
    return Choice(value=DONT_KNOW, label=DONT_KNOW_LABEL)


def agreement(faces=False, with_dont_know=True):
    """Five points from "strongly disagree" to "strongly agree", and "don't know" apart."""
    return Scale(points=points(AGREEMENT_LABELS), dont_know=dont_know() if with_dont_know else None, faces=faces)


def faces_3(with_dont_know=True):
    """Three faces for young children: bad, OK, good; and "don't know" apart."""
    return Scale(points=points(FEELING_3_LABELS), dont_know=dont_know() if with_dont_know else None, faces=True)
