"""flask --app app demo-data: fills an empty database, refuses a non-empty
one unless --reset is given."""
import sqlite3
from datetime import date

import pytest

from app import create_app
from db import connect
from demo_data import DEMO_PASSWORD, DEMO_USERS
from tests.conftest import login, TEST_SPEED


@pytest.fixture
def empty_app(tmp_path):
    """An app whose database file does not exist yet."""
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "demo.sqlite"), "SECRET_KEY": "x",
                       "SESSION_COOKIE_SECURE": False, **TEST_SPEED})


def demo(app, *args):
    with app.app_context():  # the `flask` command pushes one; the test runner does not
        return app.test_cli_runner().invoke(args=["demo-data", *args])


def counts(app):
    db = connect(app.config["DATABASE"])
    try:
        roles = dict(db.execute("SELECT role, count(*) FROM user_roles GROUP BY role").fetchall())
        return {
            "panels": db["panels"].count,
            "users": db["users"].count,
            "roles": roles,
            "meetings": db["meetings"].count,
            "consultations": db["consultations"].count,
        }
    finally:
        db.conn.close()


def test_demo_data_fills_an_empty_database(empty_app):
    result = demo(empty_app)
    assert result.exit_code == 0, result.output
    assert "koordinaattori@example.fi" in result.output and DEMO_PASSWORD in result.output

    found = counts(empty_app)
    assert found["panels"] == 1
    assert found["roles"] == {"coordinator": 1, "social_worker": 3, "expert": 5, "admin": 1}
    assert found["meetings"] > 0
    assert found["consultations"] >= 10

    db = connect(empty_app.config["DATABASE"])
    experts = [name for (name,) in db.execute(
        "SELECT u.name FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'expert'")]
    assert any("kokemus" in name.lower() for name in experts), experts
    years = {row[0][:4] for row in db.execute("SELECT starts_at FROM meetings")}
    assert str(date.today().year) in years
    statuses = {row[0] for row in db.execute("SELECT status FROM consultations")}
    assert len(statuses) >= 3, f"consultations should be in different states: {statuses}"
    # every consultation is on a meeting of the demo panel, with 1-3 questions
    orphans = db.execute("""SELECT c.id FROM consultations c LEFT JOIN meetings m ON m.id = c.meeting_id
                            WHERE m.panel_id IS NOT c.panel_id""").fetchall()
    assert orphans == []
    question_counts = {n for (n,) in db.execute(
        "SELECT count(q.id) FROM consultations c LEFT JOIN consultation_questions q "
        "ON q.consultation_id = c.id GROUP BY c.id")}
    assert question_counts <= {1, 2, 3}
    db.conn.close()


def test_a_demo_user_of_each_role_can_log_in_with_the_demo_password(empty_app):
    assert demo(empty_app).exit_code == 0
    one_per_role = {roles[0]: email for email, _name, roles in DEMO_USERS}  # argon2 is slow on purpose
    assert set(one_per_role) == {"coordinator", "social_worker", "expert", "admin"}
    for email in one_per_role.values():
        response = login(empty_app.test_client(), email, DEMO_PASSWORD)
        assert response.status_code == 302 and "/login" not in response.location, email


def test_demo_data_refuses_a_database_that_has_users(empty_app):
    assert demo(empty_app).exit_code == 0
    before = counts(empty_app)

    again = demo(empty_app)

    assert again.exit_code != 0
    assert "--reset" in again.output
    assert counts(empty_app) == before


def test_demo_data_reset_starts_over(empty_app):
    assert demo(empty_app).exit_code == 0
    before = counts(empty_app)
    db = connect(empty_app.config["DATABASE"])
    db.execute("INSERT INTO panels (name) VALUES ('Poistuva paneeli')")
    db.conn.close()

    result = demo(empty_app, "--reset")

    assert result.exit_code == 0, result.output
    assert counts(empty_app) == before
    db = connect(empty_app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM panels WHERE name = 'Poistuva paneeli'").fetchone() == (0,)
    db.conn.close()


def test_demo_data_reset_erases_the_append_only_audit_log_and_it_stays_append_only(empty_app):
    assert demo(empty_app).exit_code == 0
    db = connect(empty_app.config["DATABASE"])
    db.execute("INSERT INTO audit_log (action, detail) VALUES ('test.before_reset', '')")
    lines = db["audit_log"].count
    db.conn.close()

    result = demo(empty_app, "--reset")

    assert result.exit_code == 0, result.output
    db = connect(empty_app.config["DATABASE"])
    try:
        assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'test.before_reset'").fetchone() == (0,)
        assert db["audit_log"].count == lines - 1  # the demo's own lines, made again
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM audit_log")
    finally:
        db.conn.close()
