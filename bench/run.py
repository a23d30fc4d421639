"""Benchmark: every page that matters against a hello-world route, on a real server, at scale.

    make bench     (or: .venv/bin/python -m bench.run [--seconds 3] [--clients 4] [--repeat 3] [--only meetings,report])

Builds two databases (bench/big_data.py): the demo data plus 2,000 consultations and
100,000 survey responses, and the same shape with 100 responses. Serves the big one
with gunicorn the way `make run` does (2 workers x 4 threads) on a free loopback port,
with a hello-world route added for the benchmark only. For each target it measures the
median and 95th-percentile latency of sequential rounds over one keep-alive connection,
in alternating blocks with hello world's rounds on a second connection, once in each of
`--repeat` rounds through all targets, and the throughput of several concurrent clients,
and prints the median of its rounds' ratios to hello world's median of the same seconds
(with their range) beside its target. The ratios say what our
own code costs over Flask itself and stay comparable between machines where absolute
numbers do not. Then the report page again on the small database (its time at 100 vs
100,000 responses), and, without a server, `import app` in a fresh interpreter and a
cold study chart drawn by surveys.charts.svg.

A target whose route does not answer (404) is printed as "not built yet"; one that
answers otherwise is reported with its status instead of measured.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import in_process, rounds  # noqa: E402  (after the path)
from bench.server import Client, NotAPage, Server, latency, paired_latency, throughput  # noqa: E402

HELLO = "/bench/hello"
REPORT = "/feedback/report/"
CHART = "/feedback/report/charts/study.svg"
COORDINATOR, EXPERT, ADMIN = "koordinaattori@example.fi", "psykologi@example.fi", "admin@example.fi"
GROUPS = ("tablet", "worker", "survey", "meetings", "lists", "report", "charts", "in-process")


class Missing(Exception):
    """The route is not there (404): printed as "not built yet"."""


def with_hello(app):
    app.add_url_rule(HELLO, "bench_hello", lambda: "Hello, world!")
    return app


def build(folder, responses, consultations):
    from bench import big_data
    start = time.perf_counter()
    app = big_data.build(folder, responses, consultations)
    print(f"  {responses:,} responses, {consultations:,} consultations: {time.perf_counter() - start:.0f} s")
    return with_hello(app)


def login(port, email):
    from demo_data import DEMO_PASSWORD
    return Client(port).login(email, DEMO_PASSWORD).cookie


def page(port, cookie, path):
    """A round of GET `path` once it is known to answer 200."""
    status, _body, _headers = rounds.probe(port, cookie, path)
    if status == 404:
        raise Missing(path)
    if status != 200:
        raise NotAPage(f"GET {path} answered HTTP {status}")
    return rounds.get(path)


# (group, label, target as a multiple of hello world or None, setup(app, port, args) -> (path, round_, cookie))
def _tablet(app, port, args):
    views_id, consultation_id, _worker = rounds.draft_views(app)
    return rounds.tablet_session(port, rounds.tablet_code(app, views_id, consultation_id))


def targets():
    tablet = {}

    def tablet_setup(app, port, args):
        if not tablet:
            tablet["cookie"], tablet["token"] = _tablet(app, port, args)
        return tablet["cookie"], tablet["token"]

    def worker_form(app, port, args):
        views_id, _consultation, email = rounds.draft_views(app, skip=1)
        cookie = login(port, email)
        return f"/views/{views_id}", page(port, cookie, f"/views/{views_id}"), cookie

    def tablet_form(app, port, args):
        cookie, _token = tablet_setup(app, port, args)
        return "/t/s/1", page(port, cookie, "/t/s/1"), cookie

    def tablet_next(app, port, args):
        cookie, token = tablet_setup(app, port, args)
        return "/t/s/1 -> /t/s/2", rounds.tablet_next(token), cookie

    def autosave(app, port, args):
        cookie, token = tablet_setup(app, port, args)
        return "/t/autosave", rounds.tablet_autosave(token), cookie

    def submit(app, port, args):
        ids = rounds.survey_requests(app, EXPERT, rounds.enough_requests(args.seconds, args.repeat))
        cookie = login(port, EXPERT)
        token, answers = rounds.survey_form(port, cookie, ids[0])
        return "/feedback/requests/<id>", rounds.survey_submit(ids, token, answers, cookie), cookie

    def as_user(email, path):
        def setup(app, port, args):
            cookie = login(port, email)
            return path, page(port, cookie, path), cookie
        return setup

    def this_year(app, port, args):
        """The year's meetings, the past ones with their whole agendas (the coming ones' default view is above)."""
        from panel import calendar
        year = calendar.as_date(app.config["TODAY"] or calendar.today(app.config["TIMEZONE"])).year
        return as_user(COORDINATOR, f"/meetings?year={year}")(app, port, args)

    def cached_chart(app, port, args):
        cookie = login(port, COORDINATOR)
        round_ = page(port, cookie, CHART)  # the first request draws it; every later one is the cached copy
        return CHART, round_, cookie

    def chart_304(app, port, args):
        cookie = login(port, COORDINATOR)
        page(port, cookie, CHART)
        return CHART + " (304)", rounds.revalidate(port, cookie, CHART), cookie

    return [
        ("always", "hello world", None, lambda app, port, args: (HELLO, rounds.get(HELLO), None)),
        ("lists", "/healthz", None, lambda app, port, args: ("/healthz", rounds.get("/healthz"), None)),
        ("lists", "login page", None, lambda app, port, args: ("/login", rounds.get("/login"), None)),
        ("worker", "child's form page (worker)", 3, worker_form),
        ("tablet", "child's form page (tablet)", 3, tablet_form),
        ("tablet", "tablet: Next (POST + GET)", 6, tablet_next),
        ("tablet", "tablet: autosave", 6, autosave),
        ("survey", "survey submit", 7, submit),
        ("meetings", "coordinator: meetings", 8, as_user(COORDINATOR, "/meetings")),
        ("meetings", "coordinator: this year's meetings", None, this_year),
        ("lists", "social worker: consultations", None,
         as_user("sosiaalityontekija@example.fi", "/consultations/mine")),
        ("report", "report page (coordinator)", None, as_user(COORDINATOR, REPORT)),
        ("report", "report page (admin, all panels)", None, as_user(ADMIN, REPORT)),
        ("charts", "cached chart", 2, cached_chart),
        ("charts", "cached chart, If-None-Match", 2, chart_304),
    ]


def measure(app, port, args, wanted):
    """{label: row or the reason it was not measured}, in order.

    Every target is set up first; then each is measured beside hello world once per
    round, `args.repeat` rounds through all of them, so that a target's measures are
    spread over the whole run: this VM's speed (and its disk's flush) drifts over
    minutes, and one measure of a few seconds caught a good or a bad minute. A target's
    ratio is the median of its rounds' ratios, printed with their range."""
    ready, results = [], {}
    for group, label, goal, setup in targets():
        if group not in wanted and group != "always":
            continue
        try:
            path, round_, cookie = setup(app, port, args)
        except Missing:
            results[label] = "not built yet"
            continue
        except NotAPage as exc:
            results[label] = f"not measured: {exc}"
            continue
        results[label] = None  # keeps the order
        ready.append((group, label, goal, path, round_, cookie))
    measured = {label: {"times": [], "hello": [], "ratios": []} for _g, label, *_ in ready}
    for _ in range(args.repeat):
        for group, label, goal, path, round_, cookie in ready:
            if isinstance(results[label], str):
                continue
            try:
                if group == "always":
                    times = hello_times = latency(port, cookie, round_, args.seconds)
                else:
                    times, hello_times = paired_latency(port, cookie, round_, rounds.get(HELLO), args.seconds)
            except NotAPage as exc:
                results[label] = f"not measured: {exc}"
                continue
            found = measured[label]
            found["times"] += times
            found["hello"] += hello_times
            found["ratios"].append(statistics.median(times) / statistics.median(hello_times))
    for group, label, goal, path, round_, cookie in ready:
        if isinstance(results[label], str):
            continue
        try:
            rps = throughput(port, cookie, round_, args.seconds, args.clients)
        except NotAPage as exc:
            results[label] = f"not measured: {exc}"
            continue
        found = measured[label]
        times = sorted(found["times"])
        results[label] = {"path": path, "median": statistics.median(times), "p95": percentile(times, 95),
                          "rps": rps, "goal": goal, "hello": statistics.median(found["hello"]),
                          "ratio": statistics.median(found["ratios"]), "ratios": found["ratios"]}
    return results


