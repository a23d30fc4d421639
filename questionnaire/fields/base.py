"""The base of every field type, and the registry."""
from questionnaire.answers import BAD_CHOICE, REQUIRED, TOO_LONG, Answer, ParseResult, Summary
from questionnaire.schema import DONT_KNOW, DefinitionError

MAX_TEXT = 5000
FIELD_TYPES = {}


def register(cls):
    """Class decorator: make a field type known by its `name`."""
    if not cls.name or cls.name in FIELD_TYPES:
        raise DefinitionError(f"field type {cls.name!r} is unnamed or registered twice")
    if cls.template is None:
        cls.template = f"questionnaire/fields/{cls.name}.html"
    FIELD_TYPES[cls.name] = cls()
    return cls


def _truthy(value):
    return value in ("1", "true", "on", True)


class FieldType:
    """One kind of question. Its template (questionnaire/fields/<name>.html)
    has two macros: `field(q, answer, errors, ctx)` draws the inputs and
    `show(q, answer, ctx)` shows a given answer read-only."""
    name = None
    template = None
    has_choices = False
    accepts_drawing = False        # the answer may be a drawing (stored by the consumer)
    min_choices = 2

    # -- the definition ---------------------------------------------------------------
    def check(self, question):
        """Raise DefinitionError when `question` does not fit this type."""
        if self.has_choices and len(question.choices) < self.min_choices:
            raise DefinitionError(f"question {question.id}: a {self.name} question needs "
                                  f"at least {self.min_choices} choices")
        if not self.has_choices and question.choices:
            raise DefinitionError(f"question {question.id}: a {self.name} question has no choices")
        if question.scale is not None:
            raise DefinitionError(f"question {question.id}: only a scale question has a scale")
        if question.comment and not self.has_choices:
            raise DefinitionError(f"question {question.id}: only a choice question has a comment box")

    def choices(self, question):
        """Every value an answer may choose, in order."""
        return question.choices

    def dont_know_values(self, question):
        return {c.value for c in self.choices(question) if c.value == DONT_KNOW}

    # -- reading and validating -------------------------------------------------------
    def read(self, question, data, prefix):
        """The answer in `data` (a mapping, e.g. a request's form) as a ParseResult."""
        def get(key):
            value = data.get(prefix + key)
            return value if value is not None else ""

        text = get("text")
        text = text.replace("\r\n", "\n") if isinstance(text, str) else ""
        choice = get("choice") if self.has_choices else None
        if choice is not None and not isinstance(choice, str):
            return ParseResult(Answer(None, text, _truthy(get("declined"))), (BAD_CHOICE,))
        return ParseResult(Answer(choice or None, text, _truthy(get("declined"))))

    def validate(self, question, answer):
        """Error codes of an answer (empty when fine)."""
        errors = []
        if len(answer.text) > MAX_TEXT:
            errors.append(TOO_LONG)
        if self.has_choices and not self.choice_is_allowed(question, answer):
            errors.append(BAD_CHOICE)
        if question.required and not answer.declined and self.is_empty(question, answer):
            errors.append(REQUIRED)
        return tuple(errors)

    def choice_is_allowed(self, question, answer):
        return answer.choice is None or answer.choice in {c.value for c in self.choices(question)}

    def is_empty(self, question, answer):
        """True when nothing was answered (declining is not emptiness: it is an answer)."""
        answer = Answer.of(answer)
        return answer is None or not (answer.text.strip() or answer.choice or answer.drawing)

    # -- summaries ---------------------------------------------------------------------
    def aggregate(self, question, answers):
        """A Summary of `answers` (Answers or stored rows) to `question`."""
        dont_know = self.dont_know_values(question)
        counts = {c.value: 0 for c in self.choices(question) if c.value not in dont_know}
        n = dont_knows = declined = 0
        for answer in map(Answer.of, answers):
            if answer is None:
                continue
            if answer.declined:
                declined += 1
                continue
            on_scale = [v for v in answer.values if v in counts]
            for value in on_scale:
                counts[value] += 1
            if on_scale:
                n += 1
            elif any(v in dont_know for v in answer.values):
                dont_knows += 1
        return Summary(counts=counts, n=n, dont_know=dont_knows, declined=declined)
