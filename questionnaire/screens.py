"""Screens of the one-question-per-screen view (pure, no Flask)."""

END = "end"


def screens(questionnaire):
    """Each page in order (an explanation, or a page of questions), then the end. Returns page ids."""
    return [page.id for page in questionnaire.pages] + [END]
