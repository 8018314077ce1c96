"""The task API's routes, recorded on the tasks blueprint; the factory mounts them under /api/tasks."""

from flask import Blueprint, abort, current_app, request, url_for
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import FIELDS, STATUSES, Task
from ..responses import success_response
from .validation import json_object, task_fields

# --8<-- [start:blueprint]
tasks_bp = Blueprint("tasks", __name__)
# --8<-- [end:blueprint]


def find_task(task_id):
    """The task with this id; 404 (answered in the error envelope) when there is none."""
    return db.get_or_404(Task, task_id, description=f"There is no task with id {task_id}.")


def save():
    """Commit the session; if the database refuses, undo the session's changes and answer 500."""
    try:
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        # current_app: there is no module-level app any more, only the one handling this request.
        current_app.logger.exception("The database refused a change; it was rolled back.")
        abort(500)


# --8<-- [start:list-tasks]
@tasks_bp.get("/")
def list_tasks():
    """List the tasks, newest first, or only those with the status given in ?status=."""
    query = db.select(Task).order_by(Task.created_at.desc(), Task.id.desc())
    status = request.args.get("status")
    if status is not None:
        if status not in STATUSES:
            abort(400, description='?status= must be "pending" or "completed".')
        query = query.where(Task.status == status)
    return success_response([task.to_dict() for task in db.session.scalars(query)])
# --8<-- [end:list-tasks]


@tasks_bp.get("/<int:task_id>")
def get_task(task_id):
    """Show one task."""
    return success_response(find_task(task_id).to_dict())


# --8<-- [start:create-task]
@tasks_bp.post("/")
def create_task():
    """Create a task from {"title": ..., "description": ...}; answer 201 and where to find it."""
    task = Task(**task_fields(json_object(), required=("title",)))
    db.session.add(task)
    save()
    # Inside a blueprint an endpoint's full name starts with the blueprint's name: "tasks.get_task".
    location = url_for("tasks.get_task", task_id=task.id, _external=True)
    return success_response(task.to_dict(), 201, {"Location": location})
# --8<-- [end:create-task]


@tasks_bp.put("/<int:task_id>")
def replace_task(task_id):
    """Replace a task: title and status are required, and a description left out becomes null."""
    task = find_task(task_id)
    fields = task_fields(json_object(), required=("title", "status"))
    task.title = fields["title"]
    task.status = fields["status"]
    task.description = fields.get("description")
    save()
    return success_response(task.to_dict())


@tasks_bp.patch("/<int:task_id>")
def update_task(task_id):
    """Change only the fields the body names; a body that names none of them is a 400."""
    task = find_task(task_id)
    fields = task_fields(json_object())
    if not fields:
        abort(400, description=f"Send at least one of: {', '.join(FIELDS)}.")
    for name, value in fields.items():
        setattr(task, name, value)
    save()
    return success_response(task.to_dict())


@tasks_bp.delete("/<int:task_id>")
def delete_task(task_id):
    """Delete a task and answer 204 with no body."""
    db.session.delete(find_task(task_id))
    save()
    return "", 204
