"""Command-line commands the factory adds to every app: flask --app run <command>."""

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import inspect

from .extensions import db
from .models import Task, User

SEED_TASKS = [
    {"title": "Learn Flask Basics", "description": "Routes, view functions and JSON.", "status": "completed"},
    {"title": "Build a Persistent API", "description": "Tasks in a database with Flask-SQLAlchemy.",
     "status": "completed"},
    {"title": "Organise with Blueprints", "description": "A factory, configurations and a tasks blueprint.",
     "status": "pending"},
]
SEED_USERS = [
    {"username": "admin", "email": "admin@example.com", "role": "admin"},
    {"username": "user", "email": "user@example.com", "role": "user"},
]
# Printed in this file for everyone to read: fit for a database on your own machine, and nowhere else.
SEED_PASSWORD = "password"


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Empty the tasks and users tables of a migrated database, then add three example tasks and two users."""
    if not current_app.config.get("SEED_ALLOWED"):
        # Known passwords on a production database would be an open door: seeding is for your own machine only.
        raise click.ClickException("init-db seeds accounts with a published password: it runs only with the "
                                   "development or testing configuration, never in production.")
    tables = set(inspect(db.engine).get_table_names())
    missing = sorted({Task.__tablename__, User.__tablename__} - tables)
    if missing:
        # The tables are the migrations' business: making them here would leave a database Alembic knows nothing of.
        raise click.ClickException(f"The database has no {' or '.join(missing)} table yet. "
                                   "Run flask --app run db upgrade first, then init-db again.")
    db.session.execute(db.delete(Task))
    db.session.execute(db.delete(User))
    users = {}
    for fields in SEED_USERS:
        users[fields["username"]] = user = User(**fields)
        user.set_password(SEED_PASSWORD)
        db.session.add(user)
    # The users get their ids first, so that the example tasks can belong to "user".
    db.session.flush()
    db.session.add_all(Task(**fields, user_id=users["user"].id) for fields in SEED_TASKS)
    db.session.commit()
    click.echo(f'Emptied the tasks and users tables, then added {len(SEED_TASKS)} example tasks owned by "user".')
    click.echo(f'Added the users "admin" (role admin) and "user" (role user), both with the password '
               f'"{SEED_PASSWORD}". They are for local development only: never seed them in production.')
