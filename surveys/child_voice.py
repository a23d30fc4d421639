"""The report's child's-voice figures: how often the child was heard and answered.

    figures = child_voice.build(db, filters, today=today, grace_days=grace, min_n=min_n, tr=tr)
    key = child_voice.cache_key(db, filters, today=today, min_n=min_n, tr=tr)   # the same figures while it holds
    for figure in figures:
        charts.svg(figure.spec, tr, chart_id=figure.name)   # and png, description, table_rows
        figure.note                                         # a sentence under the chart, or None

Every figure is a chart_data.ShareChart over the consultations of the
filtered panels handled at a held meeting in the month range (see
child_voice_storage.py for where each fact lives):

  views_by_band       the child's views per age band (the bands of the
                      definitions, the child's age deciding the band), all
                      children, and a parent's views
  family_joined       the child, a parent, either joined the first 30 minutes
  messages_delivered  how the panel's message reached each child it was for,
                      with the median days from the meeting in the note
  follow_up           three months later: did what the child wished for happen
  response_rates      feedback requests answered per respondent group

Why plain shares, not diverging bars, for the delivery and the follow-up: a
single distribution reads best as one bar per answer, each with its share and
n, adding up to 100 %; a diverging bar pays off when many rows of the same
scale are compared, and "not marked yet" / "no answer yet" have no place on a
scale. Colour carries nothing; every bar has its number.

Suppression: a share whose denominator is below `min_n` is suppressed
(suppression.SMALL) in the chart, its description and its table, which all
read the same Cell. The age bands are the parts of the "all children" row,
so they get complementary suppression (suppression.suppress_margin): a band
could otherwise be worked out as the total minus the other bands.

Pure apart from the storage calls: no Flask; `tr` is a texts.Translator.
"""
from datetime import timedelta

from panel.statement_rules import DELIVERED, DELIVERY_METHODS, OUTCOMES, add_months, as_date
from participation import band_names, questionnaires
from questionnaire.localisation import N_
from surveys import child_voice_storage as storage
from surveys.chart_data import H_DONT_KNOW, H_GROUP, Figure, ShareChart, ShareRow
from surveys.definitions import GROUPS
from surveys.numbers import format_number
from surveys.suppression import Cell, suppress_margin, suppress_small
from surveys.texts import group_name

# The ages a consultation may have (m001: CHECK child_age BETWEEN 0 AND 17).
AGES = range(0, 18)

TITLES = {
    "views_by_band": N_("Consultations with the child's or a parent's views"),
    "family_joined": N_("Consultations where the family joined the first 30 minutes"),
    "messages_delivered": N_("How the panel's message reached the child"),
    "follow_up": N_("Three months later: did what the child wished for happen?"),
    "response_rates": N_("Feedback survey response rates"),
}
NOTES = {
    "views_by_band": N_("Share of the consultations handled at a held meeting that have the child's views (counted "
                        "in the band of the child's age) or a parent's views. A child who chose not to answer was "
                        "asked but gave no views."),
    "family_joined": N_("Share of the consultations handled at a held meeting, as the coordinator marked who took "
                        "part."),
    "messages_delivered": N_("Share of the children the panel's message was for, as the social worker marked it."),
    "follow_up": N_("Share of the consultations where a child gave views and the question was due three months "
                    "after the meeting, or was answered already."),
    "response_rates": N_("Share of the feedback requests sent in the period that were answered. Requests still "
                         "open are not counted."),
}
MEDIAN_DAYS = N_("From the meeting to the message marked delivered took %(days)s days (median, n = %(n)s).")
MEDIAN_TOO_FEW = N_("Too few delivered messages to show how long the delivery took.")

H_WHOSE, H_WHO, H_HOW, H_ANSWER = N_("Whose views"), N_("Who joined"), N_("How"), N_("Answer")
ALL_CHILDREN = N_("Children, all ages")
JOINED = {"child": N_("The child"), "parent": N_("A parent"), "either": N_("The child or a parent")}
DELIVERED_ANY = N_("Delivered in any way")
HOW = {"in_person": N_("Told in person"), "letter": N_("By letter"), "meeting": N_("At a meeting"),
       "not_delivered": N_("Not delivered"), "unmarked": N_("Not marked yet")}
OUTCOME = {"yes": N_("Yes"), "partly": N_("Partly"), "no": N_("No"), "dont_know": H_DONT_KNOW,
           "unanswered": N_("No answer yet")}


def _cell(name, n, count):
    return Cell(question_id=name, group="", n=n or 0, positive=count or 0)


def _figure(name, heading, rows, tr, note=None):
    title = tr(TITLES[name])
    return Figure(name, title, ShareChart(title, tr(heading), tuple(rows)), note or tr(NOTES[name]))


def age_bands():
    """{age: band} for every age a consultation may have, from the definitions."""
    known = set(questionnaires.bands("child"))
    return {age: band for age in AGES if (band := questionnaires.suggest_band(age)) in known}


