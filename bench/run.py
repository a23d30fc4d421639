"""Benchmark: real pages against a hello-world route on the same real server.

    make bench            (or: .venv/bin/python -m bench.run [--seconds 3] [--clients 4])

Starts the app with fresh demo data in a temporary folder, served by gunicorn
the way `make run` serves it (2 workers x 4 threads) on a free loopback port.
A hello-world route is added here, for the benchmark only. For each target it
measures the median and 90th-percentile latency of sequential requests over one
keep-alive connection, and the throughput of several concurrent clients; then
prints each page's time as a multiple of the hello-world time. The ratios say
what our own code costs (templates, queries, sessions) over Flask itself, and
stay comparable between machines where absolute numbers do not.
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
    """One keep-alive connection with a cookie jar of one."""

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
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
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


def latency(port, cookie, path, seconds):
    """Sequential requests on one connection: sorted latencies in milliseconds."""
    client = Client(port, cookie)
    for _ in range(10):  # warm-up
        client.request("GET", path)
    times = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        status, _ = client.request("GET", path)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise NotAPage(f"{path} answered HTTP {status}")
    client.close()
    return sorted(times)


def throughput(port, cookie, path, seconds, clients):
    """Requests per second from `clients` concurrent keep-alive connections."""
    counts = [0] * clients
    end = time.monotonic() + seconds

    def run(i):
        client = Client(port, cookie)
        while time.monotonic() < end:
            client.request("GET", path)
            counts[i] += 1
        client.close()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / seconds


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
            for label, path, email in targets(app):
                cookie = Client(port).login(email, DEMO_PASSWORD).cookie if email else None
                try:
                    times = latency(port, cookie, path, args.seconds)
                except NotAPage as exc:
                    print(f"(skipped {label}: {exc})")
                    continue
                rps = throughput(port, cookie, path, args.seconds, args.clients)
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
