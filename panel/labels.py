"""People's words for the codes of panel/members.py and panel/family.py
(lazy: each page, and the family's invitation, shows them in its language)."""
from flask_babel import lazy_gettext as _l
from flask_babel import format_decimal, lazy_pgettext

FIELD_LABELS = {
    "health_care": _l("Health care"),
    "child_development": _l("Child growth and development"),
    "law": _l("Law"),
    "education": _l("Education"),
    "police": _l("Police"),
    "substance_mental_health": _l("Substance abuse and mental health"),
    "disability": _l("Disability services"),
    "experience_expert": _l("Experience expert"),
    "other": lazy_pgettext("member field", "Other"),
}

# the same fields as a person the family meets (the invitation's "who will be there")
PROFESSION_LABELS = {
    "health_care": _l("A health care professional"),
    "child_development": _l("An expert in child growth and development"),
    "law": _l("A lawyer"),
    "education": _l("An education professional"),
    "police": _l("A police officer"),
    "substance_mental_health": _l("A substance abuse and mental health professional"),
    "disability": _l("An expert in disability services"),
    "experience_expert": _l("An experience expert"),
    "other": _l("Another expert"),
}

WHO_LABELS = {
    "child": _l("The child"),
    "parent": _l("A parent or parents"),
    "child_and_parent": _l("The child and a parent"),
}

HOW_LABELS = {
    "teams": _l("On Teams"),
    "on_site": _l("In the meeting room"),
}

JOIN_LABELS = {"yes": _l("wants to join"), "dont_know": _l("does not know yet")}
JOIN_HOW_LABELS = {"teams": _l("on Teams"), "on_site": _l("on site"), "either": _l("either way")}
JOIN_WITH_LABELS = {"alone": _l("alone"), "with_parent": _l("with a parent"), "with_other": _l("with another adult")}

DECLARATION_LABELS = {
    "no_conflict": _l("No conflict of interest"),
    "conflict": _l("Conflict of interest"),
}

ATTENDANCE_LABELS = {1: _l("Attends"), 0: _l("Does not attend"), None: _l("Not known yet")}


def field_label(field, note=""):
    label = str(FIELD_LABELS.get(field, field or "")) if field else ""
    return f"{label} ({note})" if note and label else label


def format_size(size):
    """A file's size the locale's way: '350 kB', '2,4 MB'."""
    if size < 1000 * 1000:
        return f"{format_decimal(max(1, round(size / 1000)))} kB"
    return f"{format_decimal(size / 1000 / 1000, format='#,##0.0')} MB"


def init_app(app):
    app.jinja_env.globals.update({
        "format_size": format_size, "profession_labels": PROFESSION_LABELS,
        "member_field_label": field_label, "family_who_labels": WHO_LABELS, "family_how_labels": HOW_LABELS,
        "join_labels": JOIN_LABELS, "join_how_labels": JOIN_HOW_LABELS, "join_with_labels": JOIN_WITH_LABELS,
        "declaration_labels": DECLARATION_LABELS, "attendance_labels": ATTENDANCE_LABELS,
    })
