"""Forms of the panel's workflow: members, outside experts, conflicts of
interest, documents and the family's 30 minutes."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField, TimeField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, InputRequired, Optional, ValidationError

from panel import documents, family, members
from panel.forms import MaxChars, _coerce_int
from panel.labels import DECLARATION_LABELS, FIELD_LABELS, HOW_LABELS, WHO_LABELS
from web.i18n import language_name


def _choices(labels):
    return [SelectChoice(value, label) for value, label in labels.items()]


class MemberFieldForm(FlaskForm):
    field = SelectField(_l("Field"), choices=[SelectChoice(f, FIELD_LABELS[f]) for f in members.FIELDS], validate_choice=True)
    field_note = StringField(_l("Specification (optional)"), validators=[MaxChars(members.MAX_TEXT)])


class OutsideExpertForm(FlaskForm):
    organisation = StringField(_l("Organisation or unit"), validators=[
        InputRequired(message=_l("Write the organisation.")), MaxChars(members.MAX_TEXT)])
    expertise = StringField(_l("Expertise"), validators=[
        InputRequired(message=_l("Write the expertise.")), MaxChars(members.MAX_TEXT)])
    contact = StringField(_l("Contact (work email or phone)"), validators=[MaxChars(members.MAX_TEXT)])
    paid = BooleanField(_l("Paid consultation"))
    cost_note = StringField(_l("Price or terms (optional)"), validators=[MaxChars(members.MAX_TEXT)])
    active = BooleanField(_l("Available for invitations"), default=True)

    TEXT_FIELDS = ("organisation", "expertise", "contact", "cost_note")


class InviteForm(FlaskForm):
    outside_expert_id = SelectField(_l("Outside expert"), coerce=_coerce_int, validate_choice=True)


class OutcomeForm(FlaskForm):
    came = RadioField(_l("Did the expert take part?"),
                      choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No")),
                               SelectChoice("", _l("Not known yet"))], default="",
                      validate_choice=True)
    cost = StringField(_l("What it cost, in euros (optional)"), validators=[MaxChars(20)])
    cost_note = StringField(_l("Note on the cost (optional)"), validators=[MaxChars(members.MAX_TEXT)])

    TEXT_FIELDS = ("cost_note",)

    def validate_cost(self, field):
        try:
            members.parse_cost(field.data)
        except members.MemberError:
            raise ValidationError(_l("Write the cost as euros, e.g. 450 or 450,50.")) from None


class DeclarationForm(FlaskForm):
    declaration = RadioField(_l("Your declaration"), choices=_choices(DECLARATION_LABELS),
                             validators=[InputRequired(message=_l("Choose one."))], validate_choice=True)


class DocumentForm(FlaskForm):
    title = StringField(_l("What the document is"), validators=[
        InputRequired(message=_l("Write what the document is, e.g. the client plan.")), MaxChars(documents.MAX_TITLE)])
    file = FileField(_l("File (PDF, DOCX or ODT, at most 10 MB)"))

    TEXT_FIELDS = ("title",)

    def validate_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError(_l("Choose a file."))


class FamilySlotForm(FlaskForm):
    starts = TimeField(_l("Starts at"), validators=[InputRequired(message=_l("Enter a valid time."))])
    who = RadioField(_l("Who joins"), choices=_choices(WHO_LABELS),
                     validators=[InputRequired(message=_l("Choose who joins."))], validate_choice=True)
    how = RadioField(_l("How they join"), choices=_choices(HOW_LABELS),
                     validators=[InputRequired(message=_l("Choose how they join."))], validate_choice=True)
    link = URLField(_l("Teams link for the family (optional)"), validators=[
        Optional(), MaxChars(500), URL(require_tld=True, message=_l("Enter a full web address starting with https://."))])
    language = SelectField(_l("Language of the invitation"), validate_choice=True)
    note = TextAreaField(_l("More for the family (optional)"), validators=[MaxChars(500)])

    TEXT_FIELDS = ("note",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = [SelectChoice(code, language_name(code)) for code in current_app.config["LANGUAGES"]]

    def validate_link(self, field):
        if field.data and not field.errors and not field.data.lower().startswith("https://"):
            raise ValidationError(_l("Enter a full web address starting with https://."))


SLOT_MINUTES = int(family.SLOT.total_seconds() // 60)
