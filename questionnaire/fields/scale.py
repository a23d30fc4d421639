"""A scale: ordered labelled points (5, or 3 for young children), optionally
with faces, and "don't know" kept apart from the points."""
from questionnaire.fields.base import FieldType, register
from questionnaire.schema import DefinitionError


@register
class ScaleField(FieldType):
    name = "scale"
    has_choices = True

    def check(self, question):
        if question.scale is None:
            raise DefinitionError(f"question {question.id}: a scale question needs a scale")
        if question.choices:
            raise DefinitionError(f"question {question.id}: a scale's points are in its scale, not in choices")

    def choices(self, question):
        return question.scale.choices

    def dont_know_values(self, question):
        dont_know = question.scale.dont_know
        return {dont_know.value} if dont_know else set()
