"""The links of the meetings page (each card's and each agenda row's) and of a
social worker's list, built from one url_for per kind of link (web/links.py)."""
from web.links import id_url

MEETING_LINKS = {"book": "panel.book", "edit": "panel.edit_meeting", "held": "panel.meeting_held",
                 "cancel": "panel.cancel_meeting", "material": "panel.material_page",
                 "attendance": "panel.attendance", "declarations": "panel.declarations",
                 "family": "panel.family_overview"}
CONSULTATION_LINKS = {"page": "panel.consultation", "documents": "panel.documents",
                      "declaration": "panel.declaration"}
TASK_LINKS = {"delivery": "panel.message_delivery", "follow_up": "panel.follow_up"}  # a social worker's tasks


def add_links(meetings):
    """Each meeting (of agenda.meeting_view) gets "links" {name: URL} of
    MEETING_LINKS, each consultation of its agenda and of its "own" those of
    CONSULTATION_LINKS."""
    meeting_urls = {name: id_url(endpoint, "meeting_id") for name, endpoint in MEETING_LINKS.items()}
    consultation_urls = {name: id_url(endpoint, "consultation_id") for name, endpoint in CONSULTATION_LINKS.items()}
    for meeting in meetings:
        meeting["links"] = {name: url(meeting["id"]) for name, url in meeting_urls.items()}
        for consultation in meeting["agenda"] + meeting["own"]:
            consultation["links"] = {name: url(consultation["id"]) for name, url in consultation_urls.items()}
    return meetings


def add_consultation_links(consultations, links=CONSULTATION_LINKS):
    """Each consultation (of a social worker's list or tasks) gets "links" {name: URL} of `links`."""
    urls = {name: id_url(endpoint, "consultation_id") for name, endpoint in links.items()}
    for consultation in consultations:
        consultation["links"] = {name: url(consultation["id"]) for name, url in urls.items()}
    return consultations
