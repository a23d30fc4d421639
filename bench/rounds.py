"""What one round of each measured target is, and what it needs made first
(a login, a tablet session, a survey request per round).

Each `round_(client)` does one thing as a user's browser would and raises
NotAPage when the answer is not the expected one, so a broken page is
reported instead of measured. The setup functions take the app (for the
database and the secret key) and the server's port.
"""
import re
import threading
import time
from datetime import timedelta
from urllib.parse import urlencode

from bench.server import Client, NotAPage, csrf_token

TABLET_ANSWER = "Toivon, että saan asua mummolla."


def get(path, status=200, headers=None):
    """One round of a plain page: GET `path`, `status`."""
    def round_(client):
        answered, _ = client.request("GET", path, headers=headers)
        if answered != status:
            raise NotAPage(f"GET {path} answered HTTP {answered}")
    return round_


def probe(port, cookie, path):
    """(status, body, headers) of one GET: is the page there, what is its ETag."""
    client = Client(port, cookie)
    try:
        return client.request("GET", path, want_headers=True)
    finally:
        client.close()


def revalidate(port, cookie, path):
    """A round of GET `path` with If-None-Match of its ETag: the answer must be 304."""
    status, _body, headers = probe(port, cookie, path)
    if status != 200 or "etag" not in headers:
        raise NotAPage(f"GET {path} answered HTTP {status} " + ("" if "etag" in headers else "without an ETag"))
    return get(path, 304, {"If-None-Match": headers["etag"]})


# ---- the database ---------------------------------------------------------------------------

def _db(app):
    from db import connect
    return connect(app.config["DATABASE"])


def draft_views(app, skip=0):
    """(views id, consultation id, its social worker's email) of a child's views still being answered."""
    db = _db(app)
    row = db.execute("""SELECT v.id, v.consultation_id, u.email FROM views v
                        JOIN consultations c ON c.id = v.consultation_id JOIN users u ON u.id = c.social_worker_id
                        WHERE v.status = 'draft' AND v.person = 'child' AND v.band != '3-6'
                        ORDER BY v.id LIMIT 1 OFFSET ?""", [skip]).fetchone()
    db.conn.close()
    if row is None:
        raise SystemExit("No child's views being answered in the database")
    return tuple(row)


def tablet_code(app, views_id, consultation_id):
    """A one-time tablet code for `views_id`, made the way the worker's page makes one."""
    from participation import tablet_codes, tablet_storage
    db = _db(app)
    worker = db.execute("SELECT social_worker_id FROM consultations WHERE id = ?", [consultation_id]).fetchone()[0]
    code = tablet_codes.new_code()
    tablet_storage.create_code(db, tablet_codes.hash_code(app.config["SECRET_KEY"], code), consultation_id,
                               views_id, worker, time.time(), 3600)
    db.conn.close()
    return code


