"""Stage 04 · A persistent task API: the stage 03 task API, now kept in a database with Flask-SQLAlchemy."""

import os
from datetime import datetime

import click
from flask import Flask, abort, jsonify, request, url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, Text, func
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.exceptions import HTTPException, InternalServerError

app = Flask(__name__)


def database_uri():
    """Where the data lives: DATABASE_URL when it is set, else a SQLite file in the instance folder."""
    configured = os.environ.get("DATABASE_URL")
    if configured:
        return configured
    # Only the default needs the folder, so a configured database never leaves an empty instance/ behind.
    os.makedirs(app.instance_path, exist_ok=True)
    return "sqlite:///" + os.path.join(app.instance_path, "tasks.db")


app.config["SQLALCHEMY_DATABASE_URI"] = database_uri()
db = SQLAlchemy(app)

STATUSES = ("pending", "completed")
FIELDS = ("title", "description", "status")
TITLE_MAX_LENGTH = 150


class Task(db.Model):
    """A task: one row of the tasks table."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    # TODO: Add title, description, status, created_at, updated_at ("The model" in the chapter).
    pass

    def to_dict(self):
        """The task as JSON-ready data, with the timestamps as ISO 8601 strings."""
        # TODO: Return id, title, description, status, created_at, updated_at (isoformat()).
        return {"id": self.id}


with app.app_context():
    db.create_all()


def success_response(data, status=200, headers=None):
    """Answer with the success envelope: {"status": "success", "data": ...}."""
    return jsonify(status="success", data=data), status, headers


def error_response(message, status, headers=None):
    """Answer with the error envelope: {"status": "error", "error": {"message": ...}}."""
    return jsonify(status="error", error={"message": message}), status, headers


@app.errorhandler(HTTPException)
def http_error(exc):
    """Answer every HTTP error (400, 404, 405, 415, ...) in the error envelope, keeping headers such as Allow."""
    headers = {name: value for name, value in exc.get_headers() if name.lower() != "content-type"}
    return error_response(exc.description, exc.code, headers)


@app.errorhandler(InternalServerError)
def server_error(exc):
    """Answer an unexpected failure with a plain 500: the details go to the log, never to the client."""
    return error_response("Something went wrong on our side. Please try again later.", 500)


def json_object():
    """The request's JSON body as a dict: 415 when the body is not JSON, 400 when it is not a JSON object."""
    if not request.is_json:
        abort(415, description="Send a JSON body with Content-Type: application/json.")
    data = request.get_json()
    if not isinstance(data, dict):
        abort(400, description='The JSON body must be an object, like {"title": "..."}.')
    return data


def task_fields(data, required=()):
    """The task fields found in data, checked and cleaned; 400 for a missing required field or a bad value."""
    # TODO: 400 if a required field is missing or any title/description/status is invalid.
    return {name: data[name] for name in FIELDS if name in data}


def save():
    """Commit the session; if the database refuses, undo the session's changes and answer 500."""
    # TODO: Commit; on SQLAlchemyError roll the session back, log it, and abort(500).
    db.session.commit()


@app.get("/api/tasks")
def list_tasks():
    """List the tasks, newest first, or only those with the status given in ?status=."""
    # TODO: Select the tasks newest first (created_at, then id); filter by ?status=, 400 if invalid.
    return success_response([])


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    """Show one task."""
    # TODO: Fetch the task with db.get_or_404 and answer it.
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


@app.post("/api/tasks")
def create_task():
    """Create a task from {"title": ..., "description": ...}; answer 201 and where to find it."""
    # TODO: Validate (title required), add a Task, save(), answer 201 with a Location header.
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


@app.put("/api/tasks/<int:task_id>")
def replace_task(task_id):
    """Replace a task: title and status are required, and a description left out becomes null."""
    # TODO: 404, then validate (title and status required); set all three fields; save().
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


@app.patch("/api/tasks/<int:task_id>")
def update_task(task_id):
    """Change only the fields the body names; a body that names none of them is a 400."""
    # TODO: 404, then validate what was sent (400 if no known field); set just those; save().
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


@app.delete("/api/tasks/<int:task_id>")
def delete_task(task_id):
    """Delete a task and answer 204 with no body."""
    # TODO: 404 for no task; else delete it, save(), and answer 204 with an empty body.
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


STARTER_TASKS = [
    {"title": "Learn Flask-SQLAlchemy", "description": "Models, sessions and queries.", "status": "completed"},
    {"title": "Build the persistent API", "description": "CRUD on the tasks table.", "status": "pending"},
    {"title": "Restart the server", "description": "Every task should still be there.", "status": "pending"},
]


def seed_tasks():
    """Add the starter tasks if the tasks table is empty; answer how many were added."""
    # TODO: If the table is empty, add a Task per entry of STARTER_TASKS, commit, return how many.
    return 0


@app.cli.command("seed")
def seed_command():
    """Add three starter tasks to an empty tasks table."""
    added = seed_tasks()
    click.echo(f"Added {added} starter tasks." if added else "The tasks table is not empty: nothing added.")


if __name__ == "__main__":
    with app.app_context():
        seed_tasks()
    app.run(debug=True)
