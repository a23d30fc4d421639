"""The report's in-process caches and what makes a chart's markup fit for the page (pure: no Flask).

Three bounded LRU caches per app (threads of one process share them):
- the report model (surveys/report.py) keyed by the data's version
  (report_storage.data_version: released responses and the release
  boundary), the filters, the language and the user's scope;
- the child's-voice figures keyed by child_voice.cache_key (the workflow's
  version of migration m013, the panels, months, day and language);
- rendered charts, and their blocks on the page, keyed by `chart_key()`:
  the chart's name, format, language, the renderer's revision and a digest
  of its spec (`figure_key()`: chart_data.Figure.digest, worked out once per
  Figure). The spec holds every number, word and suppression the chart
  draws, so a new released response that changes what a chart shows
  changes its key (and its ETag), and one that does not leaves the cached
  bytes in use.

Inline SVG on a page is under the Content-Security-Policy (no inline styles):
`for_page()` turns matplotlib's `style="…"` into the SVG presentation
attributes they stand for (fill, stroke, font-size…, which the policy does
not govern) and drops its one `<style>` rule, set instead as inherited
attributes on the root element. Downloads keep matplotlib's own markup.
"""
import hashlib
import re
import threading
from collections import OrderedDict
from pathlib import Path

MISSING = object()
STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
STYLE_ELEMENT = re.compile(r"\s*<style[^>]*>.*?</style>", re.S)
PROPERTY = re.compile(r"^[a-z][a-z-]*$")
# the SVG presentation attributes matplotlib's styles use (all of them, checked by a test)
PRESENTATION = {"fill", "fill-opacity", "font-family", "font-size", "font-style", "font-weight", "opacity",
                "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
                "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor", "clip-path"}


class LRU:
    """A thread-safe dict of at most `size` entries; the least recently used goes first."""

    def __init__(self, size):
        self.size = max(int(size), 1)
        self._items = OrderedDict()
        self._lock = threading.Lock()
        self._making = {}  # key: the lock of the thread making its value

    def get(self, key, default=None):
        with self._lock:
            value = self._items.get(key, MISSING)
            if value is MISSING:
                return default
            self._items.move_to_end(key)
            return value

    def put(self, key, value):
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def get_or_make(self, key, make):
        """The value under `key`, made by make() and kept when missing. Threads that miss the
        same key at once wait for the one making it: a report's first view after a start or
        a release (1.2 s for every panel at 100,000 responses) is made once, not once per
        thread. If make() raises, the next waiting thread tries it itself."""
        value = self.get(key, MISSING)
        if value is not MISSING:
            return value
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        try:
            with making:
                value = self.get(key, MISSING)
                if value is MISSING:
                    value = self.put(key, make())
        finally:
            with self._lock:
                if self._making.get(key) is making:
                    del self._making[key]
        return value

    def __len__(self):
        return len(self._items)

    def values(self):
        with self._lock:
            return list(self._items.values())


_REVISION = []


def revision():
    if not _REVISION:
        _REVISION.append(_source_revision())
    return _REVISION[0]


def _source_revision():
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("charts.py", "chart_data.py", "chart_cache.py", "report.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:12]


def chart_key(name, fmt, lang, spec):
    """The cache key and strong ETag of one rendered chart."""
    text = f"{name}|{fmt}|{lang}|{revision()}|{spec!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def figure_key(figure, fmt, lang):
    """chart_key of a chart_data.Figure, from its spec's digest (worked out once per Figure)."""
    return chart_key(figure.name, fmt, lang, figure.digest)


def for_page(markup):
    """matplotlib's SVG with its inline styles as presentation attributes (see the module docstring)."""
    markup = STYLE_ELEMENT.sub("", markup, count=1)

    def attributes(match):
        out = []
        for declaration in match.group(1).split(";"):
            name, _, value = declaration.partition(":")
            name, value = name.strip(), value.strip()
            if name in PRESENTATION and PROPERTY.match(name) and value:
                out.append(f' {name}="{value}"')
        return "".join(out)
    markup = STYLE_ATTRIBUTE.sub(attributes, markup)
    return markup.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)