def percentile(sorted_times, p):
    return sorted_times[min(len(sorted_times) - 1, int(len(sorted_times) * p / 100))]


def met(ok):
    return "met" if ok else "MISSED"


def print_table(results):
    print(f"{'target':34} {'path':26} {'median ms':>9} {'p95 ms':>8} {'req/s':>7} {'hello ms':>8} {'x hello':>8} "
          f"{'rounds':>9} {'target':>7}")
    for label, row in results.items():
        if isinstance(row, str):
            print(f"{label:34} {row}")
            continue
        ratio = row["ratio"]
        goal = f"<= {row['goal']} x  {met(ratio <= row['goal'])}" if row["goal"] else ""
        spread = f"{min(row['ratios']):.1f}-{max(row['ratios']):.1f}" if len(row["ratios"]) > 1 else ""
        print(f"{label:34} {row['path'][:26]:26} {row['median']:9.2f} {row['p95']:8.2f} {row['rps']:7.0f} "
              f"{row['hello']:8.2f} {ratio:8.1f} {spread:>9} {goal}")
    print("\nx hello = the median over the rounds of the target's median latency / hello world's median, measured in\n"
          "alternating blocks of 20 requests on the same server in the same seconds (bench/server.py paired_latency);\n"
          "rounds = the lowest and highest of those ratios (one round every target in turn, --repeat of them).")