def follow_up_due_by(today):
    """The last meeting day whose follow-up question is due on `today`
    (statement_rules.follow_up_due_on: three months after the meeting)."""
    day = as_date(today)
    while add_months(day, 3) > as_date(today):
        day -= timedelta(days=1)
    return day


def views_figure(counts, parents, tr, min_n):
    """counts: storage.views_by_band; parents: storage.parent_views."""
    bands = questionnaires.bands("child")
    parts = [_cell(b, counts.get(b, {}).get("consultations"), counts.get(b, {}).get("with_views")) for b in bands]
    total = _cell("all", sum(c.n for c in parts), sum(c.positive for c in parts))
    total, parts = suppress_margin(total, parts, min_n=min_n)
    parent_cells = suppress_small([_cell(b, parents["consultations"], parents["by_band"].get(b))
                                   for b in questionnaires.bands("parent")], min_n=min_n)
    rows = [ShareRow(band_names.name(b, tr), c) for b, c in zip(bands, parts)]
    rows.append(ShareRow(tr(ALL_CHILDREN), total, total=True))
    rows += [ShareRow(band_names.name(b, tr), c) for b, c in zip(questionnaires.bands("parent"), parent_cells)]
    return _figure("views_by_band", H_WHOSE, rows, tr)


def joined_figure(counts, tr, min_n):
    """counts: storage.family_joined."""
    cells = suppress_small([_cell(k, counts["consultations"], counts[k]) for k in JOINED], min_n=min_n)
    return _figure("family_joined", H_WHO, [ShareRow(tr(JOINED[k]), c) for k, c in zip(JOINED, cells)], tr)


def deliveries_figure(counts, tr, min_n):
    """counts: storage.message_deliveries."""
    by_how, n = counts["by_how"], counts["recipients"]
    keys = ["delivered", *DELIVERY_METHODS, "unmarked"]
    values = {"delivered": sum(by_how.get(how, 0) for how in DELIVERED), **by_how}
    cells = suppress_small([_cell(k, n, values.get(k)) for k in keys], min_n=min_n)
    labels = {"delivered": tr(DELIVERED_ANY), **{k: tr(v) for k, v in HOW.items()}}
    note = tr(NOTES["messages_delivered"]) + " " + median_sentence(counts["median_days"], counts["timed"], tr, min_n)
    rows = [ShareRow(labels[k], c, total=k == "delivered") for k, c in zip(keys, cells)]
    return _figure("messages_delivered", H_HOW, rows, tr, note)


def median_sentence(median_days, timed, tr, min_n):
    """The note's sentence on how long the delivery took; its n is the delivered messages."""
    if median_days is None or timed < min_n:
        return tr(MEDIAN_TOO_FEW)
    digits = 0 if float(median_days).is_integer() else 1
    return tr(MEDIAN_DAYS, days=format_number(median_days, tr.locale, digits), n=format_number(timed, tr.locale))


def follow_up_figure(counts, tr, min_n):
    """counts: storage.follow_ups."""
    keys = [*OUTCOMES, "unanswered"]
    n = sum(counts.values())
    cells = suppress_small([_cell(k, n, counts.get(k)) for k in keys], min_n=min_n)
    return _figure("follow_up", H_ANSWER, [ShareRow(tr(OUTCOME[k]), c) for k, c in zip(keys, cells)], tr)


def response_rates_figure(counts, tr, min_n):
    """counts: storage.response_rates."""
    cells = suppress_small([_cell(g, counts.get(g, {}).get("sent"), counts.get(g, {}).get("used")) for g in GROUPS],
                           min_n=min_n)
    return _figure("response_rates", H_GROUP, [ShareRow(group_name(g, tr), c) for g, c in zip(GROUPS, cells)], tr)


def cache_key(db, filters, *, today, min_n, tr):
    """What the figures of `build` depend on: the workflow's version (one statement, see
    child_voice_storage.workflow_version), the panels and months of `filters`, the day
    (the follow-up's due day, the requests still open), min_n and the language."""
    return (storage.workflow_version(db), filters.panel_ids, filters.from_month, filters.to_month, str(today),
            min_n, tr.locale)


def build(db, filters, *, today, grace_days, min_n, tr):
    """The child's-voice Figures for `filters` (report_filters.Filters), in the report's order.
    `grace_days` is not needed: these are counts of the workflow, and the response
    rates are shown before the responses are released, as the surveys page does."""
    where = {"panel_ids": filters.panel_ids, "from_month": filters.from_month, "to_month": filters.to_month}
    return [
        views_figure(storage.views_by_band(db, **where, age_bands=age_bands()), storage.parent_views(db, **where),
                     tr, min_n),
        joined_figure(storage.family_joined(db, **where), tr, min_n),
        deliveries_figure(storage.message_deliveries(db, **where, delivered=DELIVERED), tr, min_n),
        follow_up_figure(storage.follow_ups(db, **where, due_by=follow_up_due_by(today)), tr, min_n),
        response_rates_figure(storage.response_rates(db, **where, today=as_date(today)), tr, min_n),
    ]
