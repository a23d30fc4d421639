"""All SQL about meetings and consultations. Plain functions returning dicts.

Times of meetings are local Europe/Helsinki wall-clock times stored as
'YYYY-MM-DDTHH:MM'. Every read-then-write runs inside `immediate(db)`, so the
capacity check and the insert of a booking cannot interleave with another.
"""
from datetime import datetime, timezone

from accounts.storage import write_audit
from db import immediate, marks
from panel import calendar, case_codes

MAX_QUESTIONS = 3
MAX_QUESTION_LENGTH = 1000
MAX_BACKGROUND_LENGTH = 2000
MAX_MUNICIPALITY_LENGTH = 100
MAX_EXPERTISE_LENGTH = 500

# consultations that take a place at a meeting
ACTIVE = "status != 'cancelled'"


class BookingError(Exception):
    """A booking or change the rules do not allow; `code` says which rule."""

    def __init__(self, code, **details):
        super().__init__(code)
        self.code = code
        self.details = details


SQLITE_MAX_INT = 2**63 - 1


def _valid_id(value):
    """Ids from URLs can be any size; SQLite integers cannot."""
    return isinstance(value, int) and 0 < value <= SQLITE_MAX_INT


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso(value):
    return value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value


# ---------------------------------------------------------------- consultations

def get_consultation(db, consultation_id):
    """One consultation with its questions and meeting, or None.

    Keys: id, panel_id, meeting_id, case_code, social_worker_id, child_age,
    background, status, late_reason, documents_received_at, created_at,
    created_by, questions (list of {position, text}), meeting (dict or None).
    """
    if not _valid_id(consultation_id):
        return None
    # db.query, not db["consultations"]: no table-name lookup (every consultation's page reads this)
    consultation = next(db.query("SELECT * FROM consultations WHERE id = ?", [consultation_id]), None)
    if consultation is None:
        return None
    consultation["questions"] = list(db.query(
        "SELECT position, text FROM consultation_questions WHERE consultation_id = ? ORDER BY position",
        [consultation_id]))
    meetings = (list(db.query("SELECT * FROM meetings WHERE id = ?", [consultation["meeting_id"]]))
                if consultation["meeting_id"] else [])
    consultation["meeting"] = meetings[0] if meetings else None
    return consultation


CONSULTATION_LIST_SQL = """
    SELECT c.*, m.starts_at AS meeting_starts_at, m.ends_at AS meeting_ends_at,
           m.cancelled AS meeting_cancelled, u.name AS social_worker_name, p.name AS panel_name,
           (SELECT count(*) FROM consultation_questions q WHERE q.consultation_id = c.id) AS question_count
    FROM consultations c
    LEFT JOIN meetings m ON m.id = c.meeting_id
    JOIN users u ON u.id = c.social_worker_id
    JOIN panels p ON p.id = c.panel_id
"""


def list_worker_consultations(db, social_worker_id, panel_ids):
    """A social worker's own consultations in `panel_ids` (the panels the worker
    still belongs to), the coming ones first."""
    panel_ids = list(panel_ids)
    return list(db.query(CONSULTATION_LIST_SQL + f"""
        WHERE c.social_worker_id = ? AND c.panel_id IN ({marks(panel_ids)})
        ORDER BY (c.status = 'cancelled'), m.starts_at DESC, c.id DESC""", [social_worker_id] + panel_ids))


def list_meeting_consultations(db, meeting_ids, include_cancelled=True):
    """{meeting_id: [consultation, ...]} for the agenda of each meeting."""
    meeting_ids = list(meeting_ids)
    agenda = {meeting_id: [] for meeting_id in meeting_ids}
    if not meeting_ids:
        return agenda
    where = f"c.meeting_id IN ({marks(meeting_ids)})" + ("" if include_cancelled else f" AND c.{ACTIVE}")
    for row in db.query(CONSULTATION_LIST_SQL + f" WHERE {where} ORDER BY (c.status = 'cancelled'), c.id",
                        meeting_ids):
        agenda[row["meeting_id"]].append(row)
    return agenda


