"""Stage 02 · Routing and request data: an in-memory task API that reads the URL, query string, JSON and headers."""

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


@app.errorhandler(400)
@app.errorhandler(404)
@app.errorhandler(415)
def json_error(error):
    """Answer a client error with a JSON body instead of Flask's HTML page."""
    # TODO: Return JSON {"error": error.description} with the error's own status (error.code).
    return error


@app.get("/api/tasks")
def list_tasks():
    """List every task, or only those whose status matches ?status=."""
    # TODO: If the query string has ?status=..., answer only the tasks with that status.
    pass
    return jsonify(tasks)


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    """Answer one task by its id, or 404 when there is no such task."""
    # TODO: Find the task with this id and return it; abort(404, description=...) if none.
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


@app.post("/api/tasks")
def create_task():
    """Create a pending task from a JSON object {"title": "..."} and answer it with 201."""
    # TODO: 415 if the body is not JSON; 400 unless "title" is a non-blank string; else store, 201.
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


@app.get("/api/search")
def search():
    """Answer query_received, limit_applied, sorting and results: the tasks whose title contains ?q= (any case)."""
    # TODO: 400 without ?q=; ?limit= is an int (default 20) that caps results; ?sort= or "default".
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


@app.get("/api/show-headers")
def show_headers():
    """Echo the request's headers: two by name, then all of them."""
    # TODO: Answer user_agent, accept_header and all_headers (every header, as a dict).
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


if __name__ == "__main__":
    app.run(debug=True)
