"""The key figures written out as the Southern Finland study's slides did (pure).

    76 % asiantuntijajäsenistä arvioi, että asiantuntijaryhmä toimii hyvin tai
    erittäin hyvin. Vain 37 % ammattilaisista oli samaa mieltä.

One sentence for the first group, one for the second. How the second is
introduced depends on the gap between the two percentages *as shown*
(rounded half up, so the words agree with the chart):

- the second group is at least LARGE_GAP (20) percentage points lower:
  "Vain" / "Endast" / "Only";
- at least LARGE_GAP points higher: "Peräti" / "Hela" / "As many as";
- otherwise the plain "37 % ammattilaisista oli samaa mieltä."

Twenty points is a difference the study itself commented on (76 vs 37,
90 vs 41) and well beyond what chance makes of groups of this size; 76 vs
78 or 3 vs 2 gets no adverb. A suppressed or missing group gets no
sentence (a suppressed number is never written out); if the first group is
the suppressed one, the second is told alone.

The statement phrases (STATEMENTS) are per survey question id; the words
come through the Translator (surveys/texts.py).
"""
from dataclasses import dataclass

from questionnaire.localisation import N_
from surveys.numbers import display_percent, format_percent

LARGE_GAP = 20   # percentage points between the shown percentages


@dataclass(frozen=True)
class Statement:
    """heading: the statement as a chart row and a table heading says it;
    predicate: what "76 % of expert members …" goes on to say."""
    heading: str
    predicate: str


STATEMENTS = {
    "works_well": Statement(
        N_("The expert panel works well or very well"),
        N_("think that the expert panel works well or very well")),
    "competence": Statement(
        N_("The consultation strengthened one's own professional skills and competence fairly or very much"),
        N_("think that the consultation strengthened their professional skills and competence "
           "fairly or very much")),
    "client_heard": Statement(
        N_("Fully agree: the client was heard well enough when the expert panel discussed the case"),
        N_("fully agree that the client was heard well enough when the expert panel discussed the case")),
    "statement_importance": Statement(
        N_("Giving a statement (when asked) is very important"),
        N_("consider giving a statement (when asked) very important")),
    "individual_composition": Statement(
        N_("Composing the expert panel individually for each consultation is fairly or very important"),
        N_("consider it fairly or very important to compose the expert panel individually "
           "for each consultation")),
    "retention": Statement(
        N_("A well-working expert panel is a fairly or very important factor in keeping and attracting staff"),
        N_("consider a well-working expert panel a fairly or very important factor "
           "in keeping and attracting staff")),
}

# "76 % asiantuntijajäsenistä …": Finnish needs the elative, Swedish "av" and the definite form.
OF_GROUP = {
    "expert": N_("of expert members"),
    "professional": N_("of professionals"),
    "child": N_("of children"),
    "parent": N_("of parents"),
}

FIRST_SENTENCE = N_("%(percent)s %(of_group)s %(predicate)s.")
AGREED = N_("%(percent)s %(of_group)s agreed.")
ONLY_AGREED = N_("Only %(percent)s %(of_group)s agreed.")
AS_MANY_AGREED = N_("As many as %(percent)s %(of_group)s agreed.")


def heading(question_id, tr):
    """The statement's heading in tr's language; an unknown question id gives None."""
    statement = STATEMENTS.get(question_id)
    return tr(statement.heading) if statement else None


def _told(cell):
    return cell is not None and cell.group in OF_GROUP and cell.positive_pct is not None


def comparison_word(first_pct, second_pct):
    """ONLY_AGREED, AS_MANY_AGREED or AGREED for the second group, by the shown percentages."""
    gap = display_percent(second_pct) - display_percent(first_pct)
    if gap <= -LARGE_GAP:
        return ONLY_AGREED
    if gap >= LARGE_GAP:
        return AS_MANY_AGREED
    return AGREED


def key_figure(question_id, first, second, tr):
    """The key sentence(s) of one statement for two groups' Cells (surveys/suppression.py),
    e.g. experts first and professionals second; None when nothing can be told."""
    statement = STATEMENTS.get(question_id)
    told = [c for c in (first, second) if _told(c)]
    if statement is None or not told:
        return None
    lead = told[0]
    sentences = [tr(FIRST_SENTENCE, percent=format_percent(lead.positive_pct, tr.locale),
                    of_group=tr(OF_GROUP[lead.group]), predicate=tr(statement.predicate))]
    if len(told) == 2:
        other = told[1]
        sentences.append(tr(comparison_word(lead.positive_pct, other.positive_pct),
                            percent=format_percent(other.positive_pct, tr.locale),
                            of_group=tr(OF_GROUP[other.group])))
    return " ".join(sentences)


def key_figures(pairs, tr):
    """[sentence] for each (question_id, first Cell, second Cell or None) that can be told."""
    sentences = (key_figure(question_id, first, second, tr) for question_id, first, second in pairs)
    return [s for s in sentences if s]