def _questions(questions):
    """The non-empty questions, checked against the panel's limits."""
    cleaned = [q.strip() for q in questions if q and q.strip()]
    if not cleaned:
        raise BookingError("no_questions")
    if len(cleaned) > MAX_QUESTIONS:
        raise BookingError("too_many_questions")
    if any(len(q) > MAX_QUESTION_LENGTH for q in cleaned):
        raise BookingError("question_too_long")
    return cleaned


def _check_child(child_age, background, municipality="", needed_expertise=""):
    if not isinstance(child_age, int) or not 0 <= child_age <= 17:
        raise BookingError("bad_age")
    if len(background or "") > MAX_BACKGROUND_LENGTH:
        raise BookingError("background_too_long")
    if len(municipality or "") > MAX_MUNICIPALITY_LENGTH or len(needed_expertise or "") > MAX_EXPERTISE_LENGTH:
        raise BookingError("text_too_long")


def _check_place(db, meeting, today, closes_days_before, late_reason, exclude_id=None):
    """Raise unless `meeting` can take one more consultation now."""
    if meeting is None:
        raise BookingError("no_meeting")
    if meeting["cancelled"]:
        raise BookingError("meeting_cancelled")
    if calendar.as_date(meeting["starts_at"]) < calendar.as_date(today):
        raise BookingError("meeting_past")
    if not calendar.booking_open(meeting["starts_at"], today, closes_days_before) and not (late_reason or "").strip():
        raise BookingError("booking_closed")
    taken = db.execute(f"SELECT count(*) FROM consultations WHERE meeting_id = ? AND {ACTIVE} AND id != ?",
                       [meeting["id"], exclude_id or 0]).fetchone()[0]
    if taken >= meeting["capacity"]:
        raise BookingError("meeting_full")


def next_case_code(db, prefix, year):
    """The next case code of `prefix` and `year` (call inside the booking transaction).

    Codes are unique in the whole installation, so panels sharing a prefix
    share the numbering too.
    """
    prefix = (prefix or "KS").upper()
    existing = [r["case_code"] for r in db.query(
        "SELECT case_code FROM consultations WHERE case_code LIKE ?", [f"{prefix}-{int(year):04d}-%"])]
    return case_codes.next_case_code(prefix, year, existing)


def book_consultation(db, *, meeting_id, social_worker_id, created_by, child_age, background, questions,
                      today, closes_days_before, late_reason="", municipality="", needed_expertise=""):
    """Book a consultation on a meeting; returns its id.

    A late booking (after the booking deadline) needs `late_reason`, which only
    coordinators give. `municipality` (for the members' conflict of interest)
    and `needed_expertise` (special expertise the case may need) are optional.
    Raises BookingError when a rule is broken.
    """
    questions = _questions(questions)
    _check_child(child_age, background, municipality, needed_expertise)
    with immediate(db):
        meeting = get_meeting(db, meeting_id)
        _check_place(db, meeting, today, closes_days_before, late_reason)
        late = not calendar.booking_open(meeting["starts_at"], today, closes_days_before)
        panel = db["panels"].get(meeting["panel_id"])
        code = next_case_code(db, panel["case_code_prefix"], calendar.as_date(meeting["starts_at"]).year)
        consultation_id = db["consultations"].insert({
            "panel_id": meeting["panel_id"], "meeting_id": meeting_id, "case_code": code,
            "social_worker_id": social_worker_id, "child_age": child_age,
            "background": (background or "").strip(), "status": "booked",
            "late_reason": (late_reason or "").strip() if late else "",
            "municipality": (municipality or "").strip(), "needed_expertise": (needed_expertise or "").strip(),
            "created_by": created_by, "updated_at": _now(),
        }).last_pk
        db["consultation_questions"].insert_all(
            {"consultation_id": consultation_id, "position": i, "text": text}
            for i, text in enumerate(questions, start=1))
        write_audit(db, created_by, "consultation.book", consultation_id, "late" if late else "")
    return consultation_id


