"""The study-style summary of survey answers (pure: no Flask, no SQL).

Per survey question and respondent group: n (answers on the scale; skipped
and "don't know" excluded), the count of each scale point, the don't-know
count, and the positive count and percentage by the question's own
definition of positive (surveys/definitions.py), e.g. "76 % of expert members
say the panel works well or very well".

The counting is done in SQL (report_storage.answer_counts: one row per distinct
answer with its count), and each distinct answer is classified by the
engine's own `aggregate()` of its field type, once, then weighted by its
count: a field type's Summary is a sum over answers, so this is the same
as aggregating every answer one by one, without a Python loop over rows.
Each row is read with its own version's definition, so a later version's
change of wording or of the positive points never re-reads old answers.

    rows = report_storage.answer_counts(db, today=..., grace_days=...)
    versions = {vid: v["definition"] for vid, v in storage.load_versions(db, {r["version_id"] for r in rows}).items()}
    for s in summary.combine(summary.summarise(rows, versions)):   # one per (question, group)
        s.n, s.positive_n, summary.round_half_up(s.positive_pct)
"""
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from questionnaire.answers import Answer

from surveys.definitions import GROUPS, SURVEYS


@dataclass(frozen=True)
class QuestionSummary:
    """One question's answers by one group. `survey_id` is None after `combine`
    joined several surveys (e.g. the expert and the professional survey)."""
    survey_id: str | None
    question_id: str
    group: str
    type: str
    n: int = 0
    counts: dict = field(default_factory=dict)   # scale point value -> answers, in the scale's order
    dont_know: int = 0
    positive_n: int | None = None                # None for a question with no positive points (free text)

    @property
    def positive_pct(self):
        """100 × positive / n (unrounded), or None when there is nothing to divide."""
        if self.positive_n is None or not self.n:
            return None
        return 100 * self.positive_n / self.n

    def __add__(self, other):
        counts = dict(self.counts)
        for value, count in other.counts.items():
            counts[value] = counts.get(value, 0) + count
        positive = None if self.positive_n is None and other.positive_n is None else \
            (self.positive_n or 0) + (other.positive_n or 0)
        return replace(self, n=self.n + other.n, counts=counts, dont_know=self.dont_know + other.dont_know,
                       positive_n=positive)


def round_half_up(value, digits=0):
    """Percentages for people: 75.5 -> 76, 68.89 -> 69 (not Python's banker's rounding)."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-digits)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    return int(rounded) if digits == 0 else float(rounded)


def _weighted(question, row):
    """The summary of `row["count"]` answers equal to the row's one answer, by the engine's aggregate."""
    answer = Answer(choice=row["choice"], text="…" if row["has_text"] else "")
    one = question.field.aggregate(question, [answer])
    k = row["count"]
    positive = None
    if getattr(question, "positive", ()):
        positive = k if one.n and row["choice"] in question.positive else 0
    return QuestionSummary(survey_id=row["survey_id"], question_id=question.id, group=row["group"],
                           type=question.type, n=one.n * k, counts={v: c * k for v, c in one.counts.items()},
                           dont_know=one.dont_know * k, positive_n=positive)


def _empty(survey_id, question, group):
    counts = {c.value: 0 for c in question.scale.points} if question.scale else {}
    return QuestionSummary(survey_id=survey_id, question_id=question.id, group=group, type=question.type,
                           counts=counts, positive_n=0 if getattr(question, "positive", ()) else None)


def summarise(rows, versions):
    """QuestionSummary per (survey, question, group) from counted rows
    ({survey_id, version_id, group, question_id, choice, has_text, count})
    and `versions` ({version_id: SurveyDefinition}). Every question of each
    version met appears, answered or not, in the definition's order."""
    out = {}
    for row in sorted(rows, key=lambda r: (r["version_id"], r["group"])):
        definition = versions.get(row["version_id"])
        if definition is None:
            continue
        for question in definition.questions():
            key = (row["survey_id"], question.id, row["group"])
            out.setdefault(key, _empty(row["survey_id"], question, row["group"]))
        question = definition.question(row["question_id"])
        if question is None:
            continue  # a question since removed from the definition
        key = (row["survey_id"], question.id, row["group"])
        out[key] = out[key] + _weighted(question, row)
    return _ordered(out.values(), versions)


def _ordered(summaries, versions):
    """By survey (in definitions.SURVEYS' order), question (in its definition's order), group."""
    position = {}
    for definition in versions.values():
        for i, question in enumerate(definition.questions()):
            position.setdefault((definition.id, question.id), i)
    surveys = list(SURVEYS)

    def key(s):
        rank = surveys.index(s.survey_id) if s.survey_id in surveys else len(surveys)
        return rank, s.survey_id or "", position.get((s.survey_id, s.question_id), 99), GROUPS.index(s.group)
    return sorted(summaries, key=key)


def combine(summaries, by=("question_id", "group")):
    """Add up summaries that share `by` (by default several surveys of one
    group asking the same question id, e.g. the after-meeting and the yearly
    expert survey), in the order first met; `survey_id` becomes None when
    surveys were joined. Positive counts add up across surveys; the counts per
    point only mean something when the joined surveys share a scale (the
    children's 7–12 and 13–17 surveys do not: keep them apart by survey_id)."""
    out = {}
    for s in summaries:
        key = tuple(getattr(s, name) for name in by)
        previous = out.get(key)
        if previous is None:
            out[key] = s
            continue
        joined = previous + s
        out[key] = joined if previous.survey_id == s.survey_id else replace(joined, survey_id=None)
    return list(out.values())


def by_question(summaries):
    """{question_id: {group: QuestionSummary}}, e.g. for the study chart's side-by-side bars."""
    table = {}
    for s in summaries:
        table.setdefault(s.question_id, {})[s.group] = s
    return table
