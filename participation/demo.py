"""Demo data of the child's views: a few consultations with children's and
parents' views in different states. Called by demo_data.fill as
`fill(db, context)`; uses context["consultation_ids"] when the panel's demo
step has set it, else the consultations in the database. Adds
context["views_ids"]."""
import struct
import zlib

from participation import questionnaires, review_storage, storage, wording


def demo_png(width=160, height=100):
    """A small PNG: a sun and a house line, drawn without any image library."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            if (x - 30) ** 2 + (y - 25) ** 2 < 300:
                row += bytes((249, 168, 37))
            elif 60 <= x <= 130 and 50 <= y <= 95 and (x in (60, 130) or y in (50, 95)):
                row += bytes((21, 101, 192))
            else:
                row += bytes((255, 255, 255))
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + chunk(b"IEND", b""))


def _create(db, consultation_id, band, worker_id):
    definition = questionnaires.definition_for(band)
    texts = wording.texts_for(questionnaires.wording_keys(definition))
    return storage.create_views(db, consultation_id, band, created_by=worker_id, language="fi", texts=texts)


def _answer(db, views_id, qid, text="", choice=None, visibility="panel", declined=False):
    """An answer typed by the worker who made the record (so the audit log names them)."""
    worker = db["views"].get(views_id)["created_by"]
    storage.save_answer(db, views_id, qid, {"choice": choice, "text": text, "declined": declined,
                                            "visibility": visibility}, actor_id=worker)


def fill(db, context):
    ids = list(context.get("consultation_ids") or [row["id"] for row in db.query(
        "SELECT id FROM consultations ORDER BY id")])
    made = []
    by_age = {}
    for cid in ids:
        row = db.execute("SELECT child_age, social_worker_id FROM consultations WHERE id = ?", [cid]).fetchone()
        if row:
            by_age.setdefault(questionnaires.suggest_band(row[0]), []).append((cid, row[1]))
    if "13-17" in by_age:
        cid, worker = by_age["13-17"][0]
        young = _create(db, cid, "13-17", worker)
        _answer(db, young, "q1", "Että pääsisin asumaan lähemmäs kavereita ja voisin jatkaa samassa koulussa.")
        _answer(db, young, "q2", "Äidin jaksaminen. En halua että kukaan muu kuin sosiaalityöntekijä tietää tästä.",
                choice="yes", visibility="worker")
        _answer(db, young, "q3", "Kuunnelkaa myös minua, älkää vain aikuisia 🙂")
        _answer(db, young, "join", choice="yes")
        _answer(db, young, "join_how", choice="teams")
        _answer(db, young, "join_with", choice="alone")
        _answer(db, young, "hear_back", choice="social_worker meeting")
        storage.update_details(db, young, method="discussion", asked_on="2026-11-10", present="sosiaalityöntekijä, nuori",
                               actor_id=worker)
        storage.set_worry(db, young, "q2", True, actor_id=worker)
        storage.finish(db, young, worker)
        parent = _create(db, cid, "parent", worker)
        _answer(db, parent, "q1", "Toivon, että nuori saisi koulunkäyntiin tukea ja me vanhemmat neuvoja.")
        _answer(db, parent, "q2", choice="yes", text="Nuoren poissaolot ja illat kaupungilla.")
        _answer(db, parent, "q3", declined=True)
        storage.finish(db, parent, worker)
        made += [young, parent]
    if "7-12" in by_age:
        cid, worker = by_age["7-12"][0]
        child = _create(db, cid, "7-12", worker)
        _answer(db, child, "q1", "Että saisin nähdä isää useammin.")
        made.append(child)
        # a sibling answered alone on a tablet and handed over: waiting for the worker's check
        sibling = _create(db, cid, "7-12", worker)
        via = "tablet (demo)"
        storage.update_details(db, sibling, method="tablet_alone", mode="tablet", via=via)
        for qid, answer in (("q1", {"text": "Että kotona olisi rauhallista."}), ("q2", {"choice": "no"}),
                            ("q3", {"declined": True}), ("join", {"choice": "no"})):
            storage.save_answer(db, sibling, qid, {"visibility": "panel", **answer}, via=via)
        review_storage.hand_over(db, sibling, via=via)
        made.append(sibling)
    if "3-6" in by_age:
        cid, worker = by_age["3-6"][-1]
        small = _create(db, cid, "3-6", worker)
        storage.save_drawing(db, small, "q1", demo_png(), actor_id=worker)
        _answer(db, small, "q1", "Aurinko ja koti, jossa kaikki ovat yhdessä.")
        _answer(db, small, "q2", choice="a_little", text="Pimeä ja kovat äänet.")
        _answer(db, small, "q3", "Minulla on kissa.")
        storage.update_details(db, small, method="drawing", asked_on="2026-11-12",
                               present="sosiaalityöntekijä, lapsi, äiti", actor_id=worker)
        storage.finish(db, small, worker)
        made.append(small)
    context["views_ids"] = made
    return context
