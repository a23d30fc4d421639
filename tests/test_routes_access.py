"""The access matrix: every rule of app.url_map, GET and POST (where the rule
takes the method), for each kind of visitor, against the status written in
EXPECTED below. A route without a row fails the test, so a new page cannot
forget to say who may open it. README.md ("Privacy: who can see what") and
the privacy notice say the same in words; the rules are in accounts/access.py.

Visitors (ACTORS), all about one consultation of panel A:
  anonymous    not logged in
  tablet       a live tablet session for another person of the same consultation
  worker       the consultation's social worker
  colleague    another social worker of panel A
  coordinator  panel A's coordinator
  expert       panel A's expert member
  admin        an administrator (no panel)
  outsider     social worker, coordinator and expert of panel B at once

Every request starts from the same database (restored from a snapshot after
each one), so a POST that cancels or finishes something changes nothing for
the next request. CSRF is off here: this test is about access, CSRF has its
own tests (test_security.py). POSTs carry an empty form.

Status words: a number is the exact status; "login" is a redirect to the
login page (for the anonymous: refused; after logging out: done). A POST
that is let in but refused for its empty form is its 400 (or the page again,
200); a 404 for a let-in user means the id is not theirs to know.
"""
import sqlite3
import time
from datetime import datetime

import pytest

from accounts import storage as accounts_storage
from app import create_app
from db import connect, migrate
from panel import documents_storage, material_storage, members_storage
from panel import storage as panel_storage
from participation import storage as views_storage
from participation import tablet_codes, tablet_storage
from participation.demo import demo_png
from participation.tablet_session import TABLET_COOKIE
from surveys import requests as survey_requests
from surveys import storage as survey_storage
from tests import sample_documents
from tests.conftest import PASSWORD, TEST_SPEED, declare, make_user
from tests.test_tablet import make_views

ACTORS = ("anonymous", "tablet", "worker", "colleague", "coordinator", "expert", "admin", "outsider")
TODAY = "2027-01-10"  # booking for the meeting of 29.1.2027 is open

