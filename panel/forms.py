"""Forms of the panel: meetings, generating a year, booking a consultation."""
from flask_babel import format_number, gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField, TimeField, URLField
from wtforms.validators import URL, InputRequired, Optional, ValidationError

from panel.storage import MAX_BACKGROUND_LENGTH, MAX_EXPERTISE_LENGTH, MAX_MUNICIPALITY_LENGTH, MAX_QUESTION_LENGTH
from web.forms import BoundedIntegerField, LocaleDateField


class MaxChars:
    """Length(max=...) that says the limit the locale's way ('1 000') and how
    long the text is now, so the worker knows how much to cut."""

    def __init__(self, max):
        self.max = max

    def __call__(self, form, field):
        count = len(field.data or "")
        if count > self.max:
            raise ValidationError(_("At most %(max)s characters; now %(count)s.",
                                    max=format_number(self.max), count=format_number(count)))


def _coerce_int(value):
    """SelectField coercion that turns garbage into None instead of an exception."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class GenerateMeetingsForm(FlaskForm):
    year = BoundedIntegerField(_l("Year"), validators=[InputRequired(message=_l("Enter a year."))],
                               min=2000, max=2100,
                               message=_l("Enter a year between %(min)d and %(max)d.", min=2000, max=2100))
    panel_id = SelectField(_l("Panel"), coerce=_coerce_int, validate_choice=True)


class MeetingForm(FlaskForm):
    panel_id = SelectField(_l("Panel"), coerce=_coerce_int, validate_choice=True)
    day = LocaleDateField(_l("Date"), validators=[InputRequired(message=_l("Enter a valid date."))])
    starts = TimeField(_l("Starts at"), validators=[InputRequired(message=_l("Enter a valid time."))])
    ends = TimeField(_l("Ends at"), validators=[InputRequired(message=_l("Enter a valid time."))])
    place = StringField(_l("Place"), validators=[MaxChars(200)])
    teams_link = URLField(_l("Teams link"), validators=[
        Optional(), MaxChars(500),
        URL(require_tld=True, message=_l("Enter a full web address starting with https://."))])
    capacity = BoundedIntegerField(_l("Places for consultations"), default=3,
                                   validators=[InputRequired(message=_l("Enter the number of places."))],
                                   min=0, max=20,
                                   message=_l("Enter a number between %(min)d and %(max)d.", min=0, max=20))
    notes = TextAreaField(_l("Notes"), validators=[MaxChars(2000)])

    TEXT_FIELDS = ("place", "notes")  # checked for identity codes

    def validate_ends(self, field):
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("The meeting must end after it starts."))

    def validate_teams_link(self, field):
        # the URL validator may have said the same already: say it once
        if field.data and not field.errors and not field.data.lower().startswith("https://"):
            raise ValidationError(_l("Enter a full web address starting with https://."))


def _question(label, required):
    validators = [MaxChars(MAX_QUESTION_LENGTH)]
    if required:
        validators.insert(0, InputRequired(message=_l("Write at least one question to the panel.")))
    return TextAreaField(label, validators=validators)


AGE_MESSAGE = _l("Enter the child's age as a number from 0 to 17.")


class ConsultationForm(FlaskForm):
    meeting_id = SelectField(_l("Meeting"), coerce=_coerce_int, validate_choice=True)
    question_1 = _question(_l("Question 1 to the panel"), required=True)
    question_2 = _question(_l("Question 2 to the panel (optional)"), required=False)
    question_3 = _question(_l("Question 3 to the panel (optional)"), required=False)
    child_age = BoundedIntegerField(_l("Child's age in years"), validators=[InputRequired(message=AGE_MESSAGE)],
                                    min=0, max=17, message=AGE_MESSAGE)
    background = TextAreaField(_l("Short background"), validators=[
        InputRequired(message=_l("Write a short background.")),
        MaxChars(MAX_BACKGROUND_LENGTH)])
    # optional: the members declare their conflicts of interest from it
    municipality = StringField(_l("The family's municipality (optional)"), validators=[
        MaxChars(MAX_MUNICIPALITY_LENGTH)])
    needed_expertise = TextAreaField(_l("Special expertise the case may need (optional)"), validators=[
        MaxChars(MAX_EXPERTISE_LENGTH)])
    # coordinators only
    social_worker_id = SelectField(_l("Social worker responsible for the child"), coerce=_coerce_int,
                                   validate_choice=True)
    late_reason = TextAreaField(_l("Reason for booking after the deadline"), validators=[
        MaxChars(500)])
    confirm_no_identity_code = BooleanField(
        _l("I have checked the text: it contains no personal identity code."))

    TEXT_FIELDS = ("question_1", "question_2", "question_3", "background", "municipality", "needed_expertise",
                   "late_reason")

    def questions(self):
        return [self[f"question_{i}"].data or "" for i in (1, 2, 3)]


def show_booking_error(form, error, coordinates, closes_days):
    """Put a refused booking's message next to the field it is about: a
    coordinator past the deadline is asked for the reason, everyone else
    gets the refusal beside the meeting."""
    message = booking_error_message(error, closes_days)
    if error.code == "worker_not_in_panel" and coordinates:
        form.social_worker_id.errors = list(form.social_worker_id.errors) + [message]
    elif error.code == "booking_closed" and coordinates:
        form.late_reason.errors = list(form.late_reason.errors) + [
            _("The booking deadline has passed: write the reason for the late booking.")]
    else:
        form.meeting_id.errors = list(form.meeting_id.errors) + [message]


def booking_error_message(error, closes_days):
    """The words for a storage.BookingError; `closes_days` is the configured booking deadline."""
    messages = {
        "meeting_full": _("This meeting is full. Please choose another meeting."),
        "meeting_cancelled": _("This meeting has been cancelled. Please choose another meeting."),
        "meeting_past": _("This meeting has already taken place. Please choose another meeting."),
        "booking_closed": _("Booking for this meeting has closed: it closes %(days)d days before the meeting. "
                            "Please choose a later meeting or contact the coordinator.", days=closes_days),
        "no_meeting": _("Please choose a meeting."),
        "worker_not_in_panel": _("This social worker does not belong to the meeting's panel."),
        "no_questions": _("Write at least one question to the panel."),
        "too_many_questions": _("At most three questions."),
        "question_too_long": _("At most %(max)d characters.", max=MAX_QUESTION_LENGTH),
        "bad_age": _("Enter the child's age as a number from 0 to 17."),
        "background_too_long": _("At most %(max)d characters.", max=MAX_BACKGROUND_LENGTH),
        "capacity_below_booked": _("%(num)d consultations are already booked on this meeting.",
                                   num=error.details.get("booked", 0)),
    }
    return messages.get(error.code, _("The change could not be saved."))
