"""The site header is kept per page address, language and link set (web/header.py): the kept
one is the header as rendered whole, each session's logout form carries its own CSRF token,
and the language links lead back to the page they are on."""
import re

import pytest

from tests.conftest import login

HEADER = re.compile(r"<header class=\"site-header\">.*?</header>", re.S)


def header_of(response):
    return HEADER.search(response.get_data(as_text=True)).group(0)


def logout_token(header):
    return re.search(r'name="csrf_token" value="([^"]+)"', header).group(1)


@pytest.fixture
def two_sessions(app, users):
    first, second = app.test_client(), app.test_client()
    login(first, users["coordinator"][1])
    login(second, users["coordinator"][1])
    return first, second


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_kept_header_is_the_header_rendered_whole(app, two_sessions, lang):
    client, _ = two_sessions
    client.get(f"/language/{lang}")
    kept = header_of(client.get("/meetings"))          # the first makes it, the second is the kept one
    again = header_of(client.get("/meetings"))
    app.jinja_env.auto_reload = True                    # nothing is kept while templates reload
    whole = header_of(client.get("/meetings"))
    assert kept == again == whole
    assert 'aria-current="page"' in whole and f'lang="{lang}" hreflang="{lang}" aria-current="true"' in whole


def test_each_session_gets_its_own_logout_token_and_it_logs_out(two_sessions):
    first, second = two_sessions
    token_1, token_2 = (logout_token(header_of(c.get("/meetings"))) for c in (first, second))
    assert token_1 != token_2
    assert first.post("/logout", data={"csrf_token": token_1}).status_code == 302
    assert first.get("/meetings").status_code == 302        # logged out: to the login page
    assert second.get("/meetings").status_code == 200


def test_the_language_links_lead_back_to_the_page_they_are_on(two_sessions):
    client, _ = two_sessions
    for path in ("/meetings", "/meetings?year=2026"):
        links = re.findall(r'href="(/language/[^"]+)"', header_of(client.get(path)))
        assert len(links) == 3
        landed = client.get(links[1].replace("&amp;", "&"))
        assert landed.status_code == 302 and landed.headers["Location"].endswith(path)


def test_an_anonymous_pages_header_has_no_logout_form(client):
    response = client.get("/login")
    assert "logout" not in header_of(response)
    assert header_of(client.get("/login")) == header_of(response)
