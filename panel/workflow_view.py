"""What the panel's meetings and consultation pages show of the
workflow: beside each meeting the material's publication and whether it
changed since the member last read it, each consultation's declarations,
documents, invited experts and family slot. Plain functions over the storage
modules (no Flask)."""
from accounts import access
from panel import conflicts, documents_storage, material, material_storage, members_storage


def annotate_meetings(db, user, meetings, on_day, documents_days_before):
    """Adds to each meeting (with its "agenda" list) "material": {published,
    published_at, opens_on, may_publish, changed}, and to each consultation of
    the agenda the user's declaration (conflicts.annotate)."""
    published = material_storage.publications(db, [m["id"] for m in meetings])
    # Every agenda at once: the page runs the same statements for one meeting or twelve.
    conflicts.annotate(db, user, [c for m in meetings for c in m.get("agenda") or []])
    read_by_member = [m for m in meetings if m["id"] in published and any(c["declares"] for c in m.get("agenda") or [])]
    visible = {m["id"]: [c["id"] for c in m["agenda"] if access.sees_meeting_material(user, c, c["declaration"])]
               for m in read_by_member}
    seen = material_storage.last_reads(db, visible, user.id) if visible else {}
    digests = material_storage.digests(db, [cid for ids in visible.values() for cid in ids]) if visible else {}
    for meeting in meetings:
        info = {"published": meeting["id"] in published,
                "published_at": (published.get(meeting["id"]) or {}).get("published_at"),
                "opens_on": material.opens_on(meeting["starts_at"], documents_days_before),
                "may_publish": material.may_publish(meeting, on_day, documents_days_before),
                "changed": False, "read": False}
        if meeting["id"] in visible:
            reading = seen.get(meeting["id"])
            info["read"] = reading is not None
            shown = {cid: digests[cid] for cid in visible[meeting["id"]]}
            info["changed"] = bool(material.changed_since(shown, reading["digests"] if reading else None))
        meeting["material"] = info
    return meetings


def consultation_extras(db, consultation):
    """What the consultation's own page shows of the workflow: its documents,
    the outside experts invited and the family's slot."""
    return {"documents": documents_storage.list_documents(db, consultation["id"]),
            "invited": members_storage.invitations(db, consultation["id"]),
            "slot": material_storage.slot(db, consultation["id"])}
