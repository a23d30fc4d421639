"""The rules of the panel's statement and what follows it. Pure: no Flask, no SQL.

- One answer per question the social worker asked; a statement with a
  question unanswered cannot be finalised.
- A message to the child in plain language is required when a child gave
  views (a finished views record of a child who did not refuse).
- Finalising needs the meeting marked held (who took part is part of the
  statement); a change after finalising is a new version with its reason.
- The message reaches each child (and each parent, when there is a message to
  the parent) in one of DELIVERY_METHODS; one "not delivered" needs its reason.
- Messages still undelivered UNDELIVERED_AFTER_DAYS after the meeting are
  shown to the coordinator; FOLLOW_UP_AFTER_MONTHS after the meeting the
  social worker is asked whether what the child wished for happened.
"""
import calendar
from datetime import date, datetime, timedelta

DELIVERY_METHODS = ("in_person", "letter", "meeting", "not_delivered")
DELIVERED = ("in_person", "letter", "meeting")
OUTCOMES = ("yes", "partly", "no", "dont_know")

UNDELIVERED_AFTER_DAYS = 14
FOLLOW_UP_AFTER_MONTHS = 3

MAX_ANSWER = 10000
MAX_RECOMMENDATIONS = 10000
MAX_MESSAGE = 5000
MAX_REASON = 2000
MAX_DELIVERY_REASON = 1000
MAX_COMMENT = 2000


def as_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(value).date()


def add_months(day, months):
    """The same day `months` later; the month's last day when it is shorter
    (30.11. + 3 months = 28.2. or 29.2.)."""
    day = as_date(day)
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def undelivered_shown_from(meeting_day):
    """From this day on an undelivered message is shown to the coordinator."""
    return as_date(meeting_day) + timedelta(days=UNDELIVERED_AFTER_DAYS)


def follow_up_due_on(meeting_day):
    return add_months(meeting_day, FOLLOW_UP_AFTER_MONTHS)


def gave_views(views):
    """The views records (rows of participation.storage.list_views) of the
    children who gave views: finished, and the child did not refuse."""
    return [v for v in views if v["person"] == "child" and v["status"] == "finished" and not v["refused"]]


def child_gave_views(views):
    return bool(gave_views(views))


def recipients(views, message_to_child, message_to_parent):
    """Who the panel's messages are for, each {key, person, views_id, position}.

    Each child who gave views gets the message to the child; with a message
    to the parent, each parent with finished views gets that. A message with
    nobody's record behind it goes to "the child" or "the parent" in general.
    """
    found = []
    children = gave_views(views)
    if children:
        found += [_person(v) for v in children]
    elif (message_to_child or "").strip():
        found.append({"key": "child", "person": "child", "views_id": None, "position": None})
    if (message_to_parent or "").strip():
        parents = [v for v in views if v["person"] == "parent" and v["status"] == "finished"]
        found += [_person(v) for v in parents] or [
            {"key": "parent", "person": "parent", "views_id": None, "position": None}]
    return found


def _person(views_row):
    return {"key": f"views-{views_row['id']}", "person": views_row["person"], "views_id": views_row["id"],
            "position": views_row["position"]}


def undelivered(found_recipients, deliveries):
    """The recipients not (yet) marked delivered; `deliveries` is {key: row with 'how'}."""
    return [r for r in found_recipients if (deliveries.get(r["key"]) or {}).get("how") not in DELIVERED]


def unmarked(found_recipients, deliveries):
    """The recipients the social worker has not marked at all."""
    return [r for r in found_recipients if r["key"] not in deliveries]


def draft_problems(answers, recommendations, next_steps, message_to_child, message_to_parent):
    """Length limits of a draft: [(field, code)]."""
    problems = [(f"answer_{pos}", "too_long") for pos, text in answers.items() if len(text or "") > MAX_ANSWER]
    for field, text, limit in (("recommendations", recommendations, MAX_RECOMMENDATIONS),
                               ("next_steps", next_steps, MAX_RECOMMENDATIONS),
                               ("message_to_child", message_to_child, MAX_MESSAGE),
                               ("message_to_parent", message_to_parent, MAX_MESSAGE)):
        if len(text or "") > limit:
            problems.append((field, "too_long"))
    return problems


def finalise_problems(*, question_positions, answers, recommendations, message_to_child, child_gave_views,
                      meeting_held, previous=None, reason=""):
    """Why the draft cannot be finalised now: [(field, code)], empty when it can.

    `previous` is the latest finalised version's content (a dict with the
    same keys as `content()` gives), None before the first one.
    """
    problems = []
    if not meeting_held:
        problems.append((None, "meeting_not_held"))
    for position in question_positions:
        if not (answers.get(position) or "").strip():
            problems.append((f"answer_{position}", "answer_missing"))
    if not (recommendations or "").strip():
        problems.append(("recommendations", "recommendations_missing"))
    if child_gave_views and not (message_to_child or "").strip():
        problems.append(("message_to_child", "message_to_child_missing"))
    if previous is not None:
        if not (reason or "").strip():
            problems.append(("reason", "reason_missing"))
        elif len(reason) > MAX_REASON:
            problems.append(("reason", "too_long"))
    return problems


def content(answers, recommendations, next_steps, message_to_child, message_to_parent):
    """What a version says, for telling whether a new version changes anything."""
    return {"answers": {int(p): (t or "").strip() for p, t in answers.items()},
            "recommendations": (recommendations or "").strip(), "next_steps": (next_steps or "").strip(),
            "message_to_child": (message_to_child or "").strip(),
            "message_to_parent": (message_to_parent or "").strip()}


def delivery_problems(marks):
    """`marks` is {key: (how, reason)}; [(key, code)] for what cannot be saved."""
    problems = []
    for key, (how, reason) in marks.items():
        if how not in DELIVERY_METHODS:
            problems.append((key, "how_missing"))
        elif how == "not_delivered" and not (reason or "").strip():
            problems.append((key, "reason_missing"))
        elif len(reason or "") > MAX_DELIVERY_REASON:
            problems.append((key, "too_long"))
    return problems


def parse_outside_experts(text, limit=20):
    """The coordinator's list of outside experts, one per line as
    "name, role" (the role is optional). Returns ([(name, role)], problem code or None)."""
    experts = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        name, _comma, role = line.partition(",")
        name, role = name.strip(), role.strip()
        if not name:
            return experts, "expert_name_missing"
        if len(name) > 200 or len(role) > 200:
            return experts, "expert_too_long"
        experts.append((name, role))
    if len(experts) > limit:
        return experts[:limit], "too_many_experts"
    return experts, None


def format_outside_experts(experts):
    """The list back as the textarea's text."""
    return "\n".join(f"{e['name']}, {e['role']}" if e["role"] else e["name"] for e in experts)
