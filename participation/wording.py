"""The old home of the wording snapshots; see questionnaire/localisation.py.
Kept so that modules importing `participation.wording` go on working."""
from questionnaire.localisation import TRANSLATIONS_DIR, live_or_snapshot, texts_for  # noqa: F401
