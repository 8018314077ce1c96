"""Stage 05 · The task API of stage 04, now served by the tasks blueprint under /api/tasks/."""

from datetime import datetime

import pytest

import expect

COLLECTION = "/api/tasks/"
UNKNOWN_ID = 999


def create(client, body: dict, request: str = "POST /api/tasks/") -> dict:
    """POST a task, expect 201 with the new task in the success envelope; return the task."""
    task = expect.success(expect.tasks_reached(client.post(COLLECTION, json=body), request), 201, request)
    expect.that(isinstance(task, dict), f'the "data" of {request} to be the new task', expect.shown(task, 200))
    return task


def task_list(client, query: str = "") -> list:
    """GET the collection (with an optional query string); return the list of tasks."""
    request = f"GET {COLLECTION}{query}"
    data = expect.success(expect.tasks_reached(client.get(COLLECTION + query), request), 200, request)
    expect.that(isinstance(data, list), f'the "data" of {request} to be a list', expect.shown(data, 200))
    return data


def ids(tasks: list) -> list:
    """The ids of a list of tasks."""
    return [task.get("id") if isinstance(task, dict) else task for task in tasks]


def is_iso_timestamp(value) -> bool:
    """Whether value is an ISO 8601 date and time."""
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


# --- Creating and reading --------------------------------------------------------------------------------------


@pytest.mark.hint("The create route keeps its stage 04 rules; only its URL changed, to the blueprint's \"/\".",
                  section="the-tasks-blueprint")
def test_create_answers_201_with_task(client):
    """POST /api/tasks/ answers 201 with the new task: stripped title, description, "pending", ISO timestamps"""
    response = expect.tasks_reached(client.post(COLLECTION, json={"title": "  Write the report  ", "description": "Two pages"}),
                       "POST /api/tasks/")
    task = expect.success(response, 201, "POST /api/tasks/")
    expect.that(isinstance(task, dict), 'the "data" of POST /api/tasks/ to be the new task', expect.shown(task, 200))
    expect.key(task, "id", int, where="the new task")
    expect.equal(expect.key(task, "title", where="the new task"), "Write the report", 'the new task\'s "title"')
    expect.equal(expect.key(task, "description", where="the new task"), "Two pages", 'the new task\'s "description"')
    expect.equal(expect.key(task, "status", where="the new task"), "pending", 'the new task\'s "status"')
    for name in ("created_at", "updated_at"):
        value = expect.key(task, name, str, where="the new task")
        expect.that(is_iso_timestamp(value), f'"{name}" to be an ISO 8601 timestamp', expect.shown(value))


@pytest.mark.hint('Build the Location with url_for("tasks.get_task", ...): inside a blueprint, endpoints start '
                  "with the blueprint's name.", section="the-tasks-blueprint")
def test_create_location_leads_to_task(client):
    """POST /api/tasks/ sends a Location header, and GET on it answers the new task"""
    response = expect.tasks_reached(client.post(COLLECTION, json={"title": "Find me"}), "POST /api/tasks/")
    task = expect.success(response, 201, "POST /api/tasks/")
    location = response.headers.get("Location")
    expect.that(bool(location) and location.endswith(f"/api/tasks/{task.get('id')}"),
                f"a Location header ending in /api/tasks/{task.get('id')}", expect.shown(location))
    fetched = expect.success(client.get(f"/api/tasks/{task.get('id')}"), 200, f"GET /api/tasks/{task.get('id')}")
    expect.equal(fetched, task, f"the task GET /api/tasks/{task.get('id')} answers")


@pytest.mark.parametrize("body", [
    pytest.param({}, id="no title"),
    pytest.param({"title": "   "}, id="blank title"),
    pytest.param({"title": "x" * 151}, id="151-character title"),
    pytest.param({"title": "Fine", "description": 5}, id="number description"),
    pytest.param(["Write the report"], id="body is a list"),
])
@pytest.mark.hint("Validate as in stage 04: a JSON object, a non-blank title of at most 150 characters, a string or "
                  "null description.", section="the-tasks-blueprint")
