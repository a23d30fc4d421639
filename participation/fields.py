"""The old home of the field types; they are the form engine's now
(questionnaire/fields/) with participation's extras in extension.py.
Kept so that modules importing `participation.fields` go on working."""
from questionnaire.answers import BAD_CHOICE, REQUIRED, TOO_LONG, chosen_values  # noqa: F401
from questionnaire.fields import FIELD_TYPES, MAX_TEXT, field_type  # noqa: F401
from questionnaire.rules import is_shown  # noqa: F401

from participation.extension import BAD_VISIBILITY, VISIBILITIES, accepts_drawing, parse  # noqa: F401
