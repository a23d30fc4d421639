"""The identity-code warning wherever staff type free text: the booking
form, meetings, and the child's views (answers typed on the worker's
device, "who was present", "other way", the worker's notes).

The booking form's pattern everywhere: a text that looks like a Finnish
personal identity code (panel.hetu) is not saved; the form comes back (400)
with the warning next to the field and the text kept, and a tick "I have
checked the text: it contains no personal identity code." (form field
`confirm_no_identity_code`; templates/_forms.html identity_code_confirm())
saves it as it is. Works without JavaScript; the worker's autosave refuses
such a text with AUTOSAVE_WARNING instead (a tablet, where the child answers
alone, is not checked).
"""
from flask_babel import lazy_gettext as _l

from panel import hetu

CONFIRM_FIELD = "confirm_no_identity_code"
WARNING = _l("This looks like a personal identity code. Do not write identity codes or names: "
             "the case is identified by its case code only. Remove it, or confirm below that it is not one.")
AUTOSAVE_WARNING = _l("This looks like a personal identity code, so it was not saved automatically. Remove it, "
                      "or save the page and confirm there that it is not one.")


def confirmed(formdata):
    """True when the person ticked "I have checked the text"."""
    return bool(formdata.get(CONFIRM_FIELD))


def new_codes(text, before=""):
    """What looks like an identity code in `text` and was not in `before`
    already (the text saved earlier: confirmed then)."""
    known = set(hetu.find_identity_codes(before or ""))
    return [code for code in hetu.find_identity_codes(text or "") if code not in known]


def warning_for(text, before=""):
    """WARNING when `text` brings in something that looks like an identity code, else None."""
    return str(WARNING) if new_codes(text, before) else None


def warnings_for(texts, confirmed=False, before=None):
    """{key: warning} for each of `texts` ({key: text}) that looks like it
    holds an identity code (one not in before[key]); nothing once confirmed."""
    if confirmed:
        return {}
    before = before or {}
    found = {key: warning_for(text, before.get(key, "")) for key, text in texts.items()}
    return {key: warning for key, warning in found.items() if warning}


def form_warnings(form, names, confirmed=False, before=None):
    """warnings_for the fields `names` of a WTForms `form` (the ones it has)."""
    return warnings_for({name: form[name].data for name in names if name in form}, confirmed, before)
