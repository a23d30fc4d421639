"""Choosing: one choice, several choices, and yes / no / don't know."""
from questionnaire.answers import BAD_CHOICE, Answer, ParseResult
from questionnaire.fields.base import FieldType, register
from questionnaire.schema import DONT_KNOW, DefinitionError


@register
class SingleChoice(FieldType):
    name = "single_choice"
    has_choices = True


@register
class YesNo(SingleChoice):
    """Yes / no (/ don't know), with the shared pictures."""
    name = "yes_no"
    template = "questionnaire/fields/single_choice.html"
    VALUES = ("yes", "no", DONT_KNOW)

    def check(self, question):
        super().check(question)
        values = [c.value for c in question.choices]
        if not {"yes", "no"} <= set(values) <= set(self.VALUES):
            raise DefinitionError(f"question {question.id}: yes_no choices are yes, no (and dont_know), not {values}")


@register
class MultiChoice(FieldType):
    """Several choices may be ticked (a checkbox group). The chosen values are
    kept in `choice` in the order of the question's choices, separated by
    spaces (values never contain spaces); nothing ticked is None."""
    name = "multi_choice"
    has_choices = True

    def read(self, question, data, prefix):
        result = super().read(question, data, prefix)
        answer = result.answer
        if hasattr(data, "getlist"):
            raw = data.getlist(prefix + "choice")
        else:
            raw = data.get(prefix + "choice")
            raw = [] if raw is None else raw.split() if isinstance(raw, str) else raw
        if not isinstance(raw, (list, tuple)) or any(not isinstance(v, str) for v in raw):
            return ParseResult(Answer(None, answer.text, answer.declined), (BAD_CHOICE,))
        chosen = {v for value in raw for v in value.split()}
        order = [c.value for c in question.choices]
        choice = " ".join([v for v in order if v in chosen] + sorted(chosen - set(order))) or None
        return ParseResult(Answer(choice, answer.text, answer.declined))

    def choice_is_allowed(self, question, answer):
        allowed = {c.value for c in question.choices}
        return all(v in allowed for v in answer.values)