def test_bad_post_is_400(client, body):
    """POST /api/tasks/ with an invalid body answers 400 in the error envelope and creates nothing"""
    request = f"POST /api/tasks/ with {body!r:.60}"
    expect.error(expect.tasks_reached(client.post(COLLECTION, json=body), request), 400, request)
    expect.equal(task_list(client), [], "the tasks after a rejected POST")


@pytest.mark.hint("Check request.is_json first and abort(415) when the body is not sent as JSON.",
                  section="the-tasks-blueprint")
def test_non_json_post_is_415(client):
    """POST /api/tasks/ with form data answers 415 in the error envelope"""
    response = expect.tasks_reached(client.post(COLLECTION, data="title=Report", content_type="application/x-www-form-urlencoded"),
                       "POST /api/tasks/ with form data")
    expect.error(response, 415, "POST /api/tasks/ with form data")


# --- Listing ---------------------------------------------------------------------------------------------------


@pytest.mark.hint("Order by created_at, newest first, and by id as well for tasks made in the same second.",
                  section="the-tasks-blueprint")
def test_list_is_newest_first(client):
    """GET /api/tasks/ lists the tasks newest first"""
    made = [create(client, {"title": title})["id"] for title in ("First", "Second", "Third")]
    expect.equal(ids(task_list(client)), made[::-1], "the ids GET /api/tasks/ lists")


@pytest.mark.parametrize("status", ["pending", "completed"])
@pytest.mark.hint("Filter with .where(Task.status == status) when ?status= is given.", section="the-tasks-blueprint")
def test_filter_by_status(client, status):
    """GET /api/tasks/?status=... lists only the tasks with that status"""
    pending = create(client, {"title": "Still to do"})["id"]
    done = create(client, {"title": "Done already"})["id"]
    expect.success(client.patch(f"/api/tasks/{done}", json={"status": "completed"}), 200,
                   f"PATCH /api/tasks/{done} with {{\"status\": \"completed\"}}")
    wanted = {"pending": [pending], "completed": [done]}[status]
    expect.equal(ids(task_list(client, f"?status={status}")), wanted, f"the ids listed for ?status={status}")


@pytest.mark.hint('Any ?status= other than "pending" or "completed" is a 400.', section="the-tasks-blueprint")
def test_bad_status_filter_is_400(client):
    """GET /api/tasks/?status=done (not a status) answers 400 in the error envelope"""
    request = "GET /api/tasks/?status=done"
    expect.error(expect.tasks_reached(client.get(COLLECTION + "?status=done"), request), 400, request)


# --- Changing and deleting -------------------------------------------------------------------------------------


@pytest.mark.hint("PUT replaces the task: title and status from the body, and description null when left out.",
                  section="the-tasks-blueprint")
def test_put_replaces_task(client):
    """PUT /api/tasks/<id> with title and status replaces the task (a description left out becomes null)"""
    task_id = create(client, {"title": "Draft", "description": "Rough notes"})["id"]
    request = f"PUT /api/tasks/{task_id}"
    task = expect.success(client.put(f"/api/tasks/{task_id}", json={"title": "Final", "status": "completed"}),
                          200, request)
    got = {name: task.get(name) for name in ("id", "title", "description", "status")}
    expect.equal(got, {"id": task_id, "title": "Final", "description": None, "status": "completed"},
                 f"the task {request} answers")


@pytest.mark.parametrize("body", [
    pytest.param({"title": "Final"}, id="no status"),
    pytest.param({"title": "Final", "status": "done"}, id="unknown status"),
])
@pytest.mark.hint("PUT needs both title and status, each valid; anything else is a 400.", section="the-tasks-blueprint")
def test_bad_put_is_400(client, body):
    """PUT /api/tasks/<id> without title or status, or with a bad one, answers 400 in the error envelope"""
    task_id = create(client, {"title": "Draft"})["id"]
    expect.error(client.put(f"/api/tasks/{task_id}", json=body), 400, f"PUT /api/tasks/{task_id} with {body}")