def update_consultation(db, consultation_id, *, actor_id, child_age, background, questions,
                        meeting_id=None, social_worker_id=None, late_reason=None,
                        today, closes_days_before, municipality=None, needed_expertise=None):
    """Change a consultation's questions, age and background (and, when given,
    municipality and needed expertise); a coordinator may also move it to
    another meeting (`meeting_id`) or give it to another worker."""
    questions = _questions(questions)
    _check_child(child_age, background, municipality, needed_expertise)
    with immediate(db):
        current = get_consultation(db, consultation_id)
        if current is None:
            raise BookingError("no_consultation")
        changes = {"child_age": child_age, "background": (background or "").strip(), "updated_at": _now()}
        for name, value in (("municipality", municipality), ("needed_expertise", needed_expertise)):
            if value is not None:
                changes[name] = value.strip()
        if meeting_id is not None and meeting_id != current["meeting_id"]:
            meeting = get_meeting(db, meeting_id)
            if meeting is None or meeting["panel_id"] != current["panel_id"]:
                raise BookingError("no_meeting")
            _check_place(db, meeting, today, closes_days_before, late_reason, exclude_id=consultation_id)
            changes["meeting_id"] = meeting_id
        if late_reason is not None:
            changes["late_reason"] = late_reason.strip()
        if social_worker_id is not None and social_worker_id != current["social_worker_id"]:
            # the child's views go with the consultation: never to another panel's worker
            if social_worker_id not in {w["id"] for w in panel_social_workers(db, current["panel_id"])}:
                raise BookingError("worker_not_in_panel")
            changes["social_worker_id"] = social_worker_id
        db["consultations"].update(consultation_id, changes)
        db.execute("DELETE FROM consultation_questions WHERE consultation_id = ?", [consultation_id])
        db["consultation_questions"].insert_all(
            {"consultation_id": consultation_id, "position": i, "text": text}
            for i, text in enumerate(questions, start=1))
        write_audit(db, actor_id, "consultation.edit", consultation_id,
                    "moved" if "meeting_id" in changes else "")


def cancel_consultation(db, consultation_id, actor_id):
    """Cancel a consultation; its place at the meeting becomes free."""
    with immediate(db):
        db.execute("UPDATE consultations SET status = 'cancelled', cancelled_at = ?, updated_at = ? "
                   "WHERE id = ? AND status != 'cancelled'", [_now(), _now(), consultation_id])
        write_audit(db, actor_id, "consultation.cancel", consultation_id)


def set_documents_received(db, consultation_id, received, actor_id):
    """Mark the pre-meeting documents received (now) or not received."""
    with immediate(db):
        db.execute("UPDATE consultations SET documents_received_at = ?, updated_at = ? WHERE id = ?",
                   [_now() if received else None, _now(), consultation_id])
        write_audit(db, actor_id, "consultation.documents", consultation_id,
                    "received" if received else "not received")


# ---------------------------------------------------------------- meetings

MEETING_SQL = f"""
    SELECT m.*, p.name AS panel_name,
           (SELECT count(*) FROM consultations c WHERE c.meeting_id = m.id AND c.{ACTIVE}) AS booked
    FROM meetings m JOIN panels p ON p.id = m.panel_id
"""


def get_meeting(db, meeting_id):
    """One meeting with `booked` (consultations taking a place) and `panel_name`, or None."""
    if not _valid_id(meeting_id):
        return None
    rows = list(db.query(MEETING_SQL + " WHERE m.id = ?", [meeting_id]))
    return rows[0] if rows else None


def list_meetings(db, panel_ids=None, from_day=None, to_day=None, include_cancelled=True):
    """Meetings of `panel_ids` (None = all panels) between the days, in time order."""
    where, params = [], []
    if panel_ids is not None:
        panel_ids = list(panel_ids)
        where.append(f"m.panel_id IN ({marks(panel_ids)})")
        params += panel_ids
    if from_day is not None:
        where.append("m.starts_at >= ?")
        params.append(str(calendar.as_date(from_day)))
    if to_day is not None:
        where.append("m.starts_at < ?")
        params.append(str(calendar.as_date(to_day)))
    if not include_cancelled:
        where.append("m.cancelled = 0")
    sql = MEETING_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY m.starts_at, m.id"
    return list(db.query(sql, params))


