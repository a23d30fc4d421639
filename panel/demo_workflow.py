"""Demo data of the panel's workflow (called through panel.demo.fill_workflow,
after the child's views exist): the standing members' fields, the registry of
outside experts of seed 003 (the OT network), municipalities and needed
expertise, documents, declarations, attendance, the first coming meeting's
material published and a young person's 30 minutes with the invitation ready.
"""
import config
from panel import calendar, conflicts, documents_storage, material_storage, members_storage, storage
from participation import questionnaires
from participation import storage as views_storage
from participation import wording

FIELDS = {  # demo user: (field, specification)
    "psykologi@example.fi": ("child_development", "psykologi"),
    "laakari@example.fi": ("health_care", "lastenpsykiatri"),
    "juristi@example.fi": ("law", ""),
    "terveydenhoitaja@example.fi": ("health_care", "terveydenhoitaja"),
    "kokemusasiantuntija@example.fi": ("experience_expert", ""),
}

# Seed 003: the OT network's experts available to the panels; some free, some paid.
OUTSIDE_EXPERTS = [
    ("Oppimis- ja ohjauskeskus Valteri", "Oppimisen ja koulunkäynnin tuki, erityisopetus", False, ""),
    ("Vaalijalan osaamis- ja tukikeskus", "Kehitysvammaisuus ja autismikirjo", True, "Konsultaatio laskutetaan sopimuksen mukaan"),
    ("KYS Vaativa lastenpsykiatria", "Vaativa lastenpsykiatria", False, ""),
    ("KYS Lasten ja nuorten oikeuspsykiatrian tutkimusyksikkö", "Lasten ja nuorten oikeuspsykiatria", True,
     "Hinta sovitaan tapauskohtaisesti"),
    ("KYS Harvinaissairauksien yksikkö", "Harvinaiset sairaudet", False, ""),
    ("KYS Toiminnallisten häiriöiden yksikkö", "Toiminnalliset häiriöt", False, ""),
    ("Sairaalaopetus", "Koulunkäynti hoidon aikana, sairaalakoulu", False, ""),
    ("Elmeri-koulu; Sateenkaaren erityiskoulu", "Erityiskoulu, vaativa erityinen tuki", False, ""),
    ("Tukikeskus Varjo", "Väkivaltaa kokeneiden lasten ja nuorten tuki", False, ""),
    ("Barnahus", "Lapsiin kohdistuvan väkivallan selvittäminen", False, ""),
]
CONTACT = "ot-verkosto@example.fi (demo)"
MUNICIPALITIES = ["Jyväskylä", "Jämsä", "Äänekoski", "Laukaa", "Keuruu", "Saarijärvi", "Muurame"]


