"""The parsed page for assertions, so that tests do not depend on the order
or quoting of attributes (stdlib html.parser).

    find_all(html, "input", type="checkbox")    every matching element
    find(html, "button", value="back")          the first one, or None
    field_value(html, "year")                   what a form control holds
    html_lang(html)                             <html lang>

Attribute filters: `class_="x"` matches a class among several, other names
take "-" for "_" (`aria_current="true"`), True means "present", False
"absent".
"""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def text(self):
        """The text inside, with runs of white space as one space."""
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join("".join(parts).split())

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        return [e for e in self.iter() if (tag is None or e.tag == tag) and _matches(e, attrs)]

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


def _matches(element, wanted):
    for name, value in wanted.items():
        name = name.rstrip("_").replace("_", "-")
        have = element.attrs.get(name)
        if value is True or value is False:
            if (have is not None) is not value:
                return False
        elif name == "class":
            if value not in (have or "").split():
                return False
        elif have != value:
            return False
    return True


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: "" if value is None else value for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.current = self.current.parent

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:  # an end tag without its start tag is ignored
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def _root(page):
    return page if isinstance(page, Element) else parse(page)


def find_all(page, tag=None, **attrs):
    return _root(page).find_all(tag, **attrs)


def find(page, tag=None, **attrs):
    return _root(page).find(tag, **attrs)


def field_value(page, name):
    """The value a form would send for `name`: an input's value (of the
    checked one for radios; a list of the checked ones for checkboxes), a
    select's selected option, a textarea's text. None when there is no such
    control."""
    root = _root(page)
    controls = [e for e in root.iter() if e.tag in ("input", "select", "textarea") and e.get("name") == name]
    if not controls:
        return None
    first = controls[0]
    if first.tag == "select":
        options = first.find_all("option")
        chosen = [o for o in options if "selected" in o.attrs] or options[:1]
        return chosen[0].get("value", chosen[0].text) if chosen else None
    if first.tag == "textarea":
        return "".join(c for c in first.children if isinstance(c, str)).lstrip("\n")
    kind = first.get("type", "text")
    if kind == "checkbox":
        return [c.get("value", "on") for c in controls if "checked" in c.attrs]
    if kind == "radio":
        checked = [c for c in controls if "checked" in c.attrs]
        return checked[0].get("value", "on") if checked else None
    return first.get("value", "")


def html_lang(page):
    element = find(page, "html")
    return element.get("lang") if element is not None else None
