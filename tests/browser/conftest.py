"""Browser harness: the real app on a free loopback port, Debian's chromium
driven by Playwright, and axe-core on every page.

With CI=true the browser tests must run: a missing chromium fails them
instead of skipping.
"""
import os
import threading

import pytest
from werkzeug.serving import make_server

import config
from app import create_app
from db import connect
from demo_data import fill
from tests.conftest import PASSWORD, TEST_SPEED, make_user

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
LANGUAGES = tuple(config.LANGUAGES)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def db(self):
        return connect(self.app.config["DATABASE"])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The app with demo data served on a free port, one per test module."""
    path = tmp_path_factory.mktemp("live") / "live.sqlite"
    app = create_app({"DATABASE": str(path), "SECRET_KEY": "browser-test", "SESSION_COOKIE_SECURE": False,
                      "WTF_CSRF_TIME_LIMIT": None, **TEST_SPEED})
    db = connect(str(path))
    from db import migrate
    migrate(db)
    context = fill(db)
    # a user per role with the tests' known password, beside the demo users
    panel_id = context["panel_id"]
    for role in ("social_worker", "coordinator", "expert", "admin"):
        make_user(db, f"b-{role}@example.fi", [role], [] if role == "admin" else [panel_id])
    db.conn.close()
    server = LiveServer(app)
    server.context = context
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def context_factory(browser):
    """New isolated browser contexts (separate cookies), closed after the test."""
    made = []

    def make(**kwargs):
        ctx = browser.new_context(**kwargs)
        made.append(ctx)
        return ctx
    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture
def page(context_factory):
    return context_factory(locale="fi-FI").new_page()


def login_page(page, live_server, role, lang="fi"):
    """Log `page` in as the browser-test user of `role`, in `lang`."""
    page.goto(f"{live_server.url}/language/{lang}?next=/login")
    page.fill("input[name=email]", f"b-{role}@example.fi")
    page.fill("input[name=password]", PASSWORD)
    page.click("form:not(.logout) button[type=submit]")
    page.wait_for_load_state()
    assert "/login" not in page.url, page.content()
    return page


def assert_accessible(page, label=""):
    """axe-core: zero violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe
    # a click that submits a form may still be navigating: check the page it leads to
    page.wait_for_load_state()
    results = Axe().run(page)
    assert results.violations_count == 0, f"{label or page.url}:\n{results.generate_report()}"


# A flex or grid box without a gap drops the space between a text and an element
# beside it ("the child:<bdi>KS-2027-001</bdi>" reads "the child:KS-2027-001").
WORDS_RUN_TOGETHER = """() => [...document.querySelectorAll('body *')].filter(el => {
    const style = getComputedStyle(el);
    if (!/flex|grid/.test(style.display) || parseFloat(style.columnGap) > 0) return false;
    if (/flex/.test(style.display) && style.flexDirection.startsWith('column')) return false;  // one under another
    const nodes = [...el.childNodes];
    return nodes.some((a, i) => {
        const b = nodes[i + 1];
        if (!b) return false;
        const isText = n => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '';
        return (isText(a) && /\\s$/.test(a.textContent) && b.nodeType === Node.ELEMENT_NODE)
            || (a.nodeType === Node.ELEMENT_NODE && isText(b) && /^\\s/.test(b.textContent));
    });
}).map(el => el.outerHTML.slice(0, 160))"""


def words_run_together(page):
    """The elements on the page whose words would be shown run together."""
    return page.evaluate(WORDS_RUN_TOGETHER)
