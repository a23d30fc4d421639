"""A read's audit line, written while its page is being made.

Reading a child's words (or a case's background, or the report) writes one line
to the audit log, and the page may not leave before that line is on the disk:
with synchronous=FULL that is an fsync, 0.4–1.5 ms on the bench machine, as much
as a whole small page. The line needs nothing the page makes, so the page need
not wait for it: `log_read()` hands the line to one writer thread per process,
the request goes on making the page while SQLite waits for the disk, and
`wait_for_reads`, an after_request hook, holds the response until every line of
the request is committed. A line that could not be written raises there, so
the page is replaced by an error page and never goes out unlogged.

Why the hand-over waits until the writer is inside SQLite: a thread that wants
the GIL from a thread busy rendering gets it only after the switch interval
(5 ms), longer than the whole page. So `log_read` lets go of the GIL until the
writer has started its one INSERT (SQLite releases the GIL while it works and
waits for the disk), and the writer needs the GIL again only after the fsync,
when the request is waiting for it anyway. The lines queued at one moment go in
one INSERT (several requests, one fsync). Changes are not written here: a change
and its audit line stay in one `immediate()` transaction (storage.write_audit).
"""
import os
import queue
import threading
from concurrent.futures import Future

from flask import current_app, g, has_request_context

from accounts.storage import write_audit, write_audit_lines

WAIT_SECONDS = 30        # longer than the busy timeout (5 s) of any writer ahead of us
HAND_OVER_SECONDS = 1    # how long a request lets the writer start before it goes on regardless
IDLE_SECONDS = 60        # the writer thread ends after this long without a line
MOST_IN_ONE_INSERT = 100


class Pending:
    """One queued line: `started` once the writer is inside SQLite, `done` its outcome."""

    __slots__ = ("database", "line", "started", "done")

    def __init__(self, database, line):
        self.database, self.line = database, line
        self.started, self.done = threading.Event(), Future()


class ReadAuditWriter:
    """One thread per process that commits queued audit lines; it starts on the
    first line and ends after `idle_seconds` without one (tests make many apps)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pid = None
        self.lines = None
        self.running = False

    def submit(self, path, synchronous, line, idle_seconds=IDLE_SECONDS):
        """Queue `line` (write_audit's arguments after the database): its Pending."""
        pending = Pending((path, synchronous), line)
        with self.lock:
            if self.pid != os.getpid():  # a fork (gunicorn) inherits no thread: start afresh
                self.pid, self.lines, self.running = os.getpid(), queue.SimpleQueue(), False
            self.lines.put(pending)
            if not self.running:
                self.running = True
                threading.Thread(target=self._run, args=(self.lines, idle_seconds),
                                 name="read-audit", daemon=True).start()
        return pending

    def _run(self, lines, idle_seconds):
        while True:
            try:
                batch = [lines.get(timeout=idle_seconds)]
            except queue.Empty:
                with self.lock:  # a line queued meanwhile saw running=True: take it before ending
                    if lines.empty():
                        if lines is self.lines:
                            self.running = False
                        return
                continue
            while len(batch) < MOST_IN_ONE_INSERT and not lines.empty():
                batch.append(lines.get_nowait())
            for database in dict.fromkeys(p.database for p in batch):
                commit([p for p in batch if p.database == database])


def commit(batch):
    """Write the lines of `batch` (one database) in one INSERT; tell each its outcome."""
    from db import give_back, take_connection
    try:
        db = take_connection(*batch[0].database)
        try:
            for pending in batch:
                pending.started.set()
            write_audit_lines(db, [p.line for p in batch])
        finally:
            give_back(db)
    except BaseException as exc:  # every waiting request must hear it, whatever it was
        for pending in batch:
            pending.started.set()
            pending.done.set_exception(exc)
        return
    for pending in batch:
        pending.done.set_result(True)


_writer = ReadAuditWriter()


def log_read(user_id, action, consultation_id=None, detail=""):
    """Audit-log a read (ids only). In a request the line is written while the
    page is made and the response waits for it; elsewhere it is written now."""
    if not has_request_context():
        from db import get_db
        write_audit(get_db(), user_id, action, consultation_id, detail)
        return
    config = current_app.config
    pending = _writer.submit(config["DATABASE"], config["DATABASE_SYNCHRONOUS"],
                             (user_id, action, consultation_id, detail))
    g.setdefault("pending_reads", []).append(pending.done)
    pending.started.wait(HAND_OVER_SECONDS)


def wait_for_reads(response):
    """after_request: the response goes out only once each of its read lines is committed."""
    for done in g.pop("pending_reads", ()):
        done.result(timeout=WAIT_SECONDS)  # raises what the write raised: an error page instead
    return response


def settle_reads(exc=None):
    """teardown_request: a request that ended in an error still waits for its lines
    (they are written all the same), so none is in flight when the next begins."""
    for done in g.pop("pending_reads", ()):
        try:
            done.result(timeout=WAIT_SECONDS)
        except Exception:  # noqa: BLE001 – the request's own error is the one that counts
            pass
