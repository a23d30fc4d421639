"""Forms of worker-assisted mode. The questions themselves are rendered by the
form builder (templates/participation/_question.html), not by WTForms."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from participation import bands, questionnaires
from web.forms import LocaleDateField, QuickSelectField
from web.i18n import language_name

METHOD_CHOICES = [
    ("", _l("Not recorded yet")),
    ("discussion", lazy_pgettext("hearing method", "Discussion")),
    ("play", lazy_pgettext("hearing method", "Play")),
    ("drawing", lazy_pgettext("hearing method", "Drawing")),
    ("tablet_alone", _l("On a tablet alone")),
    ("parent_present", _l("With a parent present")),
    ("other", lazy_pgettext("hearing method", "Other")),
]


def _choices(pairs):
    """The choices with their labels in the page's language (a lazy label is
    otherwise translated again at each of its several uses while rendering)."""
    return [SelectChoice(value, str(label)) for value, label in pairs]


def band_choices(audience=None):
    """The bands of the questionnaire definitions (of one audience if given), in their order."""
    return [SelectChoice(band, bands.label(band)) for band in questionnaires.bands(audience)]


def language_choices():
    """The languages of LANGUAGES, each by its own name."""
    return [SelectChoice(code, language_name(code)) for code in current_app.config["LANGUAGES"]]


class AddPersonForm(FlaskForm):
    band = SelectField(_l("Whose views"), choices=lambda: band_choices(), validators=[DataRequired()])
    language = SelectField(_l("Language of the questions"), choices=language_choices)
    request_key = HiddenField()


class BandForm(FlaskForm):
    band = QuickSelectField(_l("Age band of the questions"), choices=lambda: band_choices("child"),
                            choices_key=lambda: tuple(questionnaires.bands("child")), validators=[DataRequired()])


class DetailsForm(FlaskForm):
    method = QuickSelectField(_l("How the views were found out"), choices=lambda: _choices(METHOD_CHOICES),
                              choices_key=lambda: "fixed", validators=[Optional()])
    method_other = StringField(_l("Other way, in a few words"), validators=[Optional(), Length(max=500)])
    asked_on = LocaleDateField(_l("Date"), validators=[Optional()])
    present = StringField(_l("Who was present (roles, not names)"), validators=[Optional(), Length(max=500)])


class NoteForm(FlaskForm):
    text = TextAreaField(_l("Worker's note"), validators=[DataRequired(), Length(max=5000)])
