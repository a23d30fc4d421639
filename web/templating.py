"""The templates' environment: Flask's, with a quicker `row.name` for plain dicts
and a quicker `{% import %}`.

Jinja answers `row.name` by trying getattr(row, "name") first and only then
row["name"]. The rows our storage modules return are plain dicts, so the first
try fails with an AttributeError every time (~0.6 µs; some 900 times on a
meetings page). A plain dict has no attributes but dict's own (its methods),
so for any other name the answer is the item, or undefined: exactly Jinja's.

At every `{% import %}` and `{% from ... import %}` Jinja subtracts the imported
template's globals' keys from the importing context's (Template._get_default_module):
a template's globals are a ChainMap of its own (none, for a template from a file)
over the environment's, and a ChainMap's keys view answers that subtraction in
Python, one lookup through both maps per name: 35 µs an import here, two on every
tablet screen. With no globals of its own, the keys are the environment's: the
dict's own view, the same keys, and the subtraction runs in C.
"""
from collections import ChainMap

from flask.templating import Environment

DICT_ATTRIBUTES = frozenset(dir(dict))


class TemplateGlobals(ChainMap):
    """A template's globals (its own over the environment's) with a quick `keys()`."""

    def keys(self):
        if len(self.maps) == 2 and not self.maps[0]:
            return self.maps[1].keys()
        return super().keys()


class KuulluksiEnvironment(Environment):
    def make_globals(self, d):
        return TemplateGlobals({} if d is None else d, self.globals)

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return Environment.getattr(self, obj, attribute)


def init_app(app):
    """Before anything reads app.jinja_env (Flask makes it on first use)."""
    if "jinja_env" in app.__dict__:
        raise RuntimeError("web.templating.init_app must run before app.jinja_env is first used")
    app.jinja_environment = KuulluksiEnvironment
