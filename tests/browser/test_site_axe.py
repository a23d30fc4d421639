"""A crawler that checks every page a user can reach, so pages that nobody
wrote an axe test for are still checked.

For each role and each language: log in as that role's demo user, follow every same-site link from
the start page breadth-first (GET only; logout, the language switcher, static
files and the tablet are skipped), and run axe-core on each page. Pages of the
same shape (the same path with other ids) are visited once. All
violations and server errors are collected and listed at the end, with the
pages' addresses.
"""
import re
from collections import deque
from urllib.parse import parse_qsl, urldefrag, urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from demo_data import DEMO_PASSWORD, DEMO_USERS
from tests.browser.conftest import LANGUAGES

ROLES = ("coordinator", "social_worker", "expert", "admin")
MAX_PAGES = 60
SAME_SHAPE_MAX = 1
SKIP_PATHS = re.compile(r"^/(logout|language/|static/|t$|t/)")

axe = Axe()

# The demo users own the demo data (a social worker's own consultations, ...),
# so they reach more pages than the harness's b-<role> users.
DEMO_LOGIN = {roles[0]: email for email, _name, roles in reversed(DEMO_USERS)}


def demo_login(page, live_server, role, lang):
    page.goto(f"{live_server.url}/language/{lang}?next=/login")
    page.fill("input[name=email]", DEMO_LOGIN[role])
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form:not(.logout) button[type=submit]")
    page.wait_for_load_state()
    assert "/login" not in page.url, page.content()


def shape(url):
    """'/meetings/12/edit' and '/meetings/13/edit' are the same kind of page;
    so are '/meetings?year=2025' and '/meetings?year=2026'."""
    parsed = urlparse(url)
    keys = sorted(key for key, _value in parse_qsl(parsed.query))
    return re.sub(r"/\d+", "/N", parsed.path) + "?" + "&".join(keys)


def same_site_links(page, base):
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    host = urlparse(base).netloc
    links = []
    for href in hrefs:
        url, _fragment = urldefrag(urljoin(page.url, href))
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https") and parsed.netloc == host and not SKIP_PATHS.match(parsed.path):
            links.append(url)
    return links


def crawl(page, live_server):
    """Visit pages breadth-first from the start page; returns (visited, problems)."""
    start = page.url
    queue = deque([start])
    seen_urls = {start}
    shapes = {}
    visited, problems = [], []
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        try:
            response = page.goto(url)
        except Exception as exc:  # e.g. a download: not a page to check
            if "Download is starting" not in str(exc):
                problems.append(f"{url}: {exc}")
            continue
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if response.status >= 500:
            problems.append(f"{url}: HTTP {response.status}")
        if page.url != url:  # redirected, e.g. / to the role's start page
            if page.url in seen_urls:
                continue
            seen_urls.add(page.url)
        visited.append(page.url)
        results = axe.run(page)
        for violation in results.response["violations"]:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
            problems.append(f"{url}: {violation['id']} ({violation['impact']}) {violation['help']} — {targets}")
        for link in same_site_links(page, live_server.url):
            if link in seen_urls or shapes.get(shape(link), 0) >= SAME_SHAPE_MAX:
                continue
            seen_urls.add(link)
            shapes[shape(link)] = shapes.get(shape(link), 0) + 1
            queue.append(link)
    return visited, problems


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_reachable_page_is_accessible(page, live_server, role, lang):
    demo_login(page, live_server, role, lang)

    visited, problems = crawl(page, live_server)

    # the start page, its footer pages and at least one page of the role
    assert len(visited) >= 3, visited
    assert page.get_attribute("html", "lang") == lang
    assert not problems, (f"{role}/{lang}: {len(problems)} problem(s) on {len(visited)} pages:\n"
                          + "\n".join(problems))
