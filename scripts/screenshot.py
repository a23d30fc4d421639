"""Take the README's screenshots from the running app with demo data.

    .venv/bin/python -m scripts.screenshot        (writes docs/screenshot*.png)

Starts the app on a fresh temporary database with demo data on a free
loopback port, logs in with demo logins in Finnish and photographs a few pages
with Playwright and Debian's chromium (/usr/bin/chromium).
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

# (file, demo login or None, endpoint, its arguments, viewport); a login or an
# argument None is looked up in the demo data by find_child_view().
SHOTS = [
    ("screenshot.png", "koordinaattori@example.fi", "panel.meetings", {}, (1280, 860)),
    ("screenshot-social-worker.png", "sosiaalityontekija@example.fi", "panel.my_consultations", {}, (1280, 860)),
    ("screenshot-child-view.png", None, "participation.show", {"views_id": None, "step": 1}, (1024, 768)),
    ("screenshot-tablet-start.png", None, "tablet.start", {}, (1024, 768)),
    ("screenshot-login-phone.png", None, "accounts.login", {}, (390, 760)),
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
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
