"""The URL converter of every id in a route: `<id:views_id>`.

SQLite integers are signed 64-bit, so an id from a URL must fit in
1..2**63-1 before it reaches a query: a larger one raises OverflowError
inside sqlite3 (a 500). With this converter such a URL matches no route
(404), and no view needs its own check.
"""
from werkzeug.routing import IntegerConverter

SQLITE_MAX_ID = 2**63 - 1


def numbers_up_to(limit, zero=True):
    """A regex of the decimal numbers 1..limit (0..limit with `zero`),
    without leading zeros. The bound must be in the regex itself: a value
    refused only later by to_python makes Werkzeug answer 405 instead of
    404 when the same path has a rule for another method."""
    digits = str(limit)
    width = len(digits)
    options = ["0"] if zero else []
    if width > 1:
        options.append(f"[1-9][0-9]{{0,{width - 2}}}")  # fewer digits than the limit
    for i, digit in enumerate(digits):  # as many digits, smaller at position i
        lowest = 1 if i == 0 else 0
        if int(digit) > lowest:
            rest = width - i - 1
            options.append(f"{digits[:i]}[{lowest}-{int(digit) - 1}]" + (f"[0-9]{{{rest}}}" if rest else ""))
    options.append(digits)
    return "(?:" + "|".join(options) + ")"


class IdConverter(IntegerConverter):
    """`<id:name>`: a database id, 1..2**63-1. `<id(min=0):step>`: a
    0-based position. ASCII digits only; anything else is 404."""

    def __init__(self, map, min=1, max=SQLITE_MAX_ID):
        super().__init__(map, min=min, max=max)
        self.regex = numbers_up_to(max, zero=min <= 0)


def init_app(app):
    # before any blueprint adds its routes: rules look their converters up when added
    app.url_map.converters["id"] = IdConverter
