"""Forms of the accounts area."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from accounts.passwords import MIN_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(message=_l("Enter your email address.")),
                                                Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(message=_l("Enter your password."))])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"),
                                     validators=[DataRequired(message=_l("Enter your current password."))])
    new_password = PasswordField(_l("New password"), validators=[
        DataRequired(message=_l("Enter a new password.")),
        Length(min=MIN_LENGTH, max=200, message=_l("The password must be at least %(min)d characters long.", min=MIN_LENGTH)),
    ])
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(message=_l("Enter the new password again.")),
        EqualTo("new_password", message=_l("The passwords do not match.")),
    ])
