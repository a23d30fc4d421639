"""What the benchmark times without a server: `import app` in a fresh
interpreter, and the report's numbers and study chart drawn in-process.

    import_times(repeat=3)         -> {"import": s, "create_app": s, "matplotlib": bool}, the fastest run
    report_numbers(app)            -> ms of the report's SQL and summary, as the page computes them
    cold_chart(app, repeat=5)      -> {"matplotlib_import": ms, "first": ms, "median": ms} of charts.svg
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

IMPORT_SCRIPT = """
import json, sys, time
start = time.perf_counter()
import app
imported = time.perf_counter()
app.create_app({"DATABASE": sys.argv[1], "SECRET_KEY": "bench"})
made = time.perf_counter()
print(json.dumps({"import": imported - start, "create_app": made - imported,
                  "matplotlib": any(m.split(".")[0] == "matplotlib" for m in sys.modules)}))
"""


def import_times(database, repeat=3):
    """`import app` and `create_app()` in a fresh interpreter, the fastest of `repeat` runs.

    With a bytecode cache, as a server has once it has started: where
    PYTHONDONTWRITEBYTECODE is set (this machine's sessions), every import
    compiled its source again (~0.15 s). The cache goes to a folder of its own
    (PYTHONPYCACHEPREFIX), never beside the sources; the first run fills it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "kuulluksi-bench-pycache")
    runs = []
    for _ in range(repeat + 1):
        out = subprocess.run([sys.executable, "-c", IMPORT_SCRIPT, database], cwd=ROOT, capture_output=True,
                             text=True, check=True, env=env)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["import"] + r["create_app"])
    best["matplotlib"] = any(r["matplotlib"] for r in runs)
    return best


def _filters(db):
    from surveys.report_filters import Filters
    return Filters(panel_ids=tuple(r[0] for r in db.execute("SELECT id FROM panels ORDER BY id").fetchall()))


def _summaries(app, db):
    from panel import calendar
    from surveys import report_data, summary
    today = calendar.as_date(app.config["TODAY"] or calendar.today(app.config["TIMEZONE"]))
    rows = report_data.summaries(db, _filters(db), today=today, grace_days=app.config["SURVEY_GRACE_DAYS"])
    return summary.combine(rows)


def report_numbers(app, repeat=5):
    """Median ms of the report's numbers for every panel: answer_counts in SQL, then the summary."""
    from db import connect
    db = connect(app.config["DATABASE"])
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        _summaries(app, db)
        times.append((time.perf_counter() - start) * 1000)
    db.conn.close()
    return statistics.median(times)


def study_chart(app):
    """The study chart of every panel's released responses: the statements asked of both staff groups."""
    from db import connect
    from surveys import summary, suppression
    from surveys.chart_data import Group, StudyChart, StudyRow
    db = connect(app.config["DATABASE"])
    table = summary.by_question(_summaries(app, db))
    db.conn.close()
    groups = ("expert", "professional")
    rows = []
    for question_id, by_group in table.items():
        if all(g in by_group and by_group[g].positive_n is not None for g in groups):
            cells = suppression.suppress_small([suppression.from_summary(by_group[g]) for g in groups],
                                               min_n=app.config["SURVEY_MIN_N"])
            rows.append(StudyRow(question_id, tuple(cells)))
    return StudyChart("Tyytyväisyys", tuple(Group(g, max(by_group[g].n for by_group in table.values()
                                                            if g in by_group)) for g in groups), tuple(rows))


def cold_chart(app, repeat=5):
    """ms of charts.svg on the study chart (no cache in between): matplotlib's import, the first draw, the median."""
    from surveys import charts
    from surveys.texts import Translator
    chart, tr = study_chart(app), Translator.from_catalogue("fi")
    start = time.perf_counter()
    import matplotlib.figure  # noqa: F401  (what the first draw pays once per process)
    imported = time.perf_counter()
    charts.svg(chart, tr, chart_id="study")
    first = time.perf_counter()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        charts.svg(chart, tr, chart_id="study")
        times.append((time.perf_counter() - t) * 1000)
    return {"matplotlib_import": (imported - start) * 1000, "first": (first - imported) * 1000,
            "median": statistics.median(times), "rows": len(chart.rows)}
