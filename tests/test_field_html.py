"""web.field_html: a form field from its per-process stencil is the HTML its macro writes, in every state,
and the stencil holds nothing of a request's values."""
from datetime import date

import pytest
from flask_babel import force_locale
from werkzeug.datastructures import MultiDict

from participation.forms import BandForm, DetailsForm
from web import field_html as quick

TRICKY = 'a"b<c>&d\'e ääö'


@pytest.fixture
def macros(app):
    with app.test_request_context("/"):
        env = app.jinja_env
        yield env.get_template("_forms.html").module.field, env.get_template("panel/_macros.html").module.text_field


def _details(**data):
    form = DetailsForm(formdata=None)
    for name, value in data.items():
        form[name].data = value
    return form


def _both(macro, form, name, **kwargs):
    return str(quick.field_html(macro, form, name, **kwargs)), str(macro(form[name], **kwargs))


@pytest.mark.parametrize("data", [{}, {"method": "play", "method_other": TRICKY, "present": TRICKY},
                                  {"method": "", "present": ""}, {"method": "other", "asked_on": date(2027, 1, 31)},
                                  {"method": TRICKY}])
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_details_field_from_its_stencil_is_what_its_macro_writes(macros, data, lang):
    field, text_field = macros
    with force_locale(lang):
        form = _details(**data)
        for macro, name, kwargs in [(field, "method", {}), (text_field, "method_other", {"warning": None}),
                                    (field, "asked_on", {"hint": form.asked_on.format_hint}),
                                    (text_field, "present", {})]:
            ours, theirs = _both(macro, form, name, **kwargs)
            assert ours == theirs


@pytest.mark.parametrize("band", ["3-6", "7-12", "13-17", None])
def test_the_band_select_from_its_stencil_is_what_its_macro_writes(macros, band):
    field, _ = macros
    ours, theirs = _both(field, BandForm(band=band), "band", hint="Kept.")
    assert ours == theirs and (band is None or f'<option selected value="{band}">' in ours)


def test_a_field_with_errors_or_a_warning_is_written_by_its_macro(macros, app):
    field, text_field = macros
    with app.test_request_context("/", method="POST", data=MultiDict({"method": "nonsense", "present": "x" * 501})):
        form = DetailsForm(meta={"csrf": False})
        assert not form.validate()
        for macro, name in [(field, "method"), (text_field, "present")]:
            ours, theirs = _both(macro, form, name)
            assert ours == theirs and "field--error" in ours
    ours, theirs = _both(text_field, _details(present=TRICKY), "present", warning="Looks like a code.")
    assert ours == theirs and "field--warning" in ours


def test_the_stencils_hold_no_request_value_and_follow_the_language(macros):
    field, text_field = macros
    quick._STENCILS.clear()
    with force_locale("fi"):
        finnish = str(quick.field_html(field, _details(method="play"), "method"))
        quick.field_html(text_field, _details(present="Sosiaalityöntekijä Virtanen"), "present")
    with force_locale("sv"):
        swedish = str(quick.field_html(field, _details(method="play"), "method"))
    assert finnish != swedish and len(quick._STENCILS) == 3 and None not in quick._STENCILS.values()
    assert not any("Virtanen" in html or " selected" in html for html, _values in quick._STENCILS.values())


def test_a_select_stencil_follows_what_its_choices_depend_on(macros, monkeypatch):
    from participation import questionnaires
    field, _ = macros
    quick._STENCILS.clear()
    with force_locale("fi"):
        before = str(quick.field_html(field, BandForm(band="7-12"), "band"))
        monkeypatch.delitem(questionnaires.DEFINITIONS, "3-6")
        ours, theirs = _both(field, BandForm(band="7-12"), "band")
    assert ours == theirs and ours != before and 'value="3-6"' in before and 'value="3-6"' not in ours


def test_a_select_whose_choices_were_set_on_the_form_is_keyed_by_them(macros):
    field, _ = macros
    form = BandForm(band="b")
    form.band.choices = [("a", "A"), ("b", "B <&>")]
    ours, theirs = _both(field, form, "band")
    assert ours == theirs and '<option selected value="b">B &lt;&amp;&gt;</option>' in ours


@pytest.mark.parametrize("data", [{"method": "play", "method_other": TRICKY, "present": TRICKY, "asked_on": None},
                                  {"method": "", "method_other": "", "present": "", "asked_on": date(2027, 1, 31)},
                                  {"method": None, "method_other": None, "present": None, "asked_on": None},
                                  {"method": TRICKY, "method_other": "", "present": "Isä", "asked_on": None}])
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_saved_form_shows_what_the_form_with_its_values_shows(macros, data, lang):
    field, text_field = macros
    with force_locale(lang):
        saved, form = quick.SavedForm(DetailsForm, data), _details(**data)
        assert saved.asked_on.format_hint == form.asked_on.format_hint and saved.errors == {}
        for macro, name, kwargs in [(field, "method", {}), (text_field, "method_other", {}),
                                    (field, "asked_on", {"hint": form.asked_on.format_hint}), (text_field, "present", {}),
                                    (text_field, "present", {"warning": "Looks like a code."})]:
            assert str(quick.field_html(macro, saved, name, **kwargs)) == str(macro(form[name], **kwargs))
        assert saved._form is not None  # the field with a warning was written by its macro, from the real form


@pytest.mark.parametrize("band", ["3-6", "7-12", "13-17"])
def test_a_saved_band_form_shows_its_band_without_a_form_made(macros, band):
    field, _ = macros
    saved = quick.SavedForm(BandForm, {"band": band})
    html = str(quick.field_html(field, saved, "band", hint="Kept."))
    assert html == str(field(BandForm(band=band)["band"], hint="Kept.")) and saved._form is None
    assert saved.band.data == band and saved["band"].label.text == BandForm()["band"].label.text
