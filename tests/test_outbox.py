"""The email outbox: what may be queued (only a link and harmless
parameters), `flask send-mail` through a real local SMTP server (aiosmtpd),
each email in its recipient's language, waiting while email is not set up,
and the reminders queued once."""
import email
import socket
from datetime import datetime
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from accounts import storage as accounts_storage
from panel import outbox
from panel import statement_storage
from panel import storage as panel_storage
from tests.conftest import csrf_from, login, make_user
from tests.statement_world import DRAFT, book, child_views, hold

LINK = "/consultations/1/statement"


class Inbox:
    """An aiosmtpd handler keeping what arrived; refuses recipients whose address starts with 'refuse'."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse"):
            return "550 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=default_policy)))
        return "250 Message accepted"


@pytest.fixture
def smtp():
    inbox = Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd needs one given)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


@pytest.fixture
def mail_app(app, smtp):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_USE_TLS=False,
                      MAIL_SENDER="Kuulluksi <kuulluksi@example.fi>", PUBLIC_URL="https://kuulluksi.example.fi/")
    return app


@pytest.fixture
def worker(db, panel_id):
    return make_user(db, "sw@example.fi", ["social_worker"], [panel_id], name="Sanna Sosiaalityöntekijä")


def send_mail(app, *args):
    result = app.test_cli_runner().invoke(args=["send-mail", *args])
    assert result.exit_code == 0, result.output
    return result.output


def statuses(db):
    return [tuple(r) for r in db.execute("SELECT kind, status, attempts FROM outbox ORDER BY id").fetchall()]


# ---- what may be queued ------------------------------------------------------------------

@pytest.mark.parametrize("params", [{"background": "Perheessä on väkivaltaa."}, {"answer": "Toive"},
                                    {"case_code": "x" * 41}, {"case_code": ["KS"]}])
def test_an_email_takes_only_its_kinds_short_parameters(db, worker, params):
    with pytest.raises(outbox.OutboxError):
        outbox.enqueue(db, worker, "statement_delivered", LINK, **params)
    assert statuses(db) == []


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "consultations/1"])
def test_an_email_links_only_to_a_page_of_kuulluksi(db, worker, link):
    with pytest.raises(outbox.OutboxError):
        outbox.enqueue(db, worker, "statement_delivered", link)


def test_an_unknown_kind_is_refused(db, worker):
    with pytest.raises(outbox.OutboxError):
        outbox.enqueue(db, worker, "newsletter", LINK)


def test_an_email_with_the_same_dedupe_key_is_queued_once(db, worker):
    first = outbox.enqueue(db, worker, "follow_up_due", LINK, dedupe_key="follow_up_due:1", case_code="KS-1")

    assert first is not None
    assert outbox.enqueue(db, worker, "follow_up_due", LINK, dedupe_key="follow_up_due:1", case_code="KS-1") is None
    assert statuses(db) == [("follow_up_due", "queued", 0)]


# ---- sending ------------------------------------------------------------------------------

def test_without_the_mail_settings_the_emails_wait_in_the_outbox(app, db, worker):
    outbox.enqueue(db, worker, "statement_delivered", LINK, case_code="KS-2027-001", version=1)

    output = send_mail(app, "--no-reminders")

    assert "FLASK_MAIL_SERVER" in output and "1 emails wait" in output
    assert statuses(db) == [("statement_delivered", "queued", 0)]


def test_send_mail_sends_each_queued_email_once_over_smtp(mail_app, db, smtp, worker):
    outbox.enqueue(db, worker, "statement_delivered", LINK, case_code="KS-2027-001", version=1)

    assert "1 emails sent" in send_mail(mail_app, "--no-reminders")
    send_mail(mail_app, "--no-reminders")

    assert len(smtp.messages) == 1
    recipients, message = smtp.messages[0]
    assert recipients == ["sw@example.fi"]
    assert message["From"] == "Kuulluksi <kuulluksi@example.fi>"
    assert "KS-2027-001" in message["Subject"]
    assert "https://kuulluksi.example.fi/consultations/1/statement" in message.get_content()
    assert statuses(db) == [("statement_delivered", "sent", 1)]


def test_each_email_is_in_its_recipients_language(mail_app, db, smtp, worker, panel_id):
    swedish = make_user(db, "sv@example.fi", ["social_worker"], [panel_id])
    accounts_storage.set_language(db, swedish, "sv")
    for user_id in (worker, swedish):
        outbox.enqueue(db, user_id, "follow_up_due", LINK, case_code="KS-2027-001", meeting_at="2027-01-29T09:00")

    send_mail(mail_app, "--no-reminders")

    by_address = {to[0]: message for to, message in smtp.messages}
    assert by_address["sw@example.fi"]["Content-Language"] == "fi"
    assert "Seurantakysymys" in by_address["sw@example.fi"]["Subject"]
    assert by_address["sv@example.fi"]["Content-Language"] == "sv"
    assert "Uppföljningsfråga" in by_address["sv@example.fi"]["Subject"]
    assert "fre 29.1.2027" in by_address["sv@example.fi"].get_content()


def test_the_statements_email_has_only_the_link_never_the_statement_or_the_childs_words(mail_app, db, smtp, worker,
                                                                                      panel_id):
    coordinator = make_user(db, "ko@example.fi", ["coordinator"], [panel_id])
    consultation_id = book(db, panel_id, worker)
    child_views(db, consultation_id)
    hold(db, consultation_id, coordinator)
    statement_storage.save_draft(db, consultation_id, coordinator, answers={1: "Vastaus yksi.", 2: "Vastaus kaksi."},
                                 **DRAFT)
    statement_storage.finalise(db, consultation_id, coordinator, link=f"/consultations/{consultation_id}/statement")

    send_mail(mail_app, "--no-reminders")

    # the statement's notice, and the feedback survey's notice that finalising opened: links only
    links = []
    for _to, message in smtp.messages:
        whole = message.as_string()
        for secret in ("Vastaus yksi", "Perhetyö", "Kiitos, että kerroit", "Tausta", "Toive"):
            assert secret not in whole
        links.append(message.get_content())
    assert len(links) == 2
    assert any(f"/consultations/{consultation_id}/statement" in body for body in links)
    assert any("/feedback/requests" in body for body in links)


def test_a_refused_email_is_tried_again_and_given_up_after_the_last_attempt(mail_app, db, smtp, panel_id):
    refused = make_user(db, "refuse@example.fi", ["social_worker"], [panel_id])
    outbox.enqueue(db, refused, "statement_delivered", LINK, case_code="KS-1", version=1)

    send_mail(mail_app, "--no-reminders")
    assert statuses(db) == [("statement_delivered", "queued", 1)]
    for _ in range(outbox.MAX_ATTEMPTS):
        send_mail(mail_app, "--no-reminders")

    assert statuses(db) == [("statement_delivered", "failed", outbox.MAX_ATTEMPTS)]
    assert smtp.messages == []


def test_no_email_goes_to_a_deactivated_user(mail_app, db, smtp, worker):
    outbox.enqueue(db, worker, "statement_delivered", LINK, case_code="KS-1", version=1)
    accounts_storage.set_active(db, worker, False)

    send_mail(mail_app, "--no-reminders")

    assert smtp.messages == []
    assert statuses(db) == [("statement_delivered", "failed", 1)]


def test_an_unreachable_smtp_server_leaves_the_emails_queued(mail_app, db, worker):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    mail_app.config["MAIL_PORT"] = closed_port
    outbox.enqueue(db, worker, "statement_delivered", LINK, case_code="KS-1", version=1)

    result = mail_app.test_cli_runner().invoke(args=["send-mail", "--no-reminders"])

    assert result.exit_code != 0 and "wait in the outbox" in result.output
    assert statuses(db) == [("statement_delivered", "queued", 0)]


# ---- the language and the booking's email -----------------------------------------------

def test_a_users_language_for_emails_is_the_last_language_they_used(client, db, worker):
    client.get("/language/sv")
    login(client, "sw@example.fi")
    client.get("/consultations/mine")
    assert db["users"].get(worker)["language"] == "sv"

    client.get("/language/en")
    client.get("/consultations/mine")
    assert db["users"].get(worker)["language"] == "en"


def test_booking_queues_the_booking_confirmation_to_the_social_worker(app, client, db, worker, panel_id):
    app.config["TODAY"] = "2027-01-05"
    meeting_id = panel_storage.create_meeting(db, panel_id, datetime(2027, 1, 29, 9), datetime(2027, 1, 29, 11, 30), capacity=3)
    login(client, "sw@example.fi")
    page = client.get("/consultations/new")

    response = client.post("/consultations/new", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "meeting_id": meeting_id, "question_1": "Mitä tehdään?",
        "child_age": "9", "background": "Lyhyt tausta."})

    assert response.status_code == 302
    (row,) = outbox.to_send(db)
    assert (row["user_id"], row["kind"], row["params"]) == (
        worker, "booking_confirmed", {"case_code": "KS-2027-001", "meeting_at": "2027-01-29T09:00"})
    assert "Lyhyt tausta" not in str(row)
