"""The pre-meeting material of a meeting (one page per meeting for the
members, printable) and the family's 30 minutes (the slot and the family's
invitation). Who sees what: accounts/access.py; conflicts: panel/conflicts.py."""
from datetime import datetime

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user

from accounts import access
from accounts import storage as accounts_storage
from accounts.auth import roles_required
from db import get_db
from panel import conflicts, documents_storage, family, identity_codes, material, material_storage
from panel import members, members_storage, storage
from panel.forms_workflow import FamilySlotForm
from panel.routes import bp, describe, documents_days, is_coordinator_of, load_consultation, load_meeting, today
from participation import api as views_api
from participation import panel_reads


def panel_records(db, consultation_id):
    """The finished views of a consultation cut to what the panel may see
    (participation.panel_reads.for_panel), loaded for display."""
    records = []
    for item in panel_reads.panel_material(db, consultation_id):
        record = views_api.load(db, item["id"])
        record["answers"], record["drawings"], record["notes"] = item["answers"], item["drawings"], []
        records.append(record)
    return records


def _members_coming(db, meeting):
    found = members_storage.attendance(db, meeting["id"])
    people = members_storage.panel_members(db, meeting["panel_id"])
    for person in people:
        person["attends"] = found.get(person["user_id"])
    return people


# ---------------------------------------------------------------- the material

@bp.get("/meetings/<id:meeting_id>/material")
@roles_required("coordinator", "expert")
def material_page(meeting_id):
    """Per consultation: case code, age, questions, background, documents, the
    views allowed for the panel, the family's 30 minutes; and the place or
    Teams link. A member sees a case only after declaring no conflict."""
    meeting = load_meeting(meeting_id)
    db = get_db()
    coordinates = is_coordinator_of(meeting["panel_id"])
    published = material_storage.publication(db, meeting_id)
    agenda = storage.list_meeting_consultations(db, [meeting_id], include_cancelled=False)[meeting_id]
    conflicts.annotate(db, current_user, agenda)
    cases, shown = [], {}
    if coordinates or published:
        visible = [c["id"] for c in agenda if access.sees_meeting_material(current_user, c, c["declaration"])]
        shown = material_storage.digests(db, visible)
        slots = material_storage.slots_for(db, visible)
        files = documents_storage.list_documents_many(db, visible)
        invited = members_storage.invitations_many(db, visible)
        # the worry marker as each may see it: the coordinator every one, a member only on a panel answer
        worry_every = panel_reads.worry_marked_many(db, visible)
        worry_panel = panel_reads.worry_marked_many(db, visible, panel_only=True)
        for item in agenda:
            case = {"item": item, "visible": item["id"] in shown}
            if case["visible"]:
                case["consultation"] = storage.get_consultation(db, item["id"])
                case["records"] = panel_records(db, item["id"])
                case["wishes"] = family.wishes(case["records"])
                case["slot"], case["documents"] = slots.get(item["id"]), files[item["id"]]
                case["invited"] = invited[item["id"]]
                case["worry"] = item["id"] in (worry_every if access.sees_worker_only_worry(current_user, item)
                                               else worry_panel)
            cases.append(case)
    declares = any(c["declares"] for c in agenda)
    seen = material_storage.last_read(db, meeting_id, current_user.id) if declares else None
    changed = material.changed_since(shown, seen["digests"] if seen else None)
    if shown:
        material_storage.record_read(db, meeting_id, current_user.id, shown, remember=declares)
    people = _members_coming(db, meeting)
    me = next((p for p in people if p["user_id"] == current_user.id), None)
    return render_template("panel/material.html", meeting=meeting, cases=cases, published=published,
                           coordinates=coordinates, changed=changed, seen=seen, people=people, me=me,
                           opens_on=material.opens_on(meeting["starts_at"], documents_days()),
                           may_publish=material.may_publish(meeting, today(), documents_days()))


@bp.post("/meetings/<id:meeting_id>/material/publish")
@roles_required("coordinator")
def publish_material(meeting_id):
    meeting = load_meeting(meeting_id)
    if not is_coordinator_of(meeting["panel_id"]):
        abort(403)
    if not material.may_publish(meeting, today(), documents_days()):
        flash(_("The material can be published from %(day)s until the meeting.",
                day=material.opens_on(meeting["starts_at"], documents_days()).strftime("%d.%m.%Y")), "warning")
        return redirect(url_for("panel.material_page", meeting_id=meeting_id))
    material_storage.publish(get_db(), meeting_id, current_user.id,
                             link=url_for("panel.material_page", meeting_id=meeting_id))
    flash(_("The material was published to the panel's members."), "success")
    return redirect(url_for("panel.material_page", meeting_id=meeting_id))


# ---------------------------------------------------------------- the family's 30 minutes

def _coordinated(consultation_id):
    consultation = load_consultation(consultation_id)
    if not is_coordinator_of(consultation["panel_id"]) or not consultation["meeting"]:
        abort(403)
    return consultation


@bp.get("/meetings/<id:meeting_id>/family")
@roles_required("coordinator")
def family_overview(meeting_id):
    """Who of the meeting's families wants to join, and their slots."""
    meeting = load_meeting(meeting_id)
    if not is_coordinator_of(meeting["panel_id"]):
        abort(403)
    db = get_db()
    agenda = storage.list_meeting_consultations(db, [meeting_id], include_cancelled=False)[meeting_id]
    slots = material_storage.slots_for(db, [c["id"] for c in agenda])
    rows = [{"item": c, "wishes": family.wishes(panel_records(db, c["id"])), "slot": slots.get(c["id"])}
            for c in agenda]
    return render_template("panel/family_overview.html", meeting=meeting, rows=rows)


