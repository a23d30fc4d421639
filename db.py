"""The database: one sqlite_utils.Database per request, migrations, init-db.

Every connection gets the same pragmas (WAL, foreign keys, busy timeout,
synchronous=FULL). Every read-then-write goes through `immediate(db)`, which
takes the write lock at the start (BEGIN IMMEDIATE) so two requests cannot
both read a stale state and then both write.
"""
import contextlib
import os
import sqlite3

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


def connect(path, synchronous=None):
    """Open a connection to `path` with the project's pragmas.

    `synchronous` defaults to the app's DATABASE_SYNCHRONOUS (FULL outside an app).
    """
    if synchronous is None:
        synchronous = current_app.config["DATABASE_SYNCHRONOUS"] if has_app_context() else "FULL"
    if synchronous not in SYNCHRONOUS_LEVELS:
        raise ValueError(f"DATABASE_SYNCHRONOUS must be one of {SYNCHRONOUS_LEVELS}")
    conn = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA synchronous = {synchronous}")
    return Database(conn)


def get_db():
    """The request's database, opened on first use and closed at teardown."""
    if "db" not in g:
        path = current_app.config["DATABASE"]
        _keep_open(path)
        g.db = connect(path)
    return g.db


# SQLite checkpoints the WAL into the database file and deletes it (several
# fsyncs) whenever the LAST connection to it closes: with one connection per
# request that was every request, 3 ms on a read and 9 ms on a write here. One
# idle connection per process keeps the WAL open between requests; SQLite's
# automatic checkpoints (every 1000 pages) go on as before. One database per
# process at a time (tests open many); never one inherited over a fork.
_keeper = {}


def _keep_open(path):
    if _keeper.get("path") == path and _keeper.get("pid") == os.getpid():
        return
    old = _keeper.get("conn")
    if old is not None and _keeper.get("pid") == os.getpid():
        old.close()
    keeper = sqlite3.connect(path, check_same_thread=False)
    keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the WAL index: now it counts
    _keeper.update(path=path, pid=os.getpid(), conn=keeper)


def close_db(exc=None):
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


def marks(values):
    """The placeholders of an IN list: "?,?,?"; "NULL" for none, so `x IN (NULL)` matches nothing."""
    return ",".join("?" * len(values)) or "NULL"


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
