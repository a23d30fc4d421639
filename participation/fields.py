"""The old home of the field types; they are the form engine's now
(questionnaire/fields/) with participation's extras in extension.py.
Kept so that modules importing `participation.fields` go on working."""
from questionnaire.answers import BAD_CHOICE, NOT_PNG, REQUIRED, TOO_LARGE, TOO_LONG, chosen_values  # noqa: F401
from questionnaire.fields import (FIELD_TYPES, MAX_DRAWING_BYTES, MAX_TEXT, PNG_MAGIC, check_png,  # noqa: F401
                                  field_type)
from questionnaire.rules import is_shown  # noqa: F401

from participation.extension import BAD_VISIBILITY, VISIBILITIES, accepts_drawing, parse  # noqa: F401
