"""What makes the tablet's "Next" fast (issue 10; measured by bench/run.py):
the localized questionnaire is made once per version and language, a stored
definition is built once, the WAL is not checkpointed away after every
request, and the tablet's heartbeat does not wait for the disk. Each test
checks the behaviour, not a time."""
import os

from app import create_app
from db import connect, migrate
from participation import api, questionnaires, storage
from participation import tablet_storage
from tests.conftest import TEST_SPEED
from tests.test_tablet import make_views


def test_a_record_is_localized_once_per_version_and_language(app, db, panel_id, users):
    from tests.test_tablet import make_consultation
    consultation_id = make_consultation(db, panel_id, users["social_worker"][0])
    first, second = make_views(db, consultation_id, "7-12"), make_views(db, consultation_id, "7-12")
    with app.test_request_context():
        a, b = api.load(db, first, "fi"), api.load(db, second, "fi")
        assert a["form"] is b["form"]  # the same version: made once
        assert api.load(db, first, "sv")["form"] is not a["form"]
        assert api.load(db, first, "sv")["form"].question("q2").text == "Finns det något som oroar dig?"
        other = make_views(db, consultation_id, "13-17")
        assert api.load(db, other, "fi")["form"] is not a["form"]


def test_a_version_whose_texts_were_healed_is_localized_again(app, db, panel_id, users):
    from tests.test_tablet import make_consultation
    consultation_id = make_consultation(db, panel_id, users["social_worker"][0])
    definition = questionnaires.definition_for("3-6")
    key = definition.pages[0].paragraphs[0]
    version_id = storage.ensure_version(db, definition, {key: {"fi": key, "sv": key, "en": "Before"}})
    views_id = storage.create_views(db, consultation_id, "3-6")
    with app.test_request_context():
        before = api.load(db, views_id, "en")["form"]
        db["questionnaire_versions"].update(version_id, {"texts": '{"%s": {"en": "After"}}' % key})
        after = api.load(db, views_id, "en")["form"]
    assert after is not before


def test_a_stored_definition_is_built_once_and_shared(db, panel_id, users):
    from tests.test_tablet import make_consultation
    views_id = make_views(db, make_consultation(db, panel_id, users["social_worker"][0]), "parent")
    first, again = storage.get_views(db, views_id), storage.get_views(db, views_id)
    assert first["definition"] is again["definition"]
    assert first["texts"] is not again["texts"]  # texts are a fresh dict each time: nobody shares a mutable one


def test_the_write_ahead_log_stays_between_requests(tmp_path):
    """Closing the last connection to a WAL database checkpoints and deletes the
    log (several fsyncs): with one connection per request that was every request."""
    path = str(tmp_path / "wal.sqlite")
    app = create_app({"TESTING": True, "DATABASE": path, "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False, **TEST_SPEED})
    db = connect(path)
    migrate(db)
    db.conn.close()
    assert not os.path.exists(path + "-wal")
    client = app.test_client()
    response = client.post("/login", data={"email": "nobody@example.fi", "password": "x" * 12})
    assert response.status_code == 401 and db_rows(path, "throttle_attempts") == 1  # a write, and it is over
    assert os.path.exists(path + "-wal")


def db_rows(path, table):
    import sqlite3
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_the_tablets_heartbeat_is_stored_and_the_connection_keeps_its_synchronous_level(db, panel_id, users):
    from tests.test_tablet import make_code, make_consultation
    from participation import tablet_codes
    consultation_id = make_consultation(db, panel_id, users["social_worker"][0])
    views_id = make_views(db, consultation_id)
    code, _code_id = make_code(db, consultation_id, views_id, users["social_worker"][0])
    session = tablet_storage.redeem_code(db, tablet_codes.hash_code("test-secret", code), "t", "fi", 100.0)
    level = db.execute("PRAGMA synchronous").fetchone()[0]
    tablet_storage.touch_session(db, session["id"], 250.0)
    assert tablet_storage.get_session(db, session["id"])["last_seen"] == 250.0
    assert db.execute("PRAGMA synchronous").fetchone()[0] == level
    full = connect(str(db.conn.execute("PRAGMA database_list").fetchone()[2]), synchronous="FULL")
    tablet_storage.touch_session(full, session["id"], 300.0)
    assert full.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again after the heartbeat
    full.conn.close()


def test_a_survey_version_is_localized_once_per_language(app, db):
    from surveys import definitions, pages
    from surveys import storage as survey_storage
    version_id = survey_storage.ensure_survey_version(db, definitions.get("feedback-expert"), {})
    with app.test_request_context():
        first = pages.localized(pages.version(db, version_id), "fi")
        assert pages.localized(pages.version(db, version_id), "fi") is first  # the same stored version: made once
        swedish = pages.localized(pages.version(db, version_id), "sv")
        assert swedish is not first and swedish.locale == "sv"
