"""Rebuild a table with a changed CREATE TABLE statement, keeping its rows,
indexes and triggers: SQLite's own recipe (https://sqlite.org/lang_altertable.html,
"Making Other Kinds Of Table Schema Changes").

Only for a migration with `NEEDS_FOREIGN_KEYS_OFF = True`: with foreign keys
on, dropping the old table would cascade-delete every row that refers to it.
"""
import re


def table_sql(db, table):
    """The CREATE TABLE statement of `table` as SQLite keeps it."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()
    if row is None:
        raise LookupError(f"no table {table}")
    return row[0]


def without(sql, clause):
    """`sql` with `clause` (and the space before it) taken out; it must occur exactly once."""
    count = sql.count(" " + clause)
    if count != 1:
        raise ValueError(f"expected {clause!r} once in the table's SQL, found it {count} times")
    return sql.replace(" " + clause, "")


def rebuild_table(db, table, create_sql):
    """Replace `table` by one made with `create_sql` (a CREATE TABLE `table`
    statement), copying every row of the columns both have.

    Every view and trigger of the database is dropped for the swap and made
    again from its saved SQL (renaming the new table into place fails while
    one of them names a table that is momentarily missing); the table's own
    indexes are made again too.
    """
    if db.execute("PRAGMA foreign_keys").fetchone()[0]:
        raise RuntimeError(f"rebuilding {table} with foreign keys on would cascade-delete the rows referring to it")
    temporary = f"_rebuild_{table}"
    named = re.compile(rf'^\s*CREATE\s+TABLE\s+("?){re.escape(table)}\1\s*\(', re.IGNORECASE)
    if not named.match(create_sql):
        raise ValueError(f"create_sql must be a CREATE TABLE {table} statement")
    saved = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND (type IN ('view', 'trigger') OR (type = 'index' AND tbl_name = ?)) ORDER BY rowid", [table]).fetchall()
    for kind, name, _sql in saved:
        if kind in ("view", "trigger"):
            db.execute(f'DROP {kind.upper()} "{name}"')
    old_columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
    db.execute(named.sub(f'CREATE TABLE "{temporary}" (', create_sql, count=1))
    new_columns = {row[1] for row in db.execute(f'PRAGMA table_info("{temporary}")')}
    columns = ", ".join(f'"{c}"' for c in old_columns if c in new_columns)
    db.execute(f'INSERT INTO "{temporary}" ({columns}) SELECT {columns} FROM "{table}"')
    db.execute(f'DROP TABLE "{table}"')
    db.execute(f'ALTER TABLE "{temporary}" RENAME TO "{table}"')
    for _kind, _name, sql in saved:
        db.execute(sql)
