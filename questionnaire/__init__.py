"""The form engine: questionnaires as data, shared by the child's views
(participation/) and the feedback surveys (surveys/).

    schema.py        the definition schema (frozen dataclasses, checked when built)
    fields/          the field-type registry: one class per type (free text, choices,
                     yes/no, multi choice, drawing, scale) with its template in
                     templates/questionnaire/fields/
    answers.py       Answer, ParseResult (errors as values), Summary (aggregate's counts)
    rules.py         show-if: the one rule
    localisation.py  wordings in the person's language (gettext, version snapshots)
    screens.py       the one-question-per-screen view
    scales.py        ready-made scales (agreement, three faces)
    versions.py      versions by digest, stored in questionnaire_versions (SQL)

Everything here but versions.py is pure (no Flask). A consumer adds its own
extras as an extension (participation/extension.py).
"""
from questionnaire.answers import Answer, ParseResult, Summary  # noqa: F401
from questionnaire.schema import (Choice, DefinitionError, Page, Question, Questionnaire, Scale,  # noqa: F401
                                  ShowIf)
from questionnaire import fields  # noqa: F401,E402  (registers the field types)
