"""Show-if: the one rule (pure, no Flask).

A question with `show_if = ShowIf(question="join", values=("yes", "dont_know"))`
is shown when the answer to "join" chose at least one of those values (one
value of a single choice, any of a multi choice's). With no such answer it
is not shown. The server decides with this function; the browser gets the
same rule as data attributes (data-show-if-question, data-show-if-values)
and static/js/participation.js applies it to the inputs on the page.
"""
from questionnaire.answers import chosen_values


def is_shown(question, answers):
    """False when `question` depends on another answer that rules it out.
    `answers` maps question ids to answers (Answers or stored rows)."""
    rule = question.show_if
    if not rule:
        return True
    return any(value in rule.values for value in chosen_values(answers.get(rule.question)))
