"""Benchmark: real pages against a hello-world route on the same real server.

    make bench            (or: .venv/bin/python -m bench.run [--seconds 3] [--clients 4] [--only tablet])

Starts the app with fresh demo data in a temporary folder, served by gunicorn
the way `make run` serves it (2 workers x 4 threads) on a free loopback port.
A hello-world route is added here, for the benchmark only. For each target it
measures the median and 90th-percentile latency of sequential requests over one
keep-alive connection, and the throughput of several concurrent clients; then
prints each page's time as a multiple of the hello-world time. The ratios say
what our own code costs (templates, queries, sessions) over Flask itself, and
stay comparable between machines where absolute numbers do not.

The tablet's "Next" is measured as the child feels it: a tablet session is
started with a code made here, and each round is the form POST of screen 1
(/t/s/1, an answer typed, 302) followed by the GET of the screen it leads to.
"""
import argparse
import http.client
import multiprocessing
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HELLO = "/bench/hello"


def make_app(folder):
    """The app with fresh demo data, plus the benchmark's hello-world route."""
    from scripts.demo_app import demo_app

    app = demo_app(folder)
    app.add_url_rule(HELLO, "bench_hello", lambda: "Hello, world!")
    return app


def serve(app, port, workers, threads):
    """Run gunicorn in this (child) process with the given app object."""
    import logging

    from gunicorn.app.base import BaseApplication
    app.logger.setLevel(logging.CRITICAL)  # a failing page is reported as skipped instead

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"127.0.0.1:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("loglevel", "critical")  # a failing page is reported below
            self.cfg.set("accesslog", None)

        def load(self):
            return app

    Server().run()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive connection with a small cookie jar (the login's and the tablet's cookie)."""

    def __init__(self, port, cookie=None):
        self.port = port
        self.cookie = cookie
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method, path, body=None):
        headers = {"Accept-Language": "fi"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        jar = dict(part.split("=", 1) for part in (self.cookie or "").split("; ") if "=" in part)
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.split("=", 1)[0] in ("session", "kuulluksi_tablet"):
                key, _, rest = value.split(";", 1)[0].partition("=")
                if rest:
                    jar[key] = rest
                else:
                    jar.pop(key, None)
        self.cookie = "; ".join(f"{k}={v}" for k, v in jar.items()) or None
        return response.status, data

    def login(self, email, password):
        status, html = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', html).group(1).decode()
        status, _ = self.request("POST", "/login", urlencode(
            {"email": email, "password": password, "csrf_token": token}))
        if status != 302:
            raise SystemExit(f"Could not log in as {email} (HTTP {status})")
        return self

    def close(self):
        self.conn.close()


def wait_until_up(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _ = Client(port).request("GET", "/healthz")
            if status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("The server did not start")


class NotAPage(Exception):
    """The target does not answer 200: it is left out of the table."""


def get(path):
    """One round of a plain page: GET `path`, 200."""
    def round_(client):
        status, _ = client.request("GET", path)
        if status != 200:
            raise NotAPage(f"{path} answered HTTP {status}")
    return round_


def latency(port, cookie, round_, seconds):
    """Sequential rounds on one connection: sorted latencies in milliseconds."""
    client = Client(port, cookie)
    for _ in range(10):  # warm-up
        round_(client)
    times = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        round_(client)
        times.append((time.perf_counter() - start) * 1000)
    client.close()
    return sorted(times)


def throughput(port, cookie, round_, seconds, clients):
    """Rounds per second from `clients` concurrent keep-alive connections."""
    counts = [0] * clients
    end = time.monotonic() + seconds

    def run(i):
        client = Client(port, cookie)
        while time.monotonic() < end:
            round_(client)
            counts[i] += 1
        client.close()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / seconds


def tablet_code(app):
    """A one-time tablet code for a child's views still being answered in the demo data."""
    from db import connect
    from participation import tablet_codes, tablet_storage
    db = connect(app.config["DATABASE"])
    row = db.execute("SELECT v.id, v.consultation_id, c.social_worker_id FROM views v "
                     "JOIN consultations c ON c.id = v.consultation_id "
                     "WHERE v.status = 'draft' AND v.person = 'child' ORDER BY v.id LIMIT 1").fetchone()
    code = tablet_codes.new_code()
    tablet_storage.create_code(db, tablet_codes.hash_code(app.config["SECRET_KEY"], code), row[1], row[0], row[2],
                               time.time(), 3600)
    db.conn.close()
    return code


