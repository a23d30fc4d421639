"""The meetings page reads in batch (issue 13's benchmark): the SQL statements
of one GET /meetings do not grow with the number of meetings shown or of
consultations on their agendas, for the coordinator and for an expert member
(whose declarations, material readings and "changed since" are per meeting).
Counted with sqlite3's trace callback, not timed."""
from datetime import date, datetime, timedelta

import pytest

from panel import material_storage, storage
from participation import storage as views_storage
from tests.conftest import declare, trace_requests
from tests.test_panel import MEETING_DAY, OPEN_DAY, book


def add_meetings(db, panel_id, count):
    """`count` meetings a week apart from MEETING_DAY, room for seven each."""
    ids = []
    for week in range(count):
        day = datetime.combine(MEETING_DAY + timedelta(days=7 * week), datetime.min.time())
        ids.append(storage.create_meeting(db, panel_id, day.replace(hour=9), day.replace(hour=11, minute=30),
                                          capacity=7))
    return ids


def fill(db, meeting_ids, per_meeting, users):
    """Each meeting gets `per_meeting` consultations (a child's finished views with
    a worry marker the panel may see, the expert's "no conflict"), its material
    published and read once."""
    worker, expert, coordinator = (users[r][0] for r in ("social_worker", "expert", "coordinator"))
    for meeting_id in meeting_ids:
        while len(storage.list_meeting_consultations(db, [meeting_id])[meeting_id]) < per_meeting:
            consultation_id = book(db, meeting_id, worker, today=OPEN_DAY)
            views_id = views_storage.create_views(db, consultation_id, "13-17")
            views_storage.save_answer(db, views_id, "q2", {"choice": None, "text": "Koulu.", "declined": False,
                                                          "visibility": "panel"}, actor_id=worker)
            views_storage.set_worry(db, views_id, "q2", True)
            views_storage.finish(db, views_id, worker)
            declare(db, consultation_id, expert)
        if material_storage.publication(db, meeting_id) is None:
            material_storage.publish(db, meeting_id, coordinator)
            material_storage.record_read(db, meeting_id, expert, {})


def statements_of_the_page(monkeypatch, client):
    statements = []
    with monkeypatch.context() as patch:
        trace_requests(patch, statements)
        response = client.get("/meetings")
    assert response.status_code == 200
    return response.get_data(as_text=True), [s for s in statements if not s.startswith("PRAGMA")]


@pytest.mark.parametrize("role", ["coordinator", "expert"])
def test_the_meetings_page_runs_as_many_statements_for_four_full_meetings_as_for_one_case(
        monkeypatch, app, db, panel_id, users, login_as, role):
    app.config["TODAY"] = OPEN_DAY
    meeting_ids = add_meetings(db, panel_id, 4)
    client = login_as(role)
    client.get("/meetings")  # once-per-login work (e.g. remembering the user's language) is not the page's
    fill(db, meeting_ids[:1], 1, users)
    html, one = statements_of_the_page(monkeypatch, client)
    assert html.count("vaatii huomiota") == 1
    fill(db, meeting_ids, 3, users)
    html, many = statements_of_the_page(monkeypatch, client)
    assert html.count("vaatii huomiota") == 12  # every agenda row was loaded and shown
    assert len(many) == len(one), "\n".join(many)


def test_an_expert_is_told_which_meetings_material_changed_since_the_last_reading(
        app, db, panel_id, users, login_as):
    app.config["TODAY"] = OPEN_DAY
    first, second = add_meetings(db, panel_id, 2)
    fill(db, [first, second], 1, users)
    expert = users["expert"][0]
    for meeting_id in (first, second):  # read as it is now
        ids = [c["id"] for c in storage.list_meeting_consultations(db, [meeting_id])[meeting_id]]
        material_storage.record_read(db, meeting_id, expert, material_storage.digests(db, ids))
    changed = storage.list_meeting_consultations(db, [second])[second][0]["id"]
    db["consultations"].update(changed, {"background": "Uusi tausta."})
    html = login_as("expert").get("/meetings").get_data(as_text=True)
    assert html.count("Muuttunut lukemisesi jälkeen") == 1
    second_card = html[html.index(f'id="meeting-{second}"'):]
    assert "Muuttunut lukemisesi jälkeen" in second_card
    assert date.fromisoformat(OPEN_DAY) < MEETING_DAY
