"""Standing members of a panel, their attendance and the outside experts:
the rules, pure (no Flask, no SQL).

A standing member is an expert user of the panel; the coordinator records the
field each one represents (Child Welfare Act 14 §: social and health care,
child growth and development, other expertise the panel needs). An outside
expert is an entry of the installation's registry (seed 003: the OT network's
units, some free, some paid), invited to one consultation at a time.
"""
import re
from decimal import Decimal, InvalidOperation

# the fields of the panel's standing members, in the order they are listed
FIELDS = ("health_care", "child_development", "law", "education", "police", "substance_mental_health",
          "disability", "experience_expert", "other")

MAX_TEXT = 300
MAX_COST_CENTS = 100_000_000  # a million euros: anything above is a typing mistake


class MemberError(ValueError):
    """A change the rules do not allow; `code` says which rule."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def check_field(field):
    if field not in FIELDS:
        raise MemberError("bad_field")
    return field


def attendance_value(value):
    """'yes' / 'no' from a form as 1 / 0; '' (not known) as None."""
    return {"yes": 1, "no": 0, "": None}.get(value or "", "bad")


def parse_cost(text):
    """Euros as typed ('450', '450,50', '1 200.00 €') in cents; '' is None.
    Raises MemberError('bad_cost') for anything else."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text or "").replace(",", ".")
    if not cleaned:
        return None
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        raise MemberError("bad_cost")
    try:
        cents = int(Decimal(cleaned) * 100)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        raise MemberError("bad_cost") from None
    if cents > MAX_COST_CENTS:
        raise MemberError("bad_cost")
    return cents


def expert_fields(organisation, expertise, contact="", paid=False, cost_note=""):
    """A registry entry's columns, checked: organisation and expertise are needed."""
    organisation, expertise = (organisation or "").strip(), (expertise or "").strip()
    if not organisation or not expertise:
        raise MemberError("expert_incomplete")
    values = {"organisation": organisation, "expertise": expertise, "contact": (contact or "").strip(),
              "paid": 1 if paid else 0, "cost_note": (cost_note or "").strip()}
    if any(len(v) > MAX_TEXT for v in values.values() if isinstance(v, str)):
        raise MemberError("too_long")
    return values


def present_professions(members, attendance, invited):
    """Who will be at the meeting, by profession: the fields of the standing
    members not marked absent (unknown counts as coming), in FIELDS order and
    each once, then the invited outside experts' expertise.

    `members`: [{user_id, field}], `attendance`: {user_id: 1/0/None},
    `invited`: [{expertise}]."""
    coming = {m["field"] for m in members if attendance.get(m["user_id"]) != 0}
    fields = [f for f in FIELDS if f in coming]
    return fields, [i["expertise"] for i in invited]
