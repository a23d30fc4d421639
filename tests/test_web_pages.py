"""The footer's pages: the accessibility statement and the privacy notice."""
import pytest

PAGES = {
    "/accessibility": {"fi": "Saavutettavuusseloste", "sv": "Tillgänglighetsutlåtande", "en": "Accessibility statement"},
    "/privacy": {"fi": "Tietosuojaseloste", "sv": "Dataskyddsbeskrivning", "en": "Privacy notice"},
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("url", sorted(PAGES))
def test_footer_pages_are_public_and_in_each_language(client, url, lang):
    client.get(f"/language/{lang}")
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"<h1>{PAGES[url][lang]}</h1>" in html
    assert f'href="{url}"' in html  # linked from the footer


def test_the_accessibility_statement_has_what_the_law_asks_for(client):
    html = client.get("/accessibility").get_data(as_text=True)
    assert "306/2019" in html and "WCAG" in html
    assert "täyttää WCAG 2.1 -ohjeiden AA-tason vaatimukset osittain" in html  # compliance status
    assert "Tunnetut puutteet" in html
    assert "Traficom" in html and "Etelä-Suomen aluehallintoviraston" in html
    assert "saavutettavuusvaatimukset.fi" in html
    assert "23.11.2026" in html


def test_the_accessibility_contact_comes_from_the_configuration(app, client):
    html = client.get("/accessibility").get_data(as_text=True)
    assert "ei ole vielä lisännyt" in html
    app.config["ACCESSIBILITY_CONTACT"] = "saavutettavuus@hyvinvointialue.example"
    app.config["ACCESSIBILITY_STATEMENT_DATE"] = "2027-02-01"
    html = client.get("/accessibility").get_data(as_text=True)
    assert "saavutettavuus@hyvinvointialue.example" in html and "ei ole vielä lisännyt" not in html
    assert "1.2.2027" in html


def test_a_bad_statement_date_in_the_configuration_falls_back(app, client):
    app.config["ACCESSIBILITY_STATEMENT_DATE"] = "not a date"
    response = client.get("/accessibility")
    assert response.status_code == 200 and "23.11.2026" in response.get_data(as_text=True)


def test_the_privacy_notice_says_what_is_and_is_not_stored(client):
    client.get("/language/en")
    html = client.get("/privacy").get_data(as_text=True)
    for words in ["pseudonymous case code", "personal identity code is not entered", "or only the social worker",
                  "Staff accounts", "audit log", "Anonymous feedback", "6(1)(e)", "9(2)(h)",
                  "Child Welfare Act", "How long the data is kept", "Your rights", "Data Protection Ombudsman"]:
        assert words in html, words


def test_the_controller_and_contacts_come_from_the_configuration(app, client):
    app.config.update(CONTROLLER="Keski-Suomen hyvinvointialue", PRIVACY_CONTACT="kirjaamo@example.fi",
                      DATA_PROTECTION_OFFICER="tietosuoja@example.fi")
    html = client.get("/privacy").get_data(as_text=True)
    assert "Rekisterinpitäjä on Keski-Suomen hyvinvointialue" in html
    assert "kirjaamo@example.fi" in html and "tietosuoja@example.fi" in html
    assert "Ei vielä lisätty" not in html


def test_the_configuration_values_are_escaped(app, client):
    app.config["CONTROLLER"] = "<script>alert(1)</script>"
    html = client.get("/privacy").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
