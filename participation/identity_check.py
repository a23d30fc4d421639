"""The identity-code check of the worker's pages (see panel/identity_codes.py):
answers typed on the worker's device, "other way", "who was present" and
the worker's notes. A text saved before (confirmed then) is not asked about
again; the tablet, where the child answers alone, is not checked."""
from panel import identity_codes

DETAIL_FIELDS = ("method_other", "present")


def answer_hold(record, formdata, held):
    """api.save_questions' `hold`: an answer that brings in something that
    looks like an identity code is kept back until the worker ticks "I have
    checked the text"; its question id goes into the set `held`."""
    if identity_codes.confirmed(formdata):
        return None

    def hold(question, answer):
        before = (record["answers"].get(question.id) or {}).get("text", "")
        warning = identity_codes.warning_for(answer.text, before)
        if warning:
            held.add(question.id)
        return warning
    return hold


def details_warnings(details, record, formdata):
    """{field: warning} of the DetailsForm `details` ("other way", "who was present")."""
    return identity_codes.form_warnings(details, DETAIL_FIELDS, identity_codes.confirmed(formdata), before=record)


def note_warnings(note_form, formdata):
    """{"text": warning} when a new note looks like it holds an identity code."""
    return identity_codes.form_warnings(note_form, ("text",), identity_codes.confirmed(formdata))


def autosave_refusal(record, payload):
    """(body, 400) when an autosaved answer brings in something that looks
    like an identity code: it is not saved, and the page says why (the
    text stays on the page; the form's own submit then asks to confirm).
    None otherwise."""
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
        return None
    question = str(payload.get("question", ""))
    before = (record["answers"].get(question) or {}).get("text", "")
    if not identity_codes.new_codes(payload["text"], before):
        return None
    return {"saved": False, "question": question, "identity_code": True,
            "errors": [str(identity_codes.AUTOSAVE_WARNING)]}, 400
