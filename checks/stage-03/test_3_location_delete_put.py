"""Stage 03 · Responses and status codes: Location on create, 204 on delete, and updating a task's status."""

from urllib.parse import urlsplit

import pytest

import expect
from expect import error, success

TITLES = {1: "Learn Flask Basics", 2: "Build First API", 3: "Explore Routing"}


def task_data(data, what: str = '"data"') -> dict:
    """The envelope's data, checked to be a task object with an integer id."""
    expect.that(isinstance(data, dict), f"{what} to be a task object", expect.shown(data, 200))
    expect.key(data, "id", int, where=what)
    return data


def created(client, title: str = "Write the docs"):
    """POST a new task; return the response and the created task."""
    response = client.post("/api/tasks", json={"title": title})
    return response, task_data(success(response, 201, "POST /api/tasks"))


def current_status(client, task_id: int):
    """The status GET /api/tasks/<id> reports for a task."""
    data = task_data(success(client.get(f"/api/tasks/{task_id}"), 200, f"GET /api/tasks/{task_id}"))
    return data.get("status")


@pytest.mark.hint('Add headers={"Location": url_for("get_task", task_id=..., _external=True)} to the 201 answer.',
                  section="the-location-header")
def test_create_sets_absolute_location(client):
    """POST /api/tasks answers 201 with a Location header holding the new task's absolute URL"""
    response, task = created(client)
    location = response.headers.get("Location")
    expect.that(location is not None, "a Location header on the 201 answer",
                f"headers {sorted(response.headers.keys())}")
    url = urlsplit(location)
    expect.that(url.scheme in ("http", "https") and bool(url.netloc),
                "an absolute URL such as http://localhost/api/tasks/4 (url_for with _external=True)", expect.shown(location))
    expect.equal(url.path, f"/api/tasks/{task['id']}", "the path of the Location URL")


@pytest.mark.hint("Point url_for at the endpoint that shows one task, with the new task's id.",
                  section="the-location-header")
def test_location_leads_to_new_task(client):
    """Following the Location of a new task (GET) answers 200 with that same task"""
    response, task = created(client, "Follow the link")
    location = response.headers.get("Location")
    expect.that(location is not None, "a Location header on the 201 answer", "none")
    path = urlsplit(location).path
    fetched = success(client.get(path), 200, f"GET {path} (the Location)")
    expect.equal(fetched, task, "the task found at the Location")


@pytest.mark.hint('Remove the task and return "", 204: a 204 answer has no body, not even an envelope.',
                  section="delete-and-204")
def test_delete_answers_204_empty(client):
    """DELETE /api/tasks/2 answers 204 No Content with an empty body"""
    response = client.delete("/api/tasks/2")
    expect.status(response, 204, "DELETE /api/tasks/2")
    expect.that(response.get_data() == b"", "an empty body", expect.describe(response))


@pytest.mark.hint("Really remove the task from the list, so later lookups no longer find it.",
                  section="delete-and-204")
def test_deleted_task_is_gone(client):
    """After DELETE /api/tasks/2, GET /api/tasks/2 answers 404 and the list no longer shows it"""
    expect.status(client.delete("/api/tasks/2"), 204, "DELETE /api/tasks/2")
    error(client.get("/api/tasks/2"), 404, "GET /api/tasks/2 after deleting it")
    tasks = success(client.get("/api/tasks"), 200, "GET /api/tasks")
    ids = [task.get("id") for task in tasks if isinstance(task, dict)] if isinstance(tasks, list) else tasks
    expect.that(isinstance(ids, list) and 2 not in ids, "the list without task 2", f"ids {ids!r:.200}")


@pytest.mark.hint("Look the task up first: a missing one is abort(404), in the error envelope.",
                  section="delete-and-204")
def test_delete_unknown_is_404(client):
    """DELETE /api/tasks/99 (no such task) answers 404 in the error envelope"""
    error(client.delete("/api/tasks/99"), 404, "DELETE /api/tasks/99")


@pytest.mark.hint("Take ids from a counter (task_ids), not from len(tasks) + 1 or the highest id + 1.",
                  section="delete-and-204")
def test_ids_are_not_reused(client):
    """After DELETE /api/tasks/3, a new task gets a fresh id, not one a task already had"""
    expect.status(client.delete("/api/tasks/3"), 204, "DELETE /api/tasks/3")
    _, task = created(client)
    expect.that(task["id"] not in (1, 2, 3), "a fresh id for the new task (4)", f"id {task['id']}")


@pytest.mark.parametrize(("task_id", "status"), [
    pytest.param(3, "completed", id="task 3 to completed"),
    pytest.param(1, "pending", id="task 1 to pending"),
])
@pytest.mark.hint('Set task["status"] and answer success_response(task): 200 with the updated task.',
                  section="updating-with-put")
def test_put_status_answers_updated_task(client, task_id, status):
    """PUT /api/tasks/<id>/status with a valid status answers 200 with the updated task"""
    response = client.put(f"/api/tasks/{task_id}/status", json={"status": status})
    data = success(response, 200, f"PUT /api/tasks/{task_id}/status")
    expect.equal(data, {"id": task_id, "title": TITLES[task_id], "status": status}, '"data"')


@pytest.mark.hint("Change the stored task itself, not a copy, so every later request sees it.",
                  section="updating-with-put")
def test_put_status_is_kept(client):
    """After PUT /api/tasks/3/status to completed, GET /api/tasks/3 shows it completed"""
    expect.status(client.put("/api/tasks/3/status", json={"status": "completed"}), 200, "PUT /api/tasks/3/status")
    expect.equal(current_status(client, 3), "completed", '"status" of task 3 afterwards')


@pytest.mark.parametrize("body", [
    pytest.param({}, id="no-status"),
    pytest.param({"status": "done"}, id="unknown-status"),
    pytest.param({"status": ["completed"]}, id="list-status"),
    pytest.param(["completed"], id="list-body"),
])
@pytest.mark.hint('Only "pending" and "completed" are allowed: check before you change anything, else abort(400).',
                  section="updating-with-put")
def test_put_bad_status_is_400(client, body):
    """PUT /api/tasks/3/status with a missing or unknown status answers 400 and leaves the task as it was"""
    response = client.put("/api/tasks/3/status", json=body)
    error(response, 400, f"PUT /api/tasks/3/status with {body!r}")
    expect.equal(current_status(client, 3), "pending", '"status" of task 3 after the rejected PUT')


@pytest.mark.hint("Check request.is_json (as for POST) and abort(415) when it is false.", section="updating-with-put")
def test_put_form_body_is_415(client):
    """PUT /api/tasks/3/status with a form body instead of JSON answers 415 in the error envelope"""
    response = client.put("/api/tasks/3/status", data={"status": "completed"})
    error(response, 415, "PUT /api/tasks/3/status with form data")


@pytest.mark.hint("Find the task first and abort(404) when there is none.", section="updating-with-put")
def test_put_unknown_task_is_404(client):
    """PUT /api/tasks/99/status (no such task) answers 404 in the error envelope"""
    response = client.put("/api/tasks/99/status", json={"status": "completed"})
    error(response, 404, "PUT /api/tasks/99/status")
