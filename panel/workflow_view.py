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
    # the declarations of every agenda at once: one statement for the page, not one per meeting
    conflicts.annotate(db, user, [c for m in meetings for c in m.get("agenda") or []])
    for meeting in meetings:
        info = {"published": meeting["id"] in published,
                "published_at": (published.get(meeting["id"]) or {}).get("published_at"),
                "opens_on": material.opens_on(meeting["starts_at"], documents_days_before),
                "may_publish": material.may_publish(meeting, on_day, documents_days_before),
                "changed": False, "read": False}
        agenda = meeting.get("agenda") or []
        if info["published"] and any(c["declares"] for c in agenda):
            seen = material_storage.last_read(db, meeting["id"], user.id)
            info["read"] = seen is not None
            visible = [c["id"] for c in agenda if access.sees_meeting_material(user, c, c["declaration"])]
            info["changed"] = bool(material.changed_since(material_storage.digests(db, visible),
                                                          seen["digests"] if seen else None))
        meeting["material"] = info
    return meetings


def consultation_extras(db, consultation):
    """What the consultation's own page shows of the workflow: its documents,
    the outside experts invited and the family's slot."""
    return {"documents": documents_storage.list_documents(db, consultation["id"]),
            "invited": members_storage.invitations(db, consultation["id"]),
            "slot": material_storage.slot(db, consultation["id"])}
