"""The statement's state on the lists (issue 13's benchmark): a social worker's
consultations page and the coordinator's statements page read every row's
statement in batch, so their SQL statements do not grow with the rows.
Counted with sqlite3's trace callback, not timed."""
from datetime import date

import pytest

from panel import statement_status
from panel import statement_storage as storage
from tests.conftest import make_user
from tests.statement_world import ANSWERS, DRAFT, book, child_views, hold

DAY_AFTER = date(2027, 2, 10)


@pytest.fixture
def people(db, panel_id):
    return {"worker": make_user(db, "sw@example.fi", ["social_worker"], [panel_id]),
            "coordinator": make_user(db, "ko@example.fi", ["coordinator"], [panel_id])}


def with_statements(db, panel_id, people, count):
    """Book `count` consultations, each with a child's views, the meeting held and a finalised statement."""
    for _ in range(count):
        consultation_id = book(db, panel_id, people["worker"])
        child_views(db, consultation_id)
        hold(db, consultation_id, people["coordinator"])
        storage.save_draft(db, consultation_id, people["coordinator"], answers=ANSWERS, **DRAFT)
        storage.finalise(db, consultation_id, people["coordinator"], link="/consultations/1/statement")


def counted(db, call):
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        result = call()
    finally:
        db.conn.set_trace_callback(None)
    return result, statements


def test_the_workers_tasks_run_as_many_statements_for_five_consultations_as_for_one(db, panel_id, people):
    with_statements(db, panel_id, people, 1)
    tasks, one = counted(db, lambda: statement_status.worker_tasks(db, people["worker"], [panel_id], DAY_AFTER))
    assert len(tasks) == 1 and tasks[0]["statement"]["unmarked"]  # the message's delivery is to be marked
    with_statements(db, panel_id, people, 4)
    tasks, five = counted(db, lambda: statement_status.worker_tasks(db, people["worker"], [panel_id], DAY_AFTER))
    assert len(tasks) == 5
    assert len(five) == len(one), "\n".join(five)


def test_the_held_consultations_run_as_many_statements_for_five_as_for_one(db, panel_id, people):
    with_statements(db, panel_id, people, 1)
    rows, one = counted(db, lambda: statement_status.held_consultations(db, [panel_id], DAY_AFTER))
    with_statements(db, panel_id, people, 4)
    rows, five = counted(db, lambda: statement_status.held_consultations(db, [panel_id], DAY_AFTER))
    assert len(rows) == 5 and all(r["statement"]["latest"]["version"] == 1 for r in rows)
    assert len(five) == len(one)


def test_a_list_row_has_the_same_state_as_the_consultations_own_page(db, panel_id, people):
    with_statements(db, panel_id, people, 2)
    rows = statement_status.held_consultations(db, [panel_id], DAY_AFTER)
    for row in rows:
        assert row["statement"] == statement_status.status(db, row, DAY_AFTER)
        assert row["statement"]["meeting_held"] and row["statement"]["follow_up_asked"]
