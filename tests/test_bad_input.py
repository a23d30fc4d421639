"""Bad input never gives a 500 (issue 9, items 12–14 and 17's NUL): huge
numbers in forms, huge ids in URLs, broken JSON, NUL characters."""
import re

import pytest
from werkzeug.routing import IntegerConverter

from web.converters import IdConverter
from tests.conftest import csrf_from, login

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
