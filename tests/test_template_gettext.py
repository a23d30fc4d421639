"""The templates' _(), ngettext and pgettext (web/i18n.py) answer as Jinja's
"newstyle" gettext: the translation in the page's language, escaped, and
always a format string; the same inside a loop as outside."""
import pytest
from flask import render_template_string


def render(app, source, lang="fi", **context):
    with app.test_request_context("/", headers={"Accept-Language": lang}):
        return render_template_string(source, **context)


@pytest.mark.parametrize("lang, expected", [("fi", "Paikka"), ("sv", "Plats"), ("en", "Place")])
def test_a_string_is_shown_in_the_pages_language(app, lang, expected):
    assert render(app, '{{ _("Place") }}', lang) == expected


def test_a_translation_is_a_format_string_even_without_variables(app):
    assert render(app, '{{ _("100%% sure") }}', "en") == "100% sure"


def test_a_variable_in_a_translation_is_escaped(app):
    assert render(app, '{{ _("No meetings in %(year)s.", year="<b>") }}', "en") == "No meetings in &lt;b&gt;."


def test_a_plural_gets_its_number(app):
    assert render(app, '{{ ngettext("%(num)d year", "%(num)d years", 7) }}', "fi") == "7 vuotta"


def test_a_word_with_a_context_is_translated_in_that_context(app):
    assert render(app, '{{ pgettext("meeting status", "Held") }}', "sv") == "Har hållits"


def test_inside_a_loop_and_a_macro_the_strings_are_the_same(app):
    source = ('{% macro place() %}{{ _("Place") }}{% endmacro %}'
              '{% for n in [1, 2] %}{{ _("Place") }} {{ place() }} {{ ngettext("%(num)d year", "%(num)d years", n) }};'
              '{% endfor %}')
    assert render(app, source, "en") == "Place Place 1 year;Place Place 2 years;"


@pytest.mark.parametrize("lang, expected", [("fi", "1 vapaa paikka, 2 vapaata paikkaa, 2 vapaata paikkaa"),
                                            ("sv", "1 ledig plats, 2 lediga platser, 2 lediga platser"),
                                            ("en", "1 free place, 2 free places, 2 free places"),
                                            ("fi", "1 vapaa paikka, 2 vapaata paikkaa, 2 vapaata paikkaa")])
def test_a_remembered_plural_stays_in_the_pages_language(app, lang, expected):
    source = ('{% for n in [1, 2, 2] %}{{ ngettext("%(num)d free place", "%(num)d free places", n) }}'
              '{% if not loop.last %}, {% endif %}{% endfor %}')
    assert render(app, source, lang) == expected


def test_a_plural_with_more_values_still_gets_them(app):
    assert render(app, '{{ ngettext("%(num)d of %(total)d finished", "%(num)d of %(total)d finished", 2, total=3) }}',
                  "en") == "2 of 3 finished"
