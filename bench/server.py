"""The benchmark's server and client: gunicorn in a child process on a free
loopback port, and one keep-alive HTTP connection with a small cookie jar.

    server = start(app, workers=2, threads=4)   # then server.port; server.stop()
    client = Client(server.port).login(email, password)
    latency(port, cookie, round_, seconds)      # sorted milliseconds of sequential rounds
    paired_latency(port, cookie, round_, hello_round, seconds)   # the same, beside hello world's
    throughput(port, cookie, round_, seconds, clients)
"""
import http.client
import json
import multiprocessing
import re
import socket
import threading
import time
from urllib.parse import urlencode

COOKIES = ("session", "kuulluksi_tablet")


class NotAPage(Exception):
    """The target does not answer as it should: it is reported instead of measured."""


def _serve(app, port, workers, threads):
    """Run gunicorn in this (child) process with the given app object."""
    import logging

    from gunicorn.app.base import BaseApplication
    app.logger.setLevel(logging.CRITICAL)  # a failing page is reported by the benchmark instead

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"127.0.0.1:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("loglevel", "critical")
            self.cfg.set("accesslog", None)

        def load(self):
            return app

    Server().run()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving `app` the way `make run` does, in a forked child process."""

    def __init__(self, app, workers, threads):
        self.port = free_port()
        self.process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(app, self.port, workers, threads), daemon=True)
        self.process.start()
        wait_until_up(self.port)

    def stop(self):
        self.process.terminate()
        self.process.join(10)


def csrf_token(html):
    found = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', html)
    if not found:
        raise NotAPage("no CSRF token on the page")
    return found.group(1).decode()


class Client:
    """One keep-alive connection with a small cookie jar (the login's and the tablet's cookie)."""

    def __init__(self, port, cookie=None):
        self.port = port
        self.cookie = cookie
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method, path, body=None, headers=None, want_headers=False):
        sent = {"Accept-Language": "fi"}
        if self.cookie:
            sent["Cookie"] = self.cookie
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        self.conn.request(method, path, body=body, headers=sent)
        response = self.conn.getresponse()
        data = response.read()
        jar = dict(part.split("=", 1) for part in (self.cookie or "").split("; ") if "=" in part)
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.split("=", 1)[0] in COOKIES:
                key, _, rest = value.split(";", 1)[0].partition("=")
                if rest:
                    jar[key] = rest
                else:
                    jar.pop(key, None)
        self.cookie = "; ".join(f"{k}={v}" for k, v in jar.items()) or None
        if want_headers:
            return response.status, data, {k.lower(): v for k, v in response.getheaders()}
        return response.status, data

    def post_json(self, path, payload, token):
        return self.request("POST", path, json.dumps(payload),
                            {"Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json"})

    def login(self, email, password):
        _status, html = self.request("GET", "/login")
        status, _ = self.request("POST", "/login", urlencode(
            {"email": email, "password": password, "csrf_token": csrf_token(html)}))
        if status != 302:
            raise SystemExit(f"Could not log in as {email} (HTTP {status})")
        return self

    def close(self):
        self.conn.close()


def wait_until_up(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _ = Client(port).request("GET", "/healthz")
            if status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("The server did not start")


def latency(port, cookie, round_, seconds, warm_up=10):
    """Sequential rounds on one connection: sorted latencies in milliseconds."""
    client = Client(port, cookie)
    for _ in range(warm_up):
        round_(client)
    times = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        round_(client)
        times.append((time.perf_counter() - start) * 1000)
    client.close()
    return sorted(times)


def paired_latency(port, cookie, round_, hello_round, seconds, block=20, warm_up=10):
    """Sequential rounds of a target and of hello world in alternating blocks of `block` rounds,
    each on its own keep-alive connection: (target's, hello world's) sorted latencies in ms.

    Both are measured under the same load of the machine, whose speed drifts by a third over
    minutes on a shared VM: a hello world measured once at the start made a target's ratio
    move by ±15 % between runs."""
    target, hello = Client(port, cookie), Client(port)
    for _ in range(warm_up):
        round_(target)
        hello_round(hello)
    times = {"target": [], "hello": []}
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for name, client, one in (("hello", hello, hello_round), ("target", target, round_)):
            for _ in range(block):
                start = time.perf_counter()
                one(client)
                times[name].append((time.perf_counter() - start) * 1000)
    target.close()
    hello.close()
    return sorted(times["target"]), sorted(times["hello"])


def throughput(port, cookie, round_, seconds, clients):
    """Rounds per second from `clients` concurrent keep-alive connections."""
    counts = [0] * clients
    failures = []
    end = time.monotonic() + seconds

    def run(i):
        client = Client(port, cookie)
        try:
            while time.monotonic() < end:
                round_(client)
                counts[i] += 1
        except NotAPage as exc:
            failures.append(exc)
        client.close()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]
    return sum(counts) / seconds
