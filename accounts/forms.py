"""Forms of the accounts area."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice
from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from accounts.passwords import MIN_LENGTH

ROLE_LABELS = {
    "social_worker": _l("Social worker"),
    "coordinator": _l("Coordinator"),
    "expert": _l("Expert member"),
    "admin": _l("Administrator"),
}

# Plain and permissive on purpose: one @, something on both sides, a dot in the domain.
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _email_validators():
    return [DataRequired(message=_l("Enter an email address.")),
            Length(max=254, message=_l("The email address can be at most %(max)d characters long.", max=254)),
            Regexp(EMAIL_RE, message=_l("Enter an email address in the form name@example.fi."))]


def _new_password_validators():
    return [DataRequired(message=_l("Enter a new password.")),
            Length(min=MIN_LENGTH, max=200,
                   message=_l("The password must be %(min)d–%(max)d characters long.", min=MIN_LENGTH, max=200))]


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[
        DataRequired(message=_l("Enter your email address.")),
        Length(max=254, message=_l("The email address can be at most %(max)d characters long.", max=254))])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(message=_l("Enter your password.")),
        Length(max=200, message=_l("The email or password is incorrect."))])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"),
                                     validators=[DataRequired(message=_l("Enter your current password.")),
                                                 Length(max=200, message=_l("The current password is incorrect."))])
    new_password = PasswordField(_l("New password"), validators=_new_password_validators())
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(message=_l("Enter the new password again.")),
        EqualTo("new_password", message=_l("The passwords do not match.")),
    ])


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (works without JavaScript)."""
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[
        DataRequired(message=_l("Enter the user's name.")),
        Length(max=200, message=_l("The name can be at most %(max)d characters long.", max=200))])
    email = EmailField(_l("Email"), validators=_email_validators())
    roles = CheckboxesField(_l("Roles"), choices=[SelectChoice(value, label) for value, label in ROLE_LABELS.items()], validate_choice=False)
    panels = CheckboxesField(_l("Panels"), coerce=int, validate_choice=False)

    def validate_roles(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one role."))
        if set(field.data) - set(ROLE_LABELS):
            raise ValidationError(_l("Choose roles from the list."))

    def validate_panels(self, field):
        allowed = {choice.value for choice in self.panels.choices}
        if set(field.data or []) - allowed:
            raise ValidationError(_l("Choose panels from the list."))


class NewUserForm(UserForm):
    password = PasswordField(_l("Temporary password"), validators=_new_password_validators())


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("Temporary password"), validators=_new_password_validators())


class PanelForm(FlaskForm):
    name = StringField(_l("Name"), validators=[
        DataRequired(message=_l("Enter the panel's name.")),
        Length(max=200, message=_l("The name can be at most %(max)d characters long.", max=200))])
    area = StringField(_l("Wellbeing area"), validators=[
        Optional(), Length(max=200, message=_l("The name can be at most %(max)d characters long.", max=200))])
    case_code_prefix = StringField(_l("Case code prefix"), validators=[
        DataRequired(message=_l("Enter a case code prefix.")),
        Regexp(r"^[A-Z]{1,6}$", message=_l("Use 1–6 capital letters A–Z, e.g. KS."))])


class UserFilterForm(FlaskForm):
    class Meta:
        csrf = False
    panel = SelectField(_l("Panel"), coerce=int, validate_choice=False)


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False
    consultation = StringField(_l("Case code or consultation number"), validators=[
        Optional(), Regexp(r"^\s*([0-9]{1,12}|[A-Za-z]{1,10}-[0-9]{4}-[0-9]{1,6})\s*$",
                           message=_l("Enter a case code, e.g. KS-2027-014, or a consultation number, e.g. 12."))])
