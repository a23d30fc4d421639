"""Sending the outbox over SMTP: `flask --app app send-mail` and
`flask --app app queue-reminders`.

SMTP comes from the settings MAIL_SERVER, MAIL_PORT, MAIL_USE_TLS
(STARTTLS), MAIL_USERNAME, MAIL_PASSWORD and MAIL_SENDER, and the links from
PUBLIC_URL (config.py). While MAIL_SERVER, MAIL_SENDER or PUBLIC_URL is
empty nothing is sent: the emails wait in the outbox, and the coordinator
sees them on the outbox page. Each email is written in its recipient's
language (users.language, else the default language).
"""
import smtplib
import ssl
import time
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from panel import signals, mail_texts, outbox, reminders
from web import throttle

REQUIRED = ("MAIL_SERVER", "MAIL_SENDER", "PUBLIC_URL")


def missing_settings(config):
    """The settings sending needs that are empty."""
    return [name for name in REQUIRED if not str(config[name] or "").strip()]


def path_for(endpoint, **values):
    """The path of a page, outside a request (the links of reminders)."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


def language_of(row, config):
    return row["user_language"] if row["user_language"] in config["LANGUAGES"] else config["LANGUAGES"][0]


def build_message(row, config):
    """The email of one outbox row, in its recipient's language."""
    url = str(config["PUBLIC_URL"]).rstrip("/") + row["link"]
    language = language_of(row, config)
    with current_app.test_request_context(), force_locale(language):
        subject, body = mail_texts.subject_and_body(row["kind"], row["params"], url)
    message = EmailMessage()
    message["From"] = config["MAIL_SENDER"]
    message["To"] = formataddr((row["user_name"], row["user_email"]))
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="kuulluksi")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    message["Content-Language"] = language  # after set_content, which replaces the Content-* headers
    return message


def _connect(config):
    smtp = smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=30)
    if config["MAIL_USE_TLS"]:
        smtp.starttls(context=ssl.create_default_context())
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    return smtp


def send_queued(db, config, limit=200):
    """Send the queued emails over one SMTP connection; returns (sent, failed).
    A refused email is tried again at the next run, at most outbox.MAX_ATTEMPTS times."""
    rows = outbox.to_send(db, limit)
    if not rows:
        return 0, 0
    sent = failed = 0
    smtp = _connect(config)
    try:
        for row in rows:
            if not row["user_active"]:
                outbox.mark_failed(db, row["id"], "the recipient's account is deactivated", give_up=True)
                failed += 1
                continue
            try:
                smtp.send_message(build_message(row, config))
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
                outbox.mark_failed(db, row["id"], error)
                failed += 1
            else:
                outbox.mark_sent(db, row["id"])
                sent += 1
    finally:
        try:
            smtp.quit()
        except smtplib.SMTPException:
            pass
    return sent, failed


def _today():
    from panel.routes import today
    return today()


def _queue_reminders(db):
    today = _today()
    queued = reminders.queue_reminders(db, today, current_app.config["DOCUMENTS_DUE_DAYS_BEFORE"], path_for)
    signals.reminders_due.send(None, db=db, today=today)
    return queued


def _prune_throttle(db):
    """The scheduled runs also delete failed logins and wrong tablet codes that
    no longer count, so none waits for the next attempt (the privacy notice
    promises: within a day)."""
    deleted = throttle.prune(db, throttle.windows(current_app.config), time.time())
    click.echo(f"{deleted} old failed attempts deleted.")


@click.command("queue-reminders")
@with_appcontext
def queue_reminders_command():
    """Queue the reminders due today (documents due, message undelivered, follow-up); never twice.
    Also deletes the failed logins and tablet codes that no longer count."""
    from db import connect, migrate
    db = connect(current_app.config["DATABASE"])
    try:
        migrate(db)
        _prune_throttle(db)
        click.echo(f"{_queue_reminders(db)} reminders queued.")
    finally:
        db.conn.close()


@click.command("send-mail")
@click.option("--no-reminders", is_flag=True, help="Do not queue today's reminders first")
@click.option("--limit", type=click.IntRange(1, 10000), default=200, show_default=True,
              help="Send at most this many emails")
@with_appcontext
def send_mail_command(no_reminders, limit):
    """Queue today's reminders, then send the queued emails over SMTP (FLASK_MAIL_SERVER...).
    Without the mail settings the emails wait in the outbox. Also deletes the failed logins and
    tablet codes that no longer count."""
    from db import connect, migrate
    db = connect(current_app.config["DATABASE"])
    try:
        migrate(db)
        _prune_throttle(db)
        if not no_reminders:
            click.echo(f"{_queue_reminders(db)} reminders queued.")
        missing = missing_settings(current_app.config)
        if missing:
            waiting = len(outbox.to_send(db, 100000))
            click.echo(f"Email is not configured (set {', '.join('FLASK_' + m for m in missing)}): "
                       f"{waiting} emails wait in the outbox.")
            return
        try:
            sent, failed = send_queued(db, current_app.config, limit)
        except (OSError, smtplib.SMTPException) as error:
            raise click.ClickException(f"Could not send through {current_app.config['MAIL_SERVER']}: {error}. "
                                       "The emails wait in the outbox.") from None
        click.echo(f"{sent} emails sent, {failed} refused.")
    finally:
        db.conn.close()


def init_app(app):
    app.cli.add_command(send_mail_command)
    app.cli.add_command(queue_reminders_command)
