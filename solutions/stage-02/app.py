"""Stage 02 · Routing and request data: an in-memory task API that reads the URL, query string, JSON and headers."""

# --8<-- [start:setup]
from itertools import count

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

# The "database" for this stage: a plain list that lives as long as the process does.
tasks = [
    {"id": 1, "title": "Learn Flask Basics", "status": "completed"},
    {"id": 2, "title": "Build First API", "status": "completed"},
    {"id": 3, "title": "Explore Routing", "status": "pending"},
]
# Ids come from a counter, never from the client, so two tasks can never share one.
task_ids = count(start=len(tasks) + 1)
# --8<-- [end:setup]


# --8<-- [start:errors]
@app.errorhandler(400)
@app.errorhandler(404)
@app.errorhandler(415)
def json_error(error):
    """Answer a client error with a JSON body instead of Flask's HTML page."""
    # --8<-- [start:todo-json-errors] Return JSON {"error": error.description} with the error's own status (error.code).
    return jsonify(error=error.description), error.code
    # --8<-- [end:todo-json-errors] stub: return error
# --8<-- [end:errors]


# --8<-- [start:list]
@app.get("/api/tasks")
def list_tasks():
    """List every task, or only those whose status matches ?status=."""
    # --8<-- [start:todo-filter] If the query string has ?status=..., answer only the tasks with that status.
    status = request.args.get("status")
    if status:
        return jsonify([task for task in tasks if task["status"] == status])
    # --8<-- [end:todo-filter] stub: pass
    return jsonify(tasks)
# --8<-- [end:list]


# --8<-- [start:get]
@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    """Answer one task by its id, or 404 when there is no such task."""
    # --8<-- [start:todo-get-task] Find the task with this id and return it; abort(404, description=...) if none.
    task = next((task for task in tasks if task["id"] == task_id), None)
    if task is None:
        abort(404, description=f"There is no task with id {task_id}.")
    return jsonify(task)
    # --8<-- [end:todo-get-task]
# --8<-- [end:get]


# --8<-- [start:create]
@app.post("/api/tasks")
def create_task():
    """Create a pending task from a JSON object {"title": "..."} and answer it with 201."""
    # --8<-- [start:todo-create] 415 if the body is not JSON; 400 unless "title" is a non-blank string; else store, 201.
    if not request.is_json:
        abort(415, description="Send the task as JSON, with Content-Type: application/json.")
    # Malformed JSON makes get_json() raise a 400 of its own, which json_error turns into JSON.
    data = request.get_json()
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str) or not title.strip():
        abort(400, description='The body must be a JSON object with a non-empty string "title".')
    task = {"id": next(task_ids), "title": title.strip(), "status": "pending"}
    tasks.append(task)
    return jsonify(task), 201
    # --8<-- [end:todo-create]
# --8<-- [end:create]


# --8<-- [start:search]
@app.get("/api/search")
def search():
    """Answer query_received, limit_applied, sorting and results: the tasks whose title contains ?q= (any case)."""
    # --8<-- [start:todo-search] 400 without ?q=; ?limit= is an int (default 20) that caps results; ?sort= or "default".
    query = request.args.get("q")
    if not query:
        abort(400, description='Add a search term to the URL: /api/search?q=...')
    # type=int turns "5" into 5; when the conversion fails, get() falls back to the default.
    limit = request.args.get("limit", default=20, type=int)
    sorting = request.args.get("sort", default="default")
    matches = [task for task in tasks if query.lower() in task["title"].lower()]
    return jsonify(query_received=query, limit_applied=limit, sorting=sorting, results=matches[:limit])
    # --8<-- [end:todo-search]
# --8<-- [end:search]


# --8<-- [start:headers]
@app.get("/api/show-headers")
def show_headers():
    """Echo the request's headers: two by name, then all of them."""
    # --8<-- [start:todo-headers] Answer user_agent, accept_header and all_headers (every header, as a dict).
    return jsonify(
        user_agent=request.headers.get("User-Agent"),
        accept_header=request.headers.get("Accept"),
        all_headers=dict(request.headers),
    )
    # --8<-- [end:todo-headers]
# --8<-- [end:headers]


# --8<-- [start:run]
if __name__ == "__main__":
    app.run(debug=True)
# --8<-- [end:run]
