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

# --8<-- [start:config]
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
# --8<-- [end:config]

# --8<-- [start:model]
STATUSES = ("pending", "completed")
FIELDS = ("title", "description", "status")
TITLE_MAX_LENGTH = 150


class Task(db.Model):
    """A task: one row of the tasks table."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    # --8<-- [start:todo-columns] Add title, description, status, created_at, updated_at ("The model" in the chapter).
    title: Mapped[str] = mapped_column(String(TITLE_MAX_LENGTH))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    # The database fills these in (server_default), and sets updated_at again whenever the row changes (onupdate).
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
    # --8<-- [end:todo-columns] stub: pass

    def to_dict(self):
        """The task as JSON-ready data, with the timestamps as ISO 8601 strings."""
        # --8<-- [start:todo-to-dict] Return id, title, description, status, created_at, updated_at (isoformat()).
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "status": self.status,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }
        # --8<-- [end:todo-to-dict] stub: return {"id": self.id}
# --8<-- [end:model]


# --8<-- [start:create-tables]
with app.app_context():
    db.create_all()
# --8<-- [end:create-tables]


# --8<-- [start:envelopes]
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
# --8<-- [end:envelopes]


# --8<-- [start:json-object]
def json_object():
    """The request's JSON body as a dict: 415 when the body is not JSON, 400 when it is not a JSON object."""
    if not request.is_json:
        abort(415, description="Send a JSON body with Content-Type: application/json.")
    data = request.get_json()
    if not isinstance(data, dict):
        abort(400, description='The JSON body must be an object, like {"title": "..."}.')
    return data
# --8<-- [end:json-object]


# --8<-- [start:task-fields]
def task_fields(data, required=()):
    """The task fields found in data, checked and cleaned; 400 for a missing required field or a bad value."""
    # --8<-- [start:todo-task-fields] 400 if a required field is missing or any title/description/status is invalid.
    missing = [name for name in required if name not in data]
    if missing:
        abort(400, description=f"Missing required field(s): {', '.join(missing)}.")
    fields = {}
    if "title" in data:
        title = data["title"]
        if not isinstance(title, str) or not title.strip():
            abort(400, description='"title" must be a non-empty string.')
        if len(title.strip()) > TITLE_MAX_LENGTH:
            abort(400, description=f'"title" can be at most {TITLE_MAX_LENGTH} characters long.')
        fields["title"] = title.strip()
    if "description" in data:
        if data["description"] is not None and not isinstance(data["description"], str):
            abort(400, description='"description" must be a string or null.')
        fields["description"] = data["description"]
    if "status" in data:
        if data["status"] not in STATUSES:
            abort(400, description='"status" must be "pending" or "completed".')
        fields["status"] = data["status"]
    return fields
    # --8<-- [end:todo-task-fields] stub: return {name: data[name] for name in FIELDS if name in data}
# --8<-- [end:task-fields]


# --8<-- [start:save]
def save():
    """Commit the session; if the database refuses, undo the session's changes and answer 500."""
    # --8<-- [start:todo-save] Commit; on SQLAlchemyError roll the session back, log it, and abort(500).
    try:
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        app.logger.exception("The database refused a change; it was rolled back.")
        abort(500)
    # --8<-- [end:todo-save] stub: db.session.commit()
# --8<-- [end:save]


# --8<-- [start:list-tasks]
@app.get("/api/tasks")
def list_tasks():
    """List the tasks, newest first, or only those with the status given in ?status=."""
    # --8<-- [start:todo-list] Select the tasks newest first (created_at, then id); filter by ?status=, 400 if invalid.
    query = db.select(Task).order_by(Task.created_at.desc(), Task.id.desc())
    status = request.args.get("status")
    if status is not None:
        if status not in STATUSES:
            abort(400, description='?status= must be "pending" or "completed".')
        query = query.where(Task.status == status)
    tasks = db.session.scalars(query)
    return success_response([task.to_dict() for task in tasks])
    # --8<-- [end:todo-list] stub: return success_response([])
# --8<-- [end:list-tasks]


