"""A read's audit line is written by a writer thread while the page is made
(accounts/read_audit.py): the page goes out only once its line is committed,
a line that cannot be written turns the page into an error page, and lines
queued together are committed together."""
import sqlite3
import threading
import time

import pytest

from accounts import read_audit
from participation import storage
from tests.test_audit import SECRET, answer, case, last_id, lines_since, worker  # noqa: F401 (fixtures)


def slow_and_counted(monkeypatch, seconds, written):
    """The writer's INSERT, made slow; `written` collects the thread of each batch."""
    real = read_audit.write_audit_lines

    def slow(db, lines):
        time.sleep(seconds)
        written.append(threading.current_thread().name)
        real(db, lines)
    monkeypatch.setattr(read_audit, "write_audit_lines", slow)


def test_the_page_waits_for_its_read_line_which_the_writer_thread_writes(worker, db, case, monkeypatch):
    storage.save_answer(db, case["views_id"], "q1", answer())
    before, written = last_id(db), []
    slow_and_counted(monkeypatch, 0.2, written)
    page = worker.get(f"/views/{case['views_id']}")
    # the response came back: its line is already in the log, written on the writer's thread
    assert page.status_code == 200 and SECRET in page.get_data(as_text=True)
    assert lines_since(db, before) == [(case["worker_id"], "views.read", case["consultation_id"],
                                        f"views {case['views_id']}")]
    assert written == ["read-audit"]


def test_a_read_line_that_cannot_be_written_keeps_the_page_from_going_out(app, worker, db, case, monkeypatch):
    storage.save_answer(db, case["views_id"], "q1", answer())
    before = last_id(db)

    def broken(db, lines):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(read_audit, "write_audit_lines", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error page, not the traceback
    page = worker.get(f"/views/{case['views_id']}")
    assert page.status_code == 500
    assert SECRET not in page.get_data(as_text=True)
    assert lines_since(db, before) == []


def test_lines_queued_together_are_committed_together_and_fail_together(app, db, users):
    """Several requests' lines, one transaction (one fsync): and one bad line fails them all, so no
    request is told its line is on the disk when the transaction that held it was rolled back."""
    path, sync = app.config["DATABASE"], app.config["DATABASE_SYNCHRONOUS"]
    user = users["admin"][0]
    before = last_id(db)
    good = [read_audit.Pending((path, sync), (user, "report.viewed", None, f"line {i}")) for i in range(3)]
    read_audit.commit(good)
    assert [p.done.result(timeout=1) for p in good] == [True, True, True]
    assert [line[3] for line in lines_since(db, before)] == ["line 0", "line 1", "line 2"]

    before = last_id(db)
    bad = [read_audit.Pending((path, sync), (user, "report.viewed", None, "fine")),
           read_audit.Pending((path, sync), (10 ** 9, "report.viewed", None, "no such user"))]
    read_audit.commit(bad)
    for pending in bad:
        with pytest.raises(sqlite3.IntegrityError):
            pending.done.result(timeout=1)
    assert lines_since(db, before) == []


def test_the_writer_thread_ends_when_idle_and_starts_again_for_the_next_line(app, db, users):
    path, sync = app.config["DATABASE"], app.config["DATABASE_SYNCHRONOUS"]
    writer = read_audit.ReadAuditWriter()
    writer.submit(path, sync, (users["admin"][0], "report.viewed", None, "first"), idle_seconds=0.05).done.result(1)
    deadline = time.monotonic() + 5
    while writer.running and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not writer.running
    before = last_id(db)
    writer.submit(path, sync, (users["admin"][0], "report.viewed", None, "second"), idle_seconds=0.05).done.result(1)
    assert [line[3] for line in lines_since(db, before)] == ["second"]