def meeting_years(db, panel_ids=None):
    """The years that have at least one meeting of `panel_ids` (None = all), ascending."""
    where, params = "", []
    if panel_ids is not None:
        panel_ids = list(panel_ids)
        where = f"WHERE panel_id IN ({marks(panel_ids)})"
        params = panel_ids
    return [int(row[0]) for row in db.execute(
        f"SELECT DISTINCT substr(starts_at, 1, 4) FROM meetings {where} ORDER BY 1", params).fetchall()]


def bookable_meetings(db, panel_ids, today, closes_days_before, late=False):
    """Meetings that can take a booking now: not cancelled, not full, in time
    (or, with `late`, any coming meeting)."""
    meetings = list_meetings(db, panel_ids, from_day=today, include_cancelled=False)
    return [m for m in meetings if m["booked"] < m["capacity"]
            and (late or calendar.booking_open(m["starts_at"], today, closes_days_before))]


def create_meeting(db, panel_id, starts_at, ends_at, *, place="", teams_link="", capacity, notes="",
                   actor_id=None, rule_date=None):
    """A new meeting; with `actor_id` its audit line is written in the same transaction."""
    with immediate(db):
        meeting_id = db["meetings"].insert({
            "panel_id": panel_id, "starts_at": _iso(starts_at), "ends_at": _iso(ends_at), "place": place.strip(),
            "teams_link": teams_link.strip(), "capacity": capacity, "notes": notes.strip(), "rule_date": rule_date,
        }).last_pk
        if actor_id:
            write_audit(db, actor_id, "meeting.create", None, f"meeting {meeting_id}")
    return meeting_id


def update_meeting(db, meeting_id, *, starts_at, ends_at, place, teams_link, capacity, notes, actor_id):
    """Edit or move a meeting. Capacity cannot go below the consultations booked."""
    with immediate(db):
        meeting = get_meeting(db, meeting_id)
        if meeting is None:
            raise BookingError("no_meeting")
        if capacity < meeting["booked"]:
            raise BookingError("capacity_below_booked", booked=meeting["booked"])
        db["meetings"].update(meeting_id, {
            "starts_at": _iso(starts_at), "ends_at": _iso(ends_at), "place": place.strip(),
            "teams_link": teams_link.strip(), "capacity": capacity, "notes": notes.strip()})
        write_audit(db, actor_id, "meeting.edit", None, f"meeting {meeting_id}")


def set_meeting_cancelled(db, meeting_id, cancelled, actor_id):
    """Cancel a meeting (or restore it). Its consultations stay booked until moved or cancelled."""
    with immediate(db):
        db.execute("UPDATE meetings SET cancelled = ? WHERE id = ?", [1 if cancelled else 0, meeting_id])
        write_audit(db, actor_id, "meeting.cancel" if cancelled else "meeting.restore", None, f"meeting {meeting_id}")


def generate_meetings(db, panel_id, year, capacity, actor_id=None):
    """Create the year's meetings by the calendar rule; returns the new ids.

    Idempotent: a rule date that already has a meeting of the panel (on that
    day, or generated for that day and moved or cancelled since) is skipped.
    """
    created = []
    with immediate(db):
        taken = {r["day"] for r in db.query(
            "SELECT substr(starts_at, 1, 10) AS day FROM meetings WHERE panel_id = ? "
            "UNION SELECT rule_date FROM meetings WHERE panel_id = ? AND rule_date IS NOT NULL",
            [panel_id, panel_id])}
        for starts_at, ends_at in calendar.meeting_slots(year):
            day = starts_at.date().isoformat()
            if day in taken:
                continue
            created.append(create_meeting(db, panel_id, starts_at, ends_at, capacity=capacity, rule_date=day))
        if actor_id:
            write_audit(db, actor_id, "meeting.generate", None, f"{year}: {len(created)} created")
    return created


def panel_social_workers(db, panel_id):
    """Active social workers of a panel, for a coordinator booking on their behalf."""
    return list(db.query("""
        SELECT u.id, u.name, u.email FROM users u
        JOIN user_roles r ON r.user_id = u.id AND r.role = 'social_worker'
        JOIN user_panels p ON p.user_id = u.id AND p.panel_id = ?
        WHERE u.active = 1 ORDER BY u.name""", [panel_id]))
