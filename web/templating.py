"""The templates' environment: Flask's, with a quicker `row.name` for plain dicts.

Jinja answers `row.name` by trying getattr(row, "name") first and only then
row["name"]. The rows our storage modules return are plain dicts, so the first
try fails with an AttributeError every time (~0.6 µs; some 900 times on a
meetings page). A plain dict has no attributes but dict's own (its methods),
so for any other name the answer is the item, or undefined: exactly Jinja's.

Every `{% import %}` and `{% from ... import %}` asks whether the importing
page has globals the imported template lacks (then Jinja makes the module
anew). Jinja finds out with a set difference against a ChainMap of the
globals, key by key through the ChainMap (a tenth of the worker's form page,
with its five imports); KuulluksiTemplate asks the environment's globals (a
dict, in C) first and the ChainMap only about what is left: the same answer.
"""
from flask.templating import Environment
from jinja2 import Template

DICT_ATTRIBUTES = frozenset(dir(dict))


class KuulluksiTemplate(Template):
    def _get_default_module(self, ctx=None):
        if ctx is not None:
            leftover = ctx.globals_keys.difference(self.environment.globals)
            if not leftover or all(key in self.globals for key in leftover):
                ctx = None  # no new globals: Jinja's own answer is the cached module too
        return Template._get_default_module(self, ctx)


class KuulluksiEnvironment(Environment):
    template_class = KuulluksiTemplate

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
