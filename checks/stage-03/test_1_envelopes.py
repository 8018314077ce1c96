"""Stage 03 · Responses and status codes: the stage-02 task rules, now answered in envelopes."""

import pytest

import expect
from expect import error, success

SEEDED = {
    1: {"id": 1, "title": "Learn Flask Basics", "status": "completed"},
    2: {"id": 2, "title": "Build First API", "status": "completed"},
    3: {"id": 3, "title": "Explore Routing", "status": "pending"},
}


def listed_tasks(response, request: str) -> list[dict]:
    """The tasks in a success envelope's "data", checked to be a list of objects."""
    data = success(response, 200, request)
    expect.that(isinstance(data, list), '"data" to be a list of tasks', expect.shown(data, 200))
    for task in data:
        expect.that(isinstance(task, dict), "every task in the list to be an object", expect.shown(task, 200))
    return data


def ids_of(tasks: list[dict]) -> list:
    """The tasks' ids in order (sorted as text, so odd values cannot break the sort)."""
    return sorted((task.get("id") for task in tasks), key=str)


@pytest.mark.hint('success_response() must wrap what it is given: {"status": "success", "data": data}.',
                  section="a-consistent-response-envelope")
def test_list_in_success_envelope(client):
    """GET /api/tasks answers 200 with the three tasks inside {"status": "success", "data": [...]}"""
    tasks = listed_tasks(client.get("/api/tasks"), "GET /api/tasks")
    expect.equal(ids_of(tasks), [1, 2, 3], 'the ids of the tasks in "data"')
    for task in tasks:
        expect.equal(task, SEEDED[task["id"]], f"task {task['id']} in the list")


@pytest.mark.parametrize(("status", "ids"), [
    pytest.param("pending", [3], id="pending"),
    pytest.param("completed", [1, 2], id="completed"),
])
@pytest.mark.hint("Filter first, then wrap the filtered list in the envelope.",
                  section="a-consistent-response-envelope")
def test_status_filter_in_envelope(client, status, ids):
    """GET /api/tasks?status=... lists only the tasks with that status, inside the success envelope"""
    tasks = listed_tasks(client.get(f"/api/tasks?status={status}"), f"GET /api/tasks?status={status}")
    expect.equal(ids_of(tasks), ids, f"the ids listed for status={status}")


@pytest.mark.hint('One task is an object under "data".', section="a-consistent-response-envelope")
def test_one_task_in_envelope(client):
    """GET /api/tasks/2 answers 200 with that task as the envelope's "data\""""
    data = success(client.get("/api/tasks/2"), 200, "GET /api/tasks/2")
    expect.equal(data, SEEDED[2], '"data"')


@pytest.mark.hint("abort(404) reaches your HTTPException handler, which answers with error_response(): "
                  "make that build the error envelope.",
                  section="json-error-handlers-for-every-error")
def test_unknown_task_is_404_envelope(client):
    """GET /api/tasks/99 (no such task) answers 404 in the error envelope"""
    error(client.get("/api/tasks/99"), 404, "GET /api/tasks/99")


@pytest.mark.hint("Answer success_response(task, 201): 201 Created says a new resource exists.", section="status-codes")
def test_create_answers_201_envelope(client):
    """POST /api/tasks with a title answers 201 with the new pending task (title stripped) as "data\""""
    response = client.post("/api/tasks", json={"title": "  Write the docs  "})
    data = success(response, 201, "POST /api/tasks")
    expect.equal(data, {"id": 4, "title": "Write the docs", "status": "pending"}, '"data"')


@pytest.mark.parametrize("body", [
    pytest.param({}, id="no-title"),
    pytest.param({"title": "   "}, id="blank-title"),
    pytest.param({"title": 42}, id="number-title"),
    pytest.param([{"title": "A list, not an object"}], id="list-body"),
])
@pytest.mark.hint("Keep stage 02's title rules: each failure is abort(400, ...), answered as an error envelope.",
                  section="status-codes")
def test_bad_title_is_400_envelope(client, body):
    """POST /api/tasks with a missing, blank or non-string title (or a non-object body) answers 400"""
    response = client.post("/api/tasks", json=body)
    error(response, 400, f"POST /api/tasks with {body!r}")
    tasks = listed_tasks(client.get("/api/tasks"), "GET /api/tasks")
    expect.equal(len(tasks), 3, "the number of tasks after the rejected POST")


@pytest.mark.hint("Check request.is_json first and abort(415) when it is false.", section="status-codes")
def test_form_body_is_415_envelope(client):
    """POST /api/tasks with a form body instead of JSON answers 415 in the error envelope"""
    response = client.post("/api/tasks", data={"title": "From a form"})
    error(response, 415, "POST /api/tasks with form data")


@pytest.mark.hint("Flask raises a 400 for JSON it cannot parse; your HTTPException handler must envelope it too.",
                  section="json-error-handlers-for-every-error")
def test_broken_json_is_400_envelope(client):
    """POST /api/tasks with broken JSON answers 400 in the error envelope"""
    response = client.post("/api/tasks", data='{"title": ', content_type="application/json")
    error(response, 400, "POST /api/tasks with broken JSON")
