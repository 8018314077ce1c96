"""The task API's routes, recorded on the tasks blueprint; the factory mounts them under /api/tasks."""

from apiflask import APIBlueprint
from flask import abort, current_app, make_response, request, url_for
from celery.result import AsyncResult
from flask_jwt_extended import get_jwt, get_jwt_identity, verify_jwt_in_request
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db, limiter
from ..limits import job_status_limit
from ..models import FIELDS, STATUSES, Task
from ..openapi import require_json_body
from ..responses import success_response
from .caching import cached_read, forget_cached_tasks
from .jobs import process_task, send_confirmation
from .schemas import JobSchema, JobStatusSchema, TaskSchema

# An APIBlueprint: its routes, their schemas and their answers go into /openapi.json under the "Tasks" tag.
tasks_bp = APIBlueprint("tasks", __name__, tag="Tasks")

# What every task route may answer besides its success, for the description (the answers themselves are unchanged).
TOKEN_ERRORS = {401: "No valid access token"}


@tasks_bp.before_request
def require_access_token():
    """Refuse every request to a task route that lacks a valid access token, before its view runs."""
    verify_jwt_in_request()


# After the token check, on this blueprint only: an anonymous request answers 401 whatever its body (as in stage 13),
# and then a body that is not JSON answers 415 before @input would validate it (422).
tasks_bp.before_request(require_json_body)


# The largest id a row can have: SQLite's INTEGER and PostgreSQL's BIGINT are 64-bit signed numbers.
LARGEST_ID = 2**63 - 1

# Made once, when the module is imported, and used by every request: a schema object keeps no request's data.
task_schema = TaskSchema()


# --8<-- [start:ownership]
def is_admin():
    """Whether the access token says its user is an admin."""
    return get_jwt().get("role") == "admin"


def current_user_id():
    """The id of the token's user, as the integer the tasks table stores (the token's "sub" is a string)."""
    return int(get_jwt_identity())


def find_task(task_id):
    """The task with this id if the token's user may see it; 404 when there is none or it is someone else's."""
    # No row has an id past LARGEST_ID, and the database driver cannot even send one (OverflowError: a 500).
    task = db.session.get(Task, task_id) if task_id <= LARGEST_ID else None
    # --8<-- [start:todo-own-task] Someone else's task answers exactly like a missing one (404), unless admin.
    # The same 404 for both: a 403 would tell a stranger that the id exists.
    if task is not None and not is_admin() and task.user_id != current_user_id():
        task = None
    # --8<-- [end:todo-own-task] stub: pass
    if task is None:
        abort(404, description=f"There is no task with id {task_id}.")
    return task
# --8<-- [end:ownership]


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
    try:
        send_confirmation.delay(task_id, user_id)
    except Exception:  # noqa: BLE001 - the task is saved; a message that cannot be queued must not make that a 500
        current_app.logger.exception("Could not queue the confirmation of task %s; the task itself is saved.",
                                     task_id)


@tasks_bp.get("/")
@cached_read
@tasks_bp.output(TaskSchema(many=True))
@tasks_bp.doc(security="BearerAuth", responses={400: "?status= is not pending or completed", **TOKEN_ERRORS})
def list_tasks():
    """List the tasks, newest first, or only those with the status given in ?status=."""
    query = db.select(Task).order_by(Task.created_at.desc(), Task.id.desc())
    # --8<-- [start:todo-own-list] Unless the user is an admin, only the tasks whose user_id is theirs.
    if not is_admin():
        query = query.where(Task.user_id == current_user_id())
    # --8<-- [end:todo-own-list] stub: pass
    status = request.args.get("status")
    if status is not None:
        if status not in STATUSES:
            abort(400, description='?status= must be "pending" or "completed".')
        query = query.where(Task.status == status)
    return {"status": "success", "data": db.session.scalars(query).all()}


@tasks_bp.get("/<int:task_id>")
@cached_read
@tasks_bp.doc(security="BearerAuth", responses={304: "Not modified (If-None-Match)", 404: "No such task",
                                                **TOKEN_ERRORS})
@tasks_bp.output(TaskSchema)
def get_task(task_id):
    """Show one task, with an ETag; answer 304 without a body when If-None-Match already names it."""
    response = make_response(success_response(task_schema.dump(find_task(task_id))))
    response.add_etag()
    return response.make_conditional(request)


