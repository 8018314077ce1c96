"""Stage 12 · Every write through the API is visible at once on the list and on the detail; errors and writes are
never cached."""

import pytest

import expect
from cache_steps import (CACHE_ON, COLLECTION, create, detail, detail_title, fresh, list_titles,
                         log_in, ready, says)

FORGET_HINT = ("After each committed write (POST, PUT, PATCH, DELETE), forget what it changes: the list, the detail, "
               "for every user and query string. A new generation in the key does it in one step; deleting "
               "\"view//api/tasks/\" by hand misses the keys that hold a user or a query string.")


def cached_both(client, headers, task_id: int) -> None:
    """Cache the list and the task's detail (the second list GET must be a hit)."""
    list_titles(client, headers)
    detail_title(client, headers, task_id)
    _, response = list_titles(client, headers, request="the second GET /api/tasks/")
    says(response, "HIT", "the second GET /api/tasks/ (before the write)")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint(FORGET_HINT, section="forgetting-on-write", todo="todo-invalidate")
def test_post_shows_at_once(app, client):
    """With the list cached, POST /api/tasks/ → the next GET /api/tasks/ lists the new task"""
    headers = ready(app, client)
    create(client, headers, {"title": "First"})
    list_titles(client, headers)
    _, response = list_titles(client, headers, request="the second GET /api/tasks/")
    says(response, "HIT", "the second GET /api/tasks/ (before the POST)")
    create(client, headers, {"title": "Created after caching"})
    titles, _ = list_titles(client, headers, request="GET /api/tasks/ after the POST")
    fresh(titles, "Created after caching", "GET /api/tasks/ after the POST", "the list was answered from the cache.")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.parametrize("method", ["PATCH", "PUT"])
@pytest.mark.hint(FORGET_HINT, section="forgetting-on-write", todo="todo-forget")
def test_update_shows_at_once(app, client, method):
    """With list and detail cached, PATCH or PUT → the next GET of both shows the new title (also to another user)"""
    headers = ready(app, client)
    other = log_in(client, "admin")
    task = create(client, headers, {"title": "Old title"})
    cached_both(client, headers, task["id"])
    list_titles(client, other, request='GET /api/tasks/ as "admin"')
    path = detail(task["id"])
    body = {"title": "New title"} if method == "PATCH" else {"title": "New title", "status": "pending"}
    response = client.open(path, method=method, json=body, headers=headers)
    expect.success(response, 200, f"{method} {path}")
    titles, _ = list_titles(client, headers, request=f"GET /api/tasks/ after the {method}")
    fresh(titles, "New title", f"GET /api/tasks/ after {method} {path}", "the list was answered from the cache.")
    title, _ = detail_title(client, headers, task["id"], f"GET {path} after the {method}")
    fresh(title, "New title", f"GET {path} after the {method}", "the detail was answered from the cache.")
    titles, _ = list_titles(client, other, request=f'GET /api/tasks/ as "admin" after the {method}')
    fresh(titles, "New title", f'GET /api/tasks/ as "admin" after "user"\'s {method}',
          "another user's cached list must be forgotten too.")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint(FORGET_HINT, section="forgetting-on-write", todo="todo-invalidate")
def test_delete_shows_at_once(app, client):
    """With list and detail cached, DELETE → GET of the detail answers 404 and the list no longer has the task"""
    headers = ready(app, client, "admin")
    task = create(client, headers, {"title": "Doomed"})
    cached_both(client, headers, task["id"])
    path = detail(task["id"])
    expect.status(client.delete(path, headers=headers), 204, f'DELETE {path} as "admin"')
    expect.error(client.get(path, headers=headers), 404, f"GET {path} after the DELETE")
    titles, _ = list_titles(client, headers, request="GET /api/tasks/ after the DELETE")
    expect.that("Doomed" not in titles, "GET /api/tasks/ after the DELETE not to list the deleted task",
                f"titles {expect.shown(titles)} (the list was answered from the cache)")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("Keep only 200 answers: a 404 (or a 400) kept in the cache would be served after the task exists. "
                  "Flask-Caching 2.5's @cache.cached keeps abort()'s answers too, unless a response_filter says no.",
                  section="errors-are-not-cached", todo="todo-cached-read")
def test_errors_are_not_cached(app, client):
    """GET of a missing id answers 404; once that id exists (even added behind the API) GET answers 200 with it"""
    headers = ready(app, client)
    task = create(client, headers, {"title": "Neighbour"})
    detail_title(client, headers, task["id"])
    _, response = detail_title(client, headers, task["id"], f"the second GET {detail(task['id'])}")
    says(response, "HIT", f"the second GET {detail(task['id'])} (a 200 answer is cached)")
    missing = task["id"] + 10
    path = detail(missing)
    for attempt in ("", " again"):
        expect.error(client.get(path, headers=headers), 404, f"GET {path}{attempt} (no such task yet)")
    # Added straight in the database, so no write of the API can have forgotten anything.
    app.insert("tasks", [{"id": missing, "title": "Arrived", "status": "pending"}])
    title, _ = detail_title(client, headers, missing, f"GET {path} once a task with that id exists")
    fresh(title, "Arrived", f"GET {path} once a task with that id exists", "the 404 was answered from the cache.")
    for attempt in ("", " again"):
        expect.error(client.get(f"{COLLECTION}?status=unknown", headers=headers), 400,
                     f"GET {COLLECTION}?status=unknown{attempt}")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("A cached 404 must never outlive the task's creation: after POST, GET of the new id answers it.",
                  section="errors-are-not-cached", todo="todo-invalidate")
def test_new_id_is_never_a_cached_404(app, client):
    """GET of the next id answers 404; after POST creates that id, GET answers 200 with the new task"""
    headers = ready(app, client)
    task = create(client, headers, {"title": "Now"})
    upcoming = detail(task["id"] + 1)
    expect.error(client.get(upcoming, headers=headers), 404, f"GET {upcoming} before it exists")
    expect.error(client.get(upcoming, headers=headers), 404, f"GET {upcoming} again")
    created = create(client, headers, {"title": "Next"})
    path = detail(created["id"])
    title, _ = detail_title(client, headers, created["id"], f"GET {path} after the POST that created it")
    fresh(title, "Next", f"GET {path} after the POST that created it")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("Cache reads only: a write must always run its view, even when a GET of the same path is cached.",
                  section="why-cache", todo="todo-cache-list")
def test_writes_are_never_cached(app, client):
    """With list and detail cached, two identical POSTs make two tasks, and PATCH changes the task it names"""
    headers = ready(app, client)
    task = create(client, headers, {"title": "Original"})
    cached_both(client, headers, task["id"])
    body = {"title": "Twice"}
    first, second = create(client, headers, body), create(client, headers, body)
    expect.that(first["id"] != second["id"], "two identical POSTs to create two tasks with different ids",
                f"ids {first['id']} and {second['id']}")
    titles, _ = list_titles(client, headers, request="GET /api/tasks/ after two identical POSTs")
    expect.equal(titles.count("Twice"), 2, 'the number of tasks titled "Twice" after two identical POSTs')
    path = detail(task["id"])
    for value in ("Patched once", "Patched twice"):
        data = expect.success(client.patch(path, json={"title": value}, headers=headers), 200, f"PATCH {path}")
        expect.equal(isinstance(data, dict) and data.get("title"), value, f'the title PATCH {path} answers')
