"""After the meeting, in a real browser: one consultation from booking to the
message delivered to the child and the follow-up three months later, walked
in Finnish, Swedish and English, with axe-core on every page of the walk.

The live server runs in this process, so "today" is moved by setting the
app's TODAY; each language's meeting is in a year the demo data never uses."""
import re
from datetime import datetime

import pytest

from panel import storage as panel_storage
from participation import storage as views_storage
from tests.browser.conftest import LANGUAGES, assert_accessible, login_page, words_run_together
from tests.test_tablet import make_views

# What each page says in each language: the walk finds its buttons by these
# words and checks by them that the page really is in that language.
SAYS = {
    "fi": {"book_title": "Varaa konsultaatio", "book": "Varaa", "save": "Tallenna",
           "held_title": "Osallistujat:", "held_saved": "Kokous on merkitty pidetyksi",
           "edit_title": "Lausunto:", "finalise": "Viimeistele ja toimita", "finalised": "toimitettiin sosiaalityöntekijälle",
           "new_version": "Viimeistele uusi versio", "statement_title": "Asiantuntijaryhmän lausunto:",
           "not_latest": "Ei uusin versio", "delivered_kind": "Lausunto toimitettu",
           "tasks_title": "Tehtävät kokouksen jälkeen",
           "delivery_title": "Miten viesti välitettiin:", "in_person": "Kerrottu henkilökohtaisesti",
           "delivery_saved": "viestin välittäminen on kirjattu", "follow_up_title": "Seuranta:",
           "partly": "Osittain", "follow_up_saved": "vastauksesi konsultaatiosta"},
    "sv": {"book_title": "Boka en konsultation", "book": "Boka", "save": "Spara",
           "held_title": "Deltagare:", "held_saved": "Sammanträdet är markerat som hållet",
           "edit_title": "Utlåtande:", "finalise": "Slutför och leverera", "finalised": "levererades till socialarbetaren",
           "new_version": "Slutför en ny version", "statement_title": "Expertgruppens utlåtande:",
           "not_latest": "Inte den senaste versionen", "delivered_kind": "Utlåtandet levererat",
           "tasks_title": "Att göra efter sammanträdet",
           "delivery_title": "Hur meddelandet nådde fram:", "in_person": "Berättat personligen",
           "delivery_saved": "hur meddelandet nådde fram är sparat", "follow_up_title": "Uppföljning:",
           "partly": "Delvis", "follow_up_saved": "ditt svar om"},
    "en": {"book_title": "Book a consultation", "book": "Book", "save": "Save",
           "held_title": "Who took part:", "held_saved": "The meeting is marked held",
           "edit_title": "Statement on", "finalise": "Finalise and deliver", "finalised": "delivered to the social worker",
           "new_version": "Finalise a new version", "statement_title": "The panel's statement on",
           "not_latest": "Not the latest version", "delivered_kind": "Statement delivered",
           "tasks_title": "To do after the meeting",
           "delivery_title": "How the message reached them:", "in_person": "Told in person",
           "delivery_saved": "how the message reached them is saved", "follow_up_title": "Follow-up:",
           "partly": "Partly", "follow_up_saved": "your answer on"},
}
# What the social worker and the coordinator type, in the page's language.
TYPES = {
    "fi": {"question_1": "Miten koulunkäynti turvataan?", "question_2": "Tarvitaanko tukihenkilö?",
           "background": "Lapsi on vaihtanut koulua kahdesti.", "expert": "Aino Esimerkki, Valteri-koulu",
           "answer_1": "Koulunkäyntiä tuetaan koulun oppilashuollon kanssa.", "answer_2": "Tukihenkilö on hyvä ajatus.",
           "recommendations": "Oppilashuollon palaveri ja tukihenkilö.",
           "next_steps": "Sosiaalityöntekijä kutsuu palaverin koolle kuukauden sisällä.",
           "message_to_child": "Kiitos, että kerroit meille toiveesi. Koulusi saa jatkua.",
           "reason": "Tukihenkilön tehtävä tarkennettiin.",
           "answer_2_changed": "Tukihenkilö auttaa koulumatkoissa.", "comment": "Tukihenkilö löytyi, koulu jatkuu."},
    "sv": {"question_1": "Hur tryggas skolgången?", "question_2": "Behövs en stödperson?",
           "background": "Barnet har bytt skola två gånger.", "expert": "Aino Exempel, Valteri-skolan",
           "answer_1": "Skolgången stöds tillsammans med skolans elevvård.", "answer_2": "En stödperson är en bra idé.",
           "recommendations": "Ett elevvårdsmöte och en stödperson.",
           "next_steps": "Socialarbetaren sammankallar mötet inom en månad.",
           "message_to_child": "Tack för att du berättade vad du önskar. Du får fortsätta i din skola.",
           "reason": "Stödpersonens uppgift preciserades.",
           "answer_2_changed": "En stödperson hjälper med skolresorna.", "comment": "En stödperson hittades, skolan fortsätter."},
    "en": {"question_1": "How is the child's schooling secured?", "question_2": "Is a support person needed?",
           "background": "The child has changed schools twice.", "expert": "Aino Example, Valteri school",
           "answer_1": "Schooling is supported together with the school's pupil welfare team.",
           "answer_2": "A support person is a good idea.",
           "recommendations": "A pupil welfare meeting and a support person.",
           "next_steps": "The social worker calls the meeting within a month.",
           "message_to_child": "Thank you for telling us what you wish for. You may stay at your school.",
           "reason": "The support person's task was made clearer.",
           "answer_2_changed": "A support person helps on the way to school.", "comment": "A support person was found."},
}
# Each language's consultation in its own year: the meeting, two weeks later and three months later.
YEARS = {"fi": 2031, "sv": 2033, "en": 2034}


