"""Not a test of the suite (its name does not start with test_): writes the HTML of the pages that show
questions (the worker's form with answers, errors and a drawing, "show to the child", the tablet's
screens, the finished record; every field type and every band; fi, sv, en; with and without
recordings) to $SNAP_DIR, to compare two commits byte for byte:

    SNAP_DIR=/tmp/before .venv/bin/python -m pytest -q -p no:cacheprovider tests/snapshot_question_pages.py
    (the same on the other commit into /tmp/after; compiled .mo files in both)
    diff -r /tmp/before /tmp/after
"""
import os
import re
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from participation import questionnaires
from tests import every_type
from tests.conftest import csrf_from
from tests.test_tablet import make_code, make_consultation, start_tablet
from tests.test_read_aloud import put_recording
from web import read_aloud

OUT = Path(os.environ.get("SNAP_DIR", "/tmp/forms/snap"))


def save(name, response):
    OUT.mkdir(parents=True, exist_ok=True)
    html = response.get_data(as_text=True)
    html = re.sub(r'value="[A-Za-z0-9._-]{40,}"', 'value="TOKEN"', html)  # the CSRF token
    (OUT / f"{name}.{response.status_code}.html").write_text(html)


def _views(client, db, consultation_id, band, lang):
    from participation import storage as views_storage
    definition = questionnaires.definition_for(band)
    from participation import wording
    texts = wording.texts_for(questionnaires.wording_keys(definition))
    if band == every_type.BAND and definition is every_type.DEFINITION:
        texts.update(every_type.TEXTS)
    return views_storage.create_views(db, consultation_id, band, language=lang, texts=texts)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("recordings", [False, True])
def test_snapshot_every_type(app, client, db, users, panel_id, login_as, monkeypatch, lang, recordings, tmp_path):
    if recordings:
        folder = tmp_path / "audio"
        app.config["AUDIO_FOLDER"] = str(folder)
        read_aloud._index_cache.clear()
        for text in ("Mikä eläin?", "Koira", "Kissa", "Tell in your own words.", "Vilket djur?", "Hund",
                     "Rita ett hem.", "Draw a home.", "Piirrä koti."):
            put_recording(folder, lang, text)
    every_type.use(monkeypatch)
    worker = users["social_worker"][0]
    cid = make_consultation(db, panel_id, worker, case_code=f"KS-SNAP-{lang}")
    vid = _views(client, db, cid, every_type.BAND, lang)
    login_as("social_worker")
    tag = f"every-{lang}-{int(recordings)}"
    page = client.get(f"/views/{vid}")
    save(f"{tag}-empty", page)
    for step in range(8):
        r = client.get(f"/views/{vid}/show/{step}")
        if r.status_code == 404:
            break
        save(f"{tag}-show{step}", r)
    token = csrf_from(page.get_data(as_text=True))
    save(f"{tag}-wrong", client.post(f"/views/{vid}", data=MultiDict(every_type.WRONG + [("csrf_token", token), ("action", "save")])))
    save(f"{tag}-finish-empty", client.post(f"/views/{vid}", data=MultiDict([("csrf_token", token), ("action", "finish")])))
    save(f"{tag}-declined", client.post(f"/views/{vid}", data=MultiDict([("csrf_token", token), ("action", "save"),
          ("q-words-declined", "1"), ("q-words-visibility", "worker"), ("q-pick-visibility", "worker")])))
    save(f"{tag}-declined-get", client.get(f"/views/{vid}"))
    client.post(f"/views/{vid}", data=MultiDict(every_type.ANSWERS + [("csrf_token", token), ("action", "save"),
                                                          ("q-pick-visibility", "worker")]))
    save(f"{tag}-filled", client.get(f"/views/{vid}"))
    from participation.demo import demo_png
    import io
    client.post(f"/views/{vid}/drawing", data={"csrf_token": token, "question": "draw",
                                              "drawing": (io.BytesIO(demo_png(160, 100)), "d.png")},
                content_type="multipart/form-data")
    save(f"{tag}-drawn", client.get(f"/views/{vid}"))
    for step in range(8):
        r = client.get(f"/views/{vid}/show/{step}")
        if r.status_code == 404:
            break
        save(f"{tag}-drawn-show{step}", r)
    save(f"{tag}-summary", client.get(f"/views/{vid}/summary"))
    client.post(f"/views/{vid}", data=MultiDict([("csrf_token", token), ("action", "finish"), ("method", "discussion"),
                                       ("asked_on", "2026-11-30")] + every_type.ANSWERS))
    save(f"{tag}-finished", client.get(f"/views/{vid}"))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("band", questionnaires.bands())
def test_snapshot_real(app, client, db, users, panel_id, login_as, lang, band):
    worker = users["social_worker"][0]
    cid = make_consultation(db, panel_id, worker, case_code=f"KS-SNAPR-{lang}")
    vid = _views(client, db, cid, band, lang)
    login_as("social_worker")
    tag = f"real-{band}-{lang}"
    page = client.get(f"/views/{vid}")
    save(f"{tag}-empty", page)
    token = csrf_from(page.get_data(as_text=True))
    save(f"{tag}-finish-empty", client.post(f"/views/{vid}", data=MultiDict([("csrf_token", token), ("action", "finish")])))
    for step in range(12):
        r = client.get(f"/views/{vid}/show/{step}")
        if r.status_code == 404:
            break
        save(f"{tag}-show{step}", r)
    # a tablet of a second record
    tv = _views(client, db, cid, band, lang)
    code, _ = make_code(db, cid, tv, worker)
    tablet = app.test_client()
    assert start_tablet(tablet, code, lang).status_code == 302
    for step in range(12):
        r = tablet.get(f"/t/s/{step}")
        if r.status_code == 404:
            break
        save(f"{tag}-tablet{step}", r)
