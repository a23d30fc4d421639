"""Site-wide access: walks every route of app.url_map, so a page that forgets
its access check is caught even if its own tests forget it too.

- Anonymous GET on every non-public route: a redirect to the login page or
  401/403/404, never a page (200) and never a 500.
- Every role, logged in, GET on every route with made-up ids (those of the
  demo data and ones that do not exist): never a 500.
"""
import pytest

from app import create_app
from db import connect, migrate
from demo_data import fill
from tests.conftest import login, make_user, TEST_SPEED

ROLES = ("social_worker", "coordinator", "expert", "admin")
MADE_UP_IDS = (1, 99999)

# Pages anyone may open without logging in.
PUBLIC_ENDPOINTS = {
    "static", "web.index", "web.set_language", "web.accessibility", "web.privacy", "web.healthz",
    "accounts.login",
}


def is_public(rule):
    """The allow-list above, plus the tablet start page /t and the tablet's own routes."""
    return (rule.endpoint in PUBLIC_ENDPOINTS
            or rule.rule == "/t" or rule.rule.startswith("/t/")
            or rule.endpoint.startswith("tablet."))


def get_urls(app, rules):
    """One URL per (rule, made-up id); rules without arguments once."""
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in rules:
        ids = MADE_UP_IDS if rule.arguments else MADE_UP_IDS[:1]
        for made_up_id in ids:
            # int and string converters alike accept a number
            urls.append((rule.endpoint, adapter.build(rule.endpoint, dict.fromkeys(rule.arguments, made_up_id))))
    return urls


def get_rules(app):
    return [rule for rule in app.url_map.iter_rules() if "GET" in rule.methods and rule.endpoint != "static"]


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    """The app with the demo data (so id 1 exists) and a test user per role."""
    path = tmp_path_factory.mktemp("access") / "access.sqlite"
    app = create_app({"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "access-test",
                      "SESSION_COOKIE_SECURE": False, **TEST_SPEED})
    db = connect(str(path))
    migrate(db)
    panel_id = fill(db)["panel_id"]
    for role in ROLES:
        make_user(db, f"a-{role}@example.fi", [role], [] if role == "admin" else [panel_id])
    db.conn.close()
    return app


def fetch(client, url):
    """The status of a GET; an exception that escapes the app counts as a 500."""
    try:
        return client.get(url)
    except Exception as exc:  # noqa: BLE001 - reported as a failure below
        return exc


def test_the_walk_sees_the_routes_it_should(demo_app):
    endpoints = {rule.endpoint for rule in get_rules(demo_app)}
    assert {"accounts.home", "accounts.login", "web.healthz"} <= endpoints
    protected = [rule for rule in get_rules(demo_app) if not is_public(rule)]
    assert len(protected) >= 3


def test_anonymous_gets_on_every_non_public_route_never_show_the_page(demo_app):
    client = demo_app.test_client()
    wrong = []
    for endpoint, url in get_urls(demo_app, [r for r in get_rules(demo_app) if not is_public(r)]):
        response = fetch(client, url)
        if isinstance(response, Exception):
            wrong.append(f"{url} ({endpoint}): raised {response!r}")
        elif response.status_code in (301, 302, 303, 307, 308):
            if not response.location.split("?")[0].endswith("/login"):
                wrong.append(f"{url} ({endpoint}): redirects to {response.location}, not the login page")
        elif response.status_code not in (401, 403, 404):
            wrong.append(f"{url} ({endpoint}): {response.status_code}")
    assert not wrong, "Anonymous access not refused:\n" + "\n".join(wrong)


def test_anonymous_gets_on_public_routes_never_fail(demo_app):
    client = demo_app.test_client()
    failed = []
    for endpoint, url in get_urls(demo_app, [r for r in get_rules(demo_app) if is_public(r)]):
        response = fetch(client, url)
        status = 500 if isinstance(response, Exception) else response.status_code
        if status >= 500:
            failed.append(f"{url} ({endpoint}): {response!r}")
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("role", ROLES)
def test_no_get_route_gives_a_500_to_any_role(demo_app, role):
    client = demo_app.test_client()

    def log_in():
        response = login(client, f"a-{role}@example.fi")
        assert response.status_code == 302 and "/login" not in response.location
    log_in()
    failed = []
    for endpoint, url in get_urls(demo_app, get_rules(demo_app)):
        if endpoint == "web.set_language":
            continue
        response = fetch(client, url)
        if not isinstance(response, Exception) and (response.location or "").split("?")[0].endswith("/login"):
            log_in()  # a route ended the session (e.g. the tablet start): keep walking logged in
        if isinstance(response, Exception):
            failed.append(f"{url} ({endpoint}): raised {response!r}")
        elif response.status_code >= 500:
            failed.append(f"{url} ({endpoint}): {response.status_code}")
    assert not failed, f"500s for {role}:\n" + "\n".join(failed)
