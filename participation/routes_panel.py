"""The panel's reads of the child's views: the summary of one person's views and
the consultation's whole material, only what each person allowed the panel to see
(on participation.routes' blueprint, audit-logged and no-store as its other pages)."""
from flask import abort, render_template
from flask_login import current_user, login_required

from accounts.storage import write_audit
from db import get_db
from participation import api, panel_sections, panel_reads
from participation.routes import (_consultation, _views_row, audit_read, bp, is_consultations_worker,
                                  sees_panel_material)


@bp.get("/views/<id:views_id>/summary/panel")
@login_required
def panel_summary(views_id):
    """The panel's version of the summary: only what the person allowed the
    panel to see. The worker may preview it; the panel reads it when finished."""
    item = _views_row(views_id)
    consultation = _consultation(item["consultation_id"])
    if not sees_panel_material(consultation):
        abort(403)
    if item["status"] != "finished" and not is_consultations_worker(consultation):
        abort(404)
    record = panel_reads.for_panel(api.load(get_db(), views_id))
    audit_read(consultation, record, "views.panel_read")
    return render_template("participation/summary.html", record=record, consultation=consultation,
                           for_panel=True, worker_only=False)


@bp.get("/consultations/<id:consultation_id>/views/panel")
@login_required
def panel_material(consultation_id):
    """What the panel may see: finished views, only answers the person allowed."""
    consultation = _consultation(consultation_id)
    if not sees_panel_material(consultation):
        abort(403)
    records = []
    for item in panel_reads.panel_material(get_db(), consultation_id):
        record = api.load(get_db(), item["id"])
        record["answers"], record["drawings"], record["notes"] = item["answers"], item["drawings"], []
        records.append(record)
    write_audit(get_db(), current_user.id, "views.panel_read", consultation_id, "")
    return render_template("participation/panel.html", consultation=consultation, records=records,
                           worry=panel_sections.worry_shown(get_db(), consultation))

