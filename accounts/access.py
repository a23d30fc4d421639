"""Who may see what: the privacy rules of a consultation in one place.

No Flask here, so the rules are tested in milliseconds and read like the
privacy notice (templates/pages/privacy.html), which says the same:

- the social worker responsible for the child reads and writes the child's
  and the parents' words, including answers kept only for the worker;
- the panel's coordinator sees the consultation (questions, background) and
  what the person allowed the panel to see, plus the worry marker;
- the panel's expert members see only what the person allowed the panel to
  see, and a worry marker only on such an answer;
- admins manage users, panels and the audit log: no rule here lets them see
  a consultation or a child's words (their role passes only checks that
  name "admin");
- an expert member declares for each consultation "no conflict" or
  "conflict" of interest (jääviys) before seeing any of its material; with a
  conflict, or before declaring, the member sees none of it (the
  declarations are kept by panel/conflicts.py, which applies these rules);
- the pre-meeting material (questions, background, documents, what the
  person allowed the panel to see) reaches the expert members through the
  meeting's material page, never through the consultation's own page;
- nobody sees another panel's data.

`user` is anything with `id`, `roles` (a set) and `panel_ids` (Flask-Login's
anonymous user has none of them); `consultation` any mapping with
`panel_id` and `social_worker_id`.
"""


def _roles(user):
    return getattr(user, "roles", None) or set()


def is_member(user, panel_id):
    return panel_id in (getattr(user, "panel_ids", None) or ())


def coordinates(user, panel_id):
    """A coordinator of the panel."""
    return "coordinator" in _roles(user) and is_member(user, panel_id)


def is_consultations_worker(user, consultation):
    """The social worker responsible for the child, while still in the panel."""
    return ("social_worker" in _roles(user) and getattr(user, "id", None) == consultation["social_worker_id"]
            and is_member(user, consultation["panel_id"]))


def sees_case(user, consultation):
    """The consultation's own page: its questions to the panel and its background."""
    return is_consultations_worker(user, consultation) or coordinates(user, consultation["panel_id"])


def sees_panel_material(user, consultation):
    """What the child or parent allowed the panel to see (finished views only)."""
    return is_consultations_worker(user, consultation) or (
        is_member(user, consultation["panel_id"]) and bool(_roles(user) & {"coordinator", "expert"}))


def sees_worker_only_worry(user, consultation):
    """The worry marker on an answer kept for the social worker: the worker
    and the coordinator see it, never the expert members."""
    return sees_case(user, consultation)


# ---- the panel's statement (panel/routes_statement.py asks only this) ------

STATEMENT_READ = "read"            # the finalised versions
STATEMENT_WRITE = "write"          # the draft: write, finalise, a new version; the meeting's attendance
STATEMENT_DELIVERY = "delivery"    # how the message reached the child; the follow-up three months later


def statement_rights(user, consultation, member_may_see=True):
    """What `user` may do with the statement on `consultation`, a set of the
    STATEMENT_* words (empty: nothing, the page answers 404).

    - the panel's coordinator (the secretary) writes and finalises it and
      reads every version;
    - the consultation's social worker reads the finalised versions, marks
      how the message reached the child and answers the follow-up;
    - the panel's expert members read the finalised versions, unless
      `member_may_see` is False (a declared conflict of interest);
    - admins and other panels' people: nothing.
    """
    rights = set()
    if coordinates(user, consultation["panel_id"]):
        rights |= {STATEMENT_READ, STATEMENT_WRITE}
    if is_consultations_worker(user, consultation):
        rights |= {STATEMENT_READ, STATEMENT_DELIVERY}
    if ("expert" in _roles(user) and is_member(user, consultation["panel_id"]) and member_may_see):
        rights.add(STATEMENT_READ)
    return rights


# -- conflict of interest (jääviys) ------------------------------------------------------

NO_CONFLICT = "no_conflict"
CONFLICT = "conflict"
DECLARATIONS = (NO_CONFLICT, CONFLICT)


def declares_conflicts(user, consultation):
    """An expert member of the consultation's panel who is neither its
    coordinator nor its social worker: declares before seeing its material."""
    return ("expert" in _roles(user) and is_member(user, consultation["panel_id"])
            and not coordinates(user, consultation["panel_id"])
            and not is_consultations_worker(user, consultation))


def clear_of_conflict(user, consultation, declaration):
    """The conflict rule alone: True for everyone who does not declare, and for
    a member who declared "no conflict" (`declaration`: the member's, or None)."""
    return not declares_conflicts(user, consultation) or declaration == NO_CONFLICT


def sees_meeting_material(user, consultation, declaration):
    """The consultation on the meeting's pre-meeting material page (questions,
    background, documents, the panel's views): the panel's coordinator, and an
    expert member who declared no conflict."""
    return coordinates(user, consultation["panel_id"]) or (
        declares_conflicts(user, consultation) and declaration == NO_CONFLICT)


def sees_documents(user, consultation, declaration):
    """A case document: the consultation's social worker, the coordinator and
    the members clear of conflict."""
    return is_consultations_worker(user, consultation) or sees_meeting_material(user, consultation, declaration)


def uploads_documents(user, consultation):
    """Only the social worker responsible sends the case's documents."""
    return is_consultations_worker(user, consultation)


def sees_family_invitation(user, consultation):
    """The family's invitation: the coordinator makes it, the social worker passes it on."""
    return sees_case(user, consultation)
