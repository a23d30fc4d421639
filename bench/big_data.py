"""The benchmark's databases: the demo data, then bulk rows written in one transaction.

    .venv/bin/python -m bench.big_data FOLDER [--responses 100000] [--consultations 2000]

`build(folder, responses, consultations)` makes FOLDER/demo.sqlite the way
`make run` does (scripts/demo_app.py: users, the demo panel, its year of
meetings, the study's survey responses), then adds with `executemany`, all in
one transaction and with a fixed seed (the same arguments give the same rows):

- panels: the demo panel and nine more, each with three social workers of its
  own and its meetings from three years back to the end of next year (the
  calendar rule, panel.calendar);
- consultations up to `consultations` in all: spread over every panel's past
  meetings (handled, documents received, meeting held), each with one to three
  questions, a child's views (and for every other one a parent's) finished
  with an answer, a worry marker on some, and a finalised statement; and the
  demo panel's next three meetings booked full (what the coordinator's
  meetings page shows: however many consultations the past holds, the coming
  agendas are bounded by the meetings' capacity, config.DEFAULT_MEETING_CAPACITY),
  documents in for about half, views in progress;
- survey responses: the demo's are removed and exactly `responses` written,
  spread over the ten panels (the demo panel a third of them), the 36
  released months before the grace period's cut (surveys/periods.py) and the
  three past yearly rounds, the four respondent groups and each survey's two
  stored versions (the second a copy of the first under the next version
  number, so the report has versions to tell apart); each with its answers
  (every scale point, "don't know" and skipped questions, a comment on some),
  and for each response a used request of the same panel, period and group
  (plus a quarter as many unused), so response rates stay consistent.

The small database of the report's "100 vs 100,000" comparison is the same
call with responses=100: same shape, fewer rows.
"""
import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import config  # noqa: E402  (after the path)

SEED = 13
EXTRA_PANELS = 9
WORKERS_PER_PANEL = 3
YEARS_BACK = 3
COMING_MEETINGS_FULL = 3          # the demo panel's next meetings, booked full: to the default capacity
GROUP_SHARES = {"expert": 0.45, "professional": 0.35, "child": 0.12, "parent": 0.08}
YEARLY_SHARE = 0.1                # staff responses given in a yearly round
SKIPPED, DONT_KNOW, COMMENTED = 0.04, 0.05, 0.08
# how likely each point of a five-point scale is (worst first), per group; a
# three-face scale takes the last three (children skew to the happiest face)
SCALE_WEIGHTS = {"expert": [2, 6, 20, 45, 27], "professional": [6, 14, 35, 33, 12],
                 "child": [1, 2, 10, 27, 60], "parent": [4, 8, 20, 38, 30]}
COMMENTS = ["Kiitos, lausunto auttoi.", "Aikaa oli liian vähän.", "Ennakkomateriaali tuli ajoissa.",
            "Suositukset voisivat olla konkreettisempia.", "Lapsen ääni näkyi hyvin."]


def build(folder, responses=100_000, consultations=2_000, seed=SEED):
    """FOLDER/demo.sqlite with the demo data and the bulk rows; returns the app."""
    from scripts.demo_app import demo_app
    Path(folder).mkdir(parents=True, exist_ok=True)
    app = demo_app(folder)
    from db import connect
    db = connect(app.config["DATABASE"], synchronous="OFF")
    rng = random.Random(seed)
    today = date.fromisoformat(_today(app))
    with app.app_context():  # the survey versions' texts come from the compiled catalogues
        versions = _survey_versions(db)
    db.execute("BEGIN IMMEDIATE")
    try:
        panel_ids = _panels(db)
        _meetings(db, panel_ids, today)
        views_ids = _consultations(db, rng, panel_ids, today, consultations)
        _responses(db, rng, panel_ids, today, app.config["SURVEY_GRACE_DAYS"], versions, views_ids, responses)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("ANALYZE")
    db.conn.close()
    return app


def _today(app):
    from panel import calendar
    return str(calendar.as_date(app.config["TODAY"] or calendar.today(app.config["TIMEZONE"])))


def _ids(db, sql, params=()):
    return [row[0] for row in db.execute(sql, params).fetchall()]


def _user(db, email):
    return db.execute("SELECT id FROM users WHERE email = ?", [email]).fetchone()[0]


