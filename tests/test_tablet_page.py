"""A tablet screen from its kept frame (participation/tablet_page.py): the same HTML as the
whole page rendered, with each session's own CSRF token and each person's own answers."""
import re

import pytest

from participation import tablet_page
from tests.conftest import csrf_from
from tests.test_tablet import case, make_code, make_views, start_tablet, started, tablet_csrf  # noqa: F401

SCREENS_7_12 = 7  # the 7–12 questionnaire: the explanation, five question screens, the end


def without_tokens(html):
    return re.sub(r'(name="csrf_token" value=")[^"]+', r"\1", html)


def another_tablet(app, db, case, lang="fi", band="7-12"):  # noqa: F811
    """A second tablet (its own browser) answering another record of the same consultation."""
    client = app.test_client()
    views_id = make_views(db, case["consultation_id"], band)
    code, _ = make_code(db, case["consultation_id"], views_id, case["worker_id"])
    assert start_tablet(client, code, lang).status_code == 302
    return client, views_id


def screens(client, steps=range(SCREENS_7_12)):
    pages = {}
    for step in steps:
        response = client.get(f"/t/s/{step}")
        assert response.status_code == 200
        pages[step] = without_tokens(response.get_data(as_text=True))
    return pages


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_screen_from_its_kept_frame_is_the_whole_page(app, db, case, monkeypatch, lang):  # noqa: F811
    first, _ = another_tablet(app, db, case, lang)
    kept = screens(first)
    kept_again = screens(first)  # the frames made by the first round
    token = tablet_csrf(first, 1)
    too_long = first.post("/t/s/1", data={"csrf_token": token, "q-q1-text": "x" * 5001, "nav": "next"})
    monkeypatch.setattr(tablet_page, "_frame_key", lambda frame_context: None)  # every screen rendered whole
    whole = screens(first)
    whole_too_long = first.post("/t/s/1", data={"csrf_token": token, "q-q1-text": "x" * 5001, "nav": "next"})
    assert kept == kept_again == whole
    assert too_long.status_code == whole_too_long.status_code == 400
    assert without_tokens(too_long.get_data(as_text=True)) == without_tokens(whole_too_long.get_data(as_text=True))
    assert f'<html lang="{lang}">' in whole[0]


def test_each_session_gets_its_own_csrf_token_from_a_kept_frame(app, client, db, started):  # noqa: F811
    other, _ = another_tablet(app, db, started)
    mine, theirs = tablet_csrf(client, 1), tablet_csrf(other, 1)
    assert mine != theirs
    for browser, token in ((client, mine), (other, theirs)):
        page = browser.get(f"/t/s/{SCREENS_7_12 - 1}").get_data(as_text=True)
        assert set(re.findall(r'name="csrf_token" value="([^"]+)"', page)) == {csrf_from(page)}
        response = browser.post("/t/s/1", data={"csrf_token": token, "q-q1-text": "Mummolle.", "nav": "next"})
        assert response.status_code == 302
    assert client.post("/t/s/1", data={"csrf_token": theirs, "q-q1-text": "Mummolle.", "nav": "next"}
                       ).status_code == 400


def test_each_person_sees_their_own_answers_on_a_kept_frame(app, client, db, started):  # noqa: F811
    other, _ = another_tablet(app, db, started)
    token = tablet_csrf(client, 1)
    client.post("/t/s/1", data={"csrf_token": token, "q-q1-text": "Toivon koiraa.", "nav": "next"})
    assert "Toivon koiraa." in client.get("/t/s/1").get_data(as_text=True)
    assert "Toivon koiraa." not in other.get("/t/s/1").get_data(as_text=True)


def test_a_flashed_message_shows_on_a_screen_whose_frame_is_kept(client, started):  # noqa: F811
    """base.html shows the session's flashed messages: such a screen is rendered whole, once."""
    assert client.get("/t/s/1").status_code == 200  # the frame is kept
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Viesti tabletille")]
    assert "Viesti tabletille" in client.get("/t/s/1").get_data(as_text=True)
    assert "Viesti tabletille" not in client.get("/t/s/1").get_data(as_text=True)
