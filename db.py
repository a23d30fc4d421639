"""The database: one sqlite_utils.Database per request (from a per-process
pool of connections), migrations, init-db.

Every connection gets the same pragmas (WAL, foreign keys, busy timeout,
synchronous=FULL). Every read-then-write goes through `immediate(db)`, which
takes the write lock at the start (BEGIN IMMEDIATE) so two requests cannot
both read a stale state and then both write.
"""
import contextlib
import os
import re
import sqlite3
import threading
import weakref

import click
import sqlite_utils
from sqlite_utils.utils import dedupe_keys
from flask import current_app, g, has_app_context

from migrations import MIGRATIONS


SYNCHRONOUS_LEVELS = ("OFF", "NORMAL", "FULL", "EXTRA")


class Database(sqlite_utils.Database):
    """sqlite_utils' Database with two lookups made cheap for a web request
    (bench/: a page ran some 40 statements of which half were these):

    - `query()` runs a plain SELECT directly: sqlite-utils 4 wraps every
      query in SAVEPOINT/RELEASE (so that a statement returning no rows can
      be rolled back), two more statements each time, and a SELECT writes
      nothing to roll back. Anything else goes through sqlite-utils as before;
    - `table_names()` and `view_names()` are remembered until the schema
      changes (PRAGMA schema_version, read from the file's header): every
      `db["x"]` and `rows_where` asked sqlite_master again.
    """

    def query(self, sql, params=None):
        if not sql.lstrip()[:6].upper() == "SELECT" or self._tracer:
            return super().query(sql, params)
        cursor = self.conn.execute(sql, params if params is not None else ())
        keys = dedupe_keys(d[0] for d in cursor.description)
        return (dict(zip(keys, row)) for row in cursor)

    def _schema_names(self, kind):
        version = self.conn.execute("PRAGMA schema_version").fetchone()[0]
        cache = self.__dict__.setdefault("_kuulluksi_names", {})
        if cache.get("version") != version:
            cache.clear()
            cache["version"] = version
        if kind not in cache:
            cache[kind] = [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = ?",
                                                           [kind]).fetchall()]
        return list(cache[kind])

    def table_names(self, fts4=False, fts5=False):
        if fts4 or fts5:
            return super().table_names(fts4=fts4, fts5=fts5)
        return self._schema_names("table")

    def view_names(self):
        return self._schema_names("view")


_PRAGMA = re.compile(r"pragma", re.IGNORECASE)


class TrackedCursor(sqlite3.Cursor):
    """A cursor that tells its connection when it ran a PRAGMA (which may turn foreign keys off)."""

    def execute(self, sql, parameters=()):
        if _PRAGMA.search(sql):
            self.connection.pragma_ran = True
        return super().execute(sql, parameters)

    def executemany(self, sql, parameters):
        if _PRAGMA.search(sql):
            self.connection.pragma_ran = True
        return super().executemany(sql, parameters)

    def executescript(self, script):
        self.connection.pragma_ran = True
        return super().executescript(script)


