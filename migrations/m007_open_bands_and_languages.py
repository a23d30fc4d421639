"""Bands and languages leave the schema: `views` and `tablet_sessions` are
rebuilt without the CHECKs that listed them (m003, m004), keeping every row.

Which bands exist comes from the questionnaire definitions and which
languages from LANGUAGES in config.py; the application checks both before it
writes. Every other constraint of the two tables stays as it was.
"""
from migrations.rebuild import rebuild_table, table_sql, without

NEEDS_FOREIGN_KEYS_OFF = True

LISTS = {
    "views": ["CHECK (band IN ('3-6', '7-12', '13-17', 'parent'))",
              "CHECK (language IN ('fi', 'sv', 'en'))"],
    "tablet_sessions": ["CHECK (lang IN ('fi', 'sv', 'en'))"],
}


def migrate(db):
    for table, checks in LISTS.items():
        sql = table_sql(db, table)
        for check in checks:
            sql = without(sql, check)
        rebuild_table(db, table, sql)
