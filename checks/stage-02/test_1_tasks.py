"""Stage 02 · Routing and request data: listing, filtering, fetching and creating in-memory tasks."""

import pytest

import expect

SEEDED = [
    {"id": 1, "title": "Learn Flask Basics", "status": "completed"},
    {"id": 2, "title": "Build First API", "status": "completed"},
    {"id": 3, "title": "Explore Routing", "status": "pending"},
]


def error_answer(response, code: int, request: str) -> None:
    """The response has the status code and a JSON object body with a non-empty "error" message."""
    expect.status(response, code, request)
    body = expect.json_object(response, request)
    message = expect.key(body, "error", str, where=f"the body of {request}")
    expect.that(bool(message.strip()), 'a non-empty "error" message', expect.shown(message))


def task_list(response, request: str) -> list:
    """The response is 200 with a JSON list; return it."""
    expect.status(response, 200, request)
    body = expect.json_body(response, request)
    got = f"a {type(body).__name__}: {body!r:.200}"
    expect.that(isinstance(body, list), f"{request} to answer a JSON list [...]", got)
    return body


def create(client, title, request: str = "POST /api/tasks") -> dict:
    """POST a task with this title, expect 201 and a task object; return the task."""
    response = client.post("/api/tasks", json={"title": title})
    expect.status(response, 201, request)
    return expect.json_object(response, request)


# --- Listing and filtering -------------------------------------------------------------------------------------


@pytest.mark.hint("Keep the list route the starter gives you: it answers the three seeded tasks.",
                  section="routes-and-url-converters")
def test_list_answers_seeded_tasks(client):
    """GET /api/tasks answers 200 with the three seeded tasks, as a JSON list"""
    tasks = task_list(client.get("/api/tasks"), "GET /api/tasks")
    expect.equal(tasks, SEEDED, "the list of tasks")


@pytest.mark.parametrize(("status", "ids"), [("pending", [3]), ("completed", [1, 2])], ids=["pending", "completed"])
@pytest.mark.hint("Read the filter with request.args.get('status') and keep only the tasks whose status matches.",
                  section="query-strings")
def test_filter_by_status(client, status, ids):
    """GET /api/tasks?status=... answers only the tasks with that status"""
    request = f"GET /api/tasks?status={status}"
    tasks = task_list(client.get(f"/api/tasks?status={status}"), request)
    got = [task.get("id") if isinstance(task, dict) else task for task in tasks]
    expect.equal(got, ids, f"the ids of the tasks in {request}")


# --- One task by id --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("task_id", [1, 3])
@pytest.mark.hint("Look the id up in the list of tasks and return the matching task as JSON.",
                  section="routes-and-url-converters")
def test_get_task_by_id(client, task_id):
    """GET /api/tasks/<id> answers 200 with that task"""
    request = f"GET /api/tasks/{task_id}"
    response = client.get(f"/api/tasks/{task_id}")
    expect.status(response, 200, request)
    expect.equal(expect.json_object(response, request), SEEDED[task_id - 1], f"the task {request} answers")


@pytest.mark.hint("No task with that id: abort(404, description=...); your error handler keeps the 404 and sends JSON.",
                  section="status-codes-400-404-and-415")
def test_unknown_id_is_404(client):
    """GET /api/tasks/99 (no such task) answers 404 with a JSON {"error": ...} body"""
    error_answer(client.get("/api/tasks/99"), 404, "GET /api/tasks/99")


@pytest.mark.hint("The <int:...> converter already refuses 'abc'; an @app.errorhandler(404) makes that 404 JSON.",
                  section="error-handlers-with-json")
def test_non_integer_id_is_json_404(client):
    """GET /api/tasks/abc (not a number) answers 404 with a JSON {"error": ...} body"""
    error_answer(client.get("/api/tasks/abc"), 404, "GET /api/tasks/abc")


# --- Creating a task -------------------------------------------------------------------------------------------


@pytest.mark.hint("Answer the new task with jsonify(task), 201; its id is 4 and its status is \"pending\".",
                  section="json-request-bodies")
def test_create_answers_201_with_task(client):
    """POST /api/tasks with {"title": "Write tests"} answers 201 with task 4, pending"""
    task = create(client, "Write tests")
    expect.equal(expect.key(task, "id", int), 4, 'the new task\'s "id"')
    expect.equal(expect.key(task, "title", str), "Write tests", 'the new task\'s "title"')
    expect.equal(expect.key(task, "status", str), "pending", 'the new task\'s "status"')


@pytest.mark.hint("Store title.strip(), not the title as it arrived.", section="validating-input")
def test_create_strips_title(client):
    """POST /api/tasks stores the title without surrounding spaces"""
    task = create(client, "   Write tests  ")
    expect.equal(task.get("title"), "Write tests", 'the new task\'s "title"')


