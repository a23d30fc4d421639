"""web.forms.html_params, put in place of WTForms' own (a fifth of a form's rendering time),
writes exactly what WTForms' would, and the forms' HTML stays WTForms' own."""
import pytest
from markupsafe import Markup
from wtforms import widgets

from web import forms

ATTRIBUTES = [
    {},
    {"id": "x", "name": "y"},
    {"class_": "label label--inline", "for_": "q-1"},
    {"checked": True, "readonly": False, "value": None},
    {"value": 0, "maxlength": 500},
    {"value": "a\"b<c>&d'e ääö €"},
    {"value": Markup('already "safe" &amp;')},
    {"data_foo_bar": "1", "aria_describedby": "x y", "data_js_only": True},
    {"aria-invalid": "true", "k_": Markup("<b>")},
    {"a<b": True, 'c"d': "e"},
]


@pytest.mark.parametrize("attributes", ATTRIBUTES)
def test_the_quick_html_params_writes_what_wtforms_writes(attributes):
    ours, theirs = forms.html_params(**attributes), forms.WTFORMS_HTML_PARAMS(**attributes)
    assert ours == theirs and isinstance(ours, Markup)


def test_the_app_renders_its_widgets_and_labels_with_the_quick_one(app):
    assert widgets.core.html_params is forms.html_params and widgets.html_params is forms.html_params
    assert widgets.core.Input.html_params is forms.html_params
    assert widgets.core.SubmitInput.html_params is forms.html_params