def print_report_scale(big, small, responses):
    """The report page at `responses` vs 100 (p95 <= 150 ms, median <= 3 x its time at 100)."""
    print(f"\nThe report page at {responses:,} vs 100 responses")
    for label in ("report page (coordinator)", "report page (admin, all panels)"):
        at_big, at_small = big.get(label), small.get(label)
        if not isinstance(at_big, dict) or not isinstance(at_small, dict):
            print(f"  {label}: {at_big if isinstance(at_big, str) else at_small or 'not measured'}")
            continue
        ratio = at_big["median"] / at_small["median"]
        print(f"  {label}: p95 {at_big['p95']:.1f} ms at {responses:,} (target <= 150 ms: {met(at_big['p95'] <= 150)}); "
              f"median {at_big['median']:.1f} ms vs {at_small['median']:.1f} ms at 100 = {ratio:.1f} x "
              f"(target <= 3 x: {met(ratio <= 3)})")


def print_in_process(big_app, small_app, responses):
    print("\nWithout a server")
    times = in_process.import_times(big_app.config["DATABASE"])
    total = times["import"] + times["create_app"]
    print(f"  import app {times['import']:.2f} s + create_app() {times['create_app']:.2f} s = {total:.2f} s "
          f"(target <= 0.5 s: {met(total <= 0.5)}); matplotlib loaded: {'YES' if times['matplotlib'] else 'no'} "
          f"(target: no)")
    for label, app in ((f"{responses:,}", big_app), ("100", small_app)):
        print(f"  the report's numbers (answer_counts + summary, every panel) at {label} responses: "
              f"{in_process.report_numbers(app):.0f} ms")
    chart = in_process.cold_chart(big_app)
    print(f"  cold study chart ({chart['rows']} statements), surveys.charts.svg: first draw {chart['first']:.0f} ms "
          f"after matplotlib's import ({chart['matplotlib_import']:.0f} ms, once per process), then "
          f"{chart['median']:.0f} ms median (target <= 150 ms: {met(chart['median'] <= 150)})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="per target and measure (default 3)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients for throughput")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of measures through every target (default 3)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--consultations", type=int, default=2_000)
    parser.add_argument("--only", type=lambda text: text.split(","), default=list(GROUPS),
                        help=f"comma-separated groups of targets: {', '.join(GROUPS)} (hello world always)")
    args = parser.parse_args(argv)
    unknown = set(args.only) - set(GROUPS)
    if unknown:
        parser.error(f"unknown --only {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}")

    with tempfile.TemporaryDirectory() as folder:
        print("Building the databases (bench/big_data.py)")
        big_app = build(Path(folder) / "big", args.responses, args.consultations)
        small_app = build(Path(folder) / "small", 100, args.consultations) if "report" in args.only \
            or "in-process" in args.only else None
        print(f"\ngunicorn {args.workers} workers x {args.threads} threads, {args.clients} concurrent clients, "
              f"{args.seconds:g} s per measure\n")
        server = Server(big_app, args.workers, args.threads)
        try:
            big = measure(big_app, server.port, args, args.only)
        finally:
            server.stop()
        print_table(big)
        if "report" in args.only:
            server = Server(small_app, args.workers, args.threads)
            try:
                small = measure(small_app, server.port, args, ["report"])
            finally:
                server.stop()
            print_report_scale(big, small, args.responses)
        if "in-process" in args.only:
            print_in_process(big_app, small_app, args.responses)


if __name__ == "__main__":
    main()
