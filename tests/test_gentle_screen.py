"""A gentler screen (issue 10): no frame-bringing #main after Next, a kind
word instead of an error for a skipped question on the person's own screen,
errors that name the question on the worker's form, Back before Next with
Enter going forward, dates in the page's language, our own file button."""
from datetime import date

import pytest
from flask_babel import force_locale

from participation import storage
from tests import dom
from tests.conftest import csrf_from
from tests.test_tablet import make_code, make_consultation, make_views, start_tablet, tablet_csrf
from web.forms import LocaleDateField


@pytest.fixture
def views_id(db, users, panel_id):
    consultation_id = make_consultation(db, panel_id, users["social_worker"][0])
    return make_views(db, consultation_id, "7-12")


def test_next_leads_to_the_next_screen_without_a_fragment(client, db, login_as, views_id, users):
    login_as("social_worker")
    token = csrf_from(client.get(f"/views/{views_id}/show/0").get_data(as_text=True))
    response = client.post(f"/views/{views_id}/show/0", data={"csrf_token": token, "nav": "next"})
    assert response.location.endswith(f"/views/{views_id}/show/1")  # no "#main": the frame round the page


def test_next_on_the_tablet_leads_on_without_a_fragment(client, db, views_id, users):
    consultation_id = db["views"].get(views_id)["consultation_id"]
    code, _code_id = make_code(db, consultation_id, views_id, users["social_worker"][0])
    start_tablet(client, code)
    response = client.post("/t/s/1", data={"csrf_token": tablet_csrf(client, 1), "q-q1-text": "", "nav": "next"})
    assert response.status_code == 302 and response.location.endswith("/t/s/2")


def test_a_skipped_question_on_the_childs_screen_goes_on_without_an_error(client, db, login_as, views_id):
    login_as("social_worker")
    page = client.get(f"/views/{views_id}/show/1").get_data(as_text=True)
    # the kind word is on the page, hidden until "Next" finds the question skipped (participation.js)
    nudge = dom.find(page, "p", id="q-q1-nudge")
    assert nudge is not None and "hidden" in nudge.attrs and nudge.text == "Voit myös valita: en halua vastata."
    response = client.post(f"/views/{views_id}/show/1", data={"csrf_token": csrf_from(page), "q-q1-text": "",
                                                             "nav": "next"})
    assert response.status_code == 302
    assert "error-summary" not in client.get(response.location).get_data(as_text=True)


def test_the_workers_own_form_has_no_kind_word_but_an_error_that_names_the_question(client, db, login_as, views_id):
    login_as("social_worker")
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert dom.find(page, "p", id="q-q1-nudge") is None
    response = client.post(f"/views/{views_id}", data={
        "csrf_token": csrf_from(page), "action": "finish", "q-q1-text": "Toive", "q-q2-text": "", "q-q3-text": "Kiitos",
        "method": "discussion"})
    summary = dom.find(response.get_data(as_text=True), "div", class_="error-summary")
    links = [a.text for a in summary.find_all("a")]
    assert links == ["Kysymys 2: Onko jotain mikä sinua huolestuttaa? – Vastaa tai valitse ”En halua vastata”."]
    assert summary.find("a").get("href") == "#q-q2"


@pytest.mark.parametrize("url", ["/views/{id}/show/1"])
def test_back_comes_before_next_and_enter_goes_forward(client, db, login_as, views_id, url):
    login_as("social_worker")
    page = client.get(url.format(id=views_id)).get_data(as_text=True)
    buttons = dom.find(page, "div", class_="screen-nav").find_all("button")
    assert "hidden" in buttons[0].attrs and buttons[0].get("name") is None  # the default: Enter goes forward
    assert [b.get("value") for b in buttons[1:]] == ["back", "next"]


def test_the_tablets_back_comes_before_next_and_enter_goes_forward(client, db, views_id, users):
    consultation_id = db["views"].get(views_id)["consultation_id"]
    code, _code_id = make_code(db, consultation_id, views_id, users["social_worker"][0])
    start_tablet(client, code)
    buttons = dom.find(client.get("/t/s/1").get_data(as_text=True), "div", class_="tablet-nav").find_all("button")
    assert "hidden" in buttons[0].attrs and buttons[0].get("name") is None
    assert [b.get("value") for b in buttons[1:]] == ["back", "next"]


# ---- dates in the page's language ------------------------------------------------

@pytest.mark.parametrize("lang, typed, hint", [
    ("fi", "31.1.2027", "Esimerkiksi "), ("sv", "31.1.2027", "Till exempel "), ("en", "31/01/2027", "For example "),
    ("fi", "2027-01-31", "Esimerkiksi ")])
def test_the_date_of_the_views_is_typed_the_way_the_page_writes_dates(client, db, login_as, views_id, lang, typed,
                                                                      hint):
    login_as("social_worker")
    client.get(f"/language/{lang}")
    storage.finish(db, views_id)
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    field = dom.find(page, "input", id="asked_on")
    assert field.get("type") == "text"  # not the browser's own "mm/dd/yyyy"
    assert dom.find(page, "p", id="asked_on-hint").text.startswith(hint)
    client.post(f"/views/{views_id}", data={"csrf_token": csrf_from(page), "asked_on": typed, "method": "play"})
    assert storage.get_views(db, views_id)["asked_on"] == "2027-01-31"
    shown = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert dom.field_value(shown, "asked_on") == ("31/01/2027" if lang == "en" else "31.1.2027")


@pytest.mark.parametrize("typed", ["31.13.2027", "1.2", "eilen", "1.1.99999", "31.1.1066"])
def test_a_date_that_does_not_parse_says_how_to_write_it_and_keeps_the_text(client, db, login_as, views_id, typed):
    login_as("social_worker")
    storage.finish(db, views_id)
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    response = client.post(f"/views/{views_id}", data={"csrf_token": csrf_from(page), "asked_on": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Kirjoita päivämäärä esimerkin mukaan" in dom.find(html, "p", id="asked_on-error").text
    assert dom.field_value(html, "asked_on") == typed
    assert storage.get_views(db, views_id)["asked_on"] in (None, "")


def test_the_date_field_formats_and_parses_per_locale(app):
    with app.test_request_context():
        for lang, text in (("fi", "9.1.2027"), ("sv", "9.1.2027"), ("en", "09/01/2027")):
            with force_locale(lang):
                assert LocaleDateField.formatted(date(2027, 1, 9)) == text


def test_the_file_button_speaks_the_pages_language(client, db, login_as, views_id):
    login_as("social_worker")
    db["views"].update(views_id, {"language": "sv"})  # a draft is shown in the person's language
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    button = dom.find(page, "label", id="q-q1-drawing-button")
    assert button.text == "Välj en bild" and button.get("for") == "q-q1-drawing"
    assert dom.find(page, "input", id="q-q1-drawing").get("type") == "file"
