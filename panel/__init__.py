"""Panel: the meetings calendar and consultations. See routes.py and storage.py."""
import click
from flask import current_app
from flask.cli import with_appcontext

from panel import labels, mail, routes, statement_sections
# more views on the panel blueprint, each in its own module (each imports panel.routes.bp)
from panel import routes_conflicts, routes_documents, routes_material, routes_members  # noqa: F401
from panel import routes_meeting_held, routes_meetings, routes_outbox, routes_statement  # noqa: F401


@click.command("generate-meetings")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.option("--panel", "panel_name", help="Name of the panel (needed when there are several)")
@with_appcontext
def generate_meetings_command(year, panel_name):
    """Create YEAR's meetings by the calendar rule; never duplicates a date.

    Example: flask --app app generate-meetings 2027 --panel "Keski-Suomen lastensuojelun asiantuntijaryhmä"
    """
    from accounts.storage import get_panel_by_name, list_panels
    from db import connect, migrate
    from panel.storage import generate_meetings

    db = connect(current_app.config["DATABASE"])
    try:
        migrate(db)
        if panel_name:
            panel = get_panel_by_name(db, panel_name)
            if panel is None:
                raise click.ClickException(f"No panel named {panel_name!r}.")
        else:
            panels = list_panels(db)
            if len(panels) != 1:
                raise click.ClickException("Give the panel with --panel NAME (there are %d panels)." % len(panels))
            panel = panels[0]
        created = generate_meetings(db, panel["id"], year,
                                    capacity=current_app.config["DEFAULT_MEETING_CAPACITY"])
        click.echo(f"{panel['name']}: {len(created)} meetings created for {year}"
                   + ("." if created else " (all already existed)."))
    finally:
        db.conn.close()


def init_app(app):
    app.register_blueprint(routes.bp)
    labels.init_app(app)
    app.cli.add_command(generate_meetings_command)
    mail.init_app(app)
    statement_sections.init_app(app)
