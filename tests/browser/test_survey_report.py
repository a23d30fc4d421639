"""The feedback report in a real browser (issue 13): axe-core in every
language for the coordinator and the admin, the charts drawn inline with
their colours (the CSP lets no inline style through, so the SVG uses
presentation attributes), the filters' errors, and the printed page."""
import pytest

from tests.browser.conftest import LANGUAGES, assert_accessible, login_page

REPORT = "/feedback/report/"
EXPERTS_LEGEND = {"fi": "Asiantuntijajäsenet (n = 29)", "sv": "Expertmedlemmar (n = 29)",
                  "en": "Expert members (n = 29)"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_coordinators_report_is_accessible_and_shows_the_study_chart(page, live_server, lang):
    login_page(page, live_server, "coordinator", lang)
    page.goto(live_server.url + REPORT)
    assert page.locator("html").get_attribute("lang") == lang
    study = page.locator("svg[aria-labelledby='study-title study-desc']")
    assert EXPERTS_LEGEND[lang] in study.text_content()
    # a bar is drawn in its colour: the presentation attribute survived the CSP
    bar = page.locator("#study-heading ~ .report-chart__image path[fill='#0072b2']").first
    assert bar.evaluate("e => getComputedStyle(e).fill") == "rgb(0, 114, 178)"
    assert_accessible(page, f"report {lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_admins_report_with_the_panels_compared_is_accessible(page, live_server, lang):
    login_page(page, live_server, "admin", lang)
    page.goto(live_server.url + REPORT)
    assert page.locator("svg[aria-labelledby='compare-works_well-title compare-works_well-desc']").count() == 1
    assert page.locator("#report-comments").count() == 0
    assert_accessible(page, f"admin report {lang}")


def test_the_filters_errors_are_accessible_and_keep_what_was_typed(page, live_server):
    login_page(page, live_server, "coordinator", "en")
    page.goto(live_server.url + REPORT)
    page.locator(".report-filters__summary").click()
    page.fill("#filter-from", "2026-13")
    page.click(".report-filters button[type=submit]")
    page.wait_for_load_state()
    assert page.input_value("#filter-from") == "2026-13"
    assert "YYYY-MM" in page.locator("#filter-from-error").inner_text()
    assert_accessible(page, "report filters with an error")


def test_the_printed_report_has_the_charts_without_the_filters_and_downloads(page, live_server):
    login_page(page, live_server, "coordinator", "fi")
    page.goto(live_server.url + REPORT)
    page.emulate_media(media="print")
    assert not page.locator(".report-filters").is_visible()
    assert not page.locator(".report-chart__downloads").first.is_visible()
    assert page.locator("svg[aria-labelledby='study-title study-desc']").is_visible()
