"""Stage 04 · A persistent task API: listing, filtering and fetching tasks stored in the database."""

from datetime import datetime

import pytest

import expect
from tasks_db import create, fetch, ids, insert_tasks, listed


@pytest.mark.hint("Select every Task with db.session.scalars(db.select(Task)...) and answer their to_dict().",
                  section="listing-and-filtering")
def test_list_shows_created_tasks(client):
    """After two POSTs, GET /api/tasks lists both tasks, exactly as POST answered them"""
    first = create(client, {"title": "Write tests"})
    second = create(client, {"title": "Ship it", "description": "Friday"})
    tasks = listed(client, request="GET /api/tasks after two POSTs")
    expect.equal(sorted(ids(tasks)), sorted([first["id"], second["id"]]), "the ids listed")
    expect.equal({task["id"]: task for task in tasks}, {first["id"]: first, second["id"]: second},
                 "the tasks listed, by id")


@pytest.mark.hint("Order with .order_by(Task.created_at.desc(), Task.id.desc()).", section="listing-and-filtering")
def test_list_is_newest_first(client):
    """GET /api/tasks lists the most recently created task first"""
    made = [create(client, {"title": title})["id"] for title in ("First", "Second", "Third")]
    expect.equal(ids(listed(client, request="GET /api/tasks after three POSTs")), made[::-1],
                 "the ids in the order listed")


@pytest.mark.hint("Sort on created_at first and use the id only to break ties: order_by(created_at desc, id desc).",
                  section="listing-and-filtering")
def test_list_sorts_by_created_at_then_id(client, app_module):
    """GET /api/tasks sorts by created_at (newest first), and by id (highest first) when created_at is the same"""
    rows = [
        {"title": "Made in 2001", "status": "pending", "created_at": datetime(2001, 1, 1)},
        {"title": "Made in 2003", "status": "pending", "created_at": datetime(2003, 1, 1)},
        {"title": "Made in 2002", "status": "pending", "created_at": datetime(2002, 1, 1)},
        {"title": "Also made in 2003", "status": "pending", "created_at": datetime(2003, 1, 1)},
    ]
    made = insert_tasks(app_module, *rows)
    expected, got = [made[3], made[1], made[2], made[0]], ids(listed(client))
    expect.that(got == expected, f"the ids in the order {expected}", f"{got}",
                f"Tasks {made} were stored with created_at 2001, 2003, 2002 and 2003.")


@pytest.mark.parametrize("status", ["pending", "completed"])
@pytest.mark.hint("Read request.args.get('status') and add .where(Task.status == status) to the select.",
                  section="listing-and-filtering")
def test_list_filters_by_status(client, app_module, status):
    """GET /api/tasks?status=... lists only the tasks with that status, newest first"""
    statuses = ["pending", "completed", "pending", "completed"]
    made = insert_tasks(app_module, *({"title": f"Task {n}", "status": value} for n, value in enumerate(statuses)))
    wanted = [task_id for task_id, value in zip(made, statuses) if value == status][::-1]
    expect.equal(ids(listed(client, f"?status={status}")), wanted, f"the ids listed for ?status={status}")


@pytest.mark.parametrize("status", ["done", "PENDING", "all"])
@pytest.mark.hint('Only "pending" and "completed" are statuses: abort(400, ...) for any other ?status= value.',
                  section="listing-and-filtering")
def test_list_refuses_an_unknown_status(client, status):
    """GET /api/tasks?status= with a value other than pending or completed answers 400"""
    expect.error(client.get(f"/api/tasks?status={status}"), 400, f"GET /api/tasks?status={status}")


@pytest.mark.hint("db.get_or_404(Task, task_id) fetches the row or answers 404 for you.", section="one-task-by-id")
def test_get_answers_the_stored_task(client, app_module):
    """GET /api/tasks/<id> answers 200 with the task stored under that id"""
    [task_id] = insert_tasks(app_module, {"title": "Read the docs", "description": "Chapter 4", "status": "completed"})
    task = fetch(client, task_id)
    expect.equal(task["id"], task_id, '"id"')
    expect.equal(task["title"], "Read the docs", '"title"')
    expect.equal(task["description"], "Chapter 4", '"description"')
    expect.equal(task["status"], "completed", '"status"')


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
@pytest.mark.hint("Look the task up with db.get_or_404 first in every view that takes an id.",
                  section="one-task-by-id")
def test_unknown_id_is_404(client, method):
    """GET, PUT, PATCH and DELETE on /api/tasks/999 (no such task) answer 404 in the error envelope"""
    body = {"title": "Write tests", "status": "pending"} if method in ("PUT", "PATCH") else None
    response = client.open("/api/tasks/999", method=method, json=body)
    expect.error(response, 404, f"{method} /api/tasks/999")


@pytest.mark.hint("Replace Task.query.get(...) and Task.query.get_or_404(...) with db.get_or_404(Task, task_id).",
                  section="crud-in-sqlalchemy-2-style")
def test_no_legacy_query_calls(client, app_module):
    """Reading, changing and deleting a task by id use SQLAlchemy 2 calls (no legacy Query.get warnings)"""
    [task_id] = insert_tasks(app_module, {"title": "Read the docs", "status": "pending"})
    responses = [
        client.get(f"/api/tasks/{task_id}"),
        client.get("/api/tasks/999"),
        client.put(f"/api/tasks/{task_id}", json={"title": "Read it again", "status": "pending"}),
        client.patch(f"/api/tasks/{task_id}", json={"status": "completed"}),
        client.delete(f"/api/tasks/{task_id}"),
    ]
    legacy = [warning["message"] for response in responses for warning in response.warnings
              if warning["category"] == "LegacyAPIWarning"]
    expect.that(not legacy, "no LegacyAPIWarning while handling the requests",
                f"{len(legacy)}: {legacy[0] if legacy else ''}")


@pytest.mark.parametrize(("method", "path", "code"), [
    pytest.param("GET", "/api/nothing-here", 404, id="404 unknown URL"),
    pytest.param("POST", "/api/tasks/1", 405, id="405 wrong method"),
])
@pytest.mark.hint("Keep the error handlers from stage 03 that the starter gives you.",
                  section="what-the-starter-gives-you")
def test_errors_keep_the_envelope(client, method, path, code):
    """Unknown URLs and wrong methods still answer in the stage 03 error envelope"""
    response = client.open(path, method=method)
    expect.error(response, code, f"{method} {path}")
    if code == 405:
        expect.that("Allow" in response.headers, "an Allow header on the 405",
                    f"headers {sorted(response.headers.keys())}")
