"""Take the README's screenshots from the running app with demo data.

    .venv/bin/python -m scripts.screenshot        (writes docs/screenshot*.png)

Starts the app on a fresh temporary database with demo data on a free
loopback port, logs in with demo logins in Finnish and photographs a few pages
with Playwright and Debian's chromium (/usr/bin/chromium).

Then each band on a tablet (820 x 1180, touch), as a child or a parent sees it
alone on the tablet: docs/screenshot-tablet-<band>.png (the worry question) and
docs/screenshot-tablet-3-6-intro.png, and the worker's check after the
hand-back, docs/screenshot-review.png. The tablet is given a voice (a
stand-in for speechSynthesis), so the listen buttons show as on a tablet
that has one.
"""
import sys
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
DOCS = ROOT / "docs"
TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True, "device_scale_factor": 1}
# a voice for the page's language, so that the listen buttons show
VOICE = ("Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {"
         "getVoices: () => [{lang: 'fi-FI'}, {lang: 'sv-SE'}, {lang: 'en-GB'}], speak: () => {}, cancel: () => {},"
         " addEventListener: () => {}}});")

# (file, demo login or None, endpoint, its arguments, viewport); a login or an
# argument None is looked up in the demo data by find_child_view().
SHOTS = [
    ("screenshot.png", "koordinaattori@example.fi", "panel.meetings", {}, (1280, 860)),
    ("screenshot-social-worker.png", "sosiaalityontekija@example.fi", "panel.my_consultations", {}, (1280, 860)),
    ("screenshot-child-view.png", None, "participation.show", {"views_id": None, "step": 1}, (1024, 768)),
    ("screenshot-tablet-start.png", None, "tablet.start", {}, (1024, 768)),
    ("screenshot-login-phone.png", None, "accounts.login", {}, (390, 760)),
    ("screenshot-report.png", "koordinaattori@example.fi", "surveys_report.index", {}, (1280, 1800)),
]


def find_child_view(app):
    """A child's views still being recorded, and the email of its social worker."""
    from db import connect
    db = connect(app.config["DATABASE"])
    row = db.execute("""SELECT v.id, u.email FROM views v JOIN consultations c ON c.id = v.consultation_id
                        JOIN users u ON u.id = c.social_worker_id
                        WHERE v.person = 'child' AND v.status = 'draft' ORDER BY v.id LIMIT 1""").fetchone()
    db.conn.close()
    return row


def start(folder):
    from scripts.demo_app import demo_app

    app = demo_app(folder)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return app, server, f"http://127.0.0.1:{server.server_port}"


def main():
    from playwright.sync_api import sync_playwright

    from demo_data import DEMO_PASSWORD

    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        app, server, url = start(folder)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for filename, email, endpoint, arguments, (width, height) in SHOTS:
                if None in arguments.values():
                    views_id, email = find_child_view(app)
                    arguments = {**arguments, "views_id": views_id}
                with app.test_request_context():
                    from flask import url_for
                    path = url_for(endpoint, **arguments)
                context = browser.new_context(viewport={"width": width, "height": height}, locale="fi-FI")
                page = context.new_page()
                page.goto(f"{url}/language/fi?next=/login")
                if email:
                    page.fill("input[name=email]", email)
                    page.fill("input[name=password]", DEMO_PASSWORD)
                    page.click("form:not(.logout) button[type=submit]")
                    page.wait_for_load_state()
                page.goto(url + path)
                page.screenshot(path=str(DOCS / filename))
                print(f"wrote docs/{filename} ({path})")
                context.close()
            band_shots(app, url, browser)
            browser.close()
        server.shutdown()


def _tablet_case(app, band):
    """A views record of `band` in the demo data's first consultation, and a tablet code for it."""
    import time

    from db import connect
    from participation import questionnaires, storage, tablet_codes, tablet_storage
    from questionnaire import localisation
    db = connect(app.config["DATABASE"])
    consultation_id, worker = db.execute("SELECT id, social_worker_id FROM consultations ORDER BY id").fetchone()
    definition = questionnaires.definition_for(band)
    views_id = storage.create_views(db, consultation_id, band, created_by=worker, language="fi",
                                    texts=localisation.texts_for(definition.wording_keys()))
    code = tablet_codes.new_code()
    tablet_storage.create_code(db, tablet_codes.hash_code(app.config["SECRET_KEY"], code), consultation_id,
                               views_id, worker, time.time(), 3600)
    email = db.execute("SELECT email FROM users WHERE id = ?", [worker]).fetchone()[0]
    db.conn.close()
    return views_id, tablet_codes.display(code), email


def band_shots(app, url, browser):
    """Each band on a tablet, and the worker's check after the 7–12 child's hand-back."""
    from demo_data import DEMO_PASSWORD
    from participation import questionnaires
    review = None
    for band in questionnaires.bands():
        views_id, code, email = _tablet_case(app, band)
        context = browser.new_context(locale="fi-FI", **TABLET)
        page = context.new_page()
        page.add_init_script(VOICE)
        page.goto(f"{url}/t#code={code}")
        page.locator("button[name=lang][value=fi]").tap()
        page.wait_for_url("**/t/s/0")
        if band == "3-6":
            page.screenshot(path=str(DOCS / "screenshot-tablet-3-6-intro.png"))
            print("wrote docs/screenshot-tablet-3-6-intro.png")
        page.goto(f"{url}/t/s/2")
        first = page.locator("#q-q2 .choice-card label").first
        first.tap()  # chosen, and read aloud by the voice
        page.screenshot(path=str(DOCS / f"screenshot-tablet-{band}.png"))
        print(f"wrote docs/screenshot-tablet-{band}.png")
        if band == "7-12":
            page.locator("#q-q2-text").fill("Äidin jaksaminen.")
            page.wait_for_timeout(1500)  # autosave
            page.goto(f"{url}/t/s/{len(questionnaires.screens(questionnaires.DEFINITIONS[band])) - 1}")
            with page.expect_navigation():
                page.locator("#tablet-ready").tap()
            review = (views_id, email)
        context.close()
    if review:
        views_id, email = review
        context = browser.new_context(viewport={"width": 1024, "height": 1366}, locale="fi-FI")
        page = context.new_page()
        page.goto(f"{url}/language/fi?next=/login")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("form:not(.logout) button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{url}/views/{views_id}")
        page.screenshot(path=str(DOCS / "screenshot-review.png"), full_page=True)
        print("wrote docs/screenshot-review.png")
        context.close()


if __name__ == "__main__":
    main()