# (endpoint, method): statuses in ACTORS order.
#       anonymous tablet worker colleague coordinator expert admin outsider
EXPECTED = {
    # -- public pages (the tablet session is kept inside the tablet) --
    ("static", "GET"):                         "200   200   200   200   200   200   200   200",
    ("web.index", "GET"):                      "302   403   302   302   302   302   302   302",
    ("web.set_language", "GET"):               "302   403   302   302   302   302   302   302",
    ("web.set_language", "POST"):              "302   403   302   302   302   302   302   302",
    ("web.accessibility", "GET"):              "200   403   200   200   200   200   200   200",
    ("web.privacy", "GET"):                    "200   403   200   200   200   200   200   200",
    ("web.healthz", "GET"):                    "200   403   200   200   200   200   200   200",
    # the questionnaires' read-aloud recordings: for everyone, the tablet too (404: none in the test)
    ("read_aloud.audio", "GET"):               "404   404   404   404   404   404   404   404",
    # -- accounts --
    ("accounts.login", "GET"):                 "200   403   302   302   302   302   302   302",
    ("accounts.login", "POST"):                "200   403   302   302   302   302   302   302",
    ("accounts.logout", "POST"):               "login 403   login login login login login login",
    ("accounts.home", "GET"):                  "login 403   302   302   302   302   302   302",
    ("accounts.change_password", "GET"):       "login 403   200   200   200   200   200   200",
    ("accounts.change_password", "POST"):      "login 403   200   200   200   200   200   200",
    # -- administration: admins only --
    ("accounts.users", "GET"):                 "login 403   403   403   403   403   200   403",
    ("accounts.create_user", "GET"):           "login 403   403   403   403   403   200   403",
    ("accounts.create_user", "POST"):          "login 403   403   403   403   403   200   403",
    ("accounts.edit_user", "GET"):             "login 403   403   403   403   403   200   403",
    ("accounts.edit_user", "POST"):            "login 403   403   403   403   403   302   403",
    ("accounts.set_active", "POST"):           "login 403   403   403   403   403   302   403",
    ("accounts.reset_password", "POST"):       "login 403   403   403   403   403   400   403",
    ("accounts.unlock", "POST"):               "login 403   403   403   403   403   302   403",
    ("accounts.panels", "GET"):                "login 403   403   403   403   403   200   403",
    ("accounts.create_panel", "GET"):          "login 403   403   403   403   403   200   403",
    ("accounts.create_panel", "POST"):         "login 403   403   403   403   403   200   403",
    ("accounts.edit_panel", "GET"):            "login 403   403   403   403   403   200   403",
    ("accounts.edit_panel", "POST"):           "login 403   403   403   403   403   302   403",
    ("accounts.audit_log", "GET"):             "login 403   403   403   403   403   200   403",
    # -- meetings: the panel's people; admins see none --
    ("panel.meetings", "GET"):                 "login 403   200   200   200   200   403   200",
    ("panel.generate", "POST"):                "login 403   403   403   400   403   403   400",
    ("panel.new_meeting", "GET"):              "login 403   403   403   200   403   403   200",
    ("panel.new_meeting", "POST"):             "login 403   403   403   400   403   403   400",
    ("panel.edit_meeting", "GET"):             "login 403   403   403   200   403   403   404",
    ("panel.edit_meeting", "POST"):            "login 403   403   403   400   403   403   404",
    ("panel.cancel_meeting", "GET"):           "login 403   403   403   200   403   403   404",
    ("panel.cancel_meeting", "POST"):          "login 403   403   403   302   403   403   404",
    # -- the consultation (questions, background): its worker and the coordinator --
    ("panel.my_consultations", "GET"):         "login 403   200   200   403   403   403   200",
    ("panel.book", "GET"):                     "login 403   200   200   200   403   403   200",
    ("panel.book", "POST"):                    "login 403   400   400   400   403   403   400",
    ("panel.consultation", "GET"):             "login 403   200   404   200   403   403   404",
    ("panel.edit_consultation", "GET"):        "login 403   200   404   200   403   403   404",
    ("panel.edit_consultation", "POST"):       "login 403   400   404   400   403   403   404",
    ("panel.cancel_consultation", "GET"):      "login 403   200   404   200   403   403   404",
    ("panel.cancel_consultation", "POST"):     "login 403   302   404   302   403   403   404",
    ("panel.documents", "POST"):               "login 403   403   403   302   403   403   404",
    # -- the meeting held, the statement, the message back to the child, emails (accounts/access.py
    #    statement_rights; the world has no finalised statement yet, so there is no version 1) --
    ("panel.meeting_held", "GET"):             "login 403   403   403   200   403   403   404",
    ("panel.meeting_held", "POST"):            "login 403   403   403   400   403   403   404",
    ("panel.statements", "GET"):               "login 403   403   403   200   403   403   200",
    ("panel.statement", "GET"):                "login 403   200   404   200   200   403   404",
    ("panel.statement_version", "GET"):        "login 403   404   404   404   404   403   404",
    ("panel.edit_statement", "GET"):           "login 403   403   403   200   403   403   404",
    ("panel.edit_statement", "POST"):          "login 403   403   403   302   403   403   404",
    ("panel.message_delivery", "GET"):         "login 403   200   404   403   403   403   404",
    ("panel.message_delivery", "POST"):        "login 403   400   404   403   403   403   404",
    ("panel.follow_up", "GET"):                "login 403   200   404   403   403   403   404",
    ("panel.follow_up", "POST"):               "login 403   400   404   403   403   403   404",
    ("panel.outbox", "GET"):                   "login 403   403   403   200   403   403   200",
    # -- the panel's workflow (panel/routes_*.py): members, outside experts, conflicts, documents,
    #    the pre-meeting material, the family's 30 minutes; the expert has declared no conflict --
    ("panel.members_page", "GET"):             "login 403   403   403   200   403   403   200",
    ("panel.set_member_field", "POST"):        "login 403   403   403   400   403   403   404",
    ("panel.attendance", "GET"):               "login 403   403   403   200   403   403   404",
    ("panel.attendance", "POST"):              "login 403   403   403   302   403   403   404",
    ("panel.my_attendance", "POST"):           "login 403   403   403   403   302   403   404",
    ("panel.outside_experts", "GET"):          "login 403   403   403   200   403   403   200",
    ("panel.outside_experts", "POST"):         "login 403   403   403   400   403   403   400",
    ("panel.edit_outside_expert", "GET"):      "login 403   403   403   200   403   403   200",
    ("panel.edit_outside_expert", "POST"):     "login 403   403   403   400   403   403   400",
    ("panel.consultation_experts", "GET"):     "login 403   403   403   200   403   403   404",
    ("panel.consultation_experts", "POST"):    "login 403   403   403   400   403   403   404",
    ("panel.invitation_outcome", "POST"):      "login 403   403   403   302   403   403   404",
    ("panel.declaration", "GET"):              "login 403   403   403   403   200   403   404",
    ("panel.declaration", "POST"):             "login 403   403   403   403   400   403   404",
    ("panel.declarations", "GET"):             "login 403   403   403   200   403   403   404",
    ("panel.clear_declaration", "POST"):       "login 403   403   403   302   403   403   404",
    ("panel.documents_page", "GET"):           "login 403   200   404   200   403   403   404",
    ("panel.documents_page", "POST"):          "login 403   400   404   403   403   403   404",
    ("panel.download", "GET"):                 "login 403   200   403   200   200   404   404",
    ("panel.delete_document", "POST"):         "login 403   302   404   302   403   403   404",
    ("panel.material_page", "GET"):            "login 403   403   403   200   200   403   404",
    ("panel.publish_material", "POST"):        "login 403   403   403   302   403   403   404",
    ("panel.family_overview", "GET"):          "login 403   403   403   200   403   403   404",
    ("panel.family_slot", "GET"):              "login 403   403   403   200   403   403   404",
    ("panel.family_slot", "POST"):             "login 403   403   403   400   403   403   404",
    ("panel.family_invitation", "GET"):        "login 403   200   404   200   403   403   404",
    # -- the child's words: the consultation's worker only --
    ("participation.overview", "GET"):         "login 403   200   403   403   403   404   404",
    ("participation.add", "POST"):             "login 403   302   403   403   403   404   404",
    ("participation.record", "GET"):           "login 403   200   403   403   403   404   404",
    ("participation.record", "POST"):          "login 403   302   403   403   403   404   404",
    ("participation.show", "GET"):             "login 403   200   403   403   403   404   404",
    ("participation.show", "POST"):            "login 403   302   403   403   403   404   404",
    ("participation.change_band", "POST"):     "login 403   302   403   403   403   404   404",
    ("participation.autosave", "POST"):        "login 403   400   403   403   403   404   404",
    ("participation.upload_drawing", "POST"):  "login 403   404   403   403   403   404   404",
    ("participation.finish", "POST"):          "login 403   302   403   403   403   404   404",
    ("participation.reopen", "POST"):          "login 403   302   403   403   403   404   404",
    ("participation.correct_answer", "POST"):  "login 403   302   403   403   403   404   404",
    ("participation.add_note", "POST"):        "login 403   400   403   403   403   404   404",
    ("participation.worry", "POST"):           "login 403   302   403   403   403   404   404",
    ("participation.summary", "GET"):          "login 403   200   403   403   403   404   404",
    # -- what the child allowed the panel to see: the worker and the panel, finished only --
    ("participation.drawing", "GET"):          "login 403   200   404   200   200   404   404",
    ("participation.panel_material", "GET"):   "login 403   200   403   200   200   404   404",
    ("participation.panel_summary", "GET"):    "login 403   200   403   200   200   404   404",
    # -- tablet codes: the consultation's worker only --
    ("tablet_staff.codes", "GET"):             "login 403   200   403   403   403   403   404",
    ("tablet_staff.create_code", "POST"):      "login 403   200   403   403   403   403   404",
    ("tablet_staff.cancel_code", "POST"):      "login 403   302   403   403   403   403   404",
    ("tablet_staff.code_status", "GET"):       "login 403   200   403   403   403   403   404",
    # -- the tablet: only its own session reaches its questionnaire --
    ("tablet.start", "GET"):                   "200   302   200   200   200   200   200   200",
    ("tablet.start", "POST"):                  "400   302   400   400   400   400   400   400",
    ("tablet.screen", "GET"):                  "302   200   302   302   302   302   302   302",
    ("tablet.screen", "POST"):                 "302   302   302   302   302   302   302   302",
    ("tablet.autosave", "POST"):               "410   400   410   410   410   410   410   410",
    ("tablet.upload_drawing", "POST"):         "410   404   410   410   410   410   410   410",
    ("tablet.drawing", "GET"):                 "302   200   302   302   302   302   302   302",
    ("tablet.still_here", "POST"):             "410   200   410   410   410   410   410   410",
    ("tablet.timeout", "POST"):                "302   302   302   302   302   302   302   302",
    ("tablet.finish", "POST"):                 "302   302   302   302   302   302   302   302",
    ("tablet.thanks", "GET"):                  "200   302   200   200   200   200   200   200",
    # -- feedback surveys: the coordinator's rates and yearly round; each staff member's own requests --
    ("surveys.index", "GET"):                  "login 403   403   403   200   403   403   200",
    ("surveys.send_round", "POST"):            "login 403   403   403   400   403   403   400",
    ("surveys.my_requests", "GET"):            "login 403   200   200   200   200   403   200",
    ("surveys.answer", "GET"):                 "login 403   200   404   404   404   403   404",
    ("surveys.answer", "POST"):                "login 403   400   404   404   404   403   404",
    # -- the report's downloads (CSV, CSV for Excel, XLSX): a coordinator of own panels, an admin of all --
    ("surveys_export.download", "GET"):        "login 403   403   403   200   403   200   200",
    # -- the feedback report and its charts: coordinators (own panels) and admins (every panel) --
    ("surveys_report.index", "GET"):           "login 403   403   403   200   403   200   200",
    ("surveys_report.chart", "GET"):           "login 403   403   403   200   403   200   200",
    # -- a child's or parent's feedback code: the consultation's worker only --
    ("surveys.family", "GET"):                 "login 403   200   403   403   403   403   404",
    ("surveys.make_code", "POST"):             "login 403   200   403   403   403   403   404",
    ("surveys.cancel_code", "POST"):           "login 403   302   403   403   403   403   404",
    # -- the feedback tablet: only its own session reaches its screens (the child's tablet session: none) --
    ("feedback_tablet.start", "GET"):          "200   403   200   200   200   200   200   200",
    ("feedback_tablet.start", "POST"):         "400   403   400   400   400   400   400   400",
    ("feedback_tablet.screen", "GET"):         "302   403   302   302   302   302   302   302",
    ("feedback_tablet.still_here", "POST"):    "410   403   410   410   410   410   410   410",
    ("feedback_tablet.timeout", "POST"):       "302   403   302   302   302   302   302   302",
    ("feedback_tablet.finish", "POST"):        "302   403   302   302   302   302   302   302",
    ("feedback_tablet.thanks", "GET"):         "200   403   200   200   200   200   200   200",
}

