"""The study's sentences, written from the numbers in each language (surveys/key_figures.py)."""
import pytest

from surveys.key_figures import LARGE_GAP, STATEMENTS, heading, key_figure, key_figures
from surveys.suppression import suppress_small
from surveys.texts import Translator
from tests.survey_figures import STUDY, cell, study_cells

NBSP = "\u00a0"


@pytest.fixture(params=["fi", "sv", "en"])
def tr(request):
    return Translator.from_catalogue(request.param)


def sentence(question_id, lang):
    return key_figure(question_id, *study_cells(question_id), Translator.from_catalogue(lang))


def test_the_study_sentence_in_finnish():
    assert sentence("works_well", "fi") == (
        f"76{NBSP}% asiantuntijajäsenistä arvioi, että asiantuntijaryhmä toimii hyvin tai erittäin hyvin. "
        f"Vain 37{NBSP}% ammattilaisista oli samaa mieltä.")


def test_the_study_sentence_in_swedish():
    assert sentence("works_well", "sv") == (
        f"76{NBSP}% av expertmedlemmarna anser att expertgruppen fungerar bra eller mycket bra. "
        f"Endast 37{NBSP}% av yrkespersonerna höll med.")


def test_the_study_sentence_in_english():
    assert sentence("works_well", "en") == (
        "76% of expert members think that the expert panel works well or very well. "
        "Only 37% of professionals agreed.")


def test_a_small_gap_gets_no_only():
    assert sentence("retention", "fi").endswith(f" 78{NBSP}% ammattilaisista oli samaa mieltä.")
    assert "Vain" not in sentence("retention", "fi") and "Vain" not in sentence("client_heard", "fi")


def test_a_large_gap_the_other_way_says_as_many_as():
    assert sentence("individual_composition", "fi").endswith(f"Peräti 69{NBSP}% ammattilaisista oli samaa mieltä.")
    assert sentence("individual_composition", "en").endswith("As many as 69% of professionals agreed.")


def pair(first_pct, second_pct):
    return cell("works_well", "expert", 1000, int(first_pct * 10)), cell("works_well", "professional", 1000,
                                                                          int(second_pct * 10))


def test_only_begins_at_twenty_percentage_points():
    en = Translator.from_catalogue("en")
    assert LARGE_GAP == 20
    assert "Only" in key_figure("works_well", *pair(60, 40), en)
    assert "Only" not in key_figure("works_well", *pair(59, 40), en)


def test_the_gap_is_that_of_the_shown_percentages():
    en = Translator.from_catalogue("en")
    # 59.5 - 40 is 19.5 points, but the page shows 60 % and 40 %: 20 points
    assert key_figure("works_well", *pair(59.5, 40), en).endswith("Only 40% of professionals agreed.")


def test_a_statement_asked_of_one_group_has_one_sentence():
    assert sentence("statement_importance", "fi") == (
        f"10{NBSP}% asiantuntijajäsenistä pitää lausunnon antamista (pyydettäessä) erittäin tärkeänä.")


def test_a_suppressed_group_is_not_told():
    expert = cell("works_well", "expert", 29, 22)
    small, = suppress_small([cell("works_well", "professional", 4, 1)], min_n=5)
    told = key_figure("works_well", expert, small, Translator.from_catalogue("en"))
    assert told == "76% of expert members think that the expert panel works well or very well."


def test_when_the_first_group_is_suppressed_the_second_is_told_alone():
    small, = suppress_small([cell("works_well", "expert", 3, 3)], min_n=5)
    told = key_figure("works_well", small, cell("works_well", "professional", 46, 17), Translator.from_catalogue("fi"))
    assert told == f"37{NBSP}% ammattilaisista arvioi, että asiantuntijaryhmä toimii hyvin tai erittäin hyvin."


def test_nothing_is_told_of_two_suppressed_groups_or_an_unknown_question():
    hidden = suppress_small([cell("works_well", "expert", 3, 3), cell("works_well", "professional", 2, 1)], min_n=5)
    en = Translator.from_catalogue("en")
    assert key_figure("works_well", *hidden, en) is None
    assert key_figure("no_such_question", *study_cells("works_well"), en) is None


def test_every_study_statement_is_told_in_every_language(tr):
    told = key_figures([(q, *study_cells(q)) for q in STUDY], tr)
    assert len(told) == len(STUDY) == len(STATEMENTS)


def test_every_statement_is_translated(tr):
    english = Translator.from_catalogue("en")
    for question_id, statement in STATEMENTS.items():
        assert heading(question_id, tr)
        if tr.locale != "en":
            assert tr(statement.predicate) != english(statement.predicate), question_id


def test_the_sentences_need_no_request():
    """A plain function as the translator (what the CLI export can pass): English msgids as they are."""
    told = key_figure("works_well", *study_cells("works_well"), Translator("en"))
    assert told.startswith("76% of expert members think")