FAMILY_ERRORS = {
    "outside_meeting": lambda: _("The 30 minutes must fit inside the meeting's time."),
    "overlaps": lambda: _("Another family's 30 minutes are at that time. Choose another time."),
    "no_link": lambda: _("The meeting has no Teams link: write one for the family."),
    "no_place": lambda: _("The meeting has no place: add it to the meeting first, or choose Teams."),
    "bad_language": lambda: _("Choose a language."),
    "bad_choice": lambda: _("The change could not be saved."),
}


@bp.route("/consultations/<id:consultation_id>/family", methods=["GET", "POST"])
@roles_required("coordinator")
def family_slot(consultation_id):
    """Schedule the family's 30 minutes, remove them, or mark the invitation ready."""
    consultation = _coordinated(consultation_id)
    db = get_db()
    meeting = storage.get_meeting(db, consultation["meeting_id"])
    current = material_storage.slot(db, consultation_id)
    records = panel_records(db, consultation_id)
    wishes = family.wishes(records)
    action = request.form.get("action") if request.method == "POST" else None
    if action == "remove":
        material_storage.remove_slot(db, consultation_id, current_user.id)
        flash(_("The family's 30 minutes were removed."), "success")
        return redirect(url_for("panel.family_overview", meeting_id=meeting["id"]))
    if action == "ready":
        if material_storage.mark_invitation_ready(
                db, consultation_id, current_user.id,
                link=url_for("panel.family_invitation", consultation_id=consultation_id)):
            flash(_("The social worker can now print the invitation and pass it on."), "success")
        return redirect(url_for("panel.family_slot", consultation_id=consultation_id))
    if request.method == "GET":
        who, how = family.suggestion(wishes)
        language = next((r["language"] for r in records), None) or "fi"
        if current:
            data = {"starts": datetime.fromisoformat(current["starts_at"]).time(), "who": current["who"],
                    "how": current["how"], "link": current["link"], "language": current["language"],
                    "note": current["note"]}
        else:
            others = material_storage.other_slots(db, meeting["id"], consultation_id)
            data = {"starts": family.default_start(meeting, others).time(), "who": who, "how": how,
                    "language": language}
        form = FamilySlotForm(formdata=None, data=data)
        return _slot_page(consultation, meeting, form, current, wishes, {})
    form = FamilySlotForm()
    warnings = identity_codes.form_warnings(form, form.TEXT_FIELDS, identity_codes.confirmed(request.form))
    if form.validate() and not warnings:
        starts = datetime.combine(datetime.fromisoformat(meeting["starts_at"]).date(), form.starts.data)
        try:
            material_storage.save_slot(db, consultation, meeting, starts_at=starts, who=form.who.data,
                                       how=form.how.data, link=form.link.data or "", language=form.language.data,
                                       note=form.note.data or "", actor_id=current_user.id,
                                       languages=current_app.config["LANGUAGES"])
        except family.FamilyError as error:
            target = {"no_link": form.link, "no_place": form.how, "bad_language": form.language}.get(
                error.code, form.starts)
            target.errors = list(target.errors) + [FAMILY_ERRORS.get(error.code, FAMILY_ERRORS["bad_choice"])()]
        else:
            flash(_("The family's 30 minutes were scheduled. Check the invitation and mark it ready."), "success")
            return redirect(url_for("panel.family_slot", consultation_id=consultation_id))
    return _slot_page(consultation, meeting, form, current, wishes, warnings, 400)


def _slot_page(consultation, meeting, form, current, wishes, warnings, status=200):
    return render_template("panel/family_slot.html", consultation=consultation, meeting=meeting, form=form,
                           slot=current, wishes=wishes, warnings=warnings), status


@bp.get("/consultations/<id:consultation_id>/family/invitation")
@roles_required("social_worker", "coordinator")
def family_invitation(consultation_id):
    """The family's printable invitation, in the family's language and worded
    for the child's age (or for the parent). The coordinator makes it; the
    consultation's social worker passes it on once it is marked ready."""
    consultation = load_consultation(consultation_id)
    if not access.sees_family_invitation(current_user, consultation):
        abort(403)
    db = get_db()
    slot = material_storage.slot(db, consultation_id)
    coordinates = is_coordinator_of(consultation["panel_id"])
    if slot is None or not (coordinates or slot["invitation_ready_at"]):
        abort(404)
    meeting = storage.get_meeting(db, consultation["meeting_id"])
    people = _members_coming(db, meeting)
    fields, outside = members.present_professions(people, {p["user_id"]: p["attends"] for p in people},
                                                  members_storage.invitations(db, consultation_id))
    worker = accounts_storage.get_user(db, consultation["social_worker_id"])
    # the page in the family's language (the staff's header too, which is fine: it is printed)
    g.forced_locale = slot["language"]
    refresh()
    return render_template("panel/family_invitation.html", consultation=consultation, meeting=meeting, slot=slot,
                           audience=family.audience(slot["who"], consultation["child_age"]), fields=fields,
                           outside=outside, worker_name=worker["name"] if worker else "", coordinates=coordinates,
                           info=describe(consultation))