@pytest.mark.hint("PATCH sets only the fields the body names and keeps the others.", section="the-tasks-blueprint")
def test_patch_changes_only_what_is_sent(client):
    """PATCH /api/tasks/<id> with {"status": "completed"} changes the status and keeps title and description"""
    task_id = create(client, {"title": "Draft", "description": "Rough notes"})["id"]
    request = f"PATCH /api/tasks/{task_id}"
    task = expect.success(client.patch(f"/api/tasks/{task_id}", json={"status": "completed"}), 200, request)
    got = {name: task.get(name) for name in ("title", "description", "status")}
    expect.equal(got, {"title": "Draft", "description": "Rough notes", "status": "completed"},
                 f"the task {request} answers")


@pytest.mark.parametrize("body", [
    pytest.param({}, id="no fields"),
    pytest.param({"status": "done"}, id="unknown status"),
])
@pytest.mark.hint("PATCH needs at least one of title, description and status, each valid.",
                  section="the-tasks-blueprint")
def test_bad_patch_is_400(client, body):
    """PATCH /api/tasks/<id> with no known field or a bad value answers 400 in the error envelope"""
    task_id = create(client, {"title": "Draft"})["id"]
    expect.error(client.patch(f"/api/tasks/{task_id}", json=body), 400, f"PATCH /api/tasks/{task_id} with {body}")


@pytest.mark.hint("Delete the row, commit, and answer 204 with an empty body.", section="the-tasks-blueprint")
def test_delete_then_gone(client):
    """DELETE /api/tasks/<id> answers 204 with no body, and the task is gone afterwards"""
    task_id = create(client, {"title": "Short-lived"})["id"]
    response = client.delete(f"/api/tasks/{task_id}")
    expect.status(response, 204, f"DELETE /api/tasks/{task_id}")
    expect.equal(response.get_data(as_text=True), "", f"the body of DELETE /api/tasks/{task_id}")
    expect.error(client.get(f"/api/tasks/{task_id}"), 404, f"GET /api/tasks/{task_id} after deleting it")


# --- Errors ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
@pytest.mark.hint("Look the task up with db.get_or_404 before anything else.", section="the-tasks-blueprint")
def test_unknown_id_is_404(client, method):
    """Every verb on /api/tasks/999 (no such task) answers 404 in the error envelope"""
    body = {"title": "Anything", "status": "pending"} if method in ("PUT", "PATCH") else None
    response = client.open(f"/api/tasks/{UNKNOWN_ID}", method=method, json=body)
    expect.error(response, 404, f"{method} /api/tasks/{UNKNOWN_ID}")


@pytest.mark.hint("The error handlers are registered on the app in create_app, so they cover every URL.",
                  section="error-handlers-for-the-whole-app")
def test_unknown_url_is_json_404(client):
    """GET /api/nothing-here answers 404 in the error envelope"""
    expect.error(client.get("/api/nothing-here"), 404, "GET /api/nothing-here")


@pytest.mark.hint("Keep the exception's headers in the HTTP error handler: a 405 carries Allow.",
                  section="error-handlers-for-the-whole-app")
def test_wrong_method_is_json_405_with_allow(client):
    """DELETE /api/tasks/ answers 405 in the error envelope, with an Allow header"""
    response = expect.tasks_reached(client.delete(COLLECTION), "DELETE /api/tasks/")
    expect.error(response, 405, "DELETE /api/tasks/")
    allow = response.headers.get("Allow", "")
    expect.that("GET" in allow and "POST" in allow, "an Allow header listing GET and POST", expect.shown(allow))
