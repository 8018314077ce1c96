"""Helpers for the stage 06 checks: send task requests, read the answers, and judge a refusal by its details."""

import json
from datetime import datetime

import expect

COLLECTION = "/api/tasks/"
TASK_FIELDS = ("id", "title", "description", "status", "created_at", "updated_at")
WRITABLE = ("title", "description", "status")


def as_json(body) -> str:
    """A request body as the JSON that is sent, with long strings cut short so a message stays readable."""
    if isinstance(body, dict):
        body = {key: f"<{len(value)} characters>" if isinstance(value, str) and len(value) > 40 else value
                for key, value in body.items()}
    return json.dumps(body)


def is_iso_timestamp(value) -> bool:
    """Whether value is a string holding an ISO 8601 date and time."""
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def task_shape(task, where: str) -> dict:
    """The value is a task with exactly the six fields, each of the right type; return it."""
    expect.that(isinstance(task, dict), f"{where} to be a task object {{...}}", expect.shown(task, 200))
    missing = [name for name in TASK_FIELDS if name not in task]
    extra = sorted(name for name in task if name not in TASK_FIELDS)
    expect.that(not missing and not extra, f"{where} to have exactly the fields {', '.join(TASK_FIELDS)}",
                f"missing {missing or 'none'}, extra {extra or 'none'}")
    expect.key(task, "id", int, where=where)
    expect.key(task, "title", str, where=where)
    expect.key(task, "description", (str, type(None)), where=where)
    expect.key(task, "status", str, where=where)
    for name in ("created_at", "updated_at"):
        value = task[name]
        expect.that(is_iso_timestamp(value),
                    f'"{name}" in {where} to be an ISO 8601 string like "2025-01-31T09:30:00"', expect.shown(value))
    return task


def with_id(task, where: str) -> dict:
    """The value is a task object with an integer id (the full shape has checks of its own); return it."""
    expect.that(isinstance(task, dict), f"{where} to be a task object {{...}}", expect.shown(task, 200))
    expect.key(task, "id", int, where=where)
    return task


def create(client, body: dict, request: str | None = None) -> dict:
    """POST a task, expect 201 with the new task in the success envelope; return the task."""
    request = request or f"POST {COLLECTION} with {as_json(body)}"
    task = expect.success(expect.tasks_reached(client.post(COLLECTION, json=body), request), 201, request)
    return with_id(task, f"the task {request} answers")


def fetch(client, task_id: int, request: str | None = None) -> dict:
    """GET one task, expect 200 with the task in the success envelope; return it."""
    request = request or f"GET /api/tasks/{task_id}"
    return with_id(expect.success(client.get(f"/api/tasks/{task_id}"), 200, request), f"the task {request} answers")


def task_list(client, query: str = "") -> list:
    """GET the collection (with an optional query string); return its list of tasks."""
    request = f"GET {COLLECTION}{query}"
    data = expect.success(expect.tasks_reached(client.get(COLLECTION + query), request), 200, request)
    expect.that(isinstance(data, list), f'the "data" of {request} to be a list', expect.shown(data, 200))
    return data


def ids(tasks: list) -> list:
    """The ids of a list of tasks, in order."""
    return [task.get("id") if isinstance(task, dict) else task for task in tasks]


def send(client, method: str, path: str, body):
    """Send body as JSON (any JSON value, even a bare string or null) with the given method."""
    return client.open(path, method=method, data=json.dumps(body), content_type="application/json")


def refused(response, request: str, field: str) -> None:
    """The answer is 422 in the error envelope, and its "details" name field with a list of messages."""
    expect.error(response, 422, request)
    error = response.get_json()["error"]
    details = error.get("details")
    expect.that(isinstance(details, dict), f'the error of {request} to hold "details", an object {{field: [messages]}}',
                f"{json.dumps(error)[:300]}")
    expect.that(field in details, f'the details of {request} to name the field "{field}"',
                f"details for {sorted(details) or 'no field'}: {json.dumps(details)[:200]}")
    messages = details[field]
    good = isinstance(messages, list) and messages and all(isinstance(m, str) and m.strip() for m in messages)
    expect.that(bool(good), f'details["{field}"] to be a list of messages (strings)', expect.shown(messages, 200))


def writable(task: dict) -> dict:
    """The fields of a task that a client may change."""
    return {name: task.get(name) for name in WRITABLE}


def unchanged(client, before: dict, after_what: str) -> None:
    """The task reads exactly as it did before the refused request."""
    now = fetch(client, before["id"], f"GET /api/tasks/{before['id']} {after_what}")
    expect.equal(now, before, f"the task {after_what} (it must not change)")