# Which record each route is asked about, when not the defaults of `ids` below:
# the panel's pages read the finished record (a draft is nobody's but the worker's); a correction
# is made to a finished (or handed-over) record.
FINISHED_RECORD_ENDPOINTS = {"participation.drawing", "participation.panel_summary", "participation.correct_answer"}


def expected(endpoint, method):
    words = EXPECTED[(endpoint, method)].split()
    assert len(words) == len(ACTORS), f"{endpoint} {method}: {len(words)} statuses for {len(ACTORS)} actors"
    return dict(zip(ACTORS, words))


def methods(rule):
    return [m for m in ("GET", "POST") if m in rule.methods]


def all_rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda r: r.rule)


# ---- the world every request starts from -------------------------------------------------

class World:
    """The app, a snapshot of its database, the ids in URLs and each actor's cookies."""

    def __init__(self, app, snapshot, ids, cookies):
        self.app, self.snapshot, self.ids, self.cookies = app, snapshot, ids, cookies

    def restore(self):
        source = sqlite3.connect(self.snapshot)
        target = sqlite3.connect(self.app.config["DATABASE"])
        target.execute("PRAGMA synchronous = OFF")  # a throwaway file: no fsync per request
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()

    def url(self, rule):
        values = dict(self.ids)
        if rule.endpoint in FINISHED_RECORD_ENDPOINTS:
            values["views_id"] = self.ids["finished_views_id"]
        adapter = self.app.url_map.bind("localhost")
        return adapter.build(rule.endpoint, {name: values[name] for name in rule.arguments})

    def status(self, rule, method, actor):
        """The status word of one request (see the module docstring)."""
        client = self.app.test_client()
        for name, value in self.cookies[actor]:
            client.set_cookie(name, value)
        try:
            response = client.open(self.url(rule), method=method, data={} if method == "POST" else None)
        except Exception as exc:  # noqa: BLE001 - an exception that escapes the app is a 500
            return f"500 ({exc!r})"
        finally:
            if method == "POST":
                self.restore()
        if response.status_code == 302 and response.location.split("?")[0].endswith("/login"):
            return "login"
        return str(response.status_code)