def tablet_session(port, code):
    """A cookie of a live tablet session and the form's CSRF token."""
    client = Client(port)
    _status, html = client.request("GET", "/t")
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', html).group(1).decode()
    status, _ = client.request("POST", "/t", urlencode({"code": code, "lang": "fi", "csrf_token": token}))
    if status != 302:
        raise SystemExit(f"Could not start a tablet session (HTTP {status})")
    _status, html = client.request("GET", "/t/s/1")
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', html).group(1).decode()
    client.close()
    return client.cookie, token


def tablet_next(token):
    """One round of the tablet's "Next": the POST of screen 1 and the GET of screen 2."""
    body = urlencode({"csrf_token": token, "q-q1-text": "Toivon, että saan asua mummolla.",
                      "q-q1-visibility": "panel", "nav": "next"})

    def round_(client):
        status, _ = client.request("POST", "/t/s/1", body)
        if status != 302:
            raise NotAPage(f"POST /t/s/1 answered HTTP {status}")
        status, _ = client.request("GET", "/t/s/2")
        if status != 200:
            raise NotAPage(f"GET /t/s/2 answered HTTP {status}")
    return round_


def targets(app):
    """(label, path, login email or None) of each page measured."""
    from demo_data import DEMO_USERS
    emails = {roles[0]: email for email, _name, roles in DEMO_USERS}
    wanted = [
        ("hello world", None, HELLO, None),
        ("/healthz", "web.healthz", None, None),
        ("login page", "accounts.login", None, None),
        ("coordinator: meetings", "panel.meetings", None, emails["coordinator"]),
        ("social worker: consultations", "panel.my_consultations", None, emails["social_worker"]),
    ]
    found = []
    with app.test_request_context():
        from flask import url_for
        for label, endpoint, path, email in wanted:
            found.append((label, path or url_for(endpoint), email))
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="per target and measure (default 3)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients for throughput")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--only", choices=["tablet"], help="hello world and the tablet's Next only")
    args = parser.parse_args(argv)

    from demo_data import DEMO_PASSWORD

    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder)
        port = free_port()
        server = multiprocessing.get_context("fork").Process(
            target=serve, args=(app, port, args.workers, args.threads), daemon=True)
        server.start()
        try:
            wait_until_up(port)
            rows = []
            measures = [(label, path, get(path), email) for label, path, email in targets(app)
                        if not args.only or path == HELLO]
            if "tablet.screen" in app.view_functions:
                cookie, token = tablet_session(port, tablet_code(app))
                measures.append(("tablet: Next (POST + GET)", "/t/s/1 -> /t/s/2", tablet_next(token), cookie))
            for label, path, round_, who in measures:
                cookie = Client(port).login(who, DEMO_PASSWORD).cookie if who and "@" in who else who
                try:
                    times = latency(port, cookie, round_, args.seconds)
                except NotAPage as exc:
                    print(f"(skipped {label}: {exc})")
                    continue
                rps = throughput(port, cookie, round_, args.seconds, args.clients)
                rows.append((label, path, statistics.median(times), times[int(len(times) * 0.9)], rps))
        finally:
            server.terminate()
            server.join(10)

    print(f"\ngunicorn {args.workers} workers x {args.threads} threads, {args.clients} concurrent clients, "
          f"{args.seconds:g} s per measure\n")
    hello_median, hello_rps = rows[0][2], rows[0][4]
    print(f"{'target':30} {'path':24} {'median ms':>9} {'p90 ms':>8} {'req/s':>8} {'x hello':>8} "
          f"{'x hello':>8}")
    print(f"{'':30} {'':24} {'':>9} {'':>8} {'':>8} {'(median)':>8} {'(req/s)':>8}")
    for label, path, median, p90, rps in rows:
        print(f"{label:30} {path:24} {median:9.2f} {p90:8.2f} {rps:8.0f} {median / hello_median:8.1f} "
              f"{hello_rps / rps:8.1f}")
    print("\nx hello (median) = the page's median latency / hello world's; "
          "x hello (req/s) = hello world's throughput / the page's.")


if __name__ == "__main__":
    main()
