"""The definition schema: a questionnaire as frozen dataclasses (pure, no Flask).

    Questionnaire(id, title, pages=(Page, ...))
    Page(id, kind="questions"|"explanation", paragraphs=(key, ...), image, questions=(Question, ...))
    Question(id, type, wording, help, required, choices=(Choice, ...), comment, show_if=ShowIf, scale=Scale)
    Choice(value, label, image)
    Scale(points=(Choice, ...), dont_know=Choice or None, faces)

Every wording (title, paragraph, wording, help, label) is a translation *key*:
the Finnish text itself (see localisation.py). Everything is checked when it
is built, so a typo in a definition fails at import (DefinitionError): an
unknown type, a duplicate id, a show-if rule naming an unknown question or
choice, a scale of the wrong length...

A consumer adds its own fields by subclassing Question (and Questionnaire),
see participation/extension.py; `to_dict()` / `from_dict()` carry them.
`to_dict()` is what is digested and stored (versions.py): a field marked
`new_field()` is left out while it has its default, so adding one does not
change the digest of an existing definition.
"""
import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]*$")            # page and question ids (HTML ids, form names)
QUESTIONNAIRE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
VALUE = re.compile(r"^[A-Za-z0-9_-]+$")                    # choice values: stored space-separated
PAGE_KINDS = ("explanation", "questions")
RESERVED_PAGE_IDS = ("end",)                              # screens.py adds the end screen
SCALE_LENGTHS = (3, 5)                                    # 5 points, or 3 for young children
DONT_KNOW = "dont_know"                                   # the value of a "don't know" choice


class DefinitionError(ValueError):
    """A questionnaire definition is not well formed."""


def new_field(default):
    """A field added after definitions were first stored: out of to_dict() while default."""
    return field(default=default, metadata={"omit_default": True})


def _dump(value):
    if dataclasses.is_dataclass(value):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    return value


class Node:
    """to_dict / from_dict for the schema's dataclasses."""

    # field name -> (kind of item, many?) for the fields that hold other nodes
    _nested = {}

    def to_dict(self):
        out = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.metadata.get("omit_default") and value == f.default:
                continue
            out[f.name] = _dump(value)
        return out

    @classmethod
    def from_dict(cls, data, classes=None):
        """Build from a dict (a stored version). Missing keys take their
        defaults; an unknown key is a DefinitionError. `classes` names the
        class of each kind of item, e.g. {"question": ViewsQuestion}."""
        if not isinstance(data, dict):
            raise DefinitionError(f"{cls.__name__}: expected a mapping, got {data!r}")
        unknown = set(data) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise DefinitionError(f"{cls.__name__}: unknown keys {sorted(unknown)}")
        classes = classes or {}
        values = {}
        for key, value in data.items():
            if key in cls._nested and value is not None:
                kind, many = cls._nested[key]
                make = (classes.get(kind) or _CLASSES[kind]).from_dict
                value = tuple(make(item, classes) for item in value) if many else make(value, classes)
            elif isinstance(value, list):
                value = tuple(value)
            values[key] = value
        return cls(**values)


@dataclass(frozen=True, kw_only=True)
class Choice(Node):
    value: str
    label: str
    image: str | None = None          # a file in static/img/participation, decorative

    def __post_init__(self):
        if not isinstance(self.value, str) or not VALUE.match(self.value):
            raise DefinitionError(f"choice value {self.value!r}: letters, digits, _ and - only")
        if not self.label:
            raise DefinitionError(f"choice {self.value!r} has no label")


@dataclass(frozen=True, kw_only=True)
class ShowIf(Node):
    """Shown only when the answer to `question` chose one of `values`."""
    question: str
    values: tuple[str, ...]

    def __post_init__(self):
        if isinstance(self.values, str):
            raise DefinitionError(f"show_if values must be a list, not {self.values!r}")
        object.__setattr__(self, "values", tuple(self.values))
        if not self.question or not self.values:
            raise DefinitionError("show_if needs a question and at least one value")


@dataclass(frozen=True, kw_only=True)
class Scale(Node):
    """Ordered labelled points (worst first), and "don't know" kept apart from them."""
    points: tuple[Choice, ...]
    dont_know: Choice | None = None
    faces: bool = False               # a face beside each point, from sad to happy

    _nested = {"points": ("choice", True), "dont_know": ("choice", False)}

    def __post_init__(self):
        object.__setattr__(self, "points", tuple(self.points))
        if len(self.points) not in SCALE_LENGTHS:
            raise DefinitionError(f"a scale has {' or '.join(map(str, SCALE_LENGTHS))} points, not {len(self.points)}")
        values = [p.value for p in self.points] + ([self.dont_know.value] if self.dont_know else [])
        if len(values) != len(set(values)):
            raise DefinitionError(f"scale values repeat: {values}")
        if DONT_KNOW in [p.value for p in self.points]:
            raise DefinitionError("\"don't know\" is not a point of the scale: give it as dont_know")

    @property
    def choices(self):
        return self.points + ((self.dont_know,) if self.dont_know else ())


