"""The panel's workflow pages in a real browser, with axe-core on every new
page in fi, sv and en: members and outside experts, conflicts of interest,
documents (a renamed executable refused), the pre-meeting material and the
family's 30 minutes with its invitation."""
import pytest

from demo_data import DEMO_PASSWORD
from tests.browser.conftest import LANGUAGES, assert_accessible, login_page
from tests.sample_documents import ELF


def workflow_ids(live_server):
    """The demo's first coming meeting with published material, its cases, the
    young person's case with a family slot, and the social worker of it."""
    db = live_server.db()
    try:
        meeting_id = db.execute("SELECT meeting_id FROM meeting_material").fetchone()[0]
        cases = [row[0] for row in db.execute("SELECT id FROM consultations WHERE meeting_id = ? "
                                              "AND status != 'cancelled' ORDER BY id", [meeting_id])]
        young, worker = db.execute("SELECT s.consultation_id, u.email FROM family_slots s JOIN consultations c "
                                   "ON c.id = s.consultation_id JOIN users u ON u.id = c.social_worker_id").fetchone()
    finally:
        db.conn.close()
    return meeting_id, cases, young, worker


def log_in(page, live_server, email, lang):
    """Log in as a demo user (password DEMO_PASSWORD)."""
    page.goto(f"{live_server.url}/language/{lang}?next=/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form:not(.logout) button[type=submit]")
    page.wait_for_load_state()
    assert "/login" not in page.url


def visit(page, live_server, path, label):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200, f"{label}: {path} answered {response.status}"
    assert_accessible(page, f"{label} {path}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_coordinators_workflow_pages_are_accessible(page, live_server, lang):
    meeting_id, cases, young, _worker = workflow_ids(live_server)
    login_page(page, live_server, "coordinator", lang)
    for path in ("/members", "/experts", "/experts/1/edit", f"/meetings/{meeting_id}/attendance",
                 f"/meetings/{meeting_id}/declarations", f"/meetings/{meeting_id}/material",
                 f"/meetings/{meeting_id}/family", f"/consultations/{cases[0]}/experts",
                 f"/consultations/{young}/family", f"/consultations/{young}/family/invitation",
                 f"/consultations/{cases[0]}/files", f"/consultations/{cases[0]}", "/consultations/new", "/meetings"):
        visit(page, live_server, path, f"coordinator/{lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_members_material_and_declaration_pages_are_accessible(page, live_server, lang):
    meeting_id, cases, _young, _worker = workflow_ids(live_server)
    login_page(page, live_server, "expert", lang)  # b-expert: has declared nothing yet
    visit(page, live_server, f"/meetings/{meeting_id}/material", f"expert/{lang}")
    visit(page, live_server, f"/consultations/{cases[0]}/declaration", f"expert/{lang}")
    page.click("main form button[type=submit]")  # nothing chosen: the message next to the choice
    page.wait_for_load_state()
    assert page.locator("#declaration-error").is_visible()
    assert_accessible(page, f"expert/{lang} declaration with its error")


def test_a_member_declares_and_then_reads_the_case(page, live_server):
    meeting_id, cases, _young, _worker = workflow_ids(live_server)
    login_page(page, live_server, "expert", "en")
    page.goto(f"{live_server.url}/meetings/{meeting_id}/material")
    section = page.locator(f"#case-{cases[0]}")
    assert "Before reading this case" in section.inner_text()
    section.get_by_role("link", name="Declare").click()
    page.check("input[value=no_conflict]")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Recorded: no conflict of interest" in page.content()
    assert "Questions to the panel" in page.locator(f"#case-{cases[0]}").inner_text()


def test_the_demo_member_with_a_conflict_sees_the_case_without_its_material(page, live_server):
    meeting_id, cases, _young, _worker = workflow_ids(live_server)
    log_in(page, live_server, "juristi@example.fi", "en")  # declared a conflict in the demo's last case
    page.goto(f"{live_server.url}/meetings/{meeting_id}/material")
    section = page.locator(f"#case-{cases[-1]}")
    assert "its material is not shown to you" in section.inner_text()
    assert section.locator("a[href^='/files/']").count() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_social_workers_documents_and_invitation_are_accessible(context_factory, live_server, lang):
    _meeting_id, _cases, young, worker = workflow_ids(live_server)
    page = context_factory(locale="fi-FI").new_page()
    log_in(page, live_server, worker, lang)
    visit(page, live_server, f"/consultations/{young}/files", f"worker/{lang}")
    # an executable renamed .pdf is refused, with the message next to the field
    page.fill("input[name=title]", "Arvio")
    page.set_input_files("input[name=file]", files=[{"name": "arvio.pdf", "mimeType": "application/pdf",
                                                     "buffer": ELF}])
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#file-error").is_visible()
    assert_accessible(page, f"worker/{lang} refused upload")
    visit(page, live_server, f"/consultations/{young}/family/invitation", f"worker/{lang}")
    visit(page, live_server, f"/consultations/{young}", f"worker/{lang}")
