"""web/templating.py: `row.name` on a plain dict answers as Jinja's own lookup."""
import pytest
from jinja2 import Environment


@pytest.mark.parametrize("source, row", [
    ("{{ row.case_code }}", {"case_code": "KS-1"}),                  # the item
    ("{{ row.missing is defined }}", {"case_code": "KS-1"}),         # undefined, not an error
    ("{{ row.missing or 'none' }}", {}),
    ("{{ row.items()|list }}", {"a": 1}),                            # dict's own method
    ("{{ row.items is callable }}", {"items": "the key"}),           # a method first, as in Jinja
    ("{{ row.get('a') }}", {"a": 1}),
    ("{{ row['a'] }} {{ row.a }}", {"a": "<b>"}),                    # escaped either way
])
def test_a_dicts_attribute_is_what_jinja_gives(app, source, row):
    ours = app.jinja_env.from_string(source).render(row=row)
    jinjas = Environment(autoescape=True).from_string(source).render(row=row)
    assert ours == jinjas


def test_other_objects_keep_jinjas_lookup(app):
    class Thing:
        name = "attribute"

        def __getitem__(self, key):
            return "item"
    template = app.jinja_env.from_string("{{ t.name }} {{ t.other }}")
    assert template.render(t=Thing()) == "attribute item"


def test_a_strict_undefined_still_fails_on_a_missing_key(app):
    from jinja2 import StrictUndefined, UndefinedError
    env = app.jinja_env.overlay(undefined=StrictUndefined)
    with pytest.raises(UndefinedError):
        env.from_string("{{ row.missing }}").render(row={})


def test_a_template_s_globals_have_the_keys_of_jinja_s_chain_map(app):
    from collections import ChainMap
    plain = app.jinja_env.make_globals(None)
    own = app.jinja_env.make_globals({"page_only": 1})
    assert set(plain.keys()) == set(ChainMap({}, app.jinja_env.globals).keys())
    assert set(own.keys()) == set(ChainMap({"page_only": 1}, app.jinja_env.globals).keys())
    assert "page_only" in own.keys() and "page_only" not in plain.keys()


def test_an_import_renders_as_jinja_s_with_and_without_context(app):
    """web/templating.TemplateGlobals: the keys Jinja compares at an import are the same."""
    from jinja2 import DictLoader
    templates = {
        "macros.html": "{% macro hi(name) %}{{ greeting }} {{ name }}{{ site|default('') }}{% endmacro %}",
        "page.html": "{% from 'macros.html' import hi %}{% import 'macros.html' as m with context %}"
                     "{{ hi('a') }}|{{ m.hi('b') }}",
    }
    ours = app.jinja_env.overlay(loader=DictLoader(templates))
    ours.globals = {"greeting": "Hei"}
    jinjas = Environment(loader=DictLoader(templates), autoescape=True)
    jinjas.globals.update({"greeting": "Hei"})
    for env in (ours, jinjas):  # macros.html with globals of its own: the ChainMap's own keys view
        env.get_template("macros.html", globals={"site": "!"})
    assert ours.get_template("page.html").render(site="?") == jinjas.get_template("page.html").render(site="?")


def _imports_env(app):
    from jinja2 import DictLoader
    from web.templating import KuulluksiEnvironment
    return KuulluksiEnvironment(app, loader=DictLoader({
        "lib.html": "{% macro shout() %}{{ greeting|default('none') }}!{% endmacro %}",
        "page.html": "{% from 'lib.html' import shout %}{{ shout() }}"}))


def test_an_imported_template_sees_the_globals_of_the_page_that_imports_it(app):
    env = _imports_env(app)
    env.get_template("page.html").render()  # the cached module, made without the greeting
    assert env.get_template("page.html", globals={"greeting": "hei"}).render() == "hei!"
