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
    # TODO: Drop and recreate all tables, add SEED_TASKS, commit, and say what happened.
    click.echo("init-db does nothing yet: see the TODO in app/commands.py.")
