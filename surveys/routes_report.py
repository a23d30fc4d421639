"""The coordinator's and the admin's feedback report: thin views over
surveys/report.py (the model), report_storage.py (its SQL) and charts.py.

- GET /feedback/report/                          the report page with its filters
- GET /feedback/report/charts/<name>.<svg|png>   one chart as a download (same filters)

Who sees what: the coordinator the panels they coordinate; the admin every
panel, with the panels compared, and aggregates only (never the free-text
comments). The page lists the comments of a group only when the group has
at least FLASK_SURVEY_MIN_N responses, and is sent with `no-store`: the
children's comments are a child's words. Every page view is audit-logged as
`report.viewed`, every chart download as `report.chart_downloaded` (ids and
filters only); a 304 hands nothing over and is not logged: it tells the
browser that the copy it has (whose download was logged) is still current.

Caching (surveys/chart_cache.py), in-process, so a view of an unchanged
report reads two version numbers and renders no chart:
- the survey model by the data's version (report_storage.data_version:
  today's release boundary and the released rounds of the panels), the
  filters, the language and the scope. For the comments it keeps only their
  response ids and counts: their words (a child's words among them) are read
  again for every view (report_storage.comment_texts), never kept;
- the child's-voice figures by the workflow's version
  (child_voice_storage.workflow_version, raised by m013's triggers), the
  panels, months, day and language (child_voice.cache_key);
- each rendered chart, and its whole block on the page, by a digest of its
  spec, which holds every number and word it draws (the block also by its
  title, note and the filters of its links). A chart's ETag is that digest;
  it is sent with `Cache-Control: private, no-cache`, so a browser keeps it
  but asks each time, and gets 304 while the chart is unchanged.
"""
from types import SimpleNamespace

from flask import Blueprint, Response, abort, current_app, get_template_attribute, render_template, request, url_for
from flask_babel import get_locale, gettext
from flask_login import current_user
from markupsafe import Markup

from accounts.auth import roles_required
from accounts.storage import list_panels, write_audit
from db import get_db
from surveys import chart_data, charts, child_voice, definitions, report, report_data, report_filters, \
    report_storage, requests, storage, summary
from surveys.chart_cache import LRU, chart_key, figure_key, for_page
from surveys.texts import Translator, group_name

bp = Blueprint("surveys_report", __name__, url_prefix="/feedback/report")

VIEWERS = ("coordinator", "admin")
CACHE = "kuulluksi.report_cache"
MODELS_CACHED = 32
TREND_QUESTIONS = ("works_well", "client_heard", "felt_heard")
FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
# the free-text questions whose answers the coordinator reads, per group
COMMENT_QUESTIONS = (("expert", "do_differently"), ("professional", "do_differently"), ("child", "anything_else"),
                     ("parent", "anything_else"))
COMMENTS_SHOWN = 100
_VERSION_LABELS = {}   # (language, survey, version): the filter's label (see _version_label)


def init_app(app):
    app.register_blueprint(bp)
    app.extensions[CACHE] = SimpleNamespace(models=LRU(MODELS_CACHED), voices=LRU(MODELS_CACHED),
                                            charts=LRU(app.config["SURVEY_CHART_CACHE_ENTRIES"]))


def _caches():
    return current_app.extensions[CACHE]


def _translator():
    return Translator(str(get_locale()), gettext)


def viewable_panel_ids(db, user=None):
    """The panels whose report (and exports) the user may see: an admin every panel, a coordinator their own."""
    user = user or current_user._get_current_object()
    if user.has_role("admin"):
        return sorted(panel["id"] for panel in list_panels(db))
    return sorted(user.panel_ids)


def _context(db, form=True):
    """The request's filters (or their errors), its day and (`form`) the choices of the form.
    Without the form the versions are read only when a version is asked for: only then does
    the filter check one (report_filters.parse)."""
    user = current_user._get_current_object()  # once: each use of the proxy finds the user again
    admin = user.has_role("admin")
    panel_ids = viewable_panel_ids(db, user)
    today, grace = requests.today(), current_app.config["SURVEY_GRACE_DAYS"]
    wanted = form or str(request.args.get("version", "") or "").strip()
    versions = report_storage.version_choices(db, panel_ids=panel_ids) if panel_ids and wanted else []
    filters, errors = report_filters.parse(request.args, panel_ids, [v["version_id"] for v in versions])
    # {id: name} of the panels one may choose: the form's choices and the admin's comparison
    names = report_storage.panel_names(db, panel_ids) if panel_ids and (form or admin) else {}
    return SimpleNamespace(admin=admin, panel_ids=panel_ids, names=names, today=today, grace=grace, versions=versions,
                           filters=filters, errors=errors, min_n=current_app.config["SURVEY_MIN_N"],
                           tr=_translator())


