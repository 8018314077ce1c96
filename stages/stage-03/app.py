"""Stage 03 · Responses and status codes: the task API answers in one envelope, with the right status every time."""

from itertools import count

from flask import Flask, abort, jsonify, request, url_for
from werkzeug.exceptions import HTTPException, InternalServerError

app = Flask(__name__)

STATUSES = ("pending", "completed")

# The "database": a list in memory, so every restart begins again with these three tasks.
tasks = [
    {"id": 1, "title": "Learn Flask Basics", "status": "completed"},
    {"id": 2, "title": "Build First API", "status": "completed"},
    {"id": 3, "title": "Explore Routing", "status": "pending"},
]
# A counter, not len(tasks) + 1: once tasks can be deleted, an id must never be handed out twice.
task_ids = count(start=len(tasks) + 1)


def success_response(data, status=200, headers=None):
    """Answer with the success envelope: {"status": "success", "data": ...}."""
    # TODO: Wrap data as {"status": "success", "data": data}; keep the status and headers.
    return jsonify(data), status, headers


def error_response(message, status, headers=None):
    """Answer with the error envelope: {"status": "error", "error": {"message": ...}}."""
    # TODO: Wrap message as {"status": "error", "error": {"message": message}}.
    return jsonify(error=message), status, headers


@app.errorhandler(HTTPException)
def http_error(exc):
    """Answer every HTTP error, raised by Flask or by abort() (400, 404, 405, 415, ...), in the error envelope."""
    # TODO: Keep the exception's headers (a 405 has Allow) but not its HTML Content-Type.
    return error_response(exc.description, exc.code)


@app.errorhandler(InternalServerError)
def server_error(exc):
    """Answer an unexpected exception with a plain 500: Flask has already logged the traceback for you."""
    # TODO: Answer 500 in the error envelope; never show the exception's text.
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


def find_task(task_id):
    """The task with this id; abort with 404 (which the error handler envelopes) when there is none."""
    task = next((task for task in tasks if task["id"] == task_id), None)
    if task is None:
        abort(404, description=f"There is no task with id {task_id}.")
    return task


def json_object():
    """The request's JSON body as a dict: 415 when the body is not JSON, 400 when it is not a JSON object."""
    if not request.is_json:
        abort(415, description="Send a JSON body with Content-Type: application/json.")
    data = request.get_json()
    if not isinstance(data, dict):
        abort(400, description="The JSON body must be an object, like {\"title\": \"...\"}.")
    return data


@app.get("/api/tasks")
def list_tasks():
    """List every task, or only those with the status given in ?status=."""
    wanted = request.args.get("status")
    found = [task for task in tasks if task["status"] == wanted] if wanted else tasks
    return success_response(found)


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    """Show one task."""
    return success_response(find_task(task_id))


@app.post("/api/tasks")
def create_task():
    """Create a pending task from {"title": ...} and point the client at it."""
    title = json_object().get("title")
    if not isinstance(title, str) or not title.strip():
        abort(400, description='"title" must be a non-empty string.')
    task = {"id": next(task_ids), "title": title.strip(), "status": "pending"}
    tasks.append(task)
    # TODO: Answer 201 with a Location header: the new task's absolute URL, from url_for.
    return success_response(task, 201)


@app.delete("/api/tasks/<int:task_id>")
def delete_task(task_id):
    """Delete a task; nothing is left to show, so the answer is 204 with no body."""
    # TODO: Remove the task (404 if there is none) and answer 204 with an empty body.
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


@app.put("/api/tasks/<int:task_id>/status")
def update_status(task_id):
    """Set a task's status from {"status": "pending" | "completed"} and show the updated task."""
    # TODO: 404 for no task, 415/400 for a bad body or status; else update, answer 200.
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


if __name__ == "__main__":
    app.run(debug=True)
