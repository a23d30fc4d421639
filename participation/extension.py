"""Participation's extension of the form engine (questionnaire/): what only the
child's and the parent's views have. A survey question gets none of it.

- ViewsQuestion adds to a question: `worker_wording` (the pilot's verbatim
  wording shown to the worker), `pilot` (the pilot's question number 1–3),
  `worry` (the worker may mark the answer as needing attention) and
  `allow_drawing` (a free-text answer may be a drawing instead).
- ViewsQuestionnaire adds `audience` ("child" or "parent") and `band`.
- ViewsAnswer adds `visibility`: who may see the answer ("panel" or "worker").
- parse() / read() are the engine's, with the visibility read and checked.
- templates/participation/_extension.html holds the macro pieces that the
  engine's question frame (templates/questionnaire/_question.html) calls.
"""
from dataclasses import dataclass

from questionnaire import fields as engine
from questionnaire.answers import Answer, ParseResult
from questionnaire.schema import DefinitionError, Question, Questionnaire

VISIBILITIES = ("panel", "worker")
AUDIENCES = ("child", "parent")
PILOT_NUMBERS = (1, 2, 3)
BAD_VISIBILITY = "bad_visibility"
TEMPLATE = "participation/_extension.html"


@dataclass(frozen=True, kw_only=True)
class ViewsQuestion(Question):
    worker_wording: str | None = None
    pilot: int | None = None
    worry: bool = False
    allow_drawing: bool = False

    def __post_init__(self):
        super().__post_init__()
        if self.pilot not in (None,) + PILOT_NUMBERS:
            raise DefinitionError(f"question {self.id}: the pilot's questions are numbered {PILOT_NUMBERS}")
        if self.allow_drawing and self.type != "free_text":
            raise DefinitionError(f"question {self.id}: only a free-text answer may be drawn instead")

    def wording_keys(self):
        keys = [self.wording, self.worker_wording, self.help] + [c.label for c in self.field.choices(self)]
        return [k for k in keys if k]


@dataclass(frozen=True, kw_only=True)
class ViewsQuestionnaire(Questionnaire):
    audience: str
    band: str

    def __post_init__(self):
        super().__post_init__()
        if self.audience not in AUDIENCES:
            raise DefinitionError(f"{self.id}: audience {self.audience!r} is not one of {AUDIENCES}")
        if not self.band:
            raise DefinitionError(f"{self.id}: no band")
        pilots = [q.pilot for q in self.questions() if q.pilot]
        if len(pilots) != len(set(pilots)):
            raise DefinitionError(f"{self.id}: a pilot question appears twice: {pilots}")


def load(data):
    """A stored definition (a dict) as a ViewsQuestionnaire."""
    return ViewsQuestionnaire.from_dict(data, {"question": ViewsQuestion})


@dataclass(frozen=True)
class ViewsAnswer(Answer):
    visibility: str = "panel"


def _with_visibility(result, data, prefix):
    if result.answer is None:
        return result
    visibility = data.get(prefix + "visibility") or "panel"
    problems = () if visibility in VISIBILITIES else (BAD_VISIBILITY,)
    # vars(): the answer's fields as they are (asdict copies each one deeply, on every parse of every answer)
    answer = ViewsAnswer(**{**vars(result.answer), "visibility": visibility if isinstance(visibility, str) else "panel"})
    return ParseResult(answer, problems + result.errors)


def parse(question, data, prefix=None, has_drawing=False):
    """engine.parse with who may see the answer (q-<id>-visibility)."""
    p = engine.prefix_of(question) if prefix is None else prefix
    return _with_visibility(engine.parse(question, data, p, has_drawing), data, p)


def read(question, data, prefix="", has_drawing=False):
    """engine.read with who may see the answer (the JSON autosave's keys have no prefix)."""
    return _with_visibility(engine.read(question, data, prefix, has_drawing), data, prefix)


def accepts_drawing(question):
    """A drawing question, or a free-text one that may be drawn instead."""
    return question.field.accepts_drawing or getattr(question, "allow_drawing", False)


def worry_questions(definition):
    """The questions whose answer the worker may mark as needing attention."""
    return [q for q in definition.questions() if q.worry]
