"""The meetings page's links, built once per page (panel/meeting_links.py,
web/links.py), lead where url_for leads: every card's and every agenda row's."""
from flask import url_for

from panel import statement_storage, storage
from tests.conftest import login, make_user
from tests.statement_world import ANSWERS, DRAFT, child_views, hold
from tests.statement_world import book as book_with_questions
from tests.test_meetings_page_statements import add_meetings, fill
from tests.test_panel import OPEN_DAY, book


def expected(app, endpoint, **values):
    with app.test_request_context("/"):
        return url_for(endpoint, **values)


def test_each_card_and_agenda_row_links_to_its_own_pages(app, db, panel_id, users, login_as):
    app.config["TODAY"] = OPEN_DAY
    meeting_ids = add_meetings(db, panel_id, 2)
    fill(db, meeting_ids, 2, users)
    html = login_as("coordinator").get("/meetings").get_data(as_text=True)
    for meeting_id in meeting_ids:
        card = html[html.index(f'id="meeting-{meeting_id}"'):]
        card = card[:card.index("</section>")]
        for endpoint in ("panel.edit_meeting", "panel.cancel_meeting", "panel.material_page", "panel.attendance",
                         "panel.declarations", "panel.family_overview", "panel.book"):
            assert f'="{expected(app, endpoint, meeting_id=meeting_id)}"' in card, endpoint
        for consultation in storage.list_meeting_consultations(db, [meeting_id])[meeting_id]:
            for endpoint in ("panel.consultation", "panel.documents", "participation.panel_material"):
                assert f'="{expected(app, endpoint, consultation_id=consultation["id"])}"' in card, endpoint


def test_an_expert_who_has_not_declared_gets_the_declaration_link_of_that_case(app, db, panel_id, users, login_as):
    app.config["TODAY"] = OPEN_DAY
    [meeting_id] = add_meetings(db, panel_id, 1)
    consultation_id = book(db, meeting_id, users["social_worker"][0], today=OPEN_DAY)
    html = login_as("expert").get("/meetings").get_data(as_text=True)
    assert f'href="{expected(app, "panel.declaration", consultation_id=consultation_id)}"' in html
    assert f'href="{expected(app, "panel.consultation", consultation_id=consultation_id)}"' not in html



def test_a_workers_list_links_each_row_and_task_where_url_for_does(app, db, panel_id, client):
    """The consultation's page, its statement and the task after the meeting (mark the delivery)."""
    worker = make_user(db, "sw-links@example.fi", ["social_worker"], [panel_id])
    coordinator = make_user(db, "ko-links@example.fi", ["coordinator"], [panel_id])
    consultation_id = book_with_questions(db, panel_id, worker)
    child_views(db, consultation_id)
    hold(db, consultation_id, coordinator)
    statement_storage.save_draft(db, consultation_id, coordinator, answers=ANSWERS, **DRAFT)
    statement_storage.finalise(db, consultation_id, coordinator, link="/consultations/1/statement")
    app.config["TODAY"] = "2027-02-10"
    login(client, "sw-links@example.fi")
    html = client.get("/consultations/mine").get_data(as_text=True)
    for endpoint in ("panel.consultation", "panel.statement", "panel.message_delivery"):
        assert f'href="{expected(app, endpoint, consultation_id=consultation_id)}"' in html, endpoint
