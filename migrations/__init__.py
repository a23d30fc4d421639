"""Numbered schema migrations.

Each module here named `mNNN_what.py` defines `migrate(db)`. They are applied
in the order of their numbers with sqlite-utils' Migrations, each once, and
recorded in the `_sqlite_migrations` table. Never edit a migration that has
landed on main: add a new one with the next number.

A migration that rebuilds a table (to change a constraint SQLite cannot
ALTER) sets `NEEDS_FOREIGN_KEYS_OFF = True` and uses `rebuild.rebuild_table`:
it then runs with foreign keys off, so that dropping the old table does not
cascade-delete the rows that refer to it.
"""
import importlib
import pkgutil

from sqlite_utils.migrations import Migrations as _Migrations


class ForeignKeyViolation(Exception):
    """A migration run with foreign keys off left rows pointing nowhere."""


class Migrations(_Migrations):
    """sqlite-utils' Migrations, plus migrations registered with
    `foreign_keys_off=True`.

    Such a migration runs with `PRAGMA foreign_keys = OFF` (the pragma has no
    effect inside a transaction, so it is set before), in a transaction of its
    own together with its `_sqlite_migrations` record; `PRAGMA
    foreign_key_check` must come back empty before the commit, else it is
    rolled back and ForeignKeyViolation raised. Foreign keys are then set back
    as they were. Everything else (order, `stop_before`, the bookkeeping) is
    sqlite-utils' own.
    """

    def __init__(self, name):
        super().__init__(name)
        self.foreign_keys_off = set()

    def __call__(self, *, name=None, transactional=True, foreign_keys_off=False):
        register = super().__call__(name=name, transactional=transactional)

        def inner(func):
            register(func)
            if foreign_keys_off:
                self.foreign_keys_off.add(name or func.__name__)
            return func
        return inner

    def apply(self, db, *, stop_before=None):
        stop = {stop_before} if isinstance(stop_before, str) else set(stop_before or ())
        while True:
            pending = self.pending(db)
            special = next((m for m in pending if m.name in self.foreign_keys_off), None)
            # sqlite-utils applies everything up to the next foreign-keys-off migration
            super().apply(db, stop_before=stop | ({special.name} if special else set()))
            if special is None or special.name in stop:
                return
            if self.pending(db)[0].name != special.name:  # stopped earlier by `stop_before`
                return
            self._apply_with_foreign_keys_off(db, special)

    def _apply_with_foreign_keys_off(self, db, migration):
        if db.conn.in_transaction:
            raise RuntimeError(f"{migration.name} needs foreign keys off: run it outside a transaction")
        was_on = db.execute("PRAGMA foreign_keys").fetchone()[0]
        db.execute("PRAGMA foreign_keys = OFF")
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                migration.fn(db)
                violations = db.execute("PRAGMA foreign_key_check").fetchall()
                if violations:
                    raise ForeignKeyViolation(f"{migration.name} left rows pointing nowhere: {violations[:5]}")
                self._record_applied(db, migration.name)
            except BaseException:
                if db.conn.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.execute(f"PRAGMA foreign_keys = {'ON' if was_on else 'OFF'}")


MIGRATIONS = Migrations("kuulluksi")

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("m") and _info.name[1:4].isdigit():
        _module = importlib.import_module(f"{__name__}.{_info.name}")
        MIGRATIONS(name=_info.name,
                   foreign_keys_off=getattr(_module, "NEEDS_FOREIGN_KEYS_OFF", False))(_module.migrate)