def _panels(db):
    """The ten panels' ids; each new panel gets three social workers of its own (the demo password)."""
    db.conn.executemany("INSERT INTO panels (name, area, case_code_prefix) VALUES (?, ?, ?)",
                        [(f"Asiantuntijaryhmä {n}", f"Hyvinvointialue {n}", f"B{n:02d}")
                         for n in range(2, EXTRA_PANELS + 2)])
    panel_ids = _ids(db, "SELECT id FROM panels ORDER BY id")
    password_hash = db.execute("SELECT password_hash FROM users WHERE email = ?",
                               ["koordinaattori@example.fi"]).fetchone()[0]
    for panel_id in panel_ids[1:]:
        for k in range(1, WORKERS_PER_PANEL + 1):
            user_id = db.execute("INSERT INTO users (email, name, password_hash) VALUES (?, ?, ?)",
                                 [f"sosiaalityontekija{k}.ryhma{panel_id}@example.fi", f"Työntekijä {k}/{panel_id}",
                                  password_hash]).lastrowid
            db.execute("INSERT INTO user_roles (user_id, role) VALUES (?, 'social_worker')", [user_id])
            db.execute("INSERT INTO user_panels (user_id, panel_id) VALUES (?, ?)", [user_id, panel_id])
    return panel_ids


def _meetings(db, panel_ids, today):
    from panel import calendar
    rows = []
    for panel_id in panel_ids:
        taken = set(_ids(db, "SELECT substr(starts_at, 1, 10) FROM meetings WHERE panel_id = ?", [panel_id]))
        for year in range(today.year - YEARS_BACK, today.year + 2):
            for starts, ends in calendar.meeting_slots(year):
                if starts.date().isoformat() not in taken:
                    rows.append((panel_id, starts.strftime("%Y-%m-%dT%H:%M"), ends.strftime("%Y-%m-%dT%H:%M"),
                                 starts.date().isoformat()))
    db.conn.executemany("INSERT INTO meetings (panel_id, starts_at, ends_at, capacity, rule_date) "
                        "VALUES (?, ?, ?, 3, ?)", rows)


