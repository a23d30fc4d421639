"""The report's filters (surveys/report_filters.py): what a query string may
ask for, and the one loader the page, charts and exports share."""
from datetime import date

from werkzeug.datastructures import MultiDict

from db import connect, migrate
from surveys import report_data, summary
from surveys.report_filters import BAD_MONTH, BAD_PANEL, BAD_RANGE, BAD_VERSION, Filters, parse


def test_no_filters_mean_every_allowed_panel_and_all_time():
    filters, errors = parse(MultiDict(), allowed_panel_ids=[5, 3])
    assert errors == {}
    assert filters == Filters(panel_ids=(3, 5))
    assert filters.query() == {}


def test_chosen_panels_months_and_version_round_trip_through_the_query():
    args = MultiDict([("panel", "5"), ("from", "2026-01"), ("to", "2026-06"), ("version", "12")])
    filters, errors = parse(args, allowed_panel_ids=[3, 5], version_ids=[12])
    assert errors == {}
    assert filters.storage_kwargs() == {"panel_ids": (5,), "from_month": "2026-01", "to_month": "2026-06",
                                        "version_ids": (12,)}
    again, _ = parse(MultiDict([(k, v) for k, vs in filters.query().items()
                                for v in (vs if isinstance(vs, list) else [vs])]), [3, 5], [12])
    assert again == filters


def test_a_panel_the_user_may_not_see_is_an_error_never_a_wider_report():
    filters, errors = parse(MultiDict([("panel", "9")]), allowed_panel_ids=[3])
    assert errors == {"panel": BAD_PANEL}
    assert filters.panel_ids == (3,)


def test_hostile_values_are_errors_next_to_their_field():
    args = MultiDict([("panel", "99999999999999999999999"), ("from", "2026-13"), ("to", "２０２６-01"),
                      ("version", "-1")])
    filters, errors = parse(args, allowed_panel_ids=[3], version_ids=[1])
    assert errors == {"panel": BAD_PANEL, "from": BAD_MONTH, "to": BAD_MONTH, "version": BAD_VERSION}
    assert filters == Filters(panel_ids=(3,))


def test_a_range_that_ends_before_it_starts_is_refused():
    filters, errors = parse(MultiDict([("from", "2026-06"), ("to", "2026-01")]), allowed_panel_ids=[3])
    assert errors == {"to": BAD_RANGE}
    assert (filters.from_month, filters.to_month) == ("2026-06", None)


def test_the_loader_gives_the_studys_figures_from_the_demo_data(tmp_path):
    demo = connect(str(tmp_path / "demo.sqlite"), synchronous="OFF")
    migrate(demo)
    today = date(2027, 1, 19)
    context = {"today": today}
    from demo_data import extra_steps, fill_accounts
    context.update(fill_accounts(demo))
    for step in extra_steps():
        step(demo, context)
    panel_ids = [row["id"] for row in demo["panels"].rows]
    filters, _ = parse(MultiDict(), allowed_panel_ids=panel_ids)
    table = summary.by_question(summary.combine(report_data.summaries(demo, filters, today=today, grace_days=14)))
    assert (table["works_well"]["expert"].positive_n, table["works_well"]["expert"].n) == (22, 29)
    assert (table["works_well"]["professional"].positive_n, table["works_well"]["professional"].n) == (17, 46)
    nothing, _ = parse(MultiDict([("to", "2000-01")]), allowed_panel_ids=panel_ids)
    assert report_data.summaries(demo, nothing, today=today, grace_days=14) == []
    demo.conn.close()


def test_the_audit_text_names_the_filters_by_ids_and_months_only():
    filters, _ = parse(MultiDict([("panel", "5"), ("from", "2026-01")]), allowed_panel_ids=[3, 5])
    assert filters.audit_text() == "panels 5; from 2026-01; to -; version -"
