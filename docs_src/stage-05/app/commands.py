"""Commands the factory adds to every app: flask --app run <command>."""

import click
from flask.cli import with_appcontext

from .extensions import db
from .models import Bookmark

SAMPLE_BOOKMARKS = [
    {"url": "https://flask.palletsprojects.com/", "title": "Flask documentation",
     "notes": "Start with the quickstart."},
    {"url": "https://www.rfc-editor.org/rfc/rfc9110",
     "title": "HTTP Semantics (RFC 9110)", "notes": None},
    {"url": "https://docs.sqlalchemy.org/", "title": "SQLAlchemy documentation",
     "notes": "The ORM quick start is the one to read."},
]


# --8<-- [start:init-db]
@click.command("init-db")
@with_appcontext
def init_db_command():
    """Empty the database, then add three sample bookmarks."""
    db.drop_all()
    db.create_all()
    db.session.add_all(Bookmark(**fields) for fields in SAMPLE_BOOKMARKS)
    db.session.commit()
    click.echo(f"Database reset: {len(SAMPLE_BOOKMARKS)} sample bookmarks added.")
# --8<-- [end:init-db]