def _consultations(db, rng, panel_ids, today, total):
    """Consultations up to `total`, with questions, views, answers and statements; the views ids."""
    workers = {panel_id: _ids(db, "SELECT r.user_id FROM user_roles r JOIN user_panels p ON p.user_id = r.user_id "
                                  "WHERE r.role = 'social_worker' AND p.panel_id = ? ORDER BY r.user_id", [panel_id])
               for panel_id in panel_ids}
    coordinator = _user(db, "koordinaattori@example.fi")
    bands = {row[0]: row[1] for row in db.execute(
        "SELECT band, max(questionnaire_version_id) FROM views GROUP BY band").fetchall()}
    empty_past = db.execute("""SELECT m.id, m.panel_id, m.starts_at FROM meetings m WHERE m.starts_at < ?
                               AND NOT EXISTS (SELECT 1 FROM consultations c WHERE c.meeting_id = m.id)
                               ORDER BY m.starts_at, m.panel_id""", [str(today)]).fetchall()
    coming = db.execute("SELECT id, panel_id, starts_at FROM meetings WHERE panel_id = ? AND starts_at >= ? "
                        "AND cancelled = 0 ORDER BY starts_at LIMIT ?",
                        [panel_ids[0], str(today), COMING_MEETINGS_FULL]).fetchall()
    existing = db.execute("SELECT count(*) FROM consultations").fetchone()[0]
    booked = {m[0]: db.execute("SELECT count(*) FROM consultations WHERE meeting_id = ?", [m[0]]).fetchone()[0]
              for m in coming}
    full = config.DEFAULT_MEETING_CAPACITY
    places = [(m, "booked") for m in coming for _ in range(max(0, full - booked[m[0]]))]
    past_needed = max(0, total - existing - len(places))
    for i in range(past_needed):  # round robin over the past meetings: a few per meeting
        places.append((empty_past[i % len(empty_past)], "handled"))
    next_id = db.execute("SELECT coalesce(max(id), 0) FROM consultations").fetchone()[0] + 1
    consultations, questions, views = [], [], []
    for n, (meeting, status) in enumerate(places):
        meeting_id, panel_id, starts_at = meeting
        cid, age = next_id + n, rng.randint(0, 17)
        day = date.fromisoformat(starts_at[:10])
        received = f"{day - timedelta(days=8)}T12:00:00Z" if status == "handled" or rng.random() < 0.5 else None
        worker = workers[panel_id][n % len(workers[panel_id])]
        consultations.append((cid, panel_id, meeting_id, f"BE-{panel_id:02d}-{day.year}-{cid:05d}", worker, age,
                              "Bench-aineiston asia.", status, received, worker, f"{day - timedelta(days=30)}T09:00:00Z"))
        for position in range(1, rng.randint(1, 3) + 1):
            questions.append((cid, position, f"Kysymys {position}: mitä tukitoimia voisi vielä kokeilla?"))
        band = "3-6" if age < 7 else "7-12" if age < 13 else "13-17"
        people = [("child", band)] + ([("parent", "parent")] if cid % 2 == 0 else [])
        for person, band in people:
            finished = status == "handled" or rng.random() < 0.4
            views.append((cid, person, 1, band, bands.get(band, bands["parent"]), "finished" if finished else "draft",
                          worker, f"{day - timedelta(days=10)}T10:00:00Z" if finished else None,
                          worker if finished else None))
    db.conn.executemany("""INSERT INTO consultations (id, panel_id, meeting_id, case_code, social_worker_id,
                               child_age, background, status, documents_received_at, created_by, created_at)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", consultations)
    db.conn.executemany("INSERT INTO consultation_questions (consultation_id, position, text) VALUES (?, ?, ?)",
                        questions)
    db.conn.executemany("""INSERT INTO views (consultation_id, person, position, band, questionnaire_version_id,
                               status, created_by, finished_at, finished_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        views)
    first = consultations[0][0] if consultations else next_id
    new_views = db.execute("SELECT id, consultation_id FROM views WHERE consultation_id >= ?", [first]).fetchall()
    db.conn.executemany("INSERT INTO view_answers (views_id, question_id, text, visibility, worry) VALUES (?, 'q1', ?, ?, ?)",
                        [(vid, "Että asiat järjestyisivät.", "panel" if rng.random() < 0.8 else "worker",
                          1 if rng.random() < 0.1 else 0) for vid, _cid in new_views])
    for meeting in coming:
        db.execute("UPDATE meetings SET capacity = max(capacity, (SELECT count(*) FROM consultations "
                   "WHERE meeting_id = ? AND status != 'cancelled')) WHERE id = ?", [meeting[0], meeting[0]])
    handled = [c for c in consultations if c[7] == "handled"]
    db.execute("UPDATE meetings SET held_at = substr(starts_at, 1, 10) || 'T12:00:00Z', held_by = ? "
               "WHERE starts_at < ? AND held_at IS NULL AND id IN (SELECT meeting_id FROM consultations)",
               [coordinator, str(today)])
    db.conn.executemany("""INSERT INTO statements (consultation_id, recommendations, message_to_child, created_by)
                           VALUES (?, 'Suositus.', 'Kiitos, että kerroit.', ?)""",
                        [(c[0], coordinator) for c in handled])
    db.execute("""INSERT INTO statement_versions (statement_id, consultation_id, version, recommendations,
                      message_to_child, finalised_by)
                  SELECT s.id, s.consultation_id, 1, s.recommendations, s.message_to_child, s.created_by
                  FROM statements s WHERE s.consultation_id >= ?""", [first])
    return _ids(db, "SELECT id FROM views ORDER BY id")


def _survey_versions(db):
    """{survey_id: [version ids]}: each survey's stored version and a second one (a copy)."""
    from surveys import definitions, requests
    found = {}
    for survey_id in definitions.SURVEYS:
        _definition, version_id = requests._version(db, survey_id)
        row = db.execute("SELECT questionnaire_id, version, digest, definition, texts FROM questionnaire_versions "
                         "WHERE id = ?", [version_id]).fetchone()
        second = db.execute("SELECT id FROM questionnaire_versions WHERE questionnaire_id = ? AND version = ?",
                            [row[0], row[1] + 1]).fetchone()
        if second is None:
            second = [db.execute("INSERT INTO questionnaire_versions (questionnaire_id, version, digest, definition, "
                                 "texts) VALUES (?, ?, ?, ?, ?)",
                                 [row[0], row[1] + 1, row[2] + "-bench-copy", row[3], row[4]]).lastrowid]
        found[survey_id] = [version_id, second[0]]
    return found


def _months(today, grace_days, count=36):
    from surveys import periods
    last = periods.released_before(today, grace_days)  # the first month not released yet
    year, month = int(last[:4]), int(last[5:7])
    out = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        out.append(f"{year:04d}-{month:02d}")
    return out[::-1]


def _rounds(db, panel_ids, today, coordinator):
    rows = [(panel_id, year, f"{year:04d}-round", f"{year}-02-01", f"{year}-03-31", coordinator)
            for panel_id in panel_ids for year in range(today.year - YEARS_BACK, today.year)]
    db.conn.executemany("INSERT OR IGNORE INTO survey_rounds (panel_id, year, period, sent_on, closes_on, sent_by) "
                        "VALUES (?, ?, ?, ?, ?, ?)", rows)
    return {(r[0], r[1]): r[2] for r in db.execute("SELECT panel_id, period, id FROM survey_rounds").fetchall()}


def _answers(rng, definition, group):
    """[(question_id, choice, text)] of one response."""
    out = []
    for question in definition.questions():
        if rng.random() < SKIPPED:
            continue
        if question.type == "scale":
            points = [p.value for p in question.scale.points]
            if question.scale.dont_know is not None and rng.random() < DONT_KNOW:
                out.append((question.id, question.scale.dont_know.value, ""))
                continue
            weights = SCALE_WEIGHTS[group][-len(points):]
            out.append((question.id, rng.choices(points, weights)[0], ""))
        elif question.type == "free_text" and rng.random() < COMMENTED:
            out.append((question.id, None, rng.choice(COMMENTS)))
    return out


def _responses(db, rng, panel_ids, today, grace_days, versions, views_ids, total):
    from surveys import definitions
    db.execute("DELETE FROM survey_answers")
    db.execute("DELETE FROM survey_responses")
    coordinator = _user(db, "koordinaattori@example.fi")
    staff = {"expert": _ids(db, "SELECT user_id FROM user_roles WHERE role = 'expert' ORDER BY user_id"),
             "professional": _ids(db, "SELECT user_id FROM user_roles WHERE role = 'social_worker' ORDER BY user_id")}
    rounds = _rounds(db, panel_ids, today, coordinator)
    months = _months(today, grace_days)
    round_years = list(range(today.year - YEARS_BACK, today.year))
    by_group = {"expert": ["feedback-expert"], "professional": ["feedback-professional"],
                "child": ["feedback-child-7-12", "feedback-child-13-17"], "parent": ["feedback-parent"]}
    yearly = definitions.YEARLY
    panel_weights = [EXTRA_PANELS / 2] + [1] * EXTRA_PANELS   # the demo panel: a third of all
    groups, group_weights = list(GROUP_SHARES), list(GROUP_SHARES.values())
    responses, answers, requests = [], [], []
    for n in range(total):
        response_id = f"{rng.getrandbits(128):032x}"
        panel_id = rng.choices(panel_ids, panel_weights)[0]
        group = rng.choices(groups, group_weights)[0]
        round_id = None
        if group in yearly and rng.random() < YEARLY_SHARE:
            year = rng.choice(round_years)
            survey_id, period, round_id = yearly[group], f"{year:04d}-round", rounds[(panel_id, f"{year:04d}-round")]
            sent_on = f"{year}-02-01"
        else:
            survey_id, period = rng.choice(by_group[group]), rng.choice(months)
            sent_on = f"{period}-05"
        older = period < months[len(months) // 2]
        version_id = versions[survey_id][0 if older else 1]
        responses.append((response_id, panel_id, survey_id, version_id, group, period))
        answers += [(response_id, qid, choice, text)
                    for qid, choice, text in _answers(rng, definitions.get(survey_id), group)]
        for used in (1,) + ((0,) if rng.random() < 0.25 else ()):
            user_id = rng.choice(staff[group]) if group in staff else None
            views_id = None if user_id else rng.choice(views_ids)
            expires = str(date.fromisoformat(sent_on) + timedelta(days=21))
            requests.append((panel_id, survey_id, version_id, group, period, user_id, views_id, round_id,
                             f"bench:{n}:{used}", sent_on, expires, used))
    db.conn.executemany("INSERT INTO survey_responses (id, panel_id, survey_id, version_id, respondent_group, period) "
                        "VALUES (?, ?, ?, ?, ?, ?)", responses)
    db.conn.executemany("INSERT INTO survey_answers (response_id, question_id, choice, text) VALUES (?, ?, ?, ?)",
                        answers)
    db.conn.executemany("""INSERT INTO survey_requests (panel_id, survey_id, version_id, respondent_group, period,
                               user_id, views_id, round_id, once_key, created_on, expires_on, used)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", requests)


def counts(path):
    """{table: rows} of what the benchmark cares about (printed by the CLI)."""
    from db import connect
    db = connect(path)
    found = {t: db[t].count for t in ("panels", "meetings", "consultations", "views", "statement_versions",
                                      "survey_responses", "survey_answers", "survey_requests")}
    db.conn.close()
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--consultations", type=int, default=2_000)
    args = parser.parse_args(argv)
    Path(args.folder).mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    app = build(args.folder, args.responses, args.consultations)
    print(f"{app.config['DATABASE']} in {time.perf_counter() - start:.1f} s: {counts(app.config['DATABASE'])}")


if __name__ == "__main__":
    main()
