"""Text from a request never carries NUL (U+0000): removed in one place.

A NUL typed or pasted into a field would be stored as it is and then cut
short or refused elsewhere (C libraries, logs, printing). Every form field
and query parameter (`request.form`, `request.args`, `request.values`, the
field names of `request.files`) is built with NulFreeMultiDict; JSON
bodies are cleaned by web.json_body. CSRF tokens and JSON never contain a
NUL, so removing it changes nothing for them.
"""
from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items


def without_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


class NulFreeMultiDict(ImmutableMultiDict):
    def __init__(self, mapping=None):
        super().__init__([(without_nul(key), without_nul(value)) for key, value in iter_multi_items(mapping or ())])


class NulFreeRequest(Request):
    parameter_storage_class = NulFreeMultiDict


def init_app(app):
    app.request_class = NulFreeRequest
