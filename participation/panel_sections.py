"""What participation shows on the panel's pages, through web/extensions.py.

- "consultation": the consultation page's card of the child's views (the
  worker sees each person's state, the coordinator the marker and a link);
- "agenda": on each agenda row of the meetings page, the worry marker as the
  user may see it and how many people's views are ready (loaded in batch);
- "my_consultations": the column "The child's views" of a social worker's list.

Each loader runs in the page's route, so the templates only show what it found.
"""
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accounts import access
from db import get_db
from participation import panel_reads, storage
from web.extensions import Section, register_panel_section
from web.links import id_url


def worry_shown(db, consultation):
    """The worry marker as the current user may see it: the worker and the
    coordinator see every marker, the experts only one on an answer the
    person allowed the panel to see."""
    return panel_reads.worry_marked(db, consultation["id"],
                                    panel_only=not access.sees_worker_only_worry(current_user, consultation))


def consultation_card(consultation):
    db = get_db()
    if access.is_consultations_worker(current_user, consultation):
        data = {"is_worker": True, "views": storage.list_views(db, consultation["id"])}
    else:
        counts = panel_reads.count_views_many(db, [consultation["id"]]).get(consultation["id"], {})
        data = {"is_worker": False, "worry": worry_shown(db, consultation), "ready": counts.get("finished", 0)}
    return Section("participation", "participation/_consultation_panel.html", data)


def agenda_rows(consultations):
    """{consultation id: {"worry", "ready", "link"}}: three statements for any number of rows."""
    if not consultations:
        return None
    db = get_db()
    ids = [c["id"] for c in consultations]
    every_marker = panel_reads.worry_marked_many(db, ids)
    panel_markers = panel_reads.worry_marked_many(db, ids, panel_only=True)
    counts = panel_reads.count_views_many(db, ids)
    user = current_user._get_current_object()
    material_url = id_url("participation.panel_material", "consultation_id")
    data = {}
    for c in consultations:
        markers = every_marker if access.sees_worker_only_worry(user, c) else panel_markers
        data[c["id"]] = {"worry": c["id"] in markers, "ready": counts.get(c["id"], {}).get("finished", 0),
                         "link": material_url(c["id"])}
    return Section("participation", "participation/_agenda_item.html", data)


def my_consultations_column(consultations):
    counts = panel_reads.count_views_many(get_db(), [c["id"] for c in consultations])
    data = {c["id"]: counts.get(c["id"], {"people": 0, "finished": 0}) for c in consultations}
    return Section("participation", "participation/_my_consultations_cell.html", data,
                   heading=_l("The child's views"))


def init_app(app):
    register_panel_section(app, "consultation", "participation", consultation_card)
    register_panel_section(app, "agenda", "participation", agenda_rows)
    register_panel_section(app, "my_consultations", "participation", my_consultations_column)
