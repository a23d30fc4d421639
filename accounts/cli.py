"""flask --app app create-user ..."""
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from accounts import storage
from accounts.forms import EMAIL_RE
from accounts.passwords import MIN_LENGTH, hash_password
from db import connect, migrate


@click.command("create-user")
@with_appcontext
@click.option("--email", required=True, help="Login email, e.g. sari.sosiaali@example.fi")
@click.option("--name", required=True, help="Full name shown to colleagues")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(storage.ROLES),
              help="Role; repeat for several: --role coordinator --role expert")
@click.option("--panel", "panels", multiple=True, help="Panel name; created if missing; repeatable")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input")
def create_user_command(email, name, roles, panels, password_stdin):
    """Create a user. The password is asked for, or read with --password-stdin."""
    email, name = email.strip(), name.strip()
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise click.ClickException(f"Not an email address: {email!r}")
    if not name:
        raise click.ClickException("The name must not be empty.")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_LENGTH:
        raise click.ClickException(f"The password must be at least {MIN_LENGTH} characters long.")
    db = connect(current_app.config["DATABASE"])
    migrate(db)
    if storage.get_user_by_email(db, email):
        raise click.ClickException(f"A user with email {email} already exists.")
    panel_ids = []
    for name_of_panel in dict.fromkeys(p.strip() for p in panels):
        panel = storage.get_panel_by_name(db, name_of_panel)
        panel_ids.append(panel["id"] if panel else storage.create_panel(db, name_of_panel))
    user_id = storage.create_user(db, email, name, hash_password(password), roles, panel_ids)
    click.echo(f"Created user {user_id}: {email} ({', '.join(roles)}).")
    db.conn.close()


def init_app(app):
    app.cli.add_command(create_user_command)
