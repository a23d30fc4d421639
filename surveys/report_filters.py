"""The report's filters, read from a query string (pure: no Flask, no SQL).

One set of filters serves the report page, its charts, its exports and the
CLI, so a chart or an export link always shows the same numbers as the page
it came from:

    panel=3&panel=5     panels (of those the user may see; none given: all of them)
    from=2026-01        first month, YYYY-MM (a yearly round counts as January of its year)
    to=2026-12          last month
    version=12          one stored survey version (questionnaire_versions.id); none: every version

    filters, errors = parse(request.args, allowed_panel_ids=current_user.panel_ids)
    if errors: the page shows each message next to its field, with status 400
    report_storage.answer_counts(db, today=..., grace_days=..., **filters.storage_kwargs())
    url_for("surveys_report.chart", name="study", **filters.query())

A bad value never reaches SQL: it is an error message instead (with the
filter left out), and a panel the user may not see is an error too, never
a silent widening or a hint that the panel exists.
"""
from dataclasses import dataclass

from questionnaire.localisation import N_
from surveys.periods import MONTH
from web.converters import SQLITE_MAX_ID   # the bound of every id in a URL (werkzeug only, no Flask)

BAD_MONTH = N_("Give the month as YYYY-MM, for example 2026-03.")
BAD_RANGE = N_("The first month must not be after the last month.")
BAD_PANEL = N_("Choose one of the panels in the list.")
BAD_VERSION = N_("Choose one of the survey versions in the list.")


@dataclass(frozen=True)
class Filters:
    """panel_ids: a sorted tuple (never empty: all allowed panels when none was chosen);
    chosen_panels: whether the user narrowed them; months as 'YYYY-MM' or None."""
    panel_ids: tuple
    chosen_panels: bool = False
    from_month: str | None = None
    to_month: str | None = None
    version_id: int | None = None

    def storage_kwargs(self):
        """The keyword arguments of surveys.storage's report reads (answer_counts, response_counts, comments)."""
        return {"panel_ids": self.panel_ids, "from_month": self.from_month, "to_month": self.to_month,
                "version_ids": None if self.version_id is None else (self.version_id,)}

    def query(self):
        """The filters as query arguments for url_for (only those given), the same as parse() reads."""
        out = {}
        if self.chosen_panels:
            out["panel"] = list(self.panel_ids)
        if self.from_month:
            out["from"] = self.from_month
        if self.to_month:
            out["to"] = self.to_month
        if self.version_id is not None:
            out["version"] = self.version_id
        return out

    def audit_text(self):
        """The filters as an audit line's detail says them (ids and months only):
        'panels 1,3; from 2026-01; to -; version -'."""
        return "; ".join(["panels " + ",".join(map(str, self.panel_ids)), f"from {self.from_month or '-'}",
                          f"to {self.to_month or '-'}",
                          f"version {'-' if self.version_id is None else self.version_id}"])

    def key(self):
        """A stable text of the filters, for cache keys and ETags."""
        return "|".join([",".join(map(str, self.panel_ids)), self.from_month or "", self.to_month or "",
                         "" if self.version_id is None else str(self.version_id)])


def _id(text):
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 1 <= value <= SQLITE_MAX_ID else None


def _month(text):
    text = (text or "").strip()
    return text if text.isascii() and MONTH.match(text) else None   # \d also matches "２"


def parse(args, allowed_panel_ids, version_ids=None):
    """(Filters, {field: message}) from a MultiDict-like `args` (getlist/get).
    `allowed_panel_ids`: the panels the user may see; `version_ids`: the
    stored versions one may choose (None: any id is accepted as given).
    The messages are msgids (translate them in the route)."""
    allowed = sorted(set(allowed_panel_ids))
    errors = {}
    chosen = []
    for raw in map(str, args.getlist("panel")):
        if not raw.strip():
            continue
        panel_id = _id(raw)
        if panel_id is None or panel_id not in allowed:
            errors["panel"] = BAD_PANEL
        else:
            chosen.append(panel_id)
    months = {}
    for name in ("from", "to"):
        raw = str(args.get(name, "") or "")
        if raw.strip():
            months[name] = _month(raw)
            if months[name] is None:
                errors[name] = BAD_MONTH
    if months.get("from") and months.get("to") and months["from"] > months["to"]:
        errors["to"] = BAD_RANGE
        months["to"] = None
    version_id = None
    raw = str(args.get("version", "") or "")
    if raw.strip():
        version_id = _id(raw)
        if version_id is None or (version_ids is not None and version_id not in set(version_ids)):
            errors["version"] = BAD_VERSION
            version_id = None
    panels = tuple(sorted(set(chosen))) if chosen else tuple(allowed)
    return Filters(panel_ids=panels, chosen_panels=bool(chosen), from_month=months.get("from"),
                   to_month=months.get("to"), version_id=version_id), errors
