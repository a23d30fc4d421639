"""The one way to read a JSON request body.

`request.get_json` lets through what breaks later: a lone surrogate
("\\udcff") is a valid JSON string but sqlite3 cannot encode it
(UnicodeEncodeError), 100,000 nested arrays overflow the parser's stack
(RecursionError, not a ValueError, so `silent=True` does not catch it).
`json_body()` answers such a body with a 400 and a JSON error instead.
"""
import json

from flask import abort, jsonify, request
from flask_babel import gettext as _

MAX_DEPTH = 20  # arrays and objects inside each other: far more than any form's JSON needs


class BadJSON(ValueError):
    pass


def parse(raw, max_depth=MAX_DEPTH):
    """`raw` (bytes, UTF-8) as JSON, with NUL removed from every string;
    BadJSON when it is not JSON, nested deeper than `max_depth` or holds a
    string that is not valid Unicode."""
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_refuse)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BadJSON(str(error)) from None
    return _clean(value, max_depth)


def _refuse(constant):
    raise ValueError(f"{constant} is not JSON")


def _clean_text(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadJSON("a lone surrogate") from None
    return text.replace("\x00", "")


def _clean(value, max_depth):
    """A copy of `value` with its strings checked; a loop, not recursion,
    so that depth cannot overflow the stack here either."""
    root = [value]
    stack = [(root, 0, value, 1)]  # (parent, key in parent, value, how many containers deep)
    while stack:
        parent, key, item, depth = stack.pop()
        if isinstance(item, (list, dict)) and depth > max_depth:
            raise BadJSON("nested too deep")
        if isinstance(item, str):
            parent[key] = _clean_text(item)
        elif isinstance(item, list):
            copy = list(item)
            parent[key] = copy
            stack.extend((copy, i, v, depth + 1) for i, v in enumerate(copy))
        elif isinstance(item, dict):
            copy = {_clean_text(k): v for k, v in item.items()}
            parent[key] = copy
            stack.extend((copy, k, v, depth + 1) for k, v in copy.items())
    return root[0]


def json_body():
    """The request's JSON body (any JSON value). A body that is not UTF-8
    JSON, or too deep, or with a lone surrogate, answers at once with 400
    {"saved": false, "errors": [message]} (the autosave contract's shape)."""
    try:
        if not request.is_json:
            raise BadJSON("not JSON")
        return parse(request.get_data(cache=True))
    except BadJSON:
        response = jsonify(saved=False, errors=[_("The answer could not be saved automatically. It is still on "
                                                  "the page and is saved when you go on or press Save.")])
        response.status_code = 400
        abort(response)