# --8<-- [start:get-task]
@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    """Show one task."""
    # --8<-- [start:todo-get] Fetch the task with db.get_or_404 and answer it.
    task = db.get_or_404(Task, task_id, description=f"There is no task with id {task_id}.")
    return success_response(task.to_dict())
    # --8<-- [end:todo-get]
# --8<-- [end:get-task]


# --8<-- [start:create-task]
@app.post("/api/tasks")
def create_task():
    """Create a task from {"title": ..., "description": ...}; answer 201 and where to find it."""
    # --8<-- [start:todo-create] Validate (title required), add a Task, save(), answer 201 with a Location header.
    task = Task(**task_fields(json_object(), required=("title",)))
    db.session.add(task)
    save()
    location = url_for("get_task", task_id=task.id, _external=True)
    return success_response(task.to_dict(), 201, {"Location": location})
    # --8<-- [end:todo-create]
# --8<-- [end:create-task]


# --8<-- [start:replace-task]
@app.put("/api/tasks/<int:task_id>")
def replace_task(task_id):
    """Replace a task: title and status are required, and a description left out becomes null."""
    # --8<-- [start:todo-replace] 404, then validate (title and status required); set all three fields; save().
    task = db.get_or_404(Task, task_id, description=f"There is no task with id {task_id}.")
    fields = task_fields(json_object(), required=("title", "status"))
    task.title = fields["title"]
    task.status = fields["status"]
    task.description = fields.get("description")
    save()
    return success_response(task.to_dict())
    # --8<-- [end:todo-replace]
# --8<-- [end:replace-task]


# --8<-- [start:update-task]
@app.patch("/api/tasks/<int:task_id>")
def update_task(task_id):
    """Change only the fields the body names; a body that names none of them is a 400."""
    # --8<-- [start:todo-update] 404, then validate what was sent (400 if no known field); set just those; save().
    task = db.get_or_404(Task, task_id, description=f"There is no task with id {task_id}.")
    fields = task_fields(json_object())
    if not fields:
        abort(400, description=f"Send at least one of: {', '.join(FIELDS)}.")
    for name, value in fields.items():
        setattr(task, name, value)
    save()
    return success_response(task.to_dict())
    # --8<-- [end:todo-update]
# --8<-- [end:update-task]


# --8<-- [start:delete-task]
@app.delete("/api/tasks/<int:task_id>")
def delete_task(task_id):
    """Delete a task and answer 204 with no body."""
    # --8<-- [start:todo-delete] 404 for no task; else delete it, save(), and answer 204 with an empty body.
    task = db.get_or_404(Task, task_id, description=f"There is no task with id {task_id}.")
    db.session.delete(task)
    save()
    return "", 204
    # --8<-- [end:todo-delete]
# --8<-- [end:delete-task]


# --8<-- [start:seed]
STARTER_TASKS = [
    {"title": "Learn Flask-SQLAlchemy", "description": "Models, sessions and queries.", "status": "completed"},
    {"title": "Build the persistent API", "description": "CRUD on the tasks table.", "status": "pending"},
    {"title": "Restart the server", "description": "Every task should still be there.", "status": "pending"},
]


def seed_tasks():
    """Add the starter tasks if the tasks table is empty; answer how many were added."""
    # --8<-- [start:todo-seed] If the table is empty, add a Task per entry of STARTER_TASKS, commit, return how many.
    if db.session.scalar(db.select(func.count()).select_from(Task)):
        return 0
    db.session.add_all(Task(**fields) for fields in STARTER_TASKS)
    db.session.commit()
    return len(STARTER_TASKS)
    # --8<-- [end:todo-seed] stub: return 0


@app.cli.command("seed")
def seed_command():
    """Add three starter tasks to an empty tasks table."""
    added = seed_tasks()
    click.echo(f"Added {added} starter tasks." if added else "The tasks table is not empty: nothing added.")
# --8<-- [end:seed]


# --8<-- [start:run]
if __name__ == "__main__":
    with app.app_context():
        seed_tasks()
    app.run(debug=True)
# --8<-- [end:run]
