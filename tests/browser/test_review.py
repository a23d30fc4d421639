"""The worker's check in a real browser (issue 10): the review after the
child's "Finished", a correction with its earlier version, axe in fi, sv, en."""
import pytest

from participation import review_storage
from tests.browser.conftest import LANGUAGES, assert_accessible, login_page
from tests.browser.test_participation import consultation_id, new_views, stored  # noqa: F401 (fixture)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_worker_corrects_a_typo_after_finishing_and_sees_the_earlier_words(context_factory, live_server,
                                                                             consultation_id, lang):  # noqa: F811
    views_id = new_views(live_server, consultation_id, "7-12", "fi")
    db = live_server.db()
    from participation import storage
    storage.save_answer(db, views_id, "q1", {"text": "Haluan asua mumolla", "visibility": "panel"})
    review_storage.hand_over(db, views_id)
    db.conn.close()
    page = context_factory().new_page()
    login_page(page, live_server, "social_worker", lang)
    page.goto(f"{live_server.url}/views/{views_id}")
    page.locator(".review-intro").wait_for()
    page.select_option("#method", "discussion")
    with page.expect_navigation():
        page.locator("button[name=action][value=finish]").click()
    assert stored(live_server, views_id)["status"] == "finished"
    page.locator("#answer-%d-q1 + dd details.correction summary" % views_id).click()
    assert_accessible(page, f"correction open {lang}")
    page.locator("#correct-q1-text").fill("Haluan asua mummolla")
    page.locator("label[for='correct-q1-worker']").click()
    with page.expect_navigation():
        page.locator("#answer-%d-q1 + dd details.correction button[type=submit]" % views_id).click()
    answer = stored(live_server, views_id)["answers"]["q1"]
    assert (answer["text"], answer["visibility"]) == ("Haluan asua mummolla", "worker")
    history = page.locator("#answer-%d-q1 + dd .answer-history" % views_id)
    assert "Haluan asua mumolla" in history.inner_text()
    assert_accessible(page, f"after a correction {lang}")
