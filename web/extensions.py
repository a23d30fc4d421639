"""The one extension point: how one part of the app shows its part on another's pages.

A part (participation, surveys…) registers what it adds when the app is made
(its init_app); the page's route asks for the sections of its slot and
passes them to its template, which includes each one. The host never names
the part, and templates never load data: a section's loader runs in the
route, once per page (for a list, once for all its rows).

    register_panel_section(app, "consultation", "participation", load)
    sections_for("consultation", consultation=item)  # -> [Section, ...]

Slots, and what `load(**context)` gets:
- "consultation": consultation= (the panel's consultation page);
- "agenda": consultations= (every consultation on the meetings page);
  the section's `data` is {consultation id: what its row shows}, and its
  template is included only on the rows in `data` (a row left out shows
  nothing, at no cost: a page has some ten rows per meeting);
- "my_consultations": consultations= (a social worker's list, a column);
  `data` as for "agenda", `heading` the column's heading.

`load` returns a Section, or None when it has nothing to show there.
Navigation links of a part are registered the same way (register_nav_link), and
so is a notice a part shows at the top of a page (register_page_notice: the
surveys' notice of open feedback requests), made before the page renders.
"""
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, g
from markupsafe import Markup

SLOTS = ("consultation", "agenda", "my_consultations")
KEY = "kuulluksi.extensions"


@dataclass(frozen=True)
class Section:
    """`template` is included with `section` (this object) in its context."""
    name: str
    template: str
    data: Any = None
    heading: Any = None  # a column's heading, for the slots that are a table column


@dataclass
class _Registry:
    sections: dict = field(default_factory=lambda: {slot: [] for slot in SLOTS})
    nav_links: list = field(default_factory=list)
    notices: list = field(default_factory=list)


def _registry(app):
    return app.extensions.setdefault(KEY, _Registry())


def register_panel_section(app, slot, name, load):
    """`name` adds `load(**context) -> Section | None` to the pages of `slot`."""
    if slot not in SLOTS:
        raise ValueError(f"unknown slot {slot!r}; the slots are {SLOTS}")
    _registry(app).sections[slot].append((name, load))


def sections_for(slot, **context):
    """The sections the registered parts show in `slot`, in registration order."""
    found = (load(**context) for _name, load in _registry(current_app).sections[slot])
    return [section for section in found if section is not None]


def register_nav_link(app, endpoint, label, roles):
    """A part's own link in the site navigation, for users of any of `roles`."""
    _registry(app).nav_links.append((endpoint, label, tuple(roles)))


def nav_links_registered():
    return list(_registry(current_app).nav_links)


def register_page_notice(app, make):
    """`make() -> Markup or ""`: a part's notice at the top of this request's page (base.html's `page_notice`)."""
    _registry(app).notices.append(make)


def page_notice():
    """The registered parts' notices for this request's page. A notice renders its own template, whose
    context asks for the page's notice again (context_values): that inner one is empty."""
    if g.get("page_notice_busy"):
        return ""
    g.page_notice_busy = True
    try:
        return Markup("").join(make() for make in _registry(current_app).notices)
    finally:
        g.page_notice_busy = False


def context_values():
    """Template context of every page: the page's notice, made before the page renders (templates run no SQL)."""
    return {"page_notice": page_notice()}


def init_app(app):
    app.context_processor(context_values)