@pytest.mark.hint("Take each id from a counter that goes up by one per task created.", section="json-request-bodies")
def test_created_ids_follow_on(client):
    """Two POSTs to /api/tasks get ids 4 and then 5"""
    first = create(client, "Write tests", "the first POST /api/tasks")
    second = create(client, "Ship it", "the second POST /api/tasks")
    expect.equal([first.get("id"), second.get("id")], [4, 5], "the ids of the two new tasks")


@pytest.mark.hint("Append the new task to the list the other routes read from.", section="json-request-bodies")
def test_created_task_is_listed(client):
    """After POST /api/tasks, GET /api/tasks and ?status=pending include the new task"""
    task = create(client, "Write tests")
    listed = task_list(client.get("/api/tasks"), "GET /api/tasks after the POST")
    expect.equal(listed, SEEDED + [task], "the list after creating a task")
    pending = task_list(client.get("/api/tasks?status=pending"), "GET /api/tasks?status=pending after the POST")
    expect.equal(pending, [SEEDED[2], task], "the pending tasks after creating one")


@pytest.mark.hint("Append the new task to the list the other routes read from.", section="json-request-bodies")
def test_created_task_is_fetchable(client):
    """After POST /api/tasks, GET /api/tasks/4 answers the new task"""
    task = create(client, "Write tests")
    response = client.get("/api/tasks/4")
    expect.status(response, 200, "GET /api/tasks/4 after the POST")
    expect.equal(expect.json_object(response, "GET /api/tasks/4"), task, "the task GET /api/tasks/4 answers")


@pytest.mark.parametrize("body", [
    pytest.param({}, id="no title"),
    pytest.param({"title": "   "}, id="blank title"),
    pytest.param({"title": 42}, id="number title"),
    pytest.param({"title": ["Write tests"]}, id="list title"),
])
@pytest.mark.hint('Check that "title" is there, is a str and is not empty once stripped; abort(400) if not.',
                  section="validating-input")
def test_bad_title_is_400(client, body):
    """POST /api/tasks with a missing, blank or non-string title answers 400 with a JSON error"""
    error_answer(client.post("/api/tasks", json=body), 400, f"POST /api/tasks with {body}")


@pytest.mark.parametrize("body", [
    pytest.param(["Write tests"], id="a list"),
    pytest.param("Write tests", id="a string"),
])
@pytest.mark.hint("get_json() can return a list or a str: check isinstance(data, dict) before data.get(...).",
                  section="validating-input")
def test_body_not_an_object_is_400(client, body):
    """POST /api/tasks whose JSON body is not an object answers 400 with a JSON error"""
    error_answer(client.post("/api/tasks", json=body), 400, f"POST /api/tasks with the JSON body {body!r}")


@pytest.mark.hint("Flask raises a 400 for broken JSON; your 400 error handler turns it into JSON.",
                  section="error-handlers-with-json")
def test_malformed_json_is_400(client):
    """POST /api/tasks with broken JSON ({"title": ) answers 400 with a JSON error"""
    response = client.post("/api/tasks", data='{"title": ', content_type="application/json")
    error_answer(response, 400, "POST /api/tasks with broken JSON")


@pytest.mark.parametrize(("data", "content_type"), [
    pytest.param("title=Write+tests", "application/x-www-form-urlencoded", id="form data"),
    pytest.param('{"title": "Write tests"}', "text/plain", id="JSON sent as text/plain"),
])
@pytest.mark.hint("Check request.is_json first and abort(415) when the body is not sent as JSON.",
                  section="status-codes-400-404-and-415")
def test_non_json_body_is_415(client, data, content_type):
    """POST /api/tasks with a body that is not sent as JSON answers 415 with a JSON error"""
    response = client.post("/api/tasks", data=data, content_type=content_type)
    error_answer(response, 415, f"POST /api/tasks with Content-Type: {content_type}")


@pytest.mark.hint("Validate first and append only when everything is right.", section="validating-input")
def test_rejected_post_adds_nothing(client):
    """A rejected POST /api/tasks leaves the list of tasks as it was"""
    blank = client.post("/api/tasks", json={"title": ""})
    expect.status(blank, 400, 'POST /api/tasks with {"title": ""}')
    form = client.post("/api/tasks", data="title=Write+tests", content_type="application/x-www-form-urlencoded")
    expect.status(form, 415, "POST /api/tasks with form data")
    listed = task_list(client.get("/api/tasks"), "GET /api/tasks after two rejected POSTs")
    expect.equal(listed, SEEDED, "the list after two rejected POSTs")
