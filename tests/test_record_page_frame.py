"""The worker's page of a draft from its kept frame (participation/record_page.py): the same HTML
as the page rendered whole, for every band, the parent, the tablet's badge and a meeting's day, in
fi, sv and en; one frame serves records of different consultations, each with its own answers,
ids and case code; each session gets its own CSRF token; the frame holds nothing of a record's own."""
import re

import pytest

from participation import record_page, storage
from participation.demo import demo_png
from tests.conftest import csrf_from, login
from tests.test_tablet import make_consultation, make_views

BANDS = ("3-6", "7-12", "13-17", "parent")
# an answer with markup and odd text: the frame must put it in escaped, exactly as the page does
ANSWER = "Äidin <b>luona</b> & \"isän\" – 🐕"


def without_tokens(html):
    return re.sub(r'(name="csrf_token" value=")[^"]+', r"\1", html)


def whole(client, path, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(record_page, "_frame_key", lambda *args: None)
        return without_tokens(client.get(path).get_data(as_text=True))


def first_text_question(db, views_id):
    record = storage.get_views(db, views_id)
    return next(q.id for q in record["definition"].questions() if q.type in ("free_text", "drawing"))


def a_draft(db, users, panel_id, band, case_code=None):
    consultation_id = make_consultation(db, panel_id, users["social_worker"][0], case_code=case_code)
    views_id = make_views(db, consultation_id, band)
    storage.save_answer(db, views_id, first_text_question(db, views_id), {"text": ANSWER, "visibility": "panel"})
    return consultation_id, views_id


@pytest.fixture
def worker(client, users):
    login(client, users["social_worker"][1])
    client.get("/consultations/mine")  # shows the login's flashed message: later pages may be kept
    return client


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_kind_of_draft_from_its_kept_frame_is_the_whole_page(app, db, users, panel_id, worker, monkeypatch,
                                                                    lang):
    worker.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
    meeting_id = db["meetings"].insert({"panel_id": panel_id, "starts_at": "2027-01-29T09:00",
                                        "ends_at": "2027-01-29T12:00"}).last_pk
    pages = []
    for band in BANDS:
        consultation_id, views_id = a_draft(db, users, panel_id, band)
        pages.append(f"/views/{views_id}")
        if band == "7-12":  # given alone on a tablet, with a drawing and a meeting's day
            db.execute("UPDATE views SET mode = 'tablet', language = ? WHERE id = ?", [lang, views_id])
            storage.save_drawing(db, views_id, first_text_question(db, views_id), demo_png(20, 10))
            db.execute("UPDATE consultations SET meeting_id = ? WHERE id = ?", [meeting_id, consultation_id])
    for path in pages:
        kept, kept_again = (without_tokens(worker.get(path).get_data(as_text=True)) for _ in range(2))
        assert kept == kept_again == whole(worker, path, monkeypatch), path
        assert "Äidin &lt;b&gt;luona&lt;/b&gt; &amp; &#34;isän&#34; – 🐕" in kept
    frames = [vars(form).get("_record_frames") for form in _forms(app, db, pages)]
    assert all(frames)


def _forms(app, db, pages):
    from participation import api
    with app.test_request_context():
        return [api.load(db, int(path.rsplit("/", 1)[1]))["form"] for path in pages]


def test_one_frame_serves_drafts_of_other_consultations_each_with_its_own_parts(db, users, panel_id, worker):
    first_consultation, first = a_draft(db, users, panel_id, "7-12", case_code="KS-AAA-1")
    second_consultation, second = a_draft(db, users, panel_id, "7-12", case_code="KS-BBB-2")
    storage.save_answer(db, second, first_text_question(db, second), {"text": "Toisen lapsen oma vastaus",
                                                                      "visibility": "panel"})
    one = worker.get(f"/views/{first}").get_data(as_text=True)
    two = worker.get(f"/views/{second}").get_data(as_text=True)
    assert "KS-AAA-1" in one and "KS-BBB-2" not in one and "Toisen lapsen oma vastaus" not in one
    assert "KS-BBB-2" in two and "KS-AAA-1" not in two and "Toisen lapsen oma vastaus" in two
    assert f"/views/{second}/autosave" in two and f"/views/{first}/" not in two
    assert f"/consultations/{second_consultation}/views" in two
    assert f"/consultations/{first_consultation}/" not in two


def test_a_kept_frame_holds_nothing_of_a_records_own(app, db, users, panel_id, worker):
    consultation_id, views_id = a_draft(db, users, panel_id, "13-17", case_code="KS-SECRET-9")
    worker.get(f"/views/{views_id}")
    (form,) = _forms(app, db, [f"/views/{views_id}"])
    text = "".join(str(part) for frame in vars(form)["_record_frames"].values() for part in _static(frame.parts))
    assert "<main" in text and "KS-SECRET-9" not in text and "luona" not in text
    assert f"/views/{views_id}" not in text and str(record_page.STAND_INS["views_id"]) not in text
    assert csrf_from(worker.get(f"/views/{views_id}").get_data(as_text=True)) not in text


def _static(parts):
    for part in parts:
        if isinstance(part, str):
            yield part
        elif part[2] is not None:
            yield from _static(part[2])


def test_each_session_gets_its_own_token_from_the_kept_frame_and_it_saves(app, db, users, panel_id, worker):
    _, views_id = a_draft(db, users, panel_id, "7-12")
    other = app.test_client()
    login(other, users["social_worker"][1])
    other.get("/consultations/mine")
    pages = [c.get(f"/views/{views_id}").get_data(as_text=True) for c in (worker, other)]
    tokens = [set(re.findall(r'name="csrf_token" value="([^"]+)"', page)) for page in pages]
    assert all(len(found) == 1 for found in tokens) and tokens[0] != tokens[1]
    question = first_text_question(db, views_id)
    response = other.post(f"/views/{views_id}", data={"csrf_token": tokens[1].pop(), "action": "save",
                                                     f"q-{question}-text": "Tallentui", "method": "",
                                                     "asked_on": "", "present": ""})
    assert response.status_code == 302
    assert storage.get_views(db, views_id)["answers"][question]["text"] == "Tallentui"


def test_a_post_with_an_error_and_a_flashed_message_are_rendered_whole(db, users, panel_id, worker):
    _, views_id = a_draft(db, users, panel_id, "7-12")
    question = first_text_question(db, views_id)
    token = csrf_from(worker.get(f"/views/{views_id}").get_data(as_text=True))
    too_long = worker.post(f"/views/{views_id}", data={"csrf_token": token, "action": "save",
                                                      f"q-{question}-text": "x" * 5001})
    assert too_long.status_code == 400
    page = too_long.get_data(as_text=True)
    assert "error-summary" in page and "x" * 5001 in page  # what was typed stays
    saved = worker.post(f"/views/{views_id}", data={"csrf_token": token, "action": "save",
                                                   f"q-{question}-text": "Uusi", "method": "", "asked_on": "",
                                                   "present": ""}, follow_redirects=True)
    assert 'class="flash flash--success"' in saved.get_data(as_text=True)
    assert 'class="flash' not in worker.get(f"/views/{views_id}").get_data(as_text=True)


def test_the_kept_header_is_each_workers_own_and_its_language_links_lead_back(app, db, users, panel_id,
                                                                              other_panel_id, worker):
    from tests.conftest import make_user
    other_worker = make_user(db, "toinen@example.fi", ["social_worker"], [other_panel_id])
    _, mine = a_draft(db, users, panel_id, "7-12")
    consultation_id = make_consultation(db, other_panel_id, other_worker)
    theirs = make_views(db, consultation_id, "7-12")
    other = app.test_client()
    login(other, "toinen@example.fi")
    other.get("/consultations/mine")
    my_page = worker.get(f"/views/{mine}").get_data(as_text=True)
    their_page = other.get(f"/views/{theirs}").get_data(as_text=True)
    assert "Testipaneeli" in my_page and "Toinen paneeli" not in my_page
    assert "Toinen paneeli" in their_page and "Testipaneeli" not in their_page
    assert f'href="/language/sv?next=/views/{mine}?"' in my_page
    assert f'href="/language/sv?next=/views/{theirs}?"' in their_page