def _cookies(app, client):
    names = (app.config["SESSION_COOKIE_NAME"], TABLET_COOKIE)
    return [(name, client.get_cookie(name).value) for name in names if client.get_cookie(name)]


def fill_workflow(db, consultation_id, meeting_id, user_ids):
    """The workflow's rows the routes ask about: a document of the worker, an
    outside expert invited, the expert's "no conflict" and a family slot with
    its invitation ready. Returns their ids for the URLs."""
    document_id = documents_storage.add_document(
        db, consultation_id, title="Suunnitelma", content=sample_documents.PDF, actor_id=user_ids["worker"],
        on_day=TODAY, documents_due="2027-01-22")
    expert_id = members_storage.add_outside_expert(db, user_ids["coordinator"], organisation="Valteri",
                                                   expertise="Erityisopetus")
    invitation_id = members_storage.invite(db, consultation_id, expert_id, user_ids["coordinator"])
    declare(db, consultation_id, user_ids["expert"])
    meeting = panel_storage.get_meeting(db, meeting_id)
    material_storage.save_slot(db, panel_storage.get_consultation(db, consultation_id), meeting,
                               starts_at="2027-01-29T09:00", who="child", how="teams",
                               link="https://teams.example.fi/perhe", language="fi", note="", languages=["fi"],
                               actor_id=user_ids["coordinator"])
    material_storage.mark_invitation_ready(db, consultation_id, user_ids["coordinator"])
    return {"document_id": document_id, "expert_id": expert_id, "invitation_id": invitation_id}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("access")
    path, snapshot = str(folder / "access.sqlite"), str(folder / "snapshot.sqlite")
    app = create_app({"TESTING": True, "DATABASE": path, "SECRET_KEY": "access-test", "TODAY": TODAY,
                      "SESSION_COOKIE_SECURE": False, "WTF_CSRF_ENABLED": False, **TEST_SPEED})
    db = connect(path)
    migrate(db)
    panel_a = accounts_storage.create_panel(db, "Paneeli A")
    panel_b = accounts_storage.create_panel(db, "Paneeli B", case_code_prefix="PB")
    people = {"worker": (["social_worker"], [panel_a]), "colleague": (["social_worker"], [panel_a]),
              "coordinator": (["coordinator"], [panel_a]), "expert": (["expert"], [panel_a]),
              "admin": (["admin"], []), "outsider": (["social_worker", "coordinator", "expert"], [panel_b])}
    user_ids = {actor: make_user(db, f"{actor}@example.fi", roles, panels) for actor, (roles, panels) in people.items()}
    meeting_id = panel_storage.create_meeting(db, panel_a, datetime(2027, 1, 29, 9), datetime(2027, 1, 29, 11, 30),
                                              capacity=3)
    panel_storage.create_meeting(db, panel_b, datetime(2027, 1, 29, 9), datetime(2027, 1, 29, 11, 30), capacity=3)
    consultation_id = panel_storage.book_consultation(
        db, meeting_id=meeting_id, social_worker_id=user_ids["worker"], created_by=user_ids["worker"], child_age=10,
        background="Tausta.", questions=["Mitä tehdään?"], today=TODAY, closes_days_before=14)
    png = demo_png(20, 10)
    answer = {"choice": None, "text": "Toive", "declined": False, "visibility": "panel"}
    finished, draft, on_tablet = (make_views(db, consultation_id) for _ in range(3))
    for views_id in (finished, draft, on_tablet):
        views_storage.save_drawing(db, views_id, "q1", png)
        views_storage.save_answer(db, views_id, "q1", answer)
    views_storage.finish(db, finished)
    workflow_ids = fill_workflow(db, consultation_id, meeting_id, user_ids)
    with app.app_context():  # feedback: the worker's request, a family request and its code
        request_id = survey_requests.open_after_statement(
            db, consultation_id=consultation_id, meeting_id=meeting_id, social_worker_id=user_ids["worker"],
            present_member_ids=[user_ids["expert"]])[0]
        family_request_id = survey_requests.open_family_feedback(db, consultation_id=consultation_id,
                                                                 views_ids=[finished])[0]
    now = time.time()
    feedback_code_id = survey_storage.create_code(db, tablet_codes.hash_code(app.config["SECRET_KEY"], "ABCDEFGH"),
                                                  family_request_id, user_ids["worker"], now, 24 * 3600)
    secret = app.config["SECRET_KEY"]
    waiting_code = tablet_storage.create_code(db, tablet_codes.hash_code(secret, tablet_codes.new_code()),
                                              consultation_id, draft, user_ids["worker"], now, 24 * 3600)
    tablet_code = tablet_codes.new_code()
    tablet_storage.create_code(db, tablet_codes.hash_code(secret, tablet_code), consultation_id, on_tablet,
                               user_ids["worker"], now, 24 * 3600)
    token = tablet_codes.new_session_token()
    assert tablet_storage.redeem_code(db, tablet_codes.hash_code(secret, tablet_code),
                                      tablet_codes.hash_token(token), "fi", now)
    db.conn.close()

    cookies = {"anonymous": [], "tablet": [(TABLET_COOKIE, token)]}
    for actor in people:
        client = app.test_client()
        response = client.post("/login", data={"email": f"{actor}@example.fi", "password": PASSWORD})
        assert response.status_code == 302 and "/login" not in response.location, actor
        cookies[actor] = _cookies(app, client)
    # the snapshot is taken after the logins: anything a login stores is in it
    live, copy = sqlite3.connect(path), sqlite3.connect(snapshot)
    live.backup(copy)
    live.close()
    copy.close()
    ids = {"consultation_id": consultation_id, "views_id": draft, "finished_views_id": finished,
           "meeting_id": meeting_id, "code_id": waiting_code, "user_id": user_ids["expert"], "panel_id": panel_a,
           "question_id": "q1", "step": 0, "version": 1, "code": "fi", "filename": "css/app.css", **workflow_ids,
           "request_id": request_id, "family_request_id": family_request_id, "feedback_code_id": feedback_code_id,
           "lang": "fi", "name": "0123456789abcdef.wav", "fmt": "xlsx",
           "chart_name": "study", "chart_format": "svg"}
    return World(app, snapshot, ids, cookies)


