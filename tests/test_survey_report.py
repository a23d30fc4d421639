"""The feedback report's page and chart downloads (surveys/routes_report.py):
the study's figures from the demo data in every language, accessible inline
SVG with its table, filters with their errors, the coordinator's and the
admin's scope, comments only for a large enough group, audit lines, and
charts cached with an ETag that answers 304 and changes with released data."""
import re
from html import unescape
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from app import create_app
from db import connect, migrate
from demo_data import DEMO_PASSWORD
from questionnaire.localisation import texts_for
from surveys import child_voice, definitions, storage
from tests import dom
from tests.conftest import TEST_SPEED, login

TODAY = "2027-01-19"
NBSP = "\u00a0"
SVG = "{http://www.w3.org/2000/svg}"
COORDINATOR, ADMIN = "koordinaattori@example.fi", "admin@example.fi"
REPORT = "/feedback/report/"


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "demo.sqlite"
    app = create_app({"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "report-test", "TODAY": TODAY,
                      "SESSION_COOKIE_SECURE": False, **TEST_SPEED})
    db = connect(str(path))
    migrate(db)
    from demo_data import extra_steps, fill_accounts
    context = {"today": date.fromisoformat(TODAY)}
    context.update(fill_accounts(db))
    for step in extra_steps():
        step(db, context)
    db.conn.close()
    return app


def client_of(app, email, lang="fi", password=DEMO_PASSWORD):
    client = app.test_client()
    client.get(f"/language/{lang}")
    assert login(client, email, password).status_code == 302
    return client


@pytest.fixture(scope="module")
def pages(demo_app):
    """The coordinator's report page in each language."""
    return {lang: client_of(demo_app, COORDINATOR, lang).get(REPORT) for lang in ("fi", "sv", "en")}


def svgs(html):
    return re.findall(r"<svg .*?</svg>", html, flags=re.S)


