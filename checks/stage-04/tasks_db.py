"""Helpers for the stage 04 checks: make and read tasks over HTTP, and reach the app's database through the worker."""

import json
import re

import expect

COLUMNS = ("id", "title", "description", "status", "created_at", "updated_at")
STATUSES = ("pending", "completed")
# A date and time as isoformat() writes it: 2025-01-31T09:30:00, with optional fractions of a second and offset.
ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def as_json(body) -> str:
    """A request body as the JSON that is sent, with long strings cut short so the message stays readable."""
    if isinstance(body, dict):
        body = {key: f"<{len(value)} characters>" if isinstance(value, str) and len(value) > 40 else value
                for key, value in body.items()}
    return json.dumps(body)


def task_shape(task, where: str = "the task") -> dict:
    """The value is a task object with every field of the right type; return it."""
    expect.that(isinstance(task, dict), f"{where} to be a task object {{...}}", expect.shown(task, 200))
    expect.key(task, "id", int, where=where)
    expect.key(task, "title", str, where=where)
    expect.key(task, "description", (str, type(None)), where=where)
    expect.key(task, "status", str, where=where)
    for name in ("created_at", "updated_at"):
        value = expect.key(task, name, str, where=where)
        expect.that(bool(ISO_8601.match(value)), f'"{name}" to be an ISO 8601 date and time like "2025-01-31T09:30:00"',
                    expect.shown(value))
    return task


def create(client, body: dict, request: str | None = None) -> dict:
    """POST a task, expect 201 and a task in the success envelope; return the task."""
    request = request or f"POST /api/tasks with {as_json(body)}"
    return task_shape(expect.success(client.post("/api/tasks", json=body), 201, request), f"the task {request} answers")


def fetch(client, task_id: int, request: str | None = None) -> dict:
    """GET one task, expect 200 and a task in the success envelope; return the task."""
    request = request or f"GET /api/tasks/{task_id}"
    return task_shape(expect.success(client.get(f"/api/tasks/{task_id}"), 200, request), f"the task {request} answers")


def listed(client, query: str = "", request: str | None = None) -> list:
    """GET the task list (with an optional query string), expect 200 and a list of tasks; return it."""
    request = request or f"GET /api/tasks{query}"
    data = expect.success(client.get(f"/api/tasks{query}"), 200, request)
    expect.that(isinstance(data, list), f'the "data" of {request} to be a list of tasks', expect.shown(data, 200))
    for task in data:
        task_shape(task, f"each task {request} answers")
    return data


def ids(tasks: list) -> list:
    """The ids of a list of tasks, in order."""
    return [task.get("id") for task in tasks]


def tasks_table(app_module) -> list[str]:
    """The columns of the tasks table as the app's models declare it, checking every column the stage asks for."""
    tables = app_module.tables()
    expect.that(tables is not None, "app.py to define `db = SQLAlchemy(app)` at module level",
                "no `db` with models found in app.py")
    expect.that("tasks" in tables, 'a model whose table is named "tasks" (__tablename__ = "tasks")',
                f"tables {sorted(tables)}")
    columns = tables["tasks"]
    missing = [name for name in COLUMNS if name not in columns]
    expect.that(not missing, f"the tasks table to have the columns {', '.join(COLUMNS)}",
                f"it lacks {', '.join(missing)} (it has {', '.join(columns)})")
    return columns


def insert_tasks(app_module, *rows: dict) -> list[int]:
    """Insert rows straight into the tasks table (not through the API); return their ids in order."""
    tasks_table(app_module)
    return app_module.insert("tasks", list(rows))


def set_columns(app_module, task_id: int, **values) -> None:
    """Change columns of one row straight in the database, for example to move a timestamp into the past."""
    tasks_table(app_module)
    app_module.update("tasks", task_id, values)