def _summaries_by(rows, key, versions):
    grouped = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return {k: summary.summarise(found, versions) for k, found in grouped.items()}


def _respondents(db, c):
    """{group: released responses behind the filters}, all surveys of the group together."""
    respondents = {}
    for row in report_storage.response_counts(db, today=c.today, grace_days=c.grace, **c.filters.storage_kwargs()):
        respondents[row["group"]] = respondents.get(row["group"], 0) + row["responses"]
    return respondents


def _build(db, c, names, respondents):
    kwargs = dict(today=c.today, grace_days=c.grace, **c.filters.storage_kwargs())
    summaries = report_data.summaries(db, c.filters, today=c.today, grace_days=c.grace)
    quarterly = report_storage.quarterly_counts(db, question_ids=TREND_QUESTIONS, **kwargs)
    per_panel = report_storage.panel_counts(db, question_ids=TREND_QUESTIONS, **kwargs) if c.admin else []
    versions = {vid: v["definition"] for vid, v in storage.load_versions(
        db, {r["version_id"] for r in quarterly + per_panel}).items()}
    panels = None
    if c.admin:
        by_panel = _summaries_by(per_panel, "panel_id", versions)
        panels = [(names[pid], by_panel.get(pid, [])) for pid in c.filters.panel_ids if pid in names]
    return report.build(summaries, respondents=respondents, min_n=c.min_n, tr=c.tr,
                        quarters=_summaries_by(quarterly, "quarter", versions), panels=panels)


def _model(db, c):
    """The survey report for the request's filters, from the cache while the data's version holds."""
    version = report_storage.data_version(db, today=c.today, grace_days=c.grace, **c.filters.storage_kwargs())
    names = {pid: c.names[pid] for pid in c.filters.panel_ids if pid in c.names} if c.admin else {}
    key = (version, c.filters.key(), c.tr.locale, c.admin, c.min_n, tuple(sorted(names.items())))
    def make():  # the comments' ids too: at 100,000 responses counting them is most of a page's time
        respondents = _respondents(db, c)
        return SimpleNamespace(report=_build(db, c, names, respondents), comments=_comment_refs(db, c, respondents))
    return _caches().models.get_or_make(key, make)


def _child_voice(db, c):
    """The child's-voice figures (surveys/child_voice.py), rendered like the report's own; from
    the cache while the workflow's version (migration m013), the filters, the day and the language hold."""
    key = child_voice.cache_key(db, c.filters, today=c.today, min_n=c.min_n, tr=c.tr)
    return _caches().voices.get_or_make(key, lambda: tuple(child_voice.build(
        db, c.filters, today=c.today, grace_days=c.grace, min_n=c.min_n, tr=c.tr)))


def _sections(db, c, with_child_voice=True):
    """The report's sections; the child's-voice figures only when asked for:
    a survey chart's download or 304 needs none of them."""
    model = _model(db, c)
    voice = _child_voice(db, c) if with_child_voice else None
    if not voice:
        return model, list(model.report.sections)
    section = report.Section("child_voice", c.tr(report.S_CHILD_VOICE), tuple(voice))
    return model, list(model.report.with_section(section))


def _rendered(figure, fmt, tr, key=None):
    """The chart's file (png, svg: bytes, as downloaded) or its markup inline (page), cached by
    its spec (`key`: figure_key(figure, fmt, tr.locale), when the caller has it)."""
    key = key or figure_key(figure, fmt, tr.locale)

    def make():
        if fmt == "png":
            return charts.png(figure.spec, tr)
        markup = charts.svg(figure.spec, tr, chart_id=figure.name)
        return for_page(markup) if fmt == "page" else markup.encode("utf-8")
    return key, _caches().charts.get_or_make(key, make)


def _audit(action, c, more=""):
    """The view's audit line (ids and filters only); one INSERT, a transaction by itself."""
    write_audit(get_db(), current_user.id, action, None, c.filters.audit_text() + more)


def _comment_refs(db, c, respondents):
    """[{group, question_id, ids, total}] of the groups whose comments the coordinator reads
    (only groups of at least min_n responses): response ids and counts, kept in the cached
    model, never the words (a child's words are not kept between requests)."""
    if c.admin:
        return None
    kwargs = dict(today=c.today, grace_days=c.grace, **c.filters.storage_kwargs())
    out = []
    for group, question_id in COMMENT_QUESTIONS:
        if respondents.get(group, 0) < c.min_n:
            continue
        ids, total = report_storage.comment_ids(db, question_id, group, limit=COMMENTS_SHOWN, **kwargs)
        if total:
            out.append({"group": group, "question_id": question_id, "ids": tuple(ids), "total": total})
    return tuple(out)


