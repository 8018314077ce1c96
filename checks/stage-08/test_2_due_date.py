"""Stage 08 · due_date through the API: an optional date, sent and answered as YYYY-MM-DD, on a migrated database."""

import json

import pytest

import expect
from migration_steps import COLLECTION, create, logged_in, upgraded

TASK_FIELDS = ("id", "title", "description", "status", "due_date", "created_at", "updated_at")
DUE = "2026-03-15"


@pytest.fixture
def headers(runner, client):
    """Build the testing app's tables with flask db upgrade, then register and log in: the headers to send."""
    upgraded(runner)
    return logged_in(client)


def fetch(client, headers: dict, task_id: int) -> dict:
    """GET one task, expect 200; return it."""
    request = f"GET {COLLECTION}{task_id}"
    task = expect.success(client.get(f"{COLLECTION}{task_id}", headers=headers), 200, request)
    expect.that(isinstance(task, dict), f"the data of {request} to be the task", expect.shown(task, 200))
    return task


def due_date_of(task: dict, where: str):
    """The due_date a task answer holds (the key must be there, even when its value is null)."""
    return expect.key(task, "due_date", where=where)


@pytest.mark.hint("Add due_date to the Task model and to the schema as fields.Date: it loads \"YYYY-MM-DD\" into a "
                  "date and dumps it back the same way.", section="dates-in-the-schema", todo="todo-due-date-field")
def test_create_with_due_date(client, headers):
    """POST /api/tasks/ with "due_date": "2026-03-15" answers 201 with that date, and GET answers it too"""
    body = {"title": "Plan the release", "due_date": DUE}
    task = create(client, headers, body)
    expect.equal(due_date_of(task, f"the task POST {COLLECTION} answers"), DUE,
                 f'"due_date" in the answer to POST {COLLECTION} with {json.dumps(body)}')
    expect.equal(due_date_of(fetch(client, headers, task["id"]), "the task GET answers"), DUE,
                 f'"due_date" in the answer to GET {COLLECTION}{task["id"]}')


@pytest.mark.hint("due_date is optional: a nullable column, and a schema field with allow_none=True and "
                  "load_default=None.", section="a-due-date-for-tasks", todo="todo-due-date-column")
def test_due_date_is_optional(client, headers):
    """POST /api/tasks/ without a due_date answers 201 with "due_date": null"""
    task = create(client, headers, {"title": "Some day"})
    expect.equal(due_date_of(task, f"the task POST {COLLECTION} answers"), None,
                 f'"due_date" of a task created without one')


@pytest.mark.parametrize("value", [
    pytest.param("2026-02-30", id="30 February"),
    pytest.param("tomorrow", id="a word"),
    pytest.param("15/03/2026", id="day/month/year"),
    pytest.param(20260315, id="a number"),
])
@pytest.mark.hint("Declare due_date as fields.Date in the schema: it refuses anything that is not a real date "
                  "written YYYY-MM-DD, and the ValidationError handler answers 422.", section="dates-in-the-schema",
                  todo="todo-due-date-field")
def test_invalid_due_date_is_422(client, headers, value):
    """POST /api/tasks/ with a due_date that is not a real YYYY-MM-DD date answers 422 naming due_date"""
    body = {"title": "Leap", "due_date": value}
    request = f"POST {COLLECTION} with {json.dumps(body)}"
    response = client.post(COLLECTION, json=body, headers=headers)
    expect.error(response, 422, request)
    details = response.get_json()["error"].get("details")
    expect.that(isinstance(details, dict) and "due_date" in details, f'the details of {request} to name "due_date"',
                expect.shown(details, 200))
    tasks = expect.success(client.get(COLLECTION, headers=headers), 200, f"GET {COLLECTION}")
    expect.equal(tasks, [], "the tasks after the refused POST")


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("2026-04-01", "2026-04-01", id="a new date"),
    pytest.param(None, None, id="null clears it"),
])
@pytest.mark.hint("PATCH loads with partial=True: a due_date that is sent is set, and null (allow_none=True) clears "
                  "it.", section="dates-in-the-schema", todo="todo-due-date-field")
def test_patch_due_date(client, headers, value, expected):
    """PATCH /api/tasks/<id> with a due_date sets it, and with null clears it"""
    task = create(client, headers, {"title": "Plan the release", "due_date": DUE})
    path = f"{COLLECTION}{task['id']}"
    body = {"due_date": value}
    request = f"PATCH {path} with {json.dumps(body)}"
    patched = expect.success(client.patch(path, json=body, headers=headers), 200, request)
    expect.equal(due_date_of(patched, f"the task {request} answers"), expected,
                 f'"due_date" in the answer to {request}')
    expect.equal(due_date_of(fetch(client, headers, task["id"]), f"the task GET {path} answers"), expected,
                 f'"due_date" in the answer to GET {path} after the PATCH')


@pytest.mark.hint("PUT replaces the whole task: give the schema's due_date load_default=None, as description has, so "
                  "a due_date left out becomes null.", section="dates-in-the-schema", todo="todo-due-date-field")
def test_put_without_due_date_clears_it(client, headers):
    """PUT /api/tasks/<id> without a due_date replaces it with null"""
    task = create(client, headers, {"title": "Plan the release", "due_date": DUE})
    path = f"{COLLECTION}{task['id']}"
    body = {"title": "Plan the next release", "status": "pending"}
    request = f"PUT {path} with {json.dumps(body)}"
    replaced = expect.success(client.put(path, json=body, headers=headers), 200, request)
    expect.equal(due_date_of(replaced, f"the task {request} answers"), None, f'"due_date" in the answer to {request}')


@pytest.mark.parametrize("which", ["POST", "GET one", "GET list"])
@pytest.mark.hint("The schema dumps every model column: the six fields of stage 07 and due_date, nothing else.",
                  section="dates-in-the-schema")
def test_task_has_seven_fields(client, headers, which):
    """Each answer shows a task as exactly id, title, description, status, due_date, created_at and updated_at"""
    task = create(client, headers, {"title": "Plan the release", "due_date": DUE})
    if which == "GET one":
        task = fetch(client, headers, task["id"])
    elif which == "GET list":
        tasks = expect.success(client.get(COLLECTION, headers=headers), 200, f"GET {COLLECTION}")
        expect.that(isinstance(tasks, list) and len(tasks) == 1, f"GET {COLLECTION} to list the one task",
                    expect.shown(tasks, 200))
        task = tasks[0]
    missing = [name for name in TASK_FIELDS if name not in task]
    extra = sorted(name for name in task if name not in TASK_FIELDS)
    expect.that(not missing and not extra, f"the task ({which}) to have exactly the fields {', '.join(TASK_FIELDS)}",
                f"missing {missing or 'none'}, extra {extra or 'none'}")
