"""The generic field-type registry (pure, no Flask).

Each field type knows how to read its answer from submitted data, validate it
and summarise it. An answer is a dict:
    {"choice": str|None, "text": str, "declined": bool, "visibility": "panel"|"worker"}
(a drawing is stored separately as PNG; `text` is then its text alternative).

Submitted data uses one prefix per question, `q-<question id>-`:
    q-<id>-choice, q-<id>-text, q-<id>-declined ("1"), q-<id>-visibility.
The same keys are used in the JSON autosave body without the prefix:
    {"question": id, "choice", "text", "declined", "visibility"}.
"""

MAX_TEXT = 5000
VISIBILITIES = ("panel", "worker")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_DRAWING_BYTES = 2 * 1024 * 1024

# Error codes; the routes translate them (see routes.ERROR_MESSAGES).
TOO_LONG = "too_long"
REQUIRED = "required"
BAD_CHOICE = "bad_choice"
BAD_VISIBILITY = "bad_visibility"
NOT_PNG = "not_png"
TOO_LARGE = "too_large"


class FieldType:
    name = None
    template = None
    has_choices = False
    has_drawing = False

    def read(self, question, data, prefix=None):
        """Take the answer of `question` out of `data` (a mapping). With
        `prefix` None the keys carry the `q-<id>-` prefix."""
        p = f"q-{question['id']}-" if prefix is None else prefix

        def get(key):
            value = data.get(p + key)
            return value if value is not None else ""

        declined = get("declined") in ("1", "true", "on", True)
        visibility = get("visibility") or "panel"
        choice = get("choice") or None if self.has_choices else None
        text = get("text")
        if isinstance(text, str):
            text = text.replace("\r\n", "\n")
        return {"choice": choice, "text": text if isinstance(text, str) else "",
                "declined": declined, "visibility": visibility}

    def validate(self, question, answer, has_drawing=False):
        """A list of error codes (empty when fine)."""
        errors = []
        if answer["visibility"] not in VISIBILITIES:
            errors.append(BAD_VISIBILITY)
        if len(answer["text"]) > MAX_TEXT:
            errors.append(TOO_LONG)
        if self.has_choices and answer["choice"] is not None and \
                answer["choice"] not in [c["value"] for c in self.choices(question)]:
            errors.append(BAD_CHOICE)
        if question["required"] and not answer["declined"] and self.is_empty(question, answer, has_drawing):
            errors.append(REQUIRED)
        return errors

    def is_empty(self, question, answer, has_drawing=False):
        return not (answer["text"].strip() or answer["choice"] or has_drawing)

    def choices(self, question):
        return question["choices"]

    def summary(self, question, answer, choice_text=None):
        """A one-line plain-text summary (for lists and exports)."""
        if answer is None:
            return ""
        if answer["declined"]:
            return "—"
        parts = []
        values = chosen_values(answer)
        if values:
            parts.append(", ".join(choice_text(v) if choice_text else v for v in values))
        if answer.get("text"):
            parts.append(answer["text"])
        return " – ".join(parts)


class FreeText(FieldType):
    name = "free_text"
    template = "participation/fields/free_text.html"


class SingleChoice(FieldType):
    name = "single_choice"
    template = "participation/fields/single_choice.html"
    has_choices = True


class YesNo(SingleChoice):
    """Yes / no / don't know, with the shared smiley pictures."""
    name = "yes_no"


class MultiChoice(FieldType):
    """Several choices may be ticked (a checkbox group). The chosen values are
    stored in `choice` in the order of the question's choices, separated by
    spaces (values never contain spaces); nothing ticked is None."""
    name = "multi_choice"
    template = "participation/fields/multi_choice.html"
    has_choices = True

    def read(self, question, data, prefix=None):
        answer = super().read(question, data, prefix)
        p = f"q-{question['id']}-" if prefix is None else prefix
        if hasattr(data, "getlist"):
            raw = data.getlist(p + "choice")
        else:
            raw = data.get(p + "choice")
            if raw is None:
                raw = []
            elif isinstance(raw, str):
                raw = raw.split()
        if not isinstance(raw, (list, tuple)) or any(not isinstance(v, str) for v in raw):
            answer["choice"] = BAD_MULTI
            return answer
        chosen = {v for value in raw for v in value.split()}
        order = [c["value"] for c in question["choices"]]
        answer["choice"] = " ".join([v for v in order if v in chosen] + sorted(chosen - set(order))) or None
        return answer

    def validate(self, question, answer, has_drawing=False):
        errors = []
        if answer["choice"] == BAD_MULTI:
            answer = dict(answer, choice=None)
            errors.append(BAD_CHOICE)
        values = (answer["choice"] or "").split()
        allowed = {c["value"] for c in question["choices"]}
        if any(v not in allowed for v in values):
            errors.append(BAD_CHOICE)
        checked = dict(answer, choice=None)  # the base class knows one choice only
        errors += [e for e in super().validate(question, checked, has_drawing) if e != REQUIRED]
        if question["required"] and not answer["declined"] and not values and not answer["text"].strip():
            errors.append(REQUIRED)
        return list(dict.fromkeys(errors))


BAD_MULTI = "\0bad"


class Drawing(FieldType):
    name = "drawing"
    template = "participation/fields/drawing.html"
    has_drawing = True


FIELD_TYPES = {cls.name: cls() for cls in (FreeText, SingleChoice, YesNo, MultiChoice, Drawing)}


def chosen_values(answer):
    """The chosen values of an answer as a list (one for a single choice,
    any number for a multi choice)."""
    return ((answer or {}).get("choice") or "").split()


def field_type(question):
    return FIELD_TYPES[question["type"]]


def accepts_drawing(question):
    return question["type"] == "drawing" or question.get("allow_drawing", False)


def check_png(data):
    """None when `data` is a PNG of at most 2 MB, else an error code."""
    if len(data) > MAX_DRAWING_BYTES:
        return TOO_LARGE
    if not data.startswith(PNG_MAGIC) or len(data) < 33 or data[12:16] != b"IHDR":
        return NOT_PNG
    return None


def is_shown(question, answers):
    """False when the question depends on another answer that rules it out."""
    rule = question.get("show_if")
    if not rule:
        return True
    return any(value in rule["values"] for value in chosen_values(answers.get(rule["question"])))


def parse(question, data, prefix=None, has_drawing=False):
    """Read and validate the answer of `question` from `data`.

    Returns (answer, errors). `answer` is None when nothing was given for
    the question at all (the question is then left as it was).
    """
    ftype = field_type(question)
    p = f"q-{question['id']}-" if prefix is None else prefix
    if not any(key.startswith(p) for key in data.keys()):
        return None, ([REQUIRED] if question["required"] and not has_drawing else [])
    answer = ftype.read(question, data, prefix=p)
    return answer, ftype.validate(question, answer, has_drawing=has_drawing)
