"""The task API's routes, recorded on the tasks blueprint; the factory mounts them under /api/tasks."""

from flask import Blueprint, abort, current_app, make_response, request, url_for
from celery.result import AsyncResult
from flask_jwt_extended import get_jwt, get_jwt_identity, verify_jwt_in_request
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db, limiter
from ..limits import job_status_limit
from ..models import FIELDS, STATUSES, Task
from ..responses import success_response
from .caching import cached_read, forget_cached_tasks
from .jobs import process_task, send_confirmation
from .schemas import TaskSchema

tasks_bp = Blueprint("tasks", __name__)


@tasks_bp.before_request
def require_access_token():
    """Refuse every request to a task route that lacks a valid access token, before its view runs."""
    verify_jwt_in_request()


# Made once, when the module is imported, and used by every request: a schema object keeps no request's data.
task_schema = TaskSchema()
tasks_schema = TaskSchema(many=True)


def find_task(task_id):
    """The task with this id; 404 (answered in the error envelope) when there is none."""
    return db.get_or_404(Task, task_id, description=f"There is no task with id {task_id}.")


def json_body():
    """The request's JSON body as sent, whatever its shape (the schema judges that); 415 when it is not JSON."""
    if not request.is_json:
        abort(415, description="Send a JSON body with Content-Type: application/json.")
    return request.get_json()


def save():
    """Commit the session, then forget the cached answers; if the database refuses, roll back and answer 500."""
    try:
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("The database refused a change; it was rolled back.")
        abort(500)
    forget_cached_tasks()


def queue_confirmation(task_id, user_id):
    """Queue the "task created" message; if it cannot be queued, log why, and let the create succeed anyway."""
    # TODO: send_confirmation.delay(ids); any exception: log it, do not raise.
    pass


@tasks_bp.get("/")
@cached_read
def list_tasks():
    """List the tasks, newest first, or only those with the status given in ?status=."""
    query = db.select(Task).order_by(Task.created_at.desc(), Task.id.desc())
    status = request.args.get("status")
    if status is not None:
        if status not in STATUSES:
            abort(400, description='?status= must be "pending" or "completed".')
        query = query.where(Task.status == status)
    return success_response(tasks_schema.dump(db.session.scalars(query).all()))


@tasks_bp.get("/<int:task_id>")
@cached_read
def get_task(task_id):
    """Show one task, with an ETag; answer 304 without a body when If-None-Match already names it."""
    response = make_response(success_response(task_schema.dump(find_task(task_id))))
    response.add_etag()
    return response.make_conditional(request)


@tasks_bp.post("/")
def create_task():
    """Create a task from {"title", "description", "status", "due_date"}; answer 201 and where to find it."""
    # A new task may leave status out: the model's default, "pending", applies.
    fields = task_schema.load(json_body(), partial=("status",))
    task = Task(**fields)
    db.session.add(task)
    save()
    # After the commit: the job reads the row by its id, which exists only now.
    queue_confirmation(task.id, int(get_jwt_identity()))
    location = url_for("tasks.get_task", task_id=task.id, _external=True)
    return success_response(task_schema.dump(task), 201, {"Location": location})


@tasks_bp.put("/<int:task_id>")
def replace_task(task_id):
    """Replace a task: title and status are required; a description or due_date left out becomes null."""
    task = find_task(task_id)
    fields = task_schema.load(json_body())
    for name, value in fields.items():
        setattr(task, name, value)
    save()
    return success_response(task_schema.dump(task))


@tasks_bp.patch("/<int:task_id>")
def update_task(task_id):
    """Change only the fields the body names; a body that names none of them is a 400."""
    task = find_task(task_id)
    fields = task_schema.load(json_body(), partial=True)
    if not fields:
        # Nothing is wrong with any field: there is no field at all. The request itself is incomplete, hence 400.
        abort(400, description=f"Send at least one of: {', '.join(FIELDS)}.")
    for name, value in fields.items():
        setattr(task, name, value)
    save()
    return success_response(task_schema.dump(task))


@tasks_bp.delete("/<int:task_id>")
def delete_task(task_id):
    """Delete a task (admins only) and answer 204 with no body."""
    if get_jwt().get("role") != "admin":
        abort(403, description="Only an admin may delete tasks.")
    db.session.delete(find_task(task_id))
    save()
    return "", 204


@tasks_bp.post("/<int:task_id>/process")
def start_processing(task_id):
    """Queue the slow processing of a task; answer 202 at once with the job's id and where to ask about it."""
    # TODO: 404 if missing; process_task.delay; 202 {job_id, status_url} + Location.
    return {"error": "Not implemented yet: see the TODO in app/tasks/routes.py."}, 501


@tasks_bp.get("/jobs/<job_id>")
# Its own budget: a client polling a long job every second would soon spend the default one.
@limiter.limit(job_status_limit)
def job_status(job_id):
    """Say where a job is: PENDING, STARTED, SUCCESS (with its result) or FAILURE (with its error)."""
    # TODO: AsyncResult with the app's Celery app: {job_id, state, result or error}.
    return {"error": "Not implemented yet: see the TODO in app/tasks/routes.py."}, 501
