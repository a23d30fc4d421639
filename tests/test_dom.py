"""tests/dom.py, the parsed page the other tests look at."""
from tests import dom


def test_attributes_are_found_in_any_order_and_quoting():
    one = '<form><input value="t0k3n" type="hidden" name="csrf_token"></form>'
    other = "<form><input name=csrf_token type='hidden' value='t0k3n'/></form>"
    assert dom.field_value(one, "csrf_token") == dom.field_value(other, "csrf_token") == "t0k3n"
    assert dom.find(one, "input", type="hidden", name="csrf_token", value=True, id=False)


def test_field_value_reads_what_the_form_would_send():
    page = """<select name="band"><option value="3-6">3–6</option><option selected value="7-12">7–12</option></select>
    <input type="checkbox" name="hear" value="letter" checked><input type="checkbox" name="hear" value="meeting">
    <input type="radio" name="who" value="panel"><input type="radio" name="who" checked value="worker">
    <textarea name="text">
Hei</textarea>"""
    assert dom.field_value(page, "band") == "7-12"
    assert dom.field_value(page, "hear") == ["letter"]
    assert dom.field_value(page, "who") == "worker"
    assert dom.field_value(page, "text") == "Hei"
    assert dom.field_value(page, "nothing") is None


def test_classes_match_one_of_several_and_text_is_collapsed():
    page = '<html lang="sv"><div class="tablet-nav  wide"><p class="code">ABCD-<b>EFGH</b>\n</p></div></html>'
    assert dom.html_lang(page) == "sv"
    nav = dom.find(page, "div", class_="tablet-nav")
    assert nav.find(class_="code").text == "ABCD-EFGH"
    assert dom.find(page, class_="tablet") is None