class TrackedConnection(sqlite3.Connection):
    """A connection that remembers its open cursors, so that a pooled one can
    be handed to the next request with no statement left running.

    A SELECT that was not read to its end keeps its read transaction, and so
    its snapshot of the database, open even in autocommit mode (in_transaction
    stays False): on the next request every read would see the old data.
    `finish()` closes every cursor, which ends that snapshot. It asks whether
    foreign keys are still on only when a PRAGMA ran since it last asked (a
    statement of its own on every request, as much as a page's smaller reads)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_cursors = weakref.WeakSet()
        self.pragma_ran = True  # connect() sets them: the first finish() asks

    def cursor(self, factory=TrackedCursor):
        cursor = super().cursor(factory)
        self.open_cursors.add(cursor)
        return cursor

    # sqlite3's own shortcuts make their cursor without calling cursor().
    def execute(self, sql, parameters=()):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, parameters):
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script):
        return self.cursor().executescript(script)

    def finish(self):
        """Close every cursor; True when the connection is as a new one would be."""
        for cursor in list(self.open_cursors):
            cursor.close()
        self.open_cursors.clear()
        if self.in_transaction:
            return False
        if self.pragma_ran:
            if self.execute("PRAGMA foreign_keys").fetchone()[0] != 1:
                return False
            self.open_cursors.clear()
            self.pragma_ran = False
        return True


def connect(path, synchronous=None):
    """Open a connection to `path` with the project's pragmas.

    `synchronous` defaults to the app's DATABASE_SYNCHRONOUS (FULL outside an app).
    """
    if synchronous is None:
        synchronous = current_app.config["DATABASE_SYNCHRONOUS"] if has_app_context() else "FULL"
    if synchronous not in SYNCHRONOUS_LEVELS:
        raise ValueError(f"DATABASE_SYNCHRONOUS must be one of {SYNCHRONOUS_LEVELS}")
    conn = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False,
                           factory=TrackedConnection)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA synchronous = {synchronous}")
    db = Database(conn)
    db.opened_as = (path, synchronous)
    return db


def get_db():
    """The request's database, taken from the pool (or opened) on first use and
    given back at teardown. One connection belongs to one request at a time."""
    if "db" not in g:
        config = current_app.config
        g.db = _pool.take(config["DATABASE"], config["DATABASE_SYNCHRONOUS"]) or connect(config["DATABASE"])
    return g.db


class ConnectionPool:
    """Idle connections of this process, for one database file at a time.

    Every new connection reads the whole schema on its first statement: 0.5 ms
    here for the 109 tables, indexes and triggers, more than a small page
    costs (bench/RESULTS.md). A request takes an idle connection and gives it
    back at teardown with its cursors closed (TrackedConnection.finish), no
    transaction open and foreign keys on; anything else is closed instead.
    The idle connections also keep the WAL open: SQLite checkpoints and
    deletes it (several fsyncs) whenever the last connection to the file
    closes, which with a connection per request was every request. Never one
    inherited over a fork; a new path (tests open many) closes the old ones."""

    def __init__(self, size):
        self.size = size
        self.lock = threading.Lock()
        self.key = None
        self.idle = []

    def take(self, path, synchronous):
        with self.lock:
            if self.key == (path, synchronous, os.getpid()) and self.idle:
                return self.idle.pop()
        return None

    def give_back(self, db):
        key = (*db.opened_as, os.getpid())
        try:
            reusable = db.conn.finish()
        except sqlite3.Error:
            reusable = False
        stale = []
        with self.lock:
            if reusable and key != self.key:
                if self.key is not None and self.key[2] == key[2]:
                    stale = self.idle  # another process's connections are never touched here
                self.idle, self.key = [], key
            if reusable and len(self.idle) < self.size:
                self.idle.append(db)
                db = None
        for old in stale:
            old.conn.close()
        if db is not None:
            db.conn.close()


_pool = ConnectionPool(size=16)


def close_db(exc=None):
    db = g.pop("db", None)
    if db is None:
        return
    if exc is None and hasattr(db, "opened_as"):
        _pool.give_back(db)
    else:
        db.conn.close()


def marks(values):
    """The placeholders of an IN list: "?,?,?"; "NULL" for none, so `x IN (NULL)` matches nothing."""
    return ",".join("?" * len(values)) or "NULL"


def month_range(column, from_month, to_month):
    """([conditions], [parameters]) that the month ('YYYY-MM') `column` starts with lies in
    from_month..to_month, both ends included; an end that is None leaves that side open."""
    conditions, params = [], []
    for op, month in ((">=", from_month), ("<=", to_month)):
        if month:
            conditions.append(f"substr({column}, 1, 7) {op} ?")
            params.append(month)
    return conditions, params


@contextlib.contextmanager
def immediate(db):
    """A BEGIN IMMEDIATE transaction: commit on success, roll back on error.

    Nested use joins the outer transaction.
    """
    if db.conn.in_transaction:
        yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def migrate(db, stop_before=None):
    """Apply pending migrations; safe to run any number of times.

    Outside a transaction: a migration that rebuilds a table
    (NEEDS_FOREIGN_KEYS_OFF) turns foreign keys off for its own transaction.
    """
    MIGRATIONS.apply(db, stop_before=stop_before)


def is_empty(db):
    """True when the database holds no users yet."""
    return not db["users"].exists() or db["users"].count == 0


@click.command("init-db")
def init_db_command():
    """Create the database or upgrade it to the latest schema."""
    db = connect(current_app.config["DATABASE"])
    before = {m.name for m in MIGRATIONS.applied(db)}
    migrate(db)
    after = [m.name for m in MIGRATIONS.applied(db) if m.name not in before]
    click.echo(f"Database {current_app.config['DATABASE']}: "
               + (f"applied {', '.join(after)}." if after else "up to date."))
    db.conn.close()


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
