"""Bad input never gives a 500 (issue 9, items 12–14 and 17's NUL): huge
numbers in forms, huge ids in URLs, broken JSON, NUL characters."""
import re

import pytest
from werkzeug.routing import IntegerConverter

from participation import storage as views_storage
from tests.conftest import csrf_from, login
from tests.test_panel import add_meeting, book, booking_data, form_post, today  # noqa: F401
from tests.test_participation import consultation_id, start  # noqa: F401
from tests.test_tablet import case, started, tablet_csrf  # noqa: F401
from web.converters import IdConverter

# -- 13: ids in URLs (Rule._converters: the converter of each argument) ---------------------

HUGE_IDS = [str(2**63), "9" * 400]
STRING_IDS = {"question_id"}  # ids that are names, not database rows ("q1")
ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def rules_with_ids(app):
    return [rule for rule in app.url_map.iter_rules()
            if any(isinstance(c, IntegerConverter) for c in rule._converters.values())]


def url_with(rule, value):
    """The rule's path with every id (and step) set to `value`, other arguments to "q1"."""
    def fill(match):
        return value if isinstance(rule._converters[match.group(2)], IntegerConverter) else "q1"
    return ARGUMENT.sub(fill, rule.rule)


def test_every_id_in_a_route_uses_the_bounded_id_converter(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for name, converter in rule._converters.items():
            if name.endswith("_id") and name not in STRING_IDS or isinstance(converter, IntegerConverter):
                assert isinstance(converter, IdConverter), f"{rule.rule}: <{name}> must be <id:{name}>"
    assert len(rules_with_ids(app)) >= 20


@pytest.mark.parametrize("value", HUGE_IDS)
def test_huge_ids_in_every_route_are_404(app, client, users, value):
    login(client, users["admin"][1])
    token = csrf_from(client.get("/account/password").get_data(as_text=True))
    for rule in rules_with_ids(app):
        url = url_with(rule, value)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
            assert response.status_code == 404, (method, url, response.status_code)


def test_the_largest_sqlite_id_is_just_not_found(app, client, users):
    login(client, users["admin"][1])
    token = csrf_from(client.get("/account/password").get_data(as_text=True))
    for rule in rules_with_ids(app):
        url = url_with(rule, str(2**63 - 1))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
            assert response.status_code < 500, (method, url, response.status_code)


@pytest.mark.parametrize("value", ["0", "-1", "1.0", "\u0661", "1e3"])
def test_ids_that_are_not_positive_ascii_numbers_are_404(client, users, value):
    login(client, users["admin"][1])
    assert client.get(f"/admin/users/{value}").status_code == 404


def test_the_id_converter_still_builds_urls(app):
    with app.test_request_context():
        from flask import url_for
        assert url_for("participation.record", views_id=2**63 - 1) == f"/views/{2**63 - 1}"


@pytest.mark.parametrize("limit", [7, 10, 99, 100, 305, 2**63 - 1])
def test_the_id_pattern_takes_exactly_the_numbers_up_to_its_limit(limit):
    from web.converters import numbers_up_to
    pattern = re.compile(numbers_up_to(limit, zero=False) + r"\Z")
    for value in [*range(400), limit - 1, limit, limit + 1, limit * 10]:
        assert bool(pattern.match(str(value))) == (1 <= value <= limit), value
    assert not pattern.match("01") and not pattern.match("")


# -- 12: numbers far too large for the range check ------------------------------------------


HUGE = "9" * 400


def input_value(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no input {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def assert_kept_with_a_message(response, name):
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="{name}-error"' in html and 'class="error-summary"' in html
    assert input_value(html, name) == HUGE


def test_a_400_digit_age_in_a_booking_is_a_message_next_to_the_field(db, panel_id, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    response = form_post(login_as("social_worker"), "/consultations/new", booking_data(meeting_id, child_age=HUGE))
    assert_kept_with_a_message(response, "child_age")
    assert "Onko sijoitus lapsen edun mukainen?" in response.get_data(as_text=True)
    assert db["consultations"].count == 0


def test_a_400_digit_age_in_an_edit_is_a_message_next_to_the_field(db, panel_id, users, login_as, today):
    meeting_id = add_meeting(db, panel_id)
    consultation_id = book(db, meeting_id, users["social_worker"][0])
    response = form_post(login_as("social_worker"), f"/consultations/{consultation_id}/edit",
                         booking_data(meeting_id, child_age=HUGE))
    assert_kept_with_a_message(response, "child_age")
    assert db["consultations"].get(consultation_id)["child_age"] == 10


@pytest.mark.parametrize("url", ["/meetings/new", "/meetings/{meeting}/edit"])
def test_a_400_digit_capacity_is_a_message_next_to_the_field(db, panel_id, login_as, today, url):
    meeting_id = add_meeting(db, panel_id)
    response = form_post(login_as("coordinator"), url.format(meeting=meeting_id), {
        "panel_id": panel_id, "day": "2027-02-05", "starts": "09:00", "ends": "11:30", "place": "Sali",
        "teams_link": "", "capacity": HUGE, "notes": ""})
    assert_kept_with_a_message(response, "capacity")
    assert [m["capacity"] for m in db["meetings"].rows] == [3]


def test_a_400_digit_year_to_generate_is_a_message_next_to_the_field(db, panel_id, login_as, today):
    response = form_post(login_as("coordinator"), "/meetings/generate", {"year": HUGE, "panel_id": panel_id},
                         "/meetings")
    assert_kept_with_a_message(response, "year")
    assert db["meetings"].count == 0


@pytest.mark.parametrize("value", ["1e3", "0x10", "１２", "12.0", "+-3", " 7 "])
def test_odd_numbers_are_refused_or_read_plainly(db, panel_id, login_as, today, value):
    meeting_id = add_meeting(db, panel_id)
    response = form_post(login_as("social_worker"), "/consultations/new", booking_data(meeting_id, child_age=value))
    if value.strip() == "7":
        assert response.status_code == 302 and db["consultations"].get(1)["child_age"] == 7
    else:
        assert response.status_code == 400 and db["consultations"].count == 0


# -- 14: JSON that json, sqlite3 or Python's stack cannot take --------------------------------


BROKEN_JSON = {
    "lone surrogate": b'{"question": "q1", "text": "kissa \\udcff"}',
    "lone surrogate in a key": b'{"question": "q1", "\\ud800": "x", "text": "kissa"}',
    "100,000 nested arrays": b'{"question": "q1", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "100,000 nested objects": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "not UTF-8": b'{"question": "q1", "text": "\xff\xfe"}',
    "UTF-16": '{"question": "q1", "text": "kissa"}'.encode("utf-16"),
    "cut short": b'{"question": "q1", "text": "kis',
    "NaN": b'{"question": "q1", "text": NaN}',
    "a huge number": b'{"question": "q1", "text": "x", "declined": 1' + b"0" * 5000 + b"}",
    "empty": b"",
}


@pytest.fixture(params=["worker", "tablet"])
def autosave(request, client, login_as, db, panel_id, users):
    """(url, headers, views id) of the worker's or the tablet's autosave."""
    if request.param == "worker":
        login_as("social_worker")
        cid = request.getfixturevalue("consultation_id")
        views_id = start(client, cid, "7-12")
        token = csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))
        return f"/views/{views_id}/autosave", {"X-CSRFToken": token}, views_id
    tablet = request.getfixturevalue("started")
    return "/t/autosave", {"X-CSRFToken": tablet_csrf(client, 1)}, tablet["views_id"]


@pytest.mark.parametrize("body", BROKEN_JSON.values(), ids=BROKEN_JSON.keys())
def test_broken_json_to_autosave_is_a_400_with_a_json_error(client, db, autosave, body):
    url, headers, views_id = autosave
    response = client.post(url, data=body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert response.get_json()["saved"] is False and response.get_json()["errors"][0]
    assert views_storage.get_views(db, views_id)["answers"] == {}


def test_a_nul_in_autosaved_json_is_removed(client, db, autosave):
    url, headers, views_id = autosave
    response = client.post(url, json={"question": "q1", "text": "kis\x00sa"}, headers=headers)
    assert response.status_code == 200
    assert views_storage.get_views(db, views_id)["answers"]["q1"]["text"] == "kissa"

@pytest.mark.parametrize("depth, readable", [(20, True), (21, False)])
def test_json_nested_deeper_than_the_limit_is_refused(depth, readable):
    from web.json_body import BadJSON, parse
    body = b"[" * depth + b"]" * depth
    if readable:
        assert parse(body) is not None
    else:
        with pytest.raises(BadJSON):
            parse(body)


# -- 17: NUL is removed from everything typed ------------------------------------------------

def test_a_nul_in_a_form_field_is_removed_and_the_form_still_passes_csrf(client, db, login_as, consultation_id):
    login_as("social_worker")
    views_id = start(client, consultation_id, "7-12")
    views_storage.finish(db, views_id)
    token = csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))
    response = client.post(f"/views/{views_id}/notes", data={"csrf_token": token, "text": "Huo\x00mio\x00"})
    assert response.status_code == 302
    assert [n["text"] for n in views_storage.get_views(db, views_id)["notes"]] == ["Huomio"]


def test_a_nul_in_a_multipart_form_is_removed(client, db, login_as, consultation_id):
    import io
    login_as("social_worker")
    views_id = start(client, consultation_id, "7-12")
    token = csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))
    response = client.post(f"/views/{views_id}", content_type="multipart/form-data", data={
        "csrf_token": token, "action": "save", "q-q1-text": "Toi\x00ve", "present": "\x00äiti",
        "q-q3-drawing": (io.BytesIO(b""), "")})
    assert response.status_code == 302
    record = views_storage.get_views(db, views_id)
    assert record["answers"]["q1"]["text"] == "Toive" and record["present"] == "äiti"


def test_a_nul_in_the_query_string_is_removed(client, users, db):
    from accounts.storage import write_audit
    write_audit(db, users["admin"][0], "user.create", detail="user 1")
    login(client, users["admin"][1])
    html = client.get("/admin/audit?consultation=1%00").get_data(as_text=True)
    assert "\x00" not in html and 'value="1"' in html
