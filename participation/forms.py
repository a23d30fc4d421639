"""Forms of worker-assisted mode. The questions themselves are rendered by the
form builder (templates/participation/_question.html), not by WTForms."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

BAND_CHOICES = [
    ("3-6", _l("Child 3–6 years")),
    ("7-12", _l("Child 7–12 years")),
    ("13-17", _l("Young person 13–17 years")),
    ("parent", _l("Parent or guardian")),
]

METHOD_CHOICES = [
    ("", _l("Not recorded yet")),
    ("discussion", lazy_pgettext("hearing method", "Discussion")),
    ("play", lazy_pgettext("hearing method", "Play")),
    ("drawing", lazy_pgettext("hearing method", "Drawing")),
    ("tablet_alone", _l("On a tablet alone")),
    ("parent_present", _l("With a parent present")),
    ("other", lazy_pgettext("hearing method", "Other")),
]

LANGUAGE_CHOICES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]


def _choices(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


class AddPersonForm(FlaskForm):
    band = SelectField(_l("Whose views"), choices=_choices(BAND_CHOICES), validators=[DataRequired()])
    language = SelectField(_l("Language of the questions"), choices=_choices(LANGUAGE_CHOICES))
    request_key = HiddenField()


class BandForm(FlaskForm):
    band = SelectField(_l("Age band of the questions"), choices=_choices(BAND_CHOICES[:3]), validators=[DataRequired()])


class DetailsForm(FlaskForm):
    method = SelectField(_l("How the views were found out"), choices=_choices(METHOD_CHOICES), validators=[Optional()])
    method_other = StringField(_l("Other way, in a few words"), validators=[Optional(), Length(max=500)])
    asked_on = DateField(_l("Date"), validators=[Optional()])
    present = StringField(_l("Who was present (roles, not names)"), validators=[Optional(), Length(max=500)])


class NoteForm(FlaskForm):
    text = TextAreaField(_l("Worker's note"), validators=[DataRequired(), Length(max=5000)])
