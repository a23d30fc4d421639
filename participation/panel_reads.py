"""What the panel reads of the child's and the parent's views: the worry markers of an agenda,
the counts of views, and the material cut to what each person allowed the panel to see
(participation/storage.py holds the views' own reads and changes). Plain functions taking `db`."""
from db import marks
from participation.storage import get_views, list_views

# an answer the expert members may see: the person allowed the panel to see it, and the views are finished
PANEL_SEES = "a.visibility = 'panel' AND v.status = 'finished'"


def worry_marked(db, consultation_id, panel_only=False):
    """True when an answer of the consultation is marked as needing attention.
    With `panel_only`, only a marker the expert members may see: on an answer
    the person allowed the panel to see, in finished views."""
    where = f" AND {PANEL_SEES}" if panel_only else ""
    return bool(db.execute("SELECT 1 FROM view_answers a JOIN views v ON v.id = a.views_id "
                           f"WHERE v.consultation_id = ? AND a.worry{where} LIMIT 1", [consultation_id]).fetchone())


def worry_marked_many(db, consultation_ids, panel_only=False):
    """The subset of `consultation_ids` with a worry marker (for an agenda);
    `panel_only` as in worry_marked."""
    ids = list(consultation_ids)
    if not ids:
        return set()
    where = f" AND {PANEL_SEES}" if panel_only else ""
    return {row["consultation_id"] for row in db.query(
        f"SELECT DISTINCT v.consultation_id FROM view_answers a JOIN views v ON v.id = a.views_id "
        f"WHERE a.worry{where} AND v.consultation_id IN ({marks(ids)})", ids)}


def count_views_many(db, consultation_ids):
    """{consultation id: {"people": views records, "finished": of them finished}} for a list of
    consultations (those without views are left out)."""
    ids = list(consultation_ids)
    if not ids:
        return {}
    return {row["consultation_id"]: {"people": row["people"], "finished": row["finished"]} for row in db.query(
        f"SELECT consultation_id, count(*) AS people, sum(status = 'finished') AS finished FROM views "
        f"WHERE consultation_id IN ({marks(ids)}) GROUP BY consultation_id", ids)}


def allowed_for_panel(db, views_id, question_id):
    """True when the answer is in finished views and the person allowed the panel to see it."""
    return db.execute("SELECT 1 FROM view_answers a JOIN views v ON v.id = a.views_id WHERE v.id = ? "
                      f"AND a.question_id = ? AND {PANEL_SEES}", [views_id, question_id]).fetchone() is not None


def for_panel(record):
    """`record` (from get_views) cut to what the panel may see: ONLY the
    answers the person allowed the panel to see and their drawings. Worker
    notes and answers kept for the social worker are left out."""
    record["answers"] = {qid: a for qid, a in record["answers"].items() if a["visibility"] == "panel"}
    record["drawings"] = {qid for qid in record["drawings"] if qid in record["answers"]}
    record["notes"] = []
    return record


def panel_material(db, consultation_id):
    """The finished views of a consultation, each cut by for_panel. Drafts are left out."""
    return [for_panel(get_views(db, item["id"])) for item in list_views(db, consultation_id)
            if item["status"] == "finished"]
