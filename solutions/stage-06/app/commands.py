"""Command-line commands the factory adds to every app: flask --app run <command>."""

import click
from flask.cli import with_appcontext

from .extensions import db
from .models import Task

SEED_TASKS = [
    {"title": "Learn Flask Basics", "description": "Routes, view functions and JSON.", "status": "completed"},
    {"title": "Build a Persistent API", "description": "Tasks in a database with Flask-SQLAlchemy.",
     "status": "completed"},
    {"title": "Organise with Blueprints", "description": "A factory, configurations and a tasks blueprint.",
     "status": "pending"},
]


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Drop every table, create them again and add three example tasks."""
    db.drop_all()
    db.create_all()
    db.session.add_all(Task(**fields) for fields in SEED_TASKS)
    db.session.commit()
    click.echo(f"Dropped and recreated the tables, then added {len(SEED_TASKS)} example tasks.")
