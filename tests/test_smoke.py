from tests.conftest import login


def test_healthz_reports_ok_after_a_query(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_is_503_when_the_database_cannot_be_read(app, tmp_path):
    app.config["DATABASE"] = str(tmp_path / "no-such-dir" / "x.sqlite")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503


def test_login_and_home_redirect(client, users):
    response = login(client, users["coordinator"][1])
    assert response.status_code == 302


def test_wrong_password_and_unknown_email_give_the_same_message(client, users):
    wrong = login(client, users["coordinator"][1], "wrong password!").get_data(as_text=True)
    unknown = login(client, "nobody@example.fi", "wrong password!").get_data(as_text=True)
    assert "Sähköpostiosoite tai salasana on väärin" in wrong
    assert wrong.split('role="alert">')[1].split("<")[0] == unknown.split('role="alert">')[1].split("<")[0]
