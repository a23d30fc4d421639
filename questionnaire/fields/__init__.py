"""The field-type registry (pure, no Flask), in Indico's manner: each type is
one class that owns its template, how it reads its answer, how it validates,
when it is empty, how it shows an answer and how it aggregates answers.

    from questionnaire.fields import FIELD_TYPES, parse
    result = parse(question, request.form)      # ParseResult(answer, errors)
    summary = question.field.aggregate(question, answers)

Submitted data uses one prefix per question, `q-<question id>-`:
    q-<id>-choice (repeated for a multi choice), q-<id>-text, q-<id>-declined ("1").
The JSON autosave body carries the same keys without the prefix.
"""
from questionnaire.answers import REQUIRED, Answer, ParseResult
from questionnaire.fields.base import FIELD_TYPES, MAX_TEXT, FieldType, register  # noqa: F401
from questionnaire.fields import choices, drawing, scale, text  # noqa: F401,E402  (they register)


def prefix_of(question):
    return f"q-{question.id}-"


def field_type(question):
    return FIELD_TYPES[question.type]


def read(question, data, prefix="", has_drawing=False):
    """Read and validate the answer of `question` from `data` (keys after
    `prefix`); always an answer, even from empty data."""
    ftype = field_type(question)
    result = ftype.read(question, data, prefix)
    answer = Answer.of(result.answer, drawing=has_drawing)
    return ParseResult(answer, result.errors).with_errors(*ftype.validate(question, answer))


def parse(question, data, prefix=None, has_drawing=False):
    """Read and validate the answer of `question` from form `data`.

    The answer is None when the data holds nothing for the question at all
    (the stored answer then stays as it was); it is then only an error if
    the question is required and has no drawing.
    """
    p = prefix_of(question) if prefix is None else prefix
    if not any(str(key).startswith(p) for key in data.keys()):
        return ParseResult(None, (REQUIRED,) if question.required and not has_drawing else ())
    return read(question, data, p, has_drawing)
