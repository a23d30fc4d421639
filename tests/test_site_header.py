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
@pytest.mark.parametrize("authenticated", [True, False])
def test_the_kept_header_is_the_macro_rendered_whole(app, lang, authenticated):
    from markupsafe import escape

    from questionnaire.stencil import State
    from web import header
    values = {"panel_name": "Paneeli <1>", "authenticated": authenticated,
              "nav": (("panel.meetings", "Kokoukset"),) if authenticated else (), "here": "panel.meetings",
              "back_to": "/meetings?year=2026&x=<y>", "current_locale": lang, "languages": ("fi", "sv", "en")}
    with app.test_request_context("/meetings"):
        macro = app.jinja_env.get_template("_layout_parts.html").module.site_header
        whole = str(macro(**values, language_name=header.language_name, csrf_token=lambda: "token<&>"))
        kept = str(header._stencil(macro, values).fill(State(given={"csrf_token": escape("token<&>")})))
    assert kept == whole
    assert ("token&lt;&amp;&gt;" in kept) == authenticated
    assert f'lang="{lang}" hreflang="{lang}" aria-current="true"' in kept


def unsigned(header):
    """The header with its logout token's session part only: the signed token carries the second it was made."""
    return re.sub(r'(name="csrf_token" value="[^".]+)\.[^"]+"', r'\1"', header)


def test_a_page_gets_the_same_header_from_the_kept_copy(two_sessions):
    client, _ = two_sessions
    first, again = (unsigned(header_of(client.get("/meetings"))) for _ in range(2))
    assert first == again and 'aria-current="page"' in first and 'name="csrf_token" value="' in first


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
