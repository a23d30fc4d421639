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


def _imports_env(app):
    from jinja2 import DictLoader
    from web.templating import KuulluksiEnvironment
    return KuulluksiEnvironment(app, loader=DictLoader({
        "lib.html": "{% macro shout() %}{{ greeting|default('none') }}!{% endmacro %}",
        "page.html": "{% from 'lib.html' import shout %}{{ shout() }}"}))


def test_an_imported_template_is_made_once_when_the_page_brings_no_new_globals(app):
    env = _imports_env(app)
    assert type(env.get_template("page.html")).__name__ == "KuulluksiTemplate"
    assert env.get_template("page.html").render() == "none!"
    module = env.get_template("lib.html").module
    assert env.get_template("page.html").render() == "none!" and env.get_template("lib.html").module is module


def test_an_imported_template_sees_the_globals_of_the_page_that_imports_it(app):
    env = _imports_env(app)
    env.get_template("page.html").render()  # the cached module, made without the greeting
    assert env.get_template("page.html", globals={"greeting": "hei"}).render() == "hei!"
