"""Helpers for the stage 12 checks: a migrated database with two users, task requests, and what the cache said.

Whether an answer came from the cache is judged twice: by its X-Cache header, and by behaviour (a row changed
behind the API, straight in the database, is not seen while the cached answer is served).
"""

import json

import expect
from api_steps import log_in, prepared, ready  # noqa: F401 - this stage's checks import them from here

COLLECTION = "/api/tasks/"
# Settings a check passes to create_app("testing", ...) to switch the cache on (the testing config keeps it off).
CACHE_ON = {"CACHE_TYPE": "SimpleCache"}


def detail(task_id: int) -> str:
    """The path of one task."""
    return f"{COLLECTION}{task_id}"


def x_cache(response) -> str | None:
    """The X-Cache header, upper case (HIT or MISS), or None."""
    value = response.headers.get("X-Cache")
    return value.strip().upper() if value else None


def says(response, value: str, request: str) -> None:
    """The answer's X-Cache header says HIT or MISS."""
    got = response.headers.get("X-Cache")
    expect.that(x_cache(response) == value, f"{request} to answer with the header X-Cache: {value}",
                f"X-Cache: {got}" if got is not None else "no X-Cache header")


def read(client, path: str, headers: dict, request: str | None = None, code: int = 200):
    """GET path, expect code in the success envelope; return (data, response)."""
    request = request or f"GET {path}"
    response = client.get(path, headers=headers)
    return expect.success(response, code, request), response


def titles(tasks, request: str) -> list:
    """The titles of a list of tasks."""
    expect.that(isinstance(tasks, list), f'the "data" of {request} to be a list of tasks', expect.shown(tasks, 200))
    return [task.get("title") if isinstance(task, dict) else task for task in tasks]


def list_titles(client, headers: dict, query: str = "", request: str | None = None) -> tuple[list, object]:
    """GET the task list; return (its titles, the response)."""
    request = request or f"GET {COLLECTION}{query}"
    data, response = read(client, f"{COLLECTION}{query}", headers, request)
    return titles(data, request), response


def detail_title(client, headers: dict, task_id: int, request: str | None = None) -> tuple[str, object]:
    """GET one task; return (its title, the response)."""
    request = request or f"GET {detail(task_id)}"
    data, response = read(client, detail(task_id), headers, request)
    expect.that(isinstance(data, dict), f'the "data" of {request} to be the task', expect.shown(data, 200))
    return data.get("title"), response


def create(client, headers: dict, body: dict) -> dict:
    """POST a task, expect 201 with the new task; return it."""
    request = f"POST {COLLECTION} with {json.dumps(body)}"
    task = expect.success(client.post(COLLECTION, json=body, headers=headers), 201, request)
    expect.that(isinstance(task, dict), f"the data of {request} to be the new task", expect.shown(task, 200))
    expect.key(task, "id", int, where=f"the task {request} answers")
    return task


def behind_the_api(app, task_id: int, **values) -> None:
    """Change a row straight in the database, as another program would: the API hears nothing of it."""
    app.update("tasks", task_id, values)


def seen(titles_now: list, title: str) -> bool:
    """Whether a title is among the titles."""
    return title in titles_now


def stale(got_titles, old: str, request: str, note: str) -> None:
    """The answer still shows the old title: it was served from the cache."""
    expect.that(seen(got_titles, old) if isinstance(got_titles, list) else got_titles == old,
                f"{request} to still show {old!r}: it should come from the cache, and the row was changed behind "
                "the API (straight in the database), which the cache cannot know",
                f"titles {expect.shown(got_titles)}" if isinstance(got_titles, list) else repr(got_titles), note)


def fresh(got_titles, new: str, request: str, note: str | None = None) -> None:
    """The answer shows the new title."""
    expect.that(seen(got_titles, new) if isinstance(got_titles, list) else got_titles == new,
                f"{request} to show the new title {new!r} at once",
                f"titles {expect.shown(got_titles)}" if isinstance(got_titles, list) else repr(got_titles), note)