def _comments(db, c, refs):
    """The comments to list, their words read now: {group: {"name", "shown": [text], "total": n}}."""
    if refs is None:
        return None
    return [{"group": ref["group"], "name": group_name(ref["group"], c.tr), "total": ref["total"],
             "shown": report_storage.comment_texts(db, ref["question_id"], ref["ids"])} for ref in refs]


def _figure_block(figure, c):
    """The chart's whole block on the page (templates/surveys/_chart.html), cached by its spec,
    title, note and the filters of its download links: a page of twenty charts renders none
    of them again while its numbers hold."""
    query = c.filters.query()
    key = chart_key(figure.name, "block", c.tr.locale, f"{figure.digest}|{figure.title!r}|{figure.note!r}|{query!r}")
    found = _caches().charts.get(key)
    if found is None:
        found = _caches().charts.put(key, get_template_attribute("surveys/_chart.html", "chart")(
            _figure_view(figure, c, query)))
    return found


def _figure_view(figure, c, query):
    _, markup = _rendered(figure, "page", c.tr)
    links = {fmt: url_for(".chart", chart_name=figure.name, chart_format=fmt, **query) for fmt in FORMATS}
    return {"figure": figure, "svg": Markup(markup),   # our own charts.svg output, nothing typed in it unescaped
            "table": _table(figure, c.tr), "links": links}


def _table(figure, tr):
    """The chart's table, cached like its markup (the same spec gives the same table)."""
    key = figure_key(figure, "table", tr.locale)
    found = _caches().charts.get(key)
    if found is None:
        found = _caches().charts.put(key, chart_data.table_rows(figure.spec, tr))
    return found


def _form(c):
    """What the filter form shows: the choices, the values as typed and each field's message."""
    tr = c.tr
    names = c.names
    chosen = {str(p) for p in request.args.getlist("panel")}
    versions = [{"id": v["version_id"], "label": _version_label(v, tr)} for v in c.versions]
    return {"panels": [{"id": pid, "name": name, "checked": str(pid) in chosen} for pid, name in names.items()],
            "from": request.args.get("from", ""), "to": request.args.get("to", ""),
            "version": request.args.get("version", ""), "versions": versions,
            "errors": {field: tr(message) for field, message in c.errors.items()}}


def _version_label(row, tr):
    """A version's label in the filter, once per process and language (the definitions are fixed)."""
    key = (tr.locale, row["survey_id"], row["version"])
    label = _VERSION_LABELS.get(key)
    if label is None:
        definition = definitions.get(row["survey_id"])
        title = tr(definition.title) if definition else row["survey_id"]
        group = group_name(definition.audience, tr) if definition else ""
        label = _VERSION_LABELS.setdefault(key, tr(report.VERSION_LABEL, survey=title, group=group,
                                                   version=row["version"]))
    return label


@bp.get("/")
@roles_required(*VIEWERS)
def index():
    db = get_db()
    c = _context(db)
    form = _form(c)
    if c.errors:
        response = Response(render_template("surveys/report.html", form=form, sections=None, c=c), status=400)
    else:
        model, sections = _sections(db, c)
        views = [{"section": s, "figures": [_figure_block(f, c) for f in s.figures]} for s in sections]
        _audit("report.viewed", c)
        response = Response(render_template("surveys/report.html", form=form, sections=views, c=c,
                                            empty=model.report.empty, comments=_comments(db, c, model.comments)))
    # the children's comments are a child's words: no copy anywhere
    response.headers["Cache-Control"] = "no-store, max-age=0"
    return response


@bp.get("/charts/<chart_name>.<any(svg, png):chart_format>")
@roles_required(*VIEWERS)
def chart(chart_name, chart_format):
    """One chart of the report as a file; 304 while the browser's copy is current."""
    fmt = chart_format
    db = get_db()
    c = _context(db, form=False)
    if c.errors:
        abort(400)
    _, sections = _sections(db, c, with_child_voice=chart_name in child_voice.TITLES)
    figure = next((f for s in sections for f in s.figures if f.name == chart_name), None)
    if figure is None:
        abort(404)
    etag = figure_key(figure, fmt, c.tr.locale)
    response = Response(mimetype=FORMATS[fmt])
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-cache"
    if request.if_none_match.contains(etag):
        response.status_code = 304
        return response
    _, body = _rendered(figure, fmt, c.tr, etag)
    response.set_data(body)
    response.headers["Content-Disposition"] = f'attachment; filename="kuulluksi-{figure.name}-{c.tr.locale}.{fmt}"'
    _audit("report.chart_downloaded", c, f"; chart {figure.name}.{fmt}")
    return response