@dataclass(frozen=True, kw_only=True)
class Question(Node):
    id: str
    type: str                         # a key of questionnaire.fields.FIELD_TYPES
    wording: str
    help: str | None = None
    required: bool = False
    choices: tuple[Choice, ...] = ()
    comment: bool = False             # choice types: a free-text "tell more" box
    show_if: ShowIf | None = None
    scale: Scale | None = new_field(None)

    _nested = {"choices": ("choice", True), "show_if": ("show_if", False), "scale": ("scale", False)}

    def __post_init__(self):
        from questionnaire.fields import FIELD_TYPES
        object.__setattr__(self, "choices", tuple(self.choices))
        if not isinstance(self.id, str) or not ID.match(self.id):
            raise DefinitionError(f"question id {self.id!r}: letters, digits and _ only")
        if self.type not in FIELD_TYPES:
            raise DefinitionError(f"question {self.id}: unknown type {self.type!r} (known: {sorted(FIELD_TYPES)})")
        if not self.wording:
            raise DefinitionError(f"question {self.id} has no wording")
        values = [c.value for c in self.choices]
        if len(values) != len(set(values)):
            raise DefinitionError(f"question {self.id}: choice values repeat: {values}")
        FIELD_TYPES[self.type].check(self)

    @property
    def field(self):
        """The field type of this question."""
        from questionnaire.fields import FIELD_TYPES
        return FIELD_TYPES[self.type]

    def wording_keys(self):
        """This question's translatable keys, in order (a subclass adds its own)."""
        keys = [self.wording, self.help]
        keys += [c.label for c in self.field.choices(self)]
        return [k for k in keys if k]

    def is_shown(self, answers):
        from questionnaire.rules import is_shown
        return is_shown(self, answers)


@dataclass(frozen=True, kw_only=True)
class Page(Node):
    id: str
    kind: str = "questions"
    paragraphs: tuple[str, ...] = ()
    image: str | None = None
    questions: tuple[Question, ...] = ()

    _nested = {"questions": ("question", True)}

    def __post_init__(self):
        object.__setattr__(self, "paragraphs", tuple(self.paragraphs))
        object.__setattr__(self, "questions", tuple(self.questions))
        if not isinstance(self.id, str) or not ID.match(self.id) or self.id in RESERVED_PAGE_IDS:
            raise DefinitionError(f"page id {self.id!r} is not allowed")
        if self.kind not in PAGE_KINDS:
            raise DefinitionError(f"page {self.id}: unknown kind {self.kind!r}")
        if self.kind == "explanation" and (self.questions or not self.paragraphs):
            raise DefinitionError(f"page {self.id}: an explanation has paragraphs and no questions")
        if self.kind == "questions" and not self.questions:
            raise DefinitionError(f"page {self.id}: a questions page has questions")


@dataclass(frozen=True, kw_only=True)
class Questionnaire(Node):
    id: str
    title: str
    pages: tuple[Page, ...] = ()

    _nested = {"pages": ("page", True)}

    def __post_init__(self):
        object.__setattr__(self, "pages", tuple(self.pages))
        if not isinstance(self.id, str) or not QUESTIONNAIRE_ID.match(self.id):
            raise DefinitionError(f"questionnaire id {self.id!r} is not allowed")
        if not self.title or not self.pages:
            raise DefinitionError(f"questionnaire {self.id} needs a title and pages")
        _unique(f"{self.id}: page ids", [p.id for p in self.pages])
        _unique(f"{self.id}: question ids", [q.id for q in self.questions()])
        earlier = {}
        for q in self.questions():
            if q.show_if:
                source = earlier.get(q.show_if.question)
                if source is None:
                    raise DefinitionError(f"{self.id}: {q.id} is shown if {q.show_if.question!r}, "
                                          "which is not a question before it")
                allowed = {c.value for c in source.field.choices(source)}
                if not allowed:
                    raise DefinitionError(f"{self.id}: {q.id} is shown by {source.id}, which has no choices")
                unknown = set(q.show_if.values) - allowed
                if unknown:
                    raise DefinitionError(f"{self.id}: {q.id} is shown if {source.id} is {sorted(unknown)}, "
                                          f"not one of its choices {sorted(allowed)}")
            earlier[q.id] = q

    def questions(self):
        """All questions in order."""
        return [q for page in self.pages for q in page.questions]

    def question(self, question_id):
        for q in self.questions():
            if q.id == question_id:
                return q
        return None

    def page(self, page_id):
        for p in self.pages:
            if p.id == page_id:
                return p
        return None

    def wording_keys(self):
        """Every translatable key, in order, without duplicates."""
        keys = [self.title]
        for page in self.pages:
            keys += page.paragraphs
            for q in page.questions:
                keys += q.wording_keys()
        return list(dict.fromkeys(keys))

    def replace_question(self, question_id, **changes):
        """A copy with one question changed (a definition is never changed in place)."""
        if self.question(question_id) is None:
            raise KeyError(question_id)
        pages = tuple(dataclasses.replace(page, questions=tuple(
            dataclasses.replace(q, **changes) if q.id == question_id else q for q in page.questions))
            for page in self.pages)
        return dataclasses.replace(self, pages=pages)


def as_dict(definition):
    """The dict form of a definition (a Questionnaire or already a dict)."""
    return definition.to_dict() if hasattr(definition, "to_dict") else definition


def digest(definition):
    """A stable digest of a definition's content: a change makes a new version (versions.py)."""
    return hashlib.sha256(json.dumps(as_dict(definition), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _unique(what, ids):
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise DefinitionError(f"{what} repeat: {repeated}")


_CLASSES = {"choice": Choice, "show_if": ShowIf, "scale": Scale, "question": Question, "page": Page}
