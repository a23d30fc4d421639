"""Forms of the meeting held, the statement, the message's delivery and the follow-up."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired
from wtforms.widgets import CheckboxInput, ListWidget

from panel import statement_rules as rules
from panel.forms import MaxChars, _coerce_int

CONFIRM_LABEL = _l("I have checked the text: it contains no personal identity code.")


class Checkboxes(SelectMultipleField):
    """Several choices as checkboxes; an unknown value is refused."""
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class MeetingHeldForm(FlaskForm):
    members = Checkboxes(_l("Expert members present"), coerce=_coerce_int)
    outside_experts = TextAreaField(_l("Outside experts present"), validators=[MaxChars(5000)])
    social_worker_present = Checkboxes(_l("The social worker took part"), coerce=_coerce_int)
    child_joined = Checkboxes(_l("The child joined"), coerce=_coerce_int)
    parents_joined = Checkboxes(_l("The parents joined"), coerce=_coerce_int)
    confirm_no_identity_code = BooleanField(CONFIRM_LABEL)

    TEXT_FIELDS = ("outside_experts",)


def _text(label, limit):
    return TextAreaField(label, validators=[MaxChars(limit)])


class StatementForm(FlaskForm):
    answer_1 = _text(_l("The panel's answer to question 1"), rules.MAX_ANSWER)
    answer_2 = _text(_l("The panel's answer to question 2"), rules.MAX_ANSWER)
    answer_3 = _text(_l("The panel's answer to question 3"), rules.MAX_ANSWER)
    recommendations = _text(_l("Recommendations"), rules.MAX_RECOMMENDATIONS)
    next_steps = _text(_l("Concrete next steps"), rules.MAX_RECOMMENDATIONS)
    message_to_child = _text(_l("Message to the child"), rules.MAX_MESSAGE)
    message_to_parent = _text(_l("Message to the parent (optional)"), rules.MAX_MESSAGE)
    reason = _text(_l("Reason for the change"), rules.MAX_REASON)
    confirm_no_identity_code = BooleanField(CONFIRM_LABEL)

    TEXT_FIELDS = ("answer_1", "answer_2", "answer_3", "recommendations", "next_steps", "message_to_child",
                   "message_to_parent", "reason")

    def answers(self, positions):
        return {p: self[f"answer_{p}"].data or "" for p in positions}


DELIVERY_LABELS = {
    "in_person": _l("Told in person"),
    "letter": _l("By letter"),
    "meeting": _l("At a meeting"),
    "not_delivered": _l("Not delivered"),
}

OUTCOME_LABELS = {
    "yes": lazy_pgettext("follow-up answer", "Yes"),
    "partly": lazy_pgettext("follow-up answer", "Partly"),
    "no": lazy_pgettext("follow-up answer", "No"),
    "dont_know": lazy_pgettext("follow-up answer", "Don't know"),
}


class DeliveryForm(FlaskForm):
    """The CSRF token and the identity-code tick; each recipient's `how-<key>`
    and `reason-<key>` are read from the form by the view (their number varies)."""
    confirm_no_identity_code = BooleanField(CONFIRM_LABEL)


class FollowUpForm(FlaskForm):
    outcome = RadioField(_l("Did what the child wished for happen?"),
                         choices=[SelectChoice(key, label) for key, label in OUTCOME_LABELS.items()],
                         validators=[InputRequired(message=_l("Choose an answer."))])
    comment = TextAreaField(_l("Comment (optional)"), validators=[MaxChars(rules.MAX_COMMENT)])
    confirm_no_identity_code = BooleanField(CONFIRM_LABEL)

    TEXT_FIELDS = ("comment",)
