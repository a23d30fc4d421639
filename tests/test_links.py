"""web/links.py: a row's link built from one url_for is the one url_for gives."""
import pytest
from flask import url_for

from panel.meeting_links import CONSULTATION_LINKS, MEETING_LINKS, TASK_LINKS
from web.links import id_url

EVERY_LINK = ([(endpoint, "meeting_id") for endpoint in MEETING_LINKS.values()]
              + [(endpoint, "consultation_id") for endpoint in CONSULTATION_LINKS.values()]
              + [(endpoint, "consultation_id") for endpoint in TASK_LINKS.values()]
              + [("panel.statement", "consultation_id"), ("panel.edit_statement", "consultation_id"),
                 ("participation.panel_material", "consultation_id")])


@pytest.mark.parametrize("endpoint, name", EVERY_LINK)
def test_each_rows_link_is_url_fors(app, endpoint, name):
    with app.test_request_context("/"):
        url = id_url(endpoint, name)
        for id_ in (1, 7, 98765, 2**63 - 1):
            assert url(id_) == url_for(endpoint, **{name: id_})


def test_the_link_keeps_the_scripts_prefix(app):
    with app.test_request_context("/", base_url="http://localhost/kuulluksi/"):
        assert id_url("panel.edit_meeting", "meeting_id")(3) == "/kuulluksi/meetings/3/edit"



def test_a_remembered_link_follows_the_scripts_prefix_of_each_request(app):
    for prefix in ("/", "/kuulluksi/", "/other/", "/"):
        with app.test_request_context("/", base_url=f"http://localhost{prefix}"):
            assert id_url("panel.edit_meeting", "meeting_id")(3) == url_for("panel.edit_meeting", meeting_id=3)


def test_a_remembered_link_follows_the_requests_host_and_scheme(app):
    app.config["SERVER_NAME"] = "kuulluksi.example"
    for base in ("http://kuulluksi.example/", "https://kuulluksi.example/", "http://other.example/"):
        with app.test_request_context("/", base_url=base):
            assert id_url("panel.edit_meeting", "meeting_id")(3) == url_for("panel.edit_meeting", meeting_id=3)


def test_with_url_defaults_nothing_is_remembered(app):
    """A URL-defaults function may read the request (e.g. a language in the path): each id_url asks url_for."""
    calls = []
    app.url_default_functions.setdefault(None, []).append(lambda endpoint, values: calls.append(endpoint))
    with app.test_request_context("/"):
        id_url("panel.edit_meeting", "meeting_id")
        id_url("panel.edit_meeting", "meeting_id")
    assert calls == ["panel.edit_meeting", "panel.edit_meeting"]


def test_the_url_is_built_once_per_app_for_the_same_request_setting(app, monkeypatch):
    import web.links
    built = []
    real = web.links.url_for
    monkeypatch.setattr(web.links, "url_for", lambda *a, **k: built.append(a) or real(*a, **k))
    for _ in range(3):
        with app.test_request_context("/"):
            assert id_url("panel.edit_meeting", "meeting_id")(5) == "/meetings/5/edit"
    assert len(built) == 1
