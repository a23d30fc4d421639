"""flask --app app demo-data: one panel with its people, meetings and cases.

Demo data is for trying Kuulluksi out; it never touches a database that
already holds users unless --reset is given. Each area adds its part in
`fill(db)` below, in order.
"""
import click
from flask import current_app

from accounts import storage as accounts_storage
from accounts.passwords import hash_password
from db import connect, is_empty, migrate

DEMO_PASSWORD = "kuulluksi-demo"
DEMO_PANEL = "Keski-Suomen lastensuojelun asiantuntijaryhmä"

# (email, name, roles) — every demo user has the password DEMO_PASSWORD.
DEMO_USERS = [
    ("koordinaattori@example.fi", "Kaisa Koordinaattori", ["coordinator"]),
    ("sosiaalityontekija@example.fi", "Sanna Sosiaalityöntekijä", ["social_worker"]),
    ("sosiaalityontekija2@example.fi", "Samuel Sosionomi", ["social_worker"]),
    ("sosiaalityontekija3@example.fi", "Sari Sosiaalityöntekijä", ["social_worker"]),
    ("psykologi@example.fi", "Paula Psykologi", ["expert"]),
    ("laakari@example.fi", "Lauri Lastenpsykiatri", ["expert"]),
    ("juristi@example.fi", "Juho Juristi", ["expert"]),
    ("terveydenhoitaja@example.fi", "Terhi Terveydenhoitaja", ["expert"]),
    ("kokemusasiantuntija@example.fi", "Kalle Kokemusasiantuntija", ["expert"]),
    ("admin@example.fi", "Aino Admin", ["admin"]),
]


def fill_accounts(db):
    panel_id = accounts_storage.create_panel(db, DEMO_PANEL, area="Keski-Suomen hyvinvointialue")
    password_hash = hash_password(DEMO_PASSWORD)
    users = {}
    for email, name, roles in DEMO_USERS:
        panels = [] if roles == ["admin"] else [panel_id]
        users[email] = accounts_storage.create_user(db, email, name, password_hash, roles, panels)
    return {"panel_id": panel_id, "users": users}


def fill(db):
    """Fill an empty, migrated database. Later areas extend `context`."""
    context = fill_accounts(db)
    for step in extra_steps():
        step(db, context)
    return context


def extra_steps():
    """Demo steps of the other areas, in order; each takes (db, context)."""
    from panel.demo import fill as fill_panel
    from panel.demo import fill_workflow
    from panel.statement_demo import fill as fill_statements
    from participation.demo import fill as fill_participation
    from surveys.child_voice_demo import fill as fill_child_voice
    from surveys.demo import fill as fill_surveys
    return [fill_panel, fill_participation, fill_workflow, fill_statements, fill_surveys, fill_child_voice]


def reset(db):
    """Drop every table so the migrations start from nothing."""
    db.execute("PRAGMA foreign_keys = OFF")
    for name in db.table_names():
        db[name].drop()
    db.execute("PRAGMA foreign_keys = ON")


@click.command("demo-data")
@click.option("--reset", "do_reset", is_flag=True, help="Erase everything first (never in production)")
def demo_data_command(do_reset):
    """Fill an empty database with demo data; refuses a non-empty one without --reset."""
    db = connect(current_app.config["DATABASE"])
    migrate(db)
    if not is_empty(db):
        if not do_reset:
            raise click.ClickException("The database is not empty; use --reset to erase it first.")
        reset(db)
        migrate(db)
    fill(db)
    click.echo("Demo data created. Log in with any of these (password: %s):" % DEMO_PASSWORD)
    for email, name, roles in DEMO_USERS:
        click.echo(f"  {email:34} {', '.join(roles)}")
    db.conn.close()


def init_app(app):
    app.cli.add_command(demo_data_command)
