"""Form fields shared by every blueprint's forms."""
import re

from wtforms import IntegerField

WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,20}")


class BoundedIntegerField(IntegerField):
    """A whole number from `min` to `max`; use it for every number a person
    types. Anything else (letters, "1e3", a 400-digit number, on which
    WTForms' NumberRange raises OverflowError) gets `message` next to the
    field, and the typed text stays in the field. An empty field is None:
    InputRequired, when given, says what is missing."""

    def __init__(self, label=None, validators=None, *, min, max, message, **kwargs):
        super().__init__(label, validators, invalid_value_message=message, **kwargs)
        self.min, self.max, self.message = min, max, message

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        if valuelist[0] == "":
            return
        text = valuelist[0].strip()
        if not WHOLE_NUMBER.fullmatch(text) or not self.min <= int(text) <= self.max:
            raise ValueError(self.message)
        self.data = int(text)