def svg_texts(svg):
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def words(html):
    """The page's text, white space collapsed (the no-break space before % kept)."""
    return unescape(re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


# ---- the page, with the demo data --------------------------------------------------------------------

@pytest.mark.parametrize("lang, sentence, legend, percent", [
    ("fi", f"76{NBSP}% asiantuntijajäsenistä arvioi, että asiantuntijaryhmä toimii hyvin tai erittäin hyvin. "
           f"Vain 37{NBSP}% ammattilaisista oli samaa mieltä.", "Asiantuntijajäsenet (n = 29)", f"76{NBSP}%"),
    ("sv", f"Endast 37{NBSP}% av yrkespersonerna", "Expertmedlemmar (n = 29)", f"76{NBSP}%"),
    ("en", "76% of expert members think that the expert panel works well or very well. Only 37% of "
           "professionals agreed.", "Expert members (n = 29)", "76%"),
])
def test_the_demo_data_gives_the_studys_figures_on_the_page_and_in_the_chart(pages, lang, sentence, legend, percent):
    response = pages[lang]
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert sentence in words(html)
    study = dom.find(html, "figure", class_="report-chart")
    study_svg = svgs(html)[0]
    assert 'aria-labelledby="study-title study-desc"' in study_svg and study is not None
    shown = svg_texts(study_svg)
    assert legend in shown and percent in shown
    for figure in ("37", "90", "41", "17", "69", "78"):
        assert any(t.startswith(figure) for t in shown), figure


def test_every_chart_is_an_image_named_by_its_own_title_and_description_with_unique_ids(pages):
    html = pages["fi"].get_data(as_text=True)
    found = svgs(html)
    assert len(found) >= 10
    for svg in found:
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        title_id, desc_id = root.get("aria-labelledby").split()
        assert root.find(f"{SVG}title").get("id") == title_id and root.find(f"{SVG}desc").get("id") == desc_id
        assert root.find(f"{SVG}desc").text
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_inline_charts_carry_no_inline_style_the_content_security_policy_would_block(pages):
    for svg in svgs(pages["fi"].get_data(as_text=True)):
        assert ' style="' not in svg and "<style" not in svg
        assert 'fill="' in svg


def test_every_chart_has_a_table_of_its_numbers_and_downloads_in_both_formats(pages):
    html = pages["en"].get_data(as_text=True)
    figures = dom.find_all(html, "figure", class_="report-chart")
    assert len(figures) == len(svgs(html))
    for figure in figures:
        assert figure.find("table") is not None
        links = [a.get("href") for a in figure.find_all("a")]
        assert any(h.endswith(".svg") for h in links) and any(h.endswith(".png") for h in links)
    rows = [" ".join(r.text.split()) for r in figures[0].find_all("tr")]
    assert any("Expert members" in r and "29" in r and "22" in r and "76%" in r for r in rows)


def test_the_young_childrens_distribution_has_its_own_three_point_scale_and_the_happy_face_note(pages):
    html = pages["en"].get_data(as_text=True)
    text = words(html)
    assert "Young children tend to choose the happiest face" in text
    svg = next(s for s in svgs(html) if 'id="family-7-12-title"' in s)
    assert len([t for t in ET.fromstring(svg).iter(f"{SVG}rect")]) >= 0
    table = dom.find(html, "figure", aria_labelledby="family-7-12-heading").find("table")
    assert len(table.find("thead").find_all("th")) == 2 + 3 + 1   # question, n, three faces, don't know


def test_the_page_is_not_stored_and_its_view_is_audit_logged(demo_app, pages):
    response = pages["fi"]
    assert "no-store" in response.headers["Cache-Control"]
    db = connect(demo_app.config["DATABASE"])
    rows = list(db.query("SELECT action, detail FROM audit_log WHERE action = 'report.viewed'"))
    db.conn.close()
    assert rows and rows[-1]["detail"].startswith("panels ")


def test_the_coordinator_reads_the_comments_with_the_note_and_the_admin_never(demo_app, pages):
    html = pages["en"].get_data(as_text=True)
    assert "Free text can identify its writer" in words(html)
    assert "Lausunto tuli nopeasti, kiitos." in html
    admin = client_of(demo_app, ADMIN, "en").get(REPORT)
    assert admin.status_code == 200
    admin_html = admin.get_data(as_text=True)
    assert "Lausunto tuli nopeasti" not in admin_html and "Oli kiva" not in admin_html
    assert 'id="compare-works_well-title"' in admin_html   # the panels compared
    assert "compare-works_well" not in html


def test_the_comments_words_are_read_for_each_view_and_never_kept_in_the_report_cache(demo_app, pages):
    from surveys.routes_report import CACHE
    assert "Lausunto tuli nopeasti, kiitos." in pages["en"].get_data(as_text=True)
    caches = demo_app.extensions[CACHE]
    kept = repr([caches.models.values(), caches.voices.values(), caches.charts.values()])
    assert "Lausunto tuli nopeasti" not in kept and "Oli kiva" not in kept
    again = client_of(demo_app, COORDINATOR, "en").get(REPORT).get_data(as_text=True)
    assert "Lausunto tuli nopeasti, kiitos." in again


def test_the_report_is_linked_from_the_feedback_page_and_the_navigation(demo_app):
    client = client_of(demo_app, COORDINATOR, "en")
    html = client.get("/feedback/").get_data(as_text=True)
    assert dom.find(html, "a", href=REPORT) is not None


# ---- filters ---------------------------------------------------------------------------------------

def test_a_bad_filter_is_a_400_with_its_message_next_to_the_field_and_what_was_typed_kept(demo_app):
    client = client_of(demo_app, COORDINATOR, "en")
    response = client.get(REPORT + "?from=2026-13&to=2026-02")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    error = dom.find(html, "p", id="filter-from-error")
    assert error is not None and "YYYY-MM" in error.text
    assert dom.field_value(html, "from") == "2026-13" and dom.field_value(html, "to") == "2026-02"
    assert 'aria-describedby="filter-from-hint filter-from-error"' in html
    assert not svgs(html)


def test_another_panel_is_refused_never_shown(demo_app):
    client = client_of(demo_app, COORDINATOR, "en")
    assert client.get(REPORT + "?panel=999").status_code == 400
    assert client.get("/feedback/report/charts/study.svg?panel=999").status_code == 400


def test_a_period_without_released_feedback_says_so_and_shows_no_figure(demo_app):
    response = client_of(demo_app, COORDINATOR, "en").get(REPORT + "?from=2000-01&to=2000-02")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No feedback has been released for these filters yet." in words(html)
    assert "%" not in " ".join(t for s in svgs(html)[:1] for t in svg_texts(s) if "n =" in t)


# ---- chart downloads -------------------------------------------------------------------------------

def test_a_chart_downloads_as_an_attachment_in_svg_and_png(demo_app):
    client = client_of(demo_app, COORDINATOR, "en")
    svg = client.get("/feedback/report/charts/study.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert svg.headers["Content-Disposition"] == 'attachment; filename="kuulluksi-study-en.svg"'
    assert "76%" in svg_texts(svg.get_data(as_text=True))
    png = client.get("/feedback/report/charts/gap.png")
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG") and png.mimetype == "image/png"
    assert png.headers["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("path", ["nothing.svg", "study.gif", "study", "compare-works_well.svg"])
def test_an_unknown_chart_or_format_is_404(demo_app, path):
    client = client_of(demo_app, COORDINATOR, "en")   # the comparison is the admin's only
    assert client.get(f"/feedback/report/charts/{path}").status_code == 404


def test_a_chart_download_is_audit_logged_with_its_name(demo_app):
    client = client_of(demo_app, COORDINATOR, "en")
    client.get("/feedback/report/charts/trend-works_well.svg?from=2026-01")
    db = connect(demo_app.config["DATABASE"])
    row = list(db.query("SELECT detail FROM audit_log WHERE action = 'report.chart_downloaded' ORDER BY id DESC"))[0]
    db.conn.close()
    assert row["detail"] == "panels 1; from 2026-01; to -; version -; chart trend-works_well.svg"


# ---- the cache: 304 while nothing changed, a new ETag once more is released ----------------------------

def respond(db, panel_id, version_id, period, choice):
    """One released expert response to works_well, stored as surveys.storage does."""
    response_id = storage.new_response_id()
    db["survey_responses"].insert({"id": response_id, "panel_id": panel_id, "survey_id": definitions.EXPERT.id,
                                   "version_id": version_id, "respondent_group": "expert", "period": period})
    db["survey_answers"].insert({"response_id": response_id, "question_id": "works_well", "choice": choice,
                                 "text": ""})


def test_a_cached_chart_answers_304_and_gets_a_new_etag_when_more_responses_are_released(app, db, panel_id, users,
                                                                                          login_as):
    app.config["TODAY"] = "2027-01-10"                       # December is released from 15 January on
    version_id = storage.ensure_survey_version(db, definitions.EXPERT,
                                               texts_for(definitions.EXPERT.wording_keys()))
    for choice in "45545":
        respond(db, panel_id, version_id, "2026-11", choice)
    respond(db, panel_id, version_id, "2026-12", "1")
    client = login_as("coordinator")
    first = client.get("/feedback/report/charts/study.svg")
    etag = first.headers["ETag"].strip('"')
    assert first.status_code == 200 and etag
    again = client.get("/feedback/report/charts/study.svg", headers={"If-None-Match": f'"{etag}"'})
    assert again.status_code == 304 and not again.data
    assert again.headers["Cache-Control"] == "private, no-cache"
    app.config["TODAY"] = "2027-01-16"                       # December's answer is released
    changed = client.get("/feedback/report/charts/study.svg", headers={"If-None-Match": f'"{etag}"'})
    assert changed.status_code == 200 and changed.headers["ETag"].strip('"') != etag
    assert f"83{NBSP}%" in svg_texts(changed.get_data(as_text=True))        # 5 of 6, no longer 5 of 5


@pytest.mark.parametrize("day", ["2027-01-01", "2027-01-15", "2027-01-31", "2027-02-28", "2027-12-31"])
@pytest.mark.parametrize("grace_days", [0, 14])
def test_a_response_given_today_never_lands_in_a_released_period(day, grace_days):
    """Why the data's version needs no count of responses (surveys/report_storage.py)."""
    from surveys import periods
    today = date.fromisoformat(day)
    assert not periods.is_released(periods.month_of(today), today, grace_days)


def test_a_small_group_is_suppressed_on_the_page_in_the_chart_and_its_table(app, db, panel_id, users, login_as):
    app.config["TODAY"] = "2027-01-19"
    version_id = storage.ensure_survey_version(db, definitions.EXPERT,
                                               texts_for(definitions.EXPERT.wording_keys()))
    for choice in "4554":                                   # n = 4 < 5: 75 % must not show anywhere
        respond(db, panel_id, version_id, "2026-11", choice)
    html = login_as("coordinator").get(REPORT).get_data(as_text=True)
    study = svgs(html)[0]
    assert [t for t in svg_texts(study) if t.startswith("75")] == [f"75{NBSP}%"]   # the axis's tick only
    assert "Asiantuntijajäsenet (liian vähän vastauksia)" in svg_texts(study)
    desc = ET.fromstring(study).find(f"{SVG}desc").text
    assert "75" not in desc and "Liian vähän vastauksia näytettäväksi" in desc
    table = dom.find(html, "figure", aria_labelledby="study-heading").find("table")
    assert "75" not in table.text and "4" not in table.text
    assert "75" not in words(html.split('<section class="report-section"', 1)[1].split("<svg", 1)[0])


def test_the_childs_voice_figures_are_on_the_page_and_download_like_the_reports_own(demo_app, pages):
    html = pages["en"].get_data(as_text=True)
    assert "The child's voice" in words(html)
    svg = next(s for s in svgs(html) if 'id="views_by_band-title"' in s)
    assert ET.fromstring(svg).get("role") == "img"
    table = dom.find(html, "figure", aria_labelledby="views_by_band-heading").find("table")
    assert table is not None
    client = client_of(demo_app, COORDINATOR, "en")
    download = client.get("/feedback/report/charts/views_by_band.png")
    assert download.status_code == 200 and download.data.startswith(b"\x89PNG")
    assert client.get("/feedback/report/charts/views_by_band.svg",
                      headers={"If-None-Match": download.headers["ETag"]}).status_code == 200   # another format


def test_a_coordinator_of_no_panel_gets_an_empty_report_not_an_error(app, db, client):
    from tests.conftest import PASSWORD, make_user
    make_user(db, "lonely@example.fi", ["coordinator"], [])
    login(client, "lonely@example.fi", PASSWORD)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert client.get("/feedback/report/charts/study.svg").status_code == 200


def test_the_admin_gets_no_link_to_the_coordinators_pages_or_to_comments(app, client, users, login_as):
    page = login_as("admin").get("/feedback/report/").get_data(as_text=True)
    assert "/feedback/\"" not in page and "#report-comments" not in page


def test_the_report_links_its_numbers_as_csv_and_xlsx_with_its_filters(app, client, users, login_as):
    page = login_as("coordinator").get("/feedback/report/?from=2026-01").get_data(as_text=True)
    for fmt in ("csv", "csv-fi", "xlsx"):
        assert f"/feedback/report/export.{fmt}?from=2026-01" in page


def test_each_cached_chart_block_links_its_downloads_with_the_pages_own_filters(demo_app):
    client = client_of(demo_app, COORDINATOR, "en")
    plain = client.get(REPORT).get_data(as_text=True)
    narrowed = client.get(REPORT + "?from=2026-01").get_data(as_text=True)
    plain_again = client.get(REPORT).get_data(as_text=True)
    assert 'href="/feedback/report/charts/study.svg"' in plain
    assert 'href="/feedback/report/charts/study.svg?from=2026-01"' in narrowed
    assert 'href="/feedback/report/charts/views_by_band.svg?from=2026-01"' in narrowed
    assert strip_csrf(plain_again) == strip_csrf(plain)


def strip_csrf(html):
    return re.sub(r'name="csrf_token" value="[^"]*"', "", html)


def test_a_survey_chart_is_answered_without_reading_the_workflows_child_voice_figures(demo_app, monkeypatch):
    client = client_of(demo_app, "koordinaattori@example.fi")
    read = []
    real = child_voice.cache_key   # even their cached copy is not looked up
    monkeypatch.setattr(child_voice, "cache_key", lambda *a, **k: read.append(1) or real(*a, **k))
    assert client.get("/feedback/report/charts/study.svg").status_code == 200
    assert read == []
    assert client.get("/feedback/report/charts/views_by_band.svg").status_code == 200
    assert read == [1]