def survey_requests(app, email, count, survey_id="feedback-expert"):
    """`count` open requests of `survey_id` for the user `email`: one per round of the submit."""
    from db import immediate
    from panel import calendar
    db = _db(app)
    user_id, panel_id = db.execute("SELECT u.id, p.panel_id FROM users u JOIN user_panels p ON p.user_id = u.id "
                                   "WHERE u.email = ? ORDER BY p.panel_id LIMIT 1", [email]).fetchone()
    version_id = db.execute("SELECT max(id) FROM questionnaire_versions WHERE questionnaire_id = ? "
                            "AND digest NOT LIKE '%-bench-copy'", [survey_id]).fetchone()[0]
    today = calendar.as_date(app.config["TODAY"] or calendar.today(app.config["TIMEZONE"]))
    stamp = time.time_ns()
    rows = [(panel_id, survey_id, version_id, "expert", f"{today:%Y-%m}", user_id, f"bench-submit:{stamp}:{i}",
             str(today), str(today + timedelta(days=30))) for i in range(count)]
    with immediate(db):  # one transaction: not one fsync per request
        db.conn.executemany("""INSERT INTO survey_requests (panel_id, survey_id, version_id, respondent_group, period,
                                   user_id, once_key, created_on, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                            rows)
    ids = [r[0] for r in db.execute("SELECT id FROM survey_requests WHERE once_key LIKE ? ORDER BY id",
                                    [f"bench-submit:{stamp}:%"]).fetchall()]
    db.conn.close()
    return ids


# ---- the child's tablet -----------------------------------------------------------------------

def tablet_session(port, code):
    """A live tablet session's cookie and the screens' CSRF token."""
    client = Client(port)
    _status, html = client.request("GET", "/t")
    status, _ = client.request("POST", "/t", urlencode({"code": code, "lang": "fi", "csrf_token": csrf_token(html)}))
    if status != 302:
        raise SystemExit(f"Could not start a tablet session (HTTP {status})")
    _status, html = client.request("GET", "/t/s/1")
    client.close()
    return client.cookie, csrf_token(html)


def tablet_next(token):
    """The tablet's "Next" as the child feels it: the POST of screen 1 and the GET of screen 2."""
    body = urlencode({"csrf_token": token, "q-q1-text": TABLET_ANSWER, "q-q1-visibility": "panel", "nav": "next"})

    def round_(client):
        status, _ = client.request("POST", "/t/s/1", body)
        if status != 302:
            raise NotAPage(f"POST /t/s/1 answered HTTP {status}")
        status, _ = client.request("GET", "/t/s/2")
        if status != 200:
            raise NotAPage(f"GET /t/s/2 answered HTTP {status}")
    return round_


def tablet_autosave(token):
    """One answer saved as it is typed: the JSON POST autosave.js sends."""
    payload = {"question": "q1", "text": TABLET_ANSWER, "visibility": "panel"}

    def round_(client):
        status, body = client.post_json("/t/autosave", payload, token)
        if status != 200:
            raise NotAPage(f"POST /t/autosave answered HTTP {status}: {body[:80]!r}")
    return round_


# ---- a staff member's feedback survey ------------------------------------------------------------

def survey_form(port, cookie, request_id):
    """The survey page's CSRF token and a full set of answers: each scale's "4" (or its first point)."""
    client = Client(port, cookie)
    status, html = client.request("GET", f"/feedback/requests/{request_id}")
    client.close()
    if status != 200:
        raise NotAPage(f"GET /feedback/requests/{request_id} answered HTTP {status}")
    answers = {}
    for tag in re.findall(rb'<input[^>]*type="radio"[^>]*>', html):
        name, value = re.search(rb'name="([^"]+)"', tag), re.search(rb'value="([^"]+)"', tag)
        if name and value and (name.group(1) not in answers or value.group(1) == b"4"):
            answers[name.group(1)] = value.group(1)
    if not answers:
        raise NotAPage("the survey page has no scale questions")
    fields = {k.decode(): v.decode() for k, v in answers.items()}
    return csrf_token(html), fields


def survey_submit(request_ids, token, answers, cookie):
    """One anonymous response stored: the POST of a whole survey to the next open request (302).

    Each round sends the login's `cookie` as it was: the answer's "Thank you" flash goes
    into the session cookie, and a browser shows it (and drops it) on the page the
    redirect leads to. Kept from round to round, the cookie would carry every earlier
    round's flash, and each submit would decode and sign a longer session than any
    browser sends (the first bench measured that pile-up: bench/RESULTS.md)."""
    ids, lock = iter(request_ids), threading.Lock()
    body = urlencode({"csrf_token": token, **answers})

    def round_(client):
        with lock:
            request_id = next(ids, None)
        if request_id is None:
            raise NotAPage("out of open survey requests (made before the run)")
        client.cookie = cookie
        status, _ = client.request("POST", f"/feedback/requests/{request_id}", body)
        if status != 302:
            raise NotAPage(f"POST /feedback/requests/{request_id} answered HTTP {status}")
    return round_


def enough_requests(seconds, repeat=1):
    """Requests to make beforehand for the submit: far more than `repeat` measures of `seconds`
    and a throughput's can use."""
    return int(600 * seconds * (repeat + 1)) + 200