def user_id(db, role):
    return db.execute("SELECT id FROM users WHERE email = ?", [f"b-{role}@example.fi"]).fetchone()[0]


def new_meeting(live_server, day):
    db = live_server.db()
    try:
        return panel_storage.create_meeting(db, live_server.context["panel_id"], datetime.fromisoformat(f"{day}T09:00"),
                                            datetime.fromisoformat(f"{day}T11:30"), capacity=3)
    finally:
        db.conn.close()


def childs_views(live_server, consultation_id):
    """The child's views, found out and finished (the views' own pages are tested elsewhere)."""
    db = live_server.db()
    try:
        views_id = make_views(db, consultation_id, "7-12")
        views_storage.save_answer(db, views_id, "q1", {"choice": None, "text": "Että saisin jäädä tähän kouluun.",
                                                       "declined": False, "visibility": "panel"})
        views_storage.finish(db, views_id, user_id(db, "social_worker"))
        return views_id
    finally:
        db.conn.close()


def submit(page, text):
    page.locator("main form button[type=submit]", has_text=text).click()
    page.wait_for_load_state()


@pytest.fixture
def today(live_server):
    before = live_server.app.config["TODAY"]

    def set_today(day):
        live_server.app.config["TODAY"] = day
    yield set_today
    live_server.app.config["TODAY"] = before


