"""Stage 06 · What the schema lets through is saved, and every answer dumps a task the same way."""

import pytest

import expect
from task_requests import COLLECTION, as_json, create, fetch, task_list, task_shape, writable

ANSWERS = ["POST", "GET one", "GET list", "PUT", "PATCH"]


def answer_for(client, which: str):
    """A task as one kind of answer shows it, and the request that was sent."""
    task = create(client, {"title": "Write the report", "description": "Two pages"})
    item = f"/api/tasks/{task['id']}"
    if which == "POST":
        return task, f"POST {COLLECTION}"
    if which == "GET one":
        return expect.success(client.get(item), 200, f"GET {item}"), f"GET {item}"
    if which == "GET list":
        tasks = task_list(client)
        expect.equal(len(tasks), 1, f"the number of tasks GET {COLLECTION} lists")
        return tasks[0], f"GET {COLLECTION}"
    body = {"title": "Final", "status": "completed"} if which == "PUT" else {"status": "completed"}
    request = f"{which} {item} with {as_json(body)}"
    return expect.success(client.open(item, method=which, json=body), 200, request), request


@pytest.mark.parametrize("which", ANSWERS)
@pytest.mark.hint("Dump every task with the schema (task_schema.dump, or a many=True schema for the list); "
                  "DateTime fields dump as ISO 8601 strings.", section="load-and-dump")
def test_answer_dumps_task_fields(client, which):
    """Each answer shows a task as exactly id, title, description, status, created_at and updated_at (ISO 8601)"""
    task, request = answer_for(client, which)
    task_shape(task, f"the task {request} answers")


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param({"title": "  Write the report  ", "description": "Two pages"},
                 {"title": "Write the report", "description": "Two pages", "status": "pending"},
                 id="title with spaces around it"),
    pytest.param({"title": "x" * 150}, {"title": "x" * 150, "description": None, "status": "pending"},
                 id="150-character title"),
    pytest.param({"title": " " + "x" * 150 + "  "}, {"title": "x" * 150, "description": None, "status": "pending"},
                 id="150-character title between spaces"),
    pytest.param({"title": "Done already", "status": "completed", "description": None},
                 {"title": "Done already", "description": None, "status": "completed"},
                 id="status and null description"),
])
@pytest.mark.hint("POST loads with status optional (the model's default is \"pending\"), description null when left "
                  "out, and the title stripped before its length is checked.", section="partial-loading",
                  todo="todo-create-load")
def test_valid_post_is_saved(client, body, expected):
    """POST /api/tasks/ with valid input answers 201 with the task, stripped title included, and saves it"""
    request = f"POST {COLLECTION} with {as_json(body)}"
    response = expect.tasks_reached(client.post(COLLECTION, json=body), request)
    task = task_shape(expect.success(response, 201, request), f"the task {request} answers")
    expect.equal(writable(task), expected, f"the title, description and status {request} answers")
    location = response.headers.get("Location")
    expect.that(bool(location) and location.endswith(f"/api/tasks/{task['id']}"),
                f"a Location header ending in /api/tasks/{task['id']}", expect.shown(location))
    expect.equal(fetch(client, task["id"]), task, f"the task GET /api/tasks/{task['id']} answers after the POST")


@pytest.mark.hint("PUT loads the full task; a description left out is loaded as null (load_default=None), then "
                  "every loaded field is set on the task.", section="partial-loading", todo="todo-replace-load")
def test_valid_put_replaces_and_saves(client):
    """PUT /api/tasks/<id> with title and status replaces the task (a description left out becomes null) and saves it"""
    task = create(client, {"title": "Draft", "description": "Rough notes"})
    body = {"title": "Final", "status": "completed"}
    request = f"PUT /api/tasks/{task['id']} with {as_json(body)}"
    replaced = task_shape(expect.success(client.put(f"/api/tasks/{task['id']}", json=body), 200, request),
                          f"the task {request} answers")
    expect.equal(writable(replaced), {"title": "Final", "description": None, "status": "completed"},
                 f"the title, description and status {request} answers")
    expect.equal(replaced["id"], task["id"], f'the "id" {request} answers')
    expect.equal(replaced["created_at"], task["created_at"], f'the "created_at" {request} answers (kept from before)')
    expect.equal(fetch(client, task["id"]), replaced, f"the task GET /api/tasks/{task['id']} answers after the PUT")


@pytest.mark.parametrize("body", [
    pytest.param({"status": "completed"}, id="status"),
    pytest.param({"title": "  Renamed  "}, id="title"),
    pytest.param({"description": None}, id="null description"),
])
@pytest.mark.hint("PATCH loads with partial=True and sets only the fields it loaded.", section="partial-loading",
                  todo="todo-update-load")
def test_valid_patch_changes_only_what_is_sent(client, body):
    """PATCH /api/tasks/<id> changes only the fields sent, keeps the others, and saves the change"""
    task = create(client, {"title": "Draft", "description": "Rough notes"})
    request = f"PATCH /api/tasks/{task['id']} with {as_json(body)}"
    patched = task_shape(expect.success(client.patch(f"/api/tasks/{task['id']}", json=body), 200, request),
                         f"the task {request} answers")
    expected = writable(task) | {name: value.strip() if isinstance(value, str) else value
                                 for name, value in body.items()}
    expect.equal(writable(patched), expected, f"the title, description and status {request} answers")
    expect.equal(writable(fetch(client, task["id"])), expected,
                 f"the title, description and status GET /api/tasks/{task['id']} answers after the PATCH")
