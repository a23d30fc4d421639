"""web/links.py: a row's link built from one url_for is the one url_for gives."""
import pytest
from flask import url_for

from panel.meeting_links import CONSULTATION_LINKS, MEETING_LINKS
from web.links import id_url

EVERY_LINK = ([(endpoint, "meeting_id") for endpoint in MEETING_LINKS.values()]
              + [(endpoint, "consultation_id") for endpoint in CONSULTATION_LINKS.values()]
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

