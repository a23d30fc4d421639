"""A crawler that checks every page a user can reach, so pages that nobody
wrote an axe test for are still checked.

For each role and each language: log in, follow every same-site link from
the start page breadth-first (GET only; logout, the language switcher, static
files and the tablet are skipped), and run axe-core on each page. Pages of the
same shape (the same path with other ids) are visited at most twice. All
violations and server errors are collected and listed at the end, with the
pages' addresses.
"""
import re
from collections import deque
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import LANGUAGES, login_page

ROLES = ("coordinator", "social_worker", "expert", "admin")
MAX_PAGES = 60
SAME_SHAPE_MAX = 2
SKIP_PATHS = re.compile(r"^/(logout|language/|static/|t$|t/)")

axe = Axe()


def shape(path):
    """'/meetings/12/edit' and '/meetings/13/edit' are the same kind of page."""
    return re.sub(r"/\d+", "/N", path)


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
        visited.append(url)
        results = axe.run(page)
        for violation in results.response["violations"]:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
            problems.append(f"{url}: {violation['id']} ({violation['impact']}) {violation['help']} — {targets}")
        for link in same_site_links(page, live_server.url):
            path = urlparse(link).path
            if link in seen_urls or shapes.get(shape(path), 0) >= SAME_SHAPE_MAX:
                continue
            seen_urls.add(link)
            shapes[shape(path)] = shapes.get(shape(path), 0) + 1
            queue.append(link)
    return visited, problems


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_reachable_page_is_accessible(page, live_server, role, lang):
    login_page(page, live_server, role, lang)

    visited, problems = crawl(page, live_server)

    # the start page, its footer pages and at least one page of the role
    assert len(visited) >= 3, visited
    assert page.get_attribute("html", "lang") == lang
    assert not problems, (f"{role}/{lang}: {len(problems)} problem(s) on {len(visited)} pages:\n"
                          + "\n".join(problems))
