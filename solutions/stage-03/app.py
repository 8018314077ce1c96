"""Stage 03 · Responses and status codes: the task API answers in one envelope, with the right status every time."""

# --8<-- [start:imports]
from itertools import count

from flask import Flask, abort, jsonify, request, url_for
from werkzeug.exceptions import HTTPException, InternalServerError

app = Flask(__name__)
# --8<-- [end:imports]

# --8<-- [start:store]
STATUSES = ("pending", "completed")

# The "database": a list in memory, so every restart begins again with these three tasks.
tasks = [
    {"id": 1, "title": "Learn Flask Basics", "status": "completed"},
    {"id": 2, "title": "Build First API", "status": "completed"},
    {"id": 3, "title": "Explore Routing", "status": "pending"},
]
# A counter, not len(tasks) + 1: once tasks can be deleted, an id must never be handed out twice.
task_ids = count(start=len(tasks) + 1)
# --8<-- [end:store]


# --8<-- [start:envelopes]
def success_response(data, status=200, headers=None):
    """Answer with the success envelope: {"status": "success", "data": ...}."""
    # --8<-- [start:todo-success] Wrap data as {"status": "success", "data": data}; keep the status and headers.
    return jsonify(status="success", data=data), status, headers
    # --8<-- [end:todo-success] stub: return jsonify(data), status, headers


def error_response(message, status, headers=None):
    """Answer with the error envelope: {"status": "error", "error": {"message": ...}}."""
    # --8<-- [start:todo-error] Wrap message as {"status": "error", "error": {"message": message}}.
    return jsonify(status="error", error={"message": message}), status, headers
    # --8<-- [end:todo-error] stub: return jsonify(error=message), status, headers
# --8<-- [end:envelopes]


# --8<-- [start:http-errors]
@app.errorhandler(HTTPException)
def http_error(exc):
    """Answer every HTTP error, raised by Flask or by abort() (400, 404, 405, 415, ...), in the error envelope."""
    # --8<-- [start:todo-http-errors] Keep the exception's headers (a 405 has Allow) but not its HTML Content-Type.
    headers = {name: value for name, value in exc.get_headers() if name.lower() != "content-type"}
    return error_response(exc.description, exc.code, headers)
    # --8<-- [end:todo-http-errors] stub: return error_response(exc.description, exc.code)
# --8<-- [end:http-errors]


# --8<-- [start:server-error]
@app.errorhandler(InternalServerError)
def server_error(exc):
    """Answer an unexpected exception with a plain 500: Flask has already logged the traceback for you."""
    # --8<-- [start:todo-server-error] Answer 500 in the error envelope; never show the exception's text.
    return error_response("Something went wrong on our side. Please try again later.", 500)
    # --8<-- [end:todo-server-error]
# --8<-- [end:server-error]


# --8<-- [start:helpers]
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
# --8<-- [end:helpers]


# --8<-- [start:list-tasks]
@app.get("/api/tasks")
def list_tasks():
    """List every task, or only those with the status given in ?status=."""
    wanted = request.args.get("status")
    found = [task for task in tasks if task["status"] == wanted] if wanted else tasks
    return success_response(found)
# --8<-- [end:list-tasks]


# --8<-- [start:get-task]
@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    """Show one task."""
    return success_response(find_task(task_id))
# --8<-- [end:get-task]


# --8<-- [start:create-task]
@app.post("/api/tasks")
def create_task():
    """Create a pending task from {"title": ...} and point the client at it."""
    title = json_object().get("title")
    if not isinstance(title, str) or not title.strip():
        abort(400, description='"title" must be a non-empty string.')
    task = {"id": next(task_ids), "title": title.strip(), "status": "pending"}
    tasks.append(task)
    # --8<-- [start:todo-location] Answer 201 with a Location header: the new task's absolute URL, from url_for.
    location = url_for("get_task", task_id=task["id"], _external=True)
    return success_response(task, 201, {"Location": location})
    # --8<-- [end:todo-location] stub: return success_response(task, 201)
# --8<-- [end:create-task]


# --8<-- [start:delete-task]
@app.delete("/api/tasks/<int:task_id>")
def delete_task(task_id):
    """Delete a task; nothing is left to show, so the answer is 204 with no body."""
    # --8<-- [start:todo-delete] Remove the task (404 if there is none) and answer 204 with an empty body.
    tasks.remove(find_task(task_id))
    return "", 204
    # --8<-- [end:todo-delete]
# --8<-- [end:delete-task]


# --8<-- [start:update-status]
@app.put("/api/tasks/<int:task_id>/status")
def update_status(task_id):
    """Set a task's status from {"status": "pending" | "completed"} and show the updated task."""
    # --8<-- [start:todo-update-status] 404 for no task, 415/400 for a bad body or status; else update, answer 200.
    task = find_task(task_id)
    status = json_object().get("status")
    if status not in STATUSES:
        abort(400, description='"status" must be "pending" or "completed".')
    task["status"] = status
    return success_response(task)
    # --8<-- [end:todo-update-status]
# --8<-- [end:update-status]


# --8<-- [start:run]
if __name__ == "__main__":
    app.run(debug=True)
# --8<-- [end:run]