# ---- the tests ---------------------------------------------------------------------------

def test_every_route_and_method_has_a_row(world):
    wanted = {(rule.endpoint, method) for rule in all_rules(world.app) for method in methods(rule)}
    missing = sorted(wanted - set(EXPECTED))
    assert not missing, "Add a row to EXPECTED for: " + ", ".join(f"{e} {m}" for e, m in missing)
    stale = sorted(set(EXPECTED) - wanted)
    assert not stale, "EXPECTED has rows for routes that do not exist: " + ", ".join(f"{e} {m}" for e, m in stale)


def test_every_row_has_a_status_for_each_actor():
    for endpoint, method in EXPECTED:
        expected(endpoint, method)


@pytest.mark.parametrize("actor", ACTORS)
def test_each_actor_gets_the_expected_status_on_every_route(world, actor):
    wrong = []
    for rule in all_rules(world.app):
        for method in methods(rule):
            if (rule.endpoint, method) not in EXPECTED:
                continue  # reported by test_every_route_and_method_has_a_row
            want = expected(rule.endpoint, method)[actor]
            got = world.status(rule, method, actor)
            if got != want:
                wrong.append(f"{method} {world.url(rule)} ({rule.endpoint}): expected {want}, got {got}")
    assert not wrong, f"{actor}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "anonymous"])
def test_made_up_ids_never_give_a_500(world, actor):
    """Ids that do not exist (or are another's) answer 4xx or a redirect, never an error."""
    adapter = world.app.url_map.bind("localhost")
    failed = []
    for rule in all_rules(world.app):
        if "GET" not in rule.methods or not (set(rule.arguments) & {"consultation_id", "views_id", "meeting_id",
                                                                     "code_id", "user_id", "panel_id",
                                                                     "document_id", "expert_id", "invitation_id",
                                                                     "request_id"}):
            continue
        values = {name: (99999 if name.endswith("_id") else world.ids[name]) for name in rule.arguments}
        client = world.app.test_client()
        for name, value in world.cookies[actor]:
            client.set_cookie(name, value)
        url = adapter.build(rule.endpoint, values)
        try:
            status = client.get(url).status_code
        except Exception as exc:  # noqa: BLE001 - reported below
            status = repr(exc)
        if not isinstance(status, int) or status >= 500:
            failed.append(f"{url}: {status}")
    assert not failed, "\n".join(failed)

