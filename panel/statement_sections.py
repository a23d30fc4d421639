"""What the statement shows on the panel's other pages, through web/extensions.py:

- "consultation": the statement's card (state, read, write, mark delivery, follow-up);
- "agenda": on each agenda row, a link to read or write the statement once the meeting has begun;
- "my_consultations": the column "The panel's statement" of a social worker's list.

The loaders run in the page's route; for the lists, the latest versions of all
rows are read in one statement.
"""
from flask_babel import lazy_gettext as _l

from db import get_db, marks
from panel import calendar, statement_status
from panel.routes_statement import rights_for, today
from web.extensions import Section, register_panel_section
from web.links import id_url


def _latest_versions(db, consultation_ids):
    """{consultation id: its latest finalised version number} in one statement."""
    if not consultation_ids:
        return {}
    return {row[0]: row[1] for row in db.execute(
        f"SELECT consultation_id, MAX(version) FROM statement_versions WHERE consultation_id IN ({marks(consultation_ids)}) "
        "GROUP BY consultation_id", list(consultation_ids)).fetchall()}


def consultation_card(consultation):
    rights = rights_for(consultation)
    if not rights or consultation["status"] == "cancelled":
        return None
    return Section("statement", "panel/_statement_card.html",
                   {"rights": rights, "status": statement_status.status(get_db(), consultation, today())})


def agenda_rows(consultations):
    """The rows whose statement the user may read or write once their meeting
    has begun; the others are left out of `data`, so they show nothing (and the
    coming meetings' rows cost no rights check and no query)."""
    on_day = today()
    rights = {c["id"]: rights_for(c) for c in consultations
              if calendar.meeting_started(c["meeting_starts_at"], c["meeting_cancelled"], on_day)}
    rights = {consultation_id: found for consultation_id, found in rights.items() if found}
    if not rights:
        return None
    latest = _latest_versions(get_db(), list(rights))
    read_url, write_url = id_url("panel.statement", "consultation_id"), id_url("panel.edit_statement", "consultation_id")
    return Section("statement", "panel/_statement_agenda_item.html",
                   {consultation_id: {"rights": found, "latest": latest.get(consultation_id),
                                      "read": read_url(consultation_id), "write": write_url(consultation_id)}
                    for consultation_id, found in rights.items()})


def my_consultations_column(consultations):
    """{consultation id: {"latest": its latest version or None, "read": the statement's page}}."""
    latest = _latest_versions(get_db(), [c["id"] for c in consultations])
    read_url = id_url("panel.statement", "consultation_id")
    return Section("statement", "panel/_statement_cell.html",
                   {c["id"]: {"latest": latest.get(c["id"]), "read": read_url(c["id"])} for c in consultations},
                   heading=_l("The panel's statement"))


def init_app(app):
    register_panel_section(app, "consultation", "statement", consultation_card)
    register_panel_section(app, "agenda", "statement", agenda_rows)
    register_panel_section(app, "my_consultations", "statement", my_consultations_column)
