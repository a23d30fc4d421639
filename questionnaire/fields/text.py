"""Free text."""
from questionnaire.answers import Answer, Summary
from questionnaire.fields.base import FieldType, register


class TextLike(FieldType):
    """Types answered in words (or a picture): no choices to count."""

    def aggregate(self, question, answers):
        n = declined = 0
        for answer in map(Answer.of, answers):
            if answer is None:
                continue
            if answer.declined:
                declined += 1
            elif not self.is_empty(question, answer):
                n += 1
        return Summary(counts={}, n=n, dont_know=0, declined=declined)


@register
class FreeText(TextLike):
    name = "free_text"