class Walk:
    """One user's page in one language: every page it comes to is checked
    with axe-core, must be in that language, must say `says` and must not
    run words together."""

    def __init__(self, page, live_server, lang):
        self.page, self.url, self.lang = page, live_server.url, lang

    def go(self, path, says=""):
        self.page.goto(f"{self.url}{path}")
        return self.check(path, says)

    def click(self, locator, says=""):
        locator.click()
        return self.check(locator, says)

    def submit(self, text, says=""):
        submit(self.page, text)
        return self.check(f"submit {text}", says)

    def check(self, label, says):
        self.page.wait_for_load_state()
        assert self.page.get_attribute("html", "lang") == self.lang, f"{label}: {self.page.url}"
        if says:
            errors = self.page.locator("main .error, main .error-summary").all_inner_texts()
            assert says in self.page.locator("main").inner_text(), f"{label}: no {says!r} on {self.page.url} {errors}"
        assert_accessible(self.page, f"{self.lang} {label} ({self.page.url})")
        assert not words_run_together(self.page), f"{label}: {self.page.url}"
        return self.page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_consultation_from_booking_to_the_delivered_message_and_the_follow_up(context_factory, live_server, today,
                                                                                  lang):
    says, types, year = SAYS[lang], TYPES[lang], YEARS[lang]
    meeting_id = new_meeting(live_server, f"{year}-03-12")
    worker = Walk(login_page(context_factory().new_page(), live_server, "social_worker", lang), live_server, lang)
    coordinator = Walk(login_page(context_factory().new_page(), live_server, "coordinator", lang), live_server, lang)

    # the social worker books, with two questions
    today(f"{year}-02-20")
    page = worker.go(f"/consultations/new?meeting_id={meeting_id}", says["book_title"])
    for name in ("question_1", "question_2", "background"):
        page.fill(f"textarea[name={name}]", types[name])
    page.fill("input[name=child_age]", "11")
    worker.submit(says["book"], types["question_2"])
    code = re.search(r"KS-\d{4}-\d{3}", page.locator("h1").inner_text()).group(0)
    consultation_id = int(re.search(r"/consultations/(\d+)", page.url).group(1))
    childs_views(live_server, consultation_id)

    # the meeting day: the coordinator marks it held and who took part
    today(f"{year}-03-12")
    page = coordinator.go(f"/meetings?year={year}", code)
    coordinator.click(page.locator(f"a[href='/meetings/{meeting_id}/held']"), says["held_title"])
    page.fill("textarea[name=outside_experts]", types["expert"])
    page.check(f"#social_worker_present-{consultation_id}")
    page.check(f"#child_joined-{consultation_id}")
    coordinator.submit(says["save"], says["held_saved"])

    # the statement: one answer per question, the message to the child is required
    coordinator.click(page.locator("a", has_text=code).first, says["edit_title"])
    for name in ("answer_1", "answer_2", "recommendations", "next_steps"):
        page.fill(f"#{name}", types[name])
    coordinator.submit(says["finalise"])
    assert page.locator("#message_to_child-error").is_visible()
    page.fill("#message_to_child", types["message_to_child"])
    coordinator.submit(says["finalise"], says["finalised"])
    assert says["statement_title"] in page.locator("h1").inner_text()
    coordinator.go("/outbox", code)
    assert says["delivered_kind"] in " ".join(page.locator("tr", has_text=code).all_inner_texts())

    # a change after delivery is a new version with its reason; the first stays readable
    coordinator.go(f"/consultations/{consultation_id}/statement/edit", says["edit_title"])
    page.fill("#answer_2", types["answer_2_changed"])
    page.fill("#reason", types["reason"])
    coordinator.submit(says["new_version"], types["reason"])
    coordinator.go(f"/consultations/{consultation_id}/statement/1", says["not_latest"])
    coordinator.go(f"/consultations/{consultation_id}", code)

    # the social worker finds it, reads it and marks how the message reached the child
    page = worker.go("/consultations/mine", says["tasks_title"])
    assert page.locator("#worker-tasks-title + ul a", has_text=code).count() == 1  # the task to mark it
    worker.click(page.locator(f"a[href='/consultations/{consultation_id}/statement']").first, types["message_to_child"])
    assert says["statement_title"] in page.locator("h1").inner_text()
    assert types["expert"].split(",")[0] in page.content()
    worker.click(page.locator(f"main a[href='/consultations/{consultation_id}/statement/delivery']").first,
                 says["delivery_title"])
    worker.submit(says["save"])
    assert page.locator(".error-summary").is_visible()
    page.get_by_label(says["in_person"]).check()
    worker.submit(says["save"], says["delivery_saved"])

    # two weeks later nothing is undelivered
    today(f"{year}-03-26")
    page = coordinator.go("/statements", code)
    assert code not in page.locator("#undelivered-title + *").inner_text()

    # three months later: the follow-up question in the worker's list
    today(f"{year}-06-12")
    page = worker.go("/consultations/mine", says["tasks_title"])
    worker.click(page.locator(f"a[href='/consultations/{consultation_id}/follow-up']").first, says["follow_up_title"])
    worker.submit(says["save"])
    assert page.locator(".error-summary").is_visible()
    page.get_by_label(says["partly"]).check()
    page.fill("textarea[name=comment]", types["comment"])
    worker.submit(says["save"], says["follow_up_saved"])
    page = coordinator.go("/statements", code)
    assert says["partly"] in page.locator("tr", has_text=code).inner_text()
