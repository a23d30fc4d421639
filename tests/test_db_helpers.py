"""db.py's SQL helpers: an IN list's placeholders and a range of months, run on SQLite itself."""
import sqlite3

import pytest

from db import marks, month_range

MONTHS = ["2025-12", "2026-01", "2026-01-round", "2026-06-15", "2026-07"]


def months_between(from_month, to_month):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (period TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [[m] for m in MONTHS])
    conditions, params = month_range("period", from_month, to_month)
    where = " AND ".join(conditions) or "1"
    return [row[0] for row in conn.execute(f"SELECT period FROM t WHERE {where} ORDER BY period", params)]


@pytest.mark.parametrize("from_month, to_month, expected", [
    (None, None, MONTHS),
    ("2026-01", None, ["2026-01", "2026-01-round", "2026-06-15", "2026-07"]),
    (None, "2026-01", ["2025-12", "2026-01", "2026-01-round"]),
    ("2026-02", "2026-06", ["2026-06-15"]),
    ("2026-08", "2026-09", []),
])
def test_a_month_range_includes_both_ends_and_leaves_a_missing_end_open(from_month, to_month, expected):
    assert months_between(from_month, to_month) == expected


def test_an_empty_in_list_matches_nothing():
    conn = sqlite3.connect(":memory:")
    assert marks([1, 2, 3]) == "?,?,?"
    assert conn.execute(f"SELECT 1 WHERE 1 IN ({marks([])})").fetchall() == []
