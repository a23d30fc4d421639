"""Adding an age band is an edit to the definitions (plus its wordings in the
.po files): no code change. Here a band for young adults in aftercare
(18–21) is defined with wordings already translated, and walked: views
created, answered, finished, summarised."""
import dataclasses

import pytest

from participation import api, questionnaires, storage
from tests.conftest import csrf_from

AFTERCARE = dataclasses.replace(questionnaires.DEFINITIONS["13-17"], id="young-adult-18-21", band="18-21")


@pytest.fixture
def with_band(monkeypatch, db):
    monkeypatch.setitem(questionnaires.DEFINITIONS, "18-21", AFTERCARE)


def test_a_band_defined_only_in_the_definitions_is_walked_from_creation_to_summary(with_band, client, db, login_as,
                                                                                 panel_id, users, app):
    assert "18-21" in questionnaires.bands()
    worker_id = users["social_worker"][0]
    consultation_id = db["consultations"].insert({"panel_id": panel_id, "case_code": "KS-2099-021",
                                                  "social_worker_id": worker_id, "child_age": 17,
                                                  "created_by": worker_id}).last_pk
    with app.test_request_context():
        views_id = api.create_views(db, consultation_id, "18-21", created_by=worker_id, language="sv")
    record = storage.get_views(db, views_id)
    assert (record["band"], record["person"], record["definition"].id) == ("18-21", "child", "young-adult-18-21")
    login_as("social_worker")
    page = client.get(f"/views/{views_id}").get_data(as_text=True)
    assert "Finns det något som oroar dig?" in page  # the band's wordings in the person's language
    response = client.post(f"/views/{views_id}", data={
        "csrf_token": csrf_from(page), "q-q1-text": "Egen bostad", "q-q2-choice": "no", "q-q3-declined": "1",
        "method": "discussion", "action": "finish"})
    assert response.status_code == 302
    assert storage.get_views(db, views_id)["status"] == "finished"
    summary = client.get(f"/views/{views_id}/summary")
    assert summary.status_code == 200 and "Egen bostad" in summary.get_data(as_text=True)
    assert "18-21" in summary.get_data(as_text=True)
