"""The meetings page's "create a year's meetings" form is rendered once per
language, year and panels (panel/generate_form_view.py): what it shows follows
each of them, and a refused form still shows its message and the typed year."""
from accounts import storage as accounts_storage
from panel import storage
from tests import dom
from tests.conftest import csrf_from, login, make_user
from tests.test_panel import OPEN_DAY


def coordinator_of(db, *panel_ids):
    make_user(db, "ko-form@example.fi", ["coordinator"], list(panel_ids))
    return "ko-form@example.fi"


def test_the_form_follows_the_pages_language(app, client, db, panel_id):
    app.config["TODAY"] = OPEN_DAY
    login(client, coordinator_of(db, panel_id))
    assert "Luo vuoden kokoukset" in client.get("/meetings").get_data(as_text=True)
    client.get("/language/sv")
    html = client.get("/meetings").get_data(as_text=True)
    assert "Skapa ett års sammanträden" in html and "Luo vuoden kokoukset" not in html


def test_the_form_offers_the_next_free_year_once_a_year_has_its_meetings(app, client, db, panel_id):
    app.config["TODAY"] = OPEN_DAY
    login(client, coordinator_of(db, panel_id))
    assert dom.field_value(client.get("/meetings").get_data(as_text=True), "year") == "2027"
    storage.generate_meetings(db, panel_id, 2027, 3)
    assert dom.field_value(client.get("/meetings").get_data(as_text=True), "year") == "2028"


def test_the_panels_to_choose_from_follow_a_renamed_panel(app, client, db, panel_id, other_panel_id):
    app.config["TODAY"] = OPEN_DAY
    login(client, coordinator_of(db, panel_id, other_panel_id))
    assert "Toinen paneeli" in client.get("/meetings").get_data(as_text=True)
    accounts_storage.update_panel(db, other_panel_id, "Kolmas paneeli", "", "TP")
    html = client.get("/meetings").get_data(as_text=True)
    assert "Kolmas paneeli" in html and "Toinen paneeli" not in html


def test_a_refused_form_shows_its_message_and_the_typed_year(app, client, db, panel_id):
    app.config["TODAY"] = OPEN_DAY
    login(client, coordinator_of(db, panel_id))
    client.get("/language/en")
    token = csrf_from(client.get("/meetings").get_data(as_text=True))
    response = client.post("/meetings/generate", data={"year": "1999", "panel_id": panel_id, "csrf_token": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a year between 2000 and 2100." in html and dom.field_value(html, "year") == "1999"
    html = client.get("/meetings").get_data(as_text=True)  # the next fresh form is the remembered one again
    assert "Enter a year between" not in html and dom.field_value(html, "year") == "2027"
