"""flask --app app create-user"""
from accounts import storage
from accounts.passwords import verify_password


def run(app, *args, stdin=None):
    return app.test_cli_runner().invoke(args=["create-user", *args], input=stdin)


def test_create_user_reads_the_password_from_stdin_with_several_roles_and_panels(app, db):
    result = run(app, "--email", "kaisa@example.fi", "--name", "Kaisa Koordinaattori",
                 "--role", "coordinator", "--role", "expert", "--panel", "Keski-Suomi", "--panel", "Pohjanmaa",
                 "--password-stdin", stdin="a long enough secret\n")
    assert result.exit_code == 0, result.output
    assert "kaisa@example.fi" in result.output
    row = storage.get_user_by_email(db, "kaisa@example.fi")
    assert row["name"] == "Kaisa Koordinaattori" and row["roles"] == ["coordinator", "expert"]
    names = sorted(storage.get_panel(db, p)["name"] for p in row["panel_ids"])
    assert names == ["Keski-Suomi", "Pohjanmaa"]
    assert verify_password(row["password_hash"], "a long enough secret")


def test_create_user_joins_an_existing_panel_instead_of_making_a_second(app, db, panel_id):
    result = run(app, "--email", "e@example.fi", "--name", "E", "--role", "expert", "--panel", "Testipaneeli",
                 "--password-stdin", stdin="a long enough secret\n")
    assert result.exit_code == 0, result.output
    assert storage.get_user_by_email(db, "e@example.fi")["panel_ids"] == [panel_id]
    assert len(storage.list_panels(db)) == 1


def test_create_user_asks_for_the_password_twice_without_stdin(app, db):
    result = run(app, "--email", "p@example.fi", "--name", "P", "--role", "admin",
                 stdin="a long enough secret\na long enough secret\n")
    assert result.exit_code == 0, result.output
    assert verify_password(storage.get_user_by_email(db, "p@example.fi")["password_hash"], "a long enough secret")


def test_create_user_refuses_a_short_password(app, db):
    result = run(app, "--email", "s@example.fi", "--name", "S", "--role", "expert", "--password-stdin",
                 stdin="short\n")
    assert result.exit_code != 0 and "at least 10 characters" in result.output
    assert storage.get_user_by_email(db, "s@example.fi") is None


def test_create_user_refuses_an_existing_email(app, db, users):
    result = run(app, "--email", "ADMIN@example.fi", "--name", "X", "--role", "expert", "--password-stdin",
                 stdin="a long enough secret\n")
    assert result.exit_code != 0 and "already exists" in result.output
    assert db["users"].count == 4


def test_create_user_refuses_an_unknown_role(app, db):
    result = run(app, "--email", "r@example.fi", "--name", "R", "--role", "boss", "--password-stdin",
                 stdin="a long enough secret\n")
    assert result.exit_code != 0 and "boss" in result.output
    assert storage.get_user_by_email(db, "r@example.fi") is None


def test_a_user_made_on_the_command_line_can_log_in(app, client):
    run(app, "--email", "cli@example.fi", "--name", "C", "--role", "expert", "--password-stdin",
        stdin="a long enough secret\n")
    from tests.conftest import login
    assert login(client, "cli@example.fi", "a long enough secret").status_code == 302


def test_create_user_refuses_a_bad_email_or_an_empty_name(app, db):
    bad_email = run(app, "--email", "no-at-sign", "--name", "N", "--role", "expert", "--password-stdin",
                    stdin="a long enough secret\n")
    no_name = run(app, "--email", "n@example.fi", "--name", "  ", "--role", "expert", "--password-stdin",
                  stdin="a long enough secret\n")
    assert bad_email.exit_code != 0 and no_name.exit_code != 0
    assert db["users"].count == 0
