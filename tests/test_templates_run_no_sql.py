"""Templates never run SQL (issue 8, "Rooms with one job"): whatever a page
shows is loaded by its route before render_template. Every statement on the
request's connection while a template renders is recorded here."""
import pytest
from flask import before_render_template, template_rendered

from db import get_db
from tests.test_privacy import case, client_of  # noqa: F401  (case: a fixture)


@pytest.fixture
def sql_while_rendering(app):
    """The SQL statements run while a template was being rendered, per template."""
    seen = {}

    def started(sender, template, context, **extra):
        seen.setdefault(template.name, [])
        get_db().conn.set_trace_callback(seen[template.name].append)

    def finished(sender, template, context, **extra):
        get_db().conn.set_trace_callback(None)

    with before_render_template.connected_to(started, app), template_rendered.connected_to(finished, app):
        yield seen


@pytest.mark.parametrize("role, url", [
    ("coordinator", "/meetings"),
    ("expert", "/meetings"),
    ("social_worker", "/consultations/mine"),
    ("social_worker", "/consultations/{consultation_id}"),
    ("coordinator", "/consultations/{consultation_id}"),
    ("social_worker", "/views/{views_id}"),
    ("social_worker", "/views/{views_id}/summary"),
    ("expert", "/views/{views_id}/summary/panel"),
    ("admin", "/admin/users"),
])
def test_no_page_runs_sql_from_its_template(app, users, case, sql_while_rendering, role, url):  # noqa: F811
    client = client_of(app, users[role][1])
    response = client.get(url.format(**case))
    assert response.status_code == 200
    assert sql_while_rendering, "no template was rendered"
    ran = {name: statements for name, statements in sql_while_rendering.items() if statements}
    assert not ran, ran


def test_the_header_names_the_users_one_panel_and_the_site_for_an_admin(app, users, case):  # noqa: F811
    expert = client_of(app, users["expert"][1]).get("/meetings").get_data(as_text=True)
    admin = client_of(app, users["admin"][1]).get("/admin/users").get_data(as_text=True)
    assert "Testipaneeli" in expert
    assert "Testipaneeli" not in admin.split("<main")[0] and app.config["SITE_NAME"] in admin
