"""Reading a submitted survey (pure, no Flask): the engine's parse, per question.

Every question may be skipped: a question with nothing chosen or written
(or "I don't want to answer") is left out of the answers, so it is not
stored and never counts in n. A choice that is not on the question's scale
is refused (the engine's BAD_CHOICE), free text is at most 2,000
characters (TOO_LONG); with any error nothing is stored.
"""
from questionnaire import fields as engine
from questionnaire.answers import TOO_LONG, Answer

from surveys.definitions import MAX_TEXT


def read_answers(definition, data, question_ids=None):
    """(answers, errors) from form `data`: answers {question id: Answer} of the
    questions answered, errors {question id: [error codes]}. Only
    `question_ids` are read when given (one screen of the tablet)."""
    answers, errors = {}, {}
    for question in definition.questions():
        if question_ids is not None and question.id not in question_ids:
            continue
        answer, problems = engine.parse(question, data)
        if answer is None:
            continue
        if len(answer.text) > MAX_TEXT and TOO_LONG not in problems:
            problems.append(TOO_LONG)
        if problems:
            errors[question.id] = problems
            continue
        if answer.declined or question.field.is_empty(question, answer):
            continue
        if question.type == "scale":
            answers[question.id] = Answer(choice=answer.choice)
        else:
            text = answer.text.strip()
            if text:
                answers[question.id] = Answer(text=text)
    return answers, errors

