"""A question's HTML in two steps (pure, no Flask): its stencil, then the answer filled in.

Everything of a question's HTML except the person's answer (its wording, help,
choices, pictures, read-aloud controls, who-may-see) is the questionnaire's own,
the same for every record. So the question's template
(templates/questionnaire/_question.html, `frame`) is rendered once with a
`Live` recorder in place of the answer: each place that shows something of the
answer or of the request (a ticked choice, the typed text, the errors, the
stored drawing, the show-if state) calls the recorder, which leaves a marker.
The rendered text, cut at the markers, is the `Stencil`; `fill` puts one
request's answer into it. A stencil holds nothing of anybody's answer (the
frame never sees one), so it may be kept per process (web/question_html.py).

In a template:

    {{ live.checked(c.value) }}          " checked" when the answer's choice is c.value
    {{ live.checked_among(c.value) }}    ... when c.value is among a multi-choice answer's values
    {{ live.declined() }}                " checked" when declined
    {{ live.visibility(value) }}         " checked" when who-may-see is `value` (default "panel")
    {{ live.text() }} {{ live.text_length() }}   the answer's text (escaped) and its length
    {{ live.error_text() }}              the messages, each followed by a space
    {{ live.drawing_src() }}             the stored drawing's address
    {{ live.shown() }}                   "true"/"false": the show-if rule on the person's answers
    {{ live.given(name) }}               HTML the page made for this request (State.given[name])
    {% call live.when("errors") %}...{% endcall %}        only when the question has errors
    {% call live.when("has_drawing") %}...{% endcall %}   only when a drawing is stored
"""
import re

from markupsafe import Markup, escape

MARK = "\x00"
_CODE = re.compile(r"^(\d+)(\[?)$|^\]$")


class State:
    """One request's values of one question."""
    __slots__ = ("q", "answer", "errors", "answers", "has_drawing", "drawing_src", "given")

    def __init__(self, q=None, answer=None, errors=(), answers=None, has_drawing=False, drawing_src=None, given=None):
        self.q, self.answer, self.errors, self.answers = q, answer, errors, answers
        self.has_drawing, self.drawing_src = has_drawing, drawing_src
        self.given = given or {}


def _of(answer, name, default=None):
    """answer.name as a template reads it: an attribute, else an item (a stored answer is a dict)."""
    if not answer:
        return default
    try:
        return getattr(answer, name)
    except AttributeError:
        try:
            return answer[name]
        except (TypeError, LookupError):
            return default


def _checked(state, value):
    return " checked" if state.answer and _of(state.answer, "choice") == value else ""


def _checked_among(state, value):
    return " checked" if value in (_of(state.answer, "choice") or "").split() else ""


def _declined(state):
    return " checked" if _of(state.answer, "declined") else ""


def _visibility(state, value):
    return " checked" if (_of(state.answer, "visibility") or "panel") == value else ""


def _text(state):
    return str(escape(_of(state.answer, "text", "") if state.answer else ""))


def _text_length(state):
    return str(len(_of(state.answer, "text", "") if state.answer else ""))


def _error_text(state):
    return "".join(f"{escape(e)} " for e in state.errors)


def _drawing_src(state):
    return str(escape(state.drawing_src))


def _given(state, name):
    return str(state.given[name])


def _shown(state):
    return "true" if state.q.is_shown(state.answers or {}) else "false"


CONDITIONS = {"errors": lambda state: bool(state.errors), "has_drawing": lambda state: bool(state.has_drawing)}


class Live:
    """The recorder a stencil is rendered with: every call is a slot, returned as a marker."""

    def __init__(self):
        self.slots = []

    def _slot(self, fill, *args):
        self.slots.append((fill, args))
        return Markup(f"{MARK}{len(self.slots) - 1}{MARK}")

    def checked(self, value):
        return self._slot(_checked, value)

    def checked_among(self, value):
        return self._slot(_checked_among, value)

    def declined(self):
        return self._slot(_declined)

    def visibility(self, value):
        return self._slot(_visibility, value)

    def text(self):
        return self._slot(_text)

    def text_length(self):
        return self._slot(_text_length)

    def error_text(self):
        return self._slot(_error_text)

    def drawing_src(self):
        return self._slot(_drawing_src)

    def shown(self):
        return self._slot(_shown)

    def given(self, name):
        return self._slot(_given, name)

    def when(self, condition, content="", caller=None):
        """`content` (or the call block's body) only when `condition` ("errors", "has_drawing") holds."""
        self.slots.append((CONDITIONS[condition], ()))
        index = len(self.slots) - 1
        body = caller() if caller is not None else content
        return Markup(f"{MARK}{index}[{MARK}") + body + Markup(f"{MARK}]{MARK}")


class Stencil:
    """The rendered frame cut at its markers: a tree of static text, slots and conditional parts."""

    def __init__(self, html, slots):
        parts = str(html).split(MARK)
        root, stack = [], []
        current = root
        for position, part in enumerate(parts):
            if position % 2 == 0:
                if part:
                    current.append(part)
                continue
            match = _CODE.match(part)
            if not match:
                raise ValueError(f"not a stencil marker: {part!r}")
            if part == "]":
                current = stack.pop()
            elif match.group(2):
                block = []
                current.append((slots[int(match.group(1))][0], (), block))
                stack.append(current)
                current = block
            else:
                fill, args = slots[int(match.group(1))]
                current.append((fill, args, None))
        if stack:
            raise ValueError("an unclosed stencil block")
        self.parts = root

    def fill(self, state):
        out = []
        _fill(self.parts, state, out)
        return Markup("".join(out))


def _fill(parts, state, out):
    for part in parts:
        if part.__class__ is str:
            out.append(part)
            continue
        fill, args, block = part
        if block is None:
            out.append(fill(state, *args))
        elif fill(state):
            _fill(block, state, out)
