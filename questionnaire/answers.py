"""Answers, parse results and summaries (pure, no Flask).

An answer holds `choice` (one value; a multi-choice question's values
separated by spaces, in the question's order; None when nothing is chosen),
`text` (free text, a "tell more" comment, or a drawing's text alternative)
and `declined` ("I don't want to answer"). `drawing` tells that a drawing is
stored with it (the picture itself is the consumer's to store).

Errors are values: codes in ParseResult.errors, never markers inside an answer.
"""
from dataclasses import asdict, dataclass, field, fields, replace

# Error codes; the consumer translates them (e.g. participation.api.ERROR_MESSAGES).
TOO_LONG = "too_long"
REQUIRED = "required"
BAD_CHOICE = "bad_choice"


@dataclass(frozen=True)
class Answer:
    choice: str | None = None
    text: str = ""
    declined: bool = False
    drawing: bool = False

    @property
    def values(self):
        """The chosen values as a tuple (one for a single choice, any number for a multi choice)."""
        return tuple((self.choice or "").split())

    @classmethod
    def of(cls, answer, drawing=None):
        """An Answer from an Answer or a stored row (a mapping); None stays None.
        With `drawing` (True/False) the result says whether a drawing is stored."""
        if answer is None:
            return None
        if not isinstance(answer, Answer):
            names = {f.name for f in fields(cls)}
            answer = cls(**{k: v for k, v in dict(answer).items() if k in names and v is not None})
        if drawing is not None and bool(drawing) != answer.drawing:
            answer = replace(answer, drawing=bool(drawing))
        return answer

    def as_row(self):
        """The stored columns (the drawing is stored apart)."""
        row = asdict(self)
        row.pop("drawing")
        return row


def chosen_values(answer):
    """The chosen values of an answer (an Answer, a stored row or None) as a list."""
    answer = Answer.of(answer)
    return list(answer.values) if answer else []


@dataclass(frozen=True)
class ParseResult:
    """What a field type read: the answer (None when the data had nothing for
    the question) and the error codes found (empty when fine)."""
    answer: Answer | None
    errors: tuple[str, ...] = ()

    @property
    def ok(self):
        return not self.errors

    def __iter__(self):
        # `answer, errors = parse(...)`
        return iter((self.answer, list(self.errors)))

    def with_errors(self, *codes):
        return ParseResult(self.answer, tuple(dict.fromkeys(self.errors + tuple(c for c in codes if c))))

    def without(self, code):
        return ParseResult(self.answer, tuple(e for e in self.errors if e != code))


@dataclass(frozen=True)
class Summary:
    """The counts behind a chart of one question (field types' aggregate()).

    counts: answers per choice value (scale points or choices, in order;
            "don't know" is not among them). For a multi choice an answer
            counts once for each value it chose.
    n:      answers on the scale: not declined, not only "don't know", not empty.
    dont_know, declined: those answers, counted apart.
    """
    counts: dict = field(default_factory=dict)
    n: int = 0
    dont_know: int = 0
    declined: int = 0
