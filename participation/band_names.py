"""The name of each band in words (pure: no Flask), for pages and for the
report's charts, which translate it with their own Translator.

Which bands exist, and in which order, comes from the questionnaire
definitions (`questionnaires.bands()`); this is only wording. A band with no
entry here (a new one) is called by its id.
"""
from questionnaire.localisation import N_

NAMES = {
    "3-6": N_("Child 3–6 years"),
    "7-12": N_("Child 7–12 years"),
    "13-17": N_("Young person 13–17 years"),
    "parent": N_("Parent or guardian"),
}


def name(band, tr):
    """The band's name translated by `tr` (a callable msgid -> text); a band without one keeps its id."""
    return tr(NAMES[band]) if band in NAMES else band
