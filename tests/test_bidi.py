"""User text is shown bidi-isolated on staff pages (issue 9, item 17): a
right-to-left override (U+202E) in a name, an answer, a note or a case code
is inside a <bdi> element, so it reorders nothing outside it. The rendered
HTML is parsed; what counts is the element around the text."""
from html.parser import HTMLParser

import pytest

from accounts.storage import write_audit
from participation import storage as views_storage
from tests.conftest import csrf_from, login, make_user
from tests.test_panel import add_meeting

RLO = "\u202e"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# elements whose text is shown apart from the page's lines (and cannot hold a <bdi>)
OWN_BOX = {"title", "option", "textarea", "script"}


class Texts(HTMLParser):
    """Every text node of a page with the names of the elements around it."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.open, self.texts = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        self.texts.append((data, tuple(self.open)))


def unisolated(html):
    """The text nodes holding U+202E that are not inside a <bdi> (or an element of their own)."""
    return [text for text, around in Texts(html).texts
            if RLO in text and "bdi" not in around and not OWN_BOX & set(around)]


def evil(label):
    return f"{RLO}{label} <b>x</b>"


@pytest.fixture
def evil_data(db, panel_id, users):
    """A panel, people, a meeting, a consultation and a child's views, every text with a U+202E."""
    db["panels"].update(panel_id, {"name": evil("paneeli"), "area": evil("alue")})
    worker = make_user(db, f"{RLO}tt@example.fi", ["social_worker"], [panel_id], name=evil("Työntekijä"))
    coordinator = make_user(db, "k@example.fi", ["coordinator"], [panel_id], name=evil("Koordinaattori"))
    meeting_id = add_meeting(db, panel_id, place=evil("Sali"), notes=evil("Muistiinpano"))
    consultation_id = db["consultations"].insert({
        "panel_id": panel_id, "meeting_id": meeting_id, "case_code": f"KS-{RLO}2027-001",
        "social_worker_id": worker, "child_age": 9, "created_by": worker, "background": evil("Tausta"),
        "late_reason": evil("Syy")}).last_pk
    db["consultation_questions"].insert({"consultation_id": consultation_id, "position": 1,
                                         "text": evil("Kysymys")})
    views_id = views_storage.create_views(db, consultation_id, "7-12")
    views_storage.save_answer(db, views_id, "q1", {"choice": None, "text": evil("Vastaus"), "declined": False,
                                                   "visibility": "panel"})
    views_storage.update_details(db, views_id, method="other", method_other=evil("Muu tapa"),
                                 present=evil("Läsnä"))
    write_audit(db, coordinator, "consultation.edit", consultation_id, "x")
    return {"worker": worker, "coordinator": coordinator, "meeting": meeting_id, "consultation": consultation_id,
            "views": views_id}


def as_user(client, db, user_id):
    login(client, db["users"].get(user_id)["email"])
    return client


def test_the_bdi_filter_escapes_and_isolates(app):
    from web.bidi import bdi, with_isolated
    assert str(bdi("<b>" + RLO)) == f"<bdi>&lt;b&gt;{RLO}</bdi>" and bdi("") == "" and bdi(None) == ""
    assert str(with_isolated("%(name)s & 100 %%", name="<i>")) == "<bdi>&lt;i&gt;</bdi> &amp; 100 %"


def test_the_admins_pages_isolate_names_emails_panels_and_the_audit_log(client, users, panel_id, evil_data):
    login(client, users["admin"][1])
    for url in ["/admin/users", f"/admin/users/{evil_data['worker']}", "/admin/panels", f"/admin/panels/{panel_id}",
                "/admin/audit"]:
        html = client.get(url).get_data(as_text=True)
        assert RLO in html, url
        assert unisolated(html) == [], url


def test_the_coordinators_pages_isolate_places_notes_names_and_case_codes(client, db, evil_data, app):
    app.config["TODAY"] = "2027-01-10"
    as_user(client, db, evil_data["coordinator"])
    consultation = evil_data["consultation"]
    for url in ["/meetings", f"/meetings/{evil_data['meeting']}/cancel", f"/consultations/{consultation}",
                f"/consultations/{consultation}/cancel", f"/consultations/{consultation}/edit",
                f"/consultations/{consultation}/views/panel"]:
        html = client.get(url).get_data(as_text=True)
        assert RLO in html, url
        assert unisolated(html) == [], url


def test_the_social_workers_pages_isolate_answers_details_and_notes(client, db, evil_data, app):
    app.config["TODAY"] = "2027-01-10"
    as_user(client, db, evil_data["worker"])
    views_id, consultation = evil_data["views"], evil_data["consultation"]
    urls = ["/consultations/mine", f"/consultations/{consultation}/views", f"/consultations/{consultation}/tablet",
            f"/views/{views_id}", f"/views/{views_id}/summary"]
    pages = [client.get(url).get_data(as_text=True) for url in urls]
    views_storage.finish(db, views_id)
    views_storage.add_note(db, views_id, evil("Huomio"), evil_data["worker"])
    pages += [client.get(f"/views/{views_id}").get_data(as_text=True),
              client.get(f"/views/{views_id}/summary").get_data(as_text=True)]
    for url, html in zip(urls + ["finished record", "finished summary"], pages):
        assert RLO in html, url
        assert unisolated(html) == [], url


def test_a_flashed_name_is_isolated(client, db, users, evil_data):
    login(client, users["admin"][1])
    token = csrf_from(client.get(f"/admin/users/{evil_data['worker']}").get_data(as_text=True))
    response = client.post(f"/admin/users/{evil_data['worker']}/active", data={"csrf_token": token, "active": "0"},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Työntekijä" in html and "&lt;b&gt;" in html
    assert unisolated(html) == []


def test_the_experts_agenda_isolates_case_codes(client, users, evil_data, app):
    app.config["TODAY"] = "2027-01-10"
    login(client, users["expert"][1])
    html = client.get("/meetings").get_data(as_text=True)
    assert f"KS-{RLO}2027-001" in html and unisolated(html) == []
