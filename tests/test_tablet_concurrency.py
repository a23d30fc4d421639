"""20 tablets answering at once against a real threaded server: no answer is
lost and none ends up in another person's record."""
import http.cookiejar
import json
import threading
import urllib.parse
import urllib.request

from werkzeug.serving import make_server

from participation import storage as views_storage
from tests.conftest import csrf_from, make_user
from tests.test_tablet import make_code, make_consultation, make_views

TABLETS = 20


class Tablet:
    """One tablet: its own cookie jar (so its own tablet session)."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path, data=None, json_body=None, headers=None):
        headers = dict(headers or {})
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode()


def answer_alone(base, code, n, results):
    tablet = Tablet(base)
    try:
        _status, _url, html = tablet.request("/t")
        status, url, html = tablet.request("/t", data={"code": code, "lang": "fi", "csrf_token": csrf_from(html)})
        assert status == 200 and url.endswith("/t/s/0"), (status, url)
        token = csrf_from(html)
        for question in ("q1", "q3"):
            status, _url, body = tablet.request(
                "/t/autosave", json_body={"question": question, "text": f"tabletti {n} vastaa {question}",
                                          "visibility": "worker" if n % 2 else "panel"},
                headers={"X-CSRFToken": token})
            assert status == 200 and json.loads(body)["saved"], body
        status, url, _html = tablet.request("/t/s/2", data={"csrf_token": token, "q-q2-choice": ["yes", "no"][n % 2],
                                                            "q-q2-text": f"huoli {n}", "nav": "next"})
        assert status == 200 and url.endswith("/t/s/3"), (status, url)
        status, url, html = tablet.request("/t/finish", data={"csrf_token": token})
        assert status == 200 and "/t/thanks" in url, (status, url)
        results[n] = "ok"
    except Exception as exc:  # reported by the test below
        results[n] = repr(exc)


def test_twenty_tablets_at_once_lose_and_mix_nothing(app, db, panel_id):
    worker = make_user(db, "worker20@example.fi", ["social_worker"], [panel_id])
    people = []
    for n in range(TABLETS):
        consultation_id = make_consultation(db, panel_id, worker, case_code=f"KS-C-{n}")
        views_id = make_views(db, consultation_id)
        code, _code_id = make_code(db, consultation_id, views_id, worker)
        people.append((views_id, code))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    results = {}
    try:
        threads = [threading.Thread(target=answer_alone, args=(base, code, n, results))
                   for n, (_views_id, code) in enumerate(people)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        server.shutdown()
    assert results == {n: "ok" for n in range(TABLETS)}
    for n, (views_id, _code) in enumerate(people):
        record = views_storage.get_views(db, views_id)
        assert record["status"] == "handed_over"  # to the worker, who checks and finishes
        assert record["answers"]["q1"]["text"] == f"tabletti {n} vastaa q1"
        assert record["answers"]["q3"]["text"] == f"tabletti {n} vastaa q3"
        assert record["answers"]["q1"]["visibility"] == ("worker" if n % 2 else "panel")
        assert (record["answers"]["q2"]["choice"], record["answers"]["q2"]["text"]) == (["yes", "no"][n % 2], f"huoli {n}")
        assert set(record["answers"]) == {"q1", "q2", "q3"}
    sessions = db.execute("SELECT COUNT(*), COUNT(DISTINCT views_id), SUM(end_reason = 'finished') "
                          "FROM tablet_sessions").fetchone()
    assert sessions == (TABLETS, TABLETS, TABLETS)
