"""web/links.site_url: a remembered address is url_for's, for the script root it was built under."""
from flask import url_for

from web.links import site_url


def test_a_site_url_is_url_for_s_address_asked_again(app):
    calls = [("static", {"filename": "js/tablet.js"}), ("tablet.still_here", {}), ("tablet.screen", {"step": 3}),
             ("tablet.drawing", {"question_id": "q1"})]
    with app.test_request_context("/t"):
        for endpoint, values in calls * 2:
            assert site_url(endpoint, **values) == url_for(endpoint, **values)


def test_a_site_url_follows_where_the_app_is_mounted(app):
    with app.test_request_context("/t"):
        assert site_url("static", filename="css/app.css") == "/static/css/app.css"
    with app.test_request_context("/t", base_url="http://localhost/kuulluksi/"):
        assert site_url("static", filename="css/app.css") == "/kuulluksi/static/css/app.css"


def test_an_external_address_is_built_for_each_host(app):
    with app.test_request_context("/t", base_url="http://a.example/"):
        assert site_url("tablet.start", _external=True) == "http://a.example/t"
    with app.test_request_context("/t", base_url="http://b.example/"):
        assert site_url("tablet.start", _external=True) == "http://b.example/t"


def test_the_templates_get_the_same_address(app):
    with app.test_request_context("/t"):
        html = app.jinja_env.from_string("{{ site_url('static', filename='js/tablet.js') }}").render()
        assert html == url_for("static", filename="js/tablet.js")
