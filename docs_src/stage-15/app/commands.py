"""Commands the factory adds to every app: flask --app run <command>."""

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import inspect

from .extensions import db
from .models import ADMIN, MEMBER, Bookmark, User

SAMPLE_BOOKMARKS = [
    {"url": "https://flask.palletsprojects.com/", "title": "Flask documentation",
     "notes": "Start with the quickstart."},
    {"url": "https://www.rfc-editor.org/rfc/rfc9110",
     "title": "HTTP Semantics (RFC 9110)", "notes": None},
    {"url": "https://docs.sqlalchemy.org/", "title": "SQLAlchemy documentation",
     "notes": "The ORM quick start is the one to read."},
]

SAMPLE_ACCOUNTS = [("admin@example.com", ADMIN), ("member@example.com", MEMBER)]
# Printed here for anyone to read: for a database on your own machine only.
SAMPLE_PASSWORD = "example-password"


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Empty the migrated tables, then add two accounts and three bookmarks."""
    # --8<-- [start:not-in-production]
    # A setting of the configuration class, not app.debug: the flask command sets
    # debug from FLASK_DEBUG, so it is off under `flask init-db` on your machine.
    if not current_app.config["SAMPLE_DATA_ALLOWED"]:
        # The sample password is printed below and in this file: seeding it into
        # a real database would publish a way in.
        raise click.ClickException(
            "init-db makes accounts with a published password: it runs with the "
            "development or testing configuration only."
        )
    # --8<-- [end:not-in-production]
    # What the database really holds: the models only say what it should hold.
    present = inspect(db.engine).get_table_names()
    absent = [table for table in ("bookmarks", "users") if table not in present]
    if absent:
        # Making tables here would leave a database that Alembic knows nothing of.
        raise click.ClickException(
            f"No {' or '.join(absent)} table: run flask --app run db upgrade first."
        )
    db.session.execute(db.delete(Bookmark))
    db.session.execute(db.delete(User))
    accounts = [User(email=email, role=role, password=SAMPLE_PASSWORD)
                for email, role in SAMPLE_ACCOUNTS]
    db.session.add_all(accounts)
    db.session.flush()  # the accounts get their ids, for the bookmarks to name
    member = accounts[-1]
    db.session.add_all(
        Bookmark(user_id=member.id, **fields) for fields in SAMPLE_BOOKMARKS
    )
    db.session.commit()
    click.echo(f"Tables emptied: {len(SAMPLE_BOOKMARKS)} sample bookmarks added, "
               f"all of {member.email}.")
    emails = " and ".join(email for email, _ in SAMPLE_ACCOUNTS)
    click.echo(f'Accounts {emails}, password "{SAMPLE_PASSWORD}": local use only.')
