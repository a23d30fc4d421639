"""Numbered schema migrations.

Each module here named `mNNN_what.py` defines `migrate(db)`. They are applied
in the order of their numbers with sqlite-utils' Migrations, each once, and
recorded in the `_sqlite_migrations` table. Never edit a migration that has
landed on main: add a new one with the next number.
"""
import importlib
import pkgutil

from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("kuulluksi")

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("m") and _info.name[1:4].isdigit():
        _module = importlib.import_module(f"{__name__}.{_info.name}")
        MIGRATIONS(name=_info.name)(_module.migrate)