@tasks_bp.post("/")
@tasks_bp.input(TaskSchema(partial=("status",)))
@tasks_bp.output(TaskSchema, status_code=201)
@tasks_bp.doc(security="BearerAuth", responses={415: "The body is not JSON", **TOKEN_ERRORS})
def create_task(json_data):
    """Create a task from {"title", "description", "status", "due_date"}; answer 201 and where to find it."""
    # APIFlask has loaded and checked the body with the schema (422 if wrong): json_data is the loaded dict.
    # A new task may leave status out: the model's default, "pending", applies.
    # --8<-- [start:todo-set-owner] The task belongs to the token's user (never to a user_id the client sends).
    task = Task(**json_data, user_id=current_user_id())
    # --8<-- [end:todo-set-owner] stub: task = Task(**json_data)
    db.session.add(task)
    save()
    # After the commit: the job reads the row by its id, which exists only now.
    queue_confirmation(task.id, current_user_id())
    location = url_for("tasks.get_task", task_id=task.id, _external=True)
    return {"status": "success", "data": task}, 201, {"Location": location}


@tasks_bp.put("/<int:task_id>")
@tasks_bp.input(TaskSchema)
@tasks_bp.output(TaskSchema)
@tasks_bp.doc(security="BearerAuth", responses={404: "No such task", 415: "The body is not JSON", **TOKEN_ERRORS})
def replace_task(task_id, json_data):
    """Replace a task: title and status are required; a description or due_date left out becomes null."""
    task = find_task(task_id)
    for name, value in json_data.items():
        setattr(task, name, value)
    save()
    return {"status": "success", "data": task}


@tasks_bp.patch("/<int:task_id>")
@tasks_bp.input(TaskSchema(partial=True))
@tasks_bp.output(TaskSchema)
@tasks_bp.doc(security="BearerAuth", responses={400: "The body names no field", 404: "No such task",
                                                415: "The body is not JSON", **TOKEN_ERRORS})
def update_task(task_id, json_data):
    """Change only the fields the body names; a body that names none of them is a 400."""
    task = find_task(task_id)
    fields = json_data
    if not fields:
        # Nothing is wrong with any field: there is no field at all. The request itself is incomplete, hence 400.
        abort(400, description=f"Send at least one of: {', '.join(FIELDS)}.")
    for name, value in fields.items():
        setattr(task, name, value)
    save()
    return {"status": "success", "data": task}


@tasks_bp.delete("/<int:task_id>")
@tasks_bp.doc(security="BearerAuth", responses={204: "Deleted", 404: "No such task (or not yours)",
                                                **TOKEN_ERRORS})
def delete_task(task_id):
    """Delete one of your tasks (an admin: any task) and answer 204 with no body."""
    # One rule for every route: find_task answers 404 for someone else's task, so only the owner or an admin
    # gets this far.
    db.session.delete(find_task(task_id))
    save()
    return "", 204


@tasks_bp.post("/<int:task_id>/process")
@tasks_bp.output(JobSchema, status_code=202)
@tasks_bp.doc(security="BearerAuth", responses={404: "No such task", 503: "The job queue cannot be reached",
                                                **TOKEN_ERRORS})
def start_processing(task_id):
    """Queue the slow processing of a task; answer 202 at once with the job's id and where to ask about it."""
    find_task(task_id)
    try:
        job = process_task.delay(task_id)
    except Exception:  # noqa: BLE001 - kombu's OperationalError and friends: the broker cannot take the job
        current_app.logger.exception("Could not queue the processing of task %s.", task_id)
        abort(503, description="The job queue cannot be reached right now: try again in a moment.")
    status_url = url_for("tasks.job_status", job_id=job.id, _external=True)
    return {"status": "success", "data": {"job_id": job.id, "status_url": status_url}}, 202, {"Location": status_url}


@tasks_bp.get("/jobs/<job_id>")
# Its own budget: a client polling a long job every second would soon spend the default one.
@limiter.limit(job_status_limit)
@tasks_bp.output(JobStatusSchema)
@tasks_bp.doc(security="BearerAuth", responses=TOKEN_ERRORS)
def job_status(job_id):
    """Say where a job is: PENDING, STARTED, SUCCESS (with its result) or FAILURE (with its error)."""
    job = AsyncResult(job_id, app=current_app.extensions["celery"])
    answer = {"job_id": job_id, "state": job.state}
    if job.successful():
        answer["result"] = job.result
    elif job.failed():
        answer["error"] = f"{type(job.result).__name__}: {job.result}"
    return {"status": "success", "data": answer}
