"""Whether a tablet screen's POST changes anything (it runs no SQL: the record as read is compared).

The child's "Next" posts the screen's answers every time, mostly as they
already are (the autosave stored them while the child typed, or the child
only pages back and forth). Saving them again stores the same answer (no
audit line: participation.storage.save_answer), but it still writes the rows'
times and waits for a durable commit, the dearest part of the Next. So the
screen asks first whether there is anything to save: the same parsing as
participation.api.save_questions (the tablet's call: REQUIRED not enforced,
no answer held back), the same comparison as storage.save_answer (storage.stored_columns). Anything
else (a problem, a new or a changed answer) goes the whole way as before.

The comparison is with the record as read at the start of the request: if the
worker changed an answer meanwhile, skipping is as if the child's unchanged
POST had come first (the worker's change stays, as it would then).
"""
from participation import extension
from participation.storage import stored_columns
from questionnaire import answers as codes
from questionnaire.rules import is_shown


def nothing_to_save(record, question_ids, data):
    """True when saving form `data` for `question_ids` of `record` would store no new answer
    and show no message: every shown question parses to its stored answer, or to none."""
    entered = {}
    for q in record["definition"].questions():
        if q.id not in question_ids or not is_shown(q, {**record["answers"], **entered}):
            continue
        result = extension.parse(q, data, has_drawing=q.id in record["drawings"]).without(codes.REQUIRED)
        if result.errors:
            return False
        if result.answer is None:
            continue
        entered[q.id] = result.answer
        stored = record["answers"].get(q.id)
        if stored is None or _stored(stored) != stored_columns(result.answer):
            return False
    return True


def _stored(row):
    """A stored answer's columns as storage.save_answer reads them back (declined as 0 or 1)."""
    return (row["choice"], row["text"], 1 if row["declined"] else 0, row["visibility"])
