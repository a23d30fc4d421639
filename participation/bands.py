"""The worker's name for each band and the tablet's thank-you to it.

Which bands exist, and in which order, comes from the questionnaire
definitions (`questionnaires.bands()`); this is only wording. A band with no
entry here (a new one) is called by its id and thanked with the general
words, so adding a band needs no edit here: only nicer words do.
"""
from flask_babel import lazy_gettext as _l

from participation.band_names import NAMES

LABELS = {band: _l(msgid) for band, msgid in NAMES.items()}

# (heading, text) of the tablet's thank-you screen after the hand-back
THANKS = {
    "3-6": (_l("Thank you! You did great."), _l("Now give the tablet back to the adult.")),
    "13-17": (_l("Thank you! Your answers are saved."), _l("Give the tablet back to the adult.")),
    "parent": (_l("Thank you for your answers!"),
               _l("Your answers have been saved. Please give the tablet back to the social worker.")),
}
GENERAL_THANKS = (_l("Thank you for your answers!"), _l("Give the tablet back to the adult."))


def label(band):
    return str(LABELS.get(band, band))


def thanks(band):
    """(heading, text) thanking a person of `band` (any string: it comes from the address)."""
    return THANKS.get(band, GENERAL_THANKS)
