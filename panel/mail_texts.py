"""The words of each email of the outbox (panel/outbox.py KINDS), written in
the recipient's language when it is sent. They say what is ready and give
the link; the case is named only by its pseudonymous case code."""
from flask_babel import gettext as _

from web.i18n import format_day


def _day(value):
    return format_day(value) if value else ""


def _texts(kind, params):
    code, day = params.get("case_code", ""), _day(params.get("meeting_at"))
    if kind == "booking_confirmed":
        return (_("Consultation %(code)s is booked", code=code),
                _("Your consultation %(code)s is booked on the expert panel's meeting on %(day)s.", code=code, day=day))
    if kind == "documents_due":
        due = _day(params.get("due_on"))
        return (_("Documents for consultation %(code)s are due on %(day)s", code=code, day=due),
                _("The documents for consultation %(code)s should reach the coordinator by %(day)s. "
                  "If you have already sent them, you can ignore this message.", code=code, day=due))
    if kind == "material_published":
        return (_("The material for the meeting on %(day)s is ready", day=day),
                _("The pre-meeting material for the expert panel's meeting on %(day)s has been published.", day=day))
    if kind == "invitation_ready":
        return (_("The family's invitation for consultation %(code)s is ready", code=code),
                _("The invitation of the child or the parents to the meeting on %(day)s is ready for you to "
                  "pass on.", day=day))
    if kind == "statement_delivered":
        version = int(params.get("version") or 1)
        if version > 1:
            return (_("A new version of the panel's statement on consultation %(code)s", code=code),
                    _("The expert panel has changed its statement on consultation %(code)s: version %(version)d "
                      "is ready for you to read.", code=code, version=version))
        return (_("The panel's statement on consultation %(code)s", code=code),
                _("The expert panel's statement on consultation %(code)s is ready for you to read. When it has a "
                  "message to the child, please mark how the message reached the child.", code=code))
    if kind == "message_undelivered":
        return (_("Has the panel's message reached the child? (%(code)s)", code=code),
                _("The panel's message to the child of consultation %(code)s (the meeting on %(day)s) has not been "
                  "marked delivered yet. Please mark how it reached the child, or why it did not.", code=code, day=day))
    if kind == "follow_up_due":
        return (_("Follow-up question on consultation %(code)s", code=code),
                _("Three months have passed since the expert panel's meeting on %(day)s. Please answer one question "
                  "about consultation %(code)s: did what the child wished for happen?", code=code, day=day))
    if kind == "feedback_request" and not params.get("case_code"):
        # an expert member's survey is about the meeting (or the yearly round: no day either)
        if params.get("meeting_at"):
            return (_("Feedback on the expert panel's meeting on %(day)s", day=day),
                    _("Please tell how the expert panel's meeting on %(day)s went. It takes a few minutes, and "
                      "your answers are anonymous.", day=day))
        return (_("Feedback on the expert panel"),
                _("Please tell how the expert panel works. It takes a few minutes, and your answers are anonymous."))
    if kind == "feedback_request":
        return (_("Feedback on the panel's consultation %(code)s", code=code),
                _("Please tell the expert panel how the consultation %(code)s helped you. It takes a few minutes.",
                  code=code))
    raise KeyError(kind)


def subject_and_body(kind, params, url):
    """(subject, plain-text body) in the current locale."""
    subject, line = _texts(kind, params)
    body = "\n\n".join([
        _("Hello,"), line, _("Open Kuulluksi: %(url)s", url=url),
        _("This message has no details of the case: log in to Kuulluksi to read them. "
          "This is an automatic message; please do not reply to it.")])
    return subject, body + "\n"
