"""The one extension point (web/extensions.py): parts register what they show on others' pages."""
import pytest

from tests.conftest import login
from web import extensions


def test_a_registered_nav_link_is_shown_to_its_roles_only(app, login_as):
    extensions.register_nav_link(app, "web.accessibility", "Extra link", ("coordinator",))
    client = login_as("coordinator")
    assert "Extra link" in client.get("/meetings").get_data(as_text=True)
    other = app.test_client()
    login(other, "expert@example.fi")
    assert "Extra link" not in other.get("/meetings").get_data(as_text=True)


def test_a_section_of_an_unknown_slot_fails_when_registered(app):
    with pytest.raises(ValueError):
        extensions.register_panel_section(app, "sidebar", "mine", lambda **context: None)


def test_a_loader_with_nothing_to_show_adds_no_section(app, login_as):
    extensions.register_panel_section(app, "my_consultations", "nothing", lambda consultations: None)
    client = login_as("social_worker")
    with client:
        client.get("/consultations/mine")
        names = [section.name for section in extensions.sections_for("my_consultations", consultations=[])]
    assert names == ["participation", "statement"]
