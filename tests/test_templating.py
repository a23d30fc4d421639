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
