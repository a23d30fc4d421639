"""url_for for the rows of a list: every row's link from one url_for.

On a page of many rows, url_for for each link (the request's URL adapter, the
URL defaults, the rule's builder: some 40 Python calls) was the largest part of
the meetings page. A rule whose only value is an id differs between rows only
in that id, so `id_url(endpoint, "meeting_id")` builds the URL once, with a
stand-in id, and answers each row's by putting its id in the stand-in's place.

    meeting_url = id_url("panel.edit_meeting", "meeting_id")
    meeting_url(7)  # == url_for("panel.edit_meeting", meeting_id=7)
"""
from flask import url_for

STAND_IN = 987_654_321_987  # an id no page has; its digits are looked for in the URL


def id_url(endpoint, name, **values):
    """A function id -> url_for(endpoint, **values, name=id), for `<id:name>` rules."""
    url = url_for(endpoint, **values, **{name: STAND_IN})
    head, found, tail = url.partition(str(STAND_IN))
    if not found or str(STAND_IN) in tail:
        raise ValueError(f"{endpoint}: the URL {url!r} does not hold the id {name} exactly once")
    return lambda id_: f"{head}{int(id_)}{tail}"