def demo_pdf(title):
    """A small, valid one-page PDF with `title` on it (ASCII), made without any library."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\nstartxref\n"
    out += str(xref).encode() + b"\n%%EOF\n"
    return bytes(out)


def _young_person_joins(db, consultation_id, worker_id):
    """A 13–17 questionnaire answered on the worker's device: wants to join on
    Teams; one answer kept for the social worker only."""
    definition = questionnaires.definition_for("13-17")
    texts = wording.texts_for(questionnaires.wording_keys(definition))
    views_id = views_storage.create_views(db, consultation_id, "13-17", created_by=worker_id, language="fi",
                                          texts=texts)
    for qid, answer in (("q1", {"text": "Haluan asua omassa asunnossa, mutta tarvitsen apua raha-asioissa."}),
                        ("q2", {"choice": "yes", "text": "Pelkään, etten pärjää yksin.", "visibility": "worker"}),
                        ("q3", {"text": "Toivon, että minulta kysytään ennen kuin päätetään."}),
                        ("join", {"choice": "yes"}), ("join_how", {"choice": "teams"}),
                        ("join_with", {"choice": "alone"})):
        views_storage.save_answer(db, views_id, qid, {"choice": answer.get("choice"), "text": answer.get("text", ""),
                                                      "declined": False,
                                                      "visibility": answer.get("visibility", "panel")},
                                  actor_id=worker_id)
    views_storage.update_details(db, views_id, method="discussion", asked_on=None, present="sosiaalityöntekijä, nuori",
                                 actor_id=worker_id)
    views_storage.finish(db, views_id, worker_id)
    return views_id


def fill(db, context):
    users, panel_id = context["users"], context["panel_id"]
    coordinator = users["koordinaattori@example.fi"]
    on_day = calendar.as_date(context.get("today") or calendar.today(config.TIMEZONE))
    for email, (field, note) in FIELDS.items():
        members_storage.set_member_field(db, panel_id, users[email], field, note, coordinator)
    registry = {}
    for organisation, expertise, paid, cost_note in OUTSIDE_EXPERTS:
        registry[organisation] = members_storage.add_outside_expert(
            db, coordinator, organisation=organisation, expertise=expertise, contact=CONTACT, paid=paid,
            cost_note=cost_note)

    states = context.get("consultation_states", {})
    active = [cid for cid in context.get("consultation_ids", []) if states.get(cid) != "cancelled"]
    for n, cid in enumerate(active):
        db["consultations"].update(cid, {"municipality": MUNICIPALITIES[n % len(MUNICIPALITIES)]})
    handled = [cid for cid in active if states.get(cid) == "handled"]
    if handled:
        invitation = members_storage.invite(db, handled[-1], registry["KYS Vaativa lastenpsykiatria"], coordinator)
        members_storage.record_outcome(db, invitation, came=1, cost_cents=None, cost_note="Maksuton", actor_id=coordinator)
    booked = [cid for cid in active if states.get(cid) == "booked"]
    if booked:
        db["consultations"].update(booked[0], {"needed_expertise": "Neuropsykiatrinen ja kehitysvamma-alan osaaminen"})
        members_storage.invite(db, booked[0], registry["Vaalijalan osaamis- ja tukikeskus"], coordinator)

    first = [cid for cid in active if states.get(cid) in ("documents_received", "documents_overdue", "late")]
    if not first:
        return context
    consultation = storage.get_consultation(db, first[0])
    meeting = consultation["meeting"]
    due = calendar.documents_due(meeting["starts_at"], config.DOCUMENTS_DUE_DAYS_BEFORE)
    for cid in first:
        if states[cid] in ("documents_received", "late"):
            for title in ("Asiakassuunnitelma", "Koulun lausunto"):
                documents_storage.add_document(db, cid, title=title, content=demo_pdf(f"Demo: {title}"),
                                               actor_id=storage.get_consultation(db, cid)["social_worker_id"],
                                               on_day=min(on_day, due), documents_due=due)
    member_ids = [users[email] for email in FIELDS]
    for user_id in member_ids:
        members_storage.set_attendance(db, meeting["id"], user_id, 0 if user_id == users["laakari@example.fi"] else 1,
                                       coordinator)
    for cid in first:
        item = storage.get_consultation(db, cid)
        for email in ("psykologi@example.fi", "laakari@example.fi", "kokemusasiantuntija@example.fi"):
            _declare(db, item, users[email], conflicts.NO_CONFLICT)
    _declare(db, storage.get_consultation(db, first[-1]), users["juristi@example.fi"], conflicts.CONFLICT)
    material_storage.publish(db, meeting["id"], coordinator)

    young = next((cid for cid in first if storage.get_consultation(db, cid)["child_age"] >= 13), None)
    if young:
        item = storage.get_consultation(db, young)
        _young_person_joins(db, young, item["social_worker_id"])
        link = meeting["teams_link"] or "https://teams.microsoft.com/l/meetup-join/demo-perhe"
        material_storage.save_slot(db, item, meeting, starts_at=meeting["starts_at"], who="child", how="teams",
                                   link="" if meeting["teams_link"] else link, language="fi",
                                   note="Sosiaalityöntekijä soittaa sinulle päivää ennen.", actor_id=coordinator,
                                   languages=("fi", "sv", "en"))
        material_storage.mark_invitation_ready(db, young, coordinator)
    return context


class _Member:
    """The few attributes panel.conflicts needs of a user."""

    def __init__(self, user_id, panel_id):
        self.id, self.roles, self.panel_ids = user_id, {"expert"}, [panel_id]


def _declare(db, consultation, user_id, declaration):
    conflicts.declare(db, consultation, _Member(user_id, consultation["panel_id"]), declaration)
