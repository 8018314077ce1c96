"""Stage 04 · A persistent task API: replacing with PUT, changing with PATCH, deleting, and updated_at."""

from datetime import datetime

import pytest

import expect
from api_steps import into_next_second
from tasks_db import as_json, create, fetch, insert_tasks, listed, set_columns, task_shape

LONG_AGO = datetime(2000, 1, 1)
ORIGINAL = {"title": "Read the docs", "description": "Chapter 4", "status": "pending"}


@pytest.fixture
def task_id(client, app_module):
    """The id of one stored task, ORIGINAL, put straight into the database."""
    return insert_tasks(app_module, ORIGINAL)[0]


def answered_task(response, request: str) -> dict:
    """The response is 200 with a task in the success envelope; return the task."""
    return task_shape(expect.success(response, 200, request), f"the task {request} answers")


# --- PUT: replace the whole task -------------------------------------------------------------------------------


@pytest.mark.hint("PUT sets title, status and description, all three, from the body.", section="put-and-patch")
def test_put_replaces_the_task(client, task_id):
    """PUT /api/tasks/<id> with title, description and status answers 200 with the replaced task, and GET agrees"""
    body = {"title": "Write the chapter", "description": "Sections first", "status": "completed"}
    task = answered_task(client.put(f"/api/tasks/{task_id}", json=body), f"PUT /api/tasks/{task_id}")
    for name, value in body.items():
        expect.equal(task[name], value, f'"{name}" after the PUT')
    expect.equal(fetch(client, task_id, f"GET /api/tasks/{task_id} after the PUT"), task, "the task GET answers")


@pytest.mark.hint("PUT replaces everything: a description left out of the body becomes None.",
                  section="put-and-patch")
def test_put_without_description_clears_it(client, task_id):
    """PUT /api/tasks/<id> without a description leaves the task with a null description"""
    body = {"title": "Write the chapter", "status": "pending"}
    request = f"PUT /api/tasks/{task_id} with {as_json(body)}"
    task = answered_task(client.put(f"/api/tasks/{task_id}", json=body), request)
    expect.equal(task["description"], None, '"description" after a PUT that left it out')


@pytest.mark.parametrize("body", [
    pytest.param({"status": "completed"}, id="no title"),
    pytest.param({"title": "Write the chapter"}, id="no status"),
    pytest.param({"title": "Write the chapter", "status": "done"}, id="unknown status"),
    pytest.param({"title": "Write the chapter", "status": None}, id="null status"),
    pytest.param({"title": "  ", "status": "pending"}, id="blank title"),
    pytest.param({"title": "x" * 151, "status": "pending"}, id="151-character title"),
    pytest.param({"title": "Write the chapter", "status": "pending", "description": 5}, id="number description"),
])
@pytest.mark.hint('PUT needs "title" and "status"; the title and description rules are those of POST.',
                  section="put-and-patch")
def test_put_refuses_a_bad_body(client, task_id, body):
    """PUT /api/tasks/<id> without title or status, or with a bad value, answers 400 in the error envelope"""
    request = f"PUT /api/tasks/{task_id} with {as_json(body)}"
    expect.error(client.put(f"/api/tasks/{task_id}", json=body), 400, request)


# --- PATCH: change some fields ---------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    pytest.param({"status": "completed"}, id="status"),
    pytest.param({"title": "Read it again"}, id="title"),
    pytest.param({"description": "Chapter 5 too"}, id="description"),
    pytest.param({"description": None}, id="null description"),
    pytest.param({"title": "Read it again", "status": "completed"}, id="title and status"),
])
@pytest.mark.hint("PATCH changes only the fields that are in the body and keeps the others.",
                  section="put-and-patch")
def test_patch_changes_only_what_it_is_sent(client, task_id, body):
    """PATCH /api/tasks/<id> changes the fields in the body, keeps the others, and GET agrees"""
    request = f"PATCH /api/tasks/{task_id} with {as_json(body)}"
    task = answered_task(client.patch(f"/api/tasks/{task_id}", json=body), request)
    for name, value in {**ORIGINAL, **body}.items():
        expect.equal(task[name], value, f'"{name}" after the PATCH')
    expect.equal(fetch(client, task_id, f"GET /api/tasks/{task_id} after the PATCH"), task, "the task GET answers")


@pytest.mark.parametrize("body", [
    pytest.param({}, id="empty object"),
    pytest.param({"priority": "high"}, id="no known field"),
    pytest.param({"status": "done"}, id="unknown status"),
    pytest.param({"title": ""}, id="empty title"),
    pytest.param({"title": 7}, id="number title"),
    pytest.param({"title": "x" * 151}, id="151-character title"),
    pytest.param({"description": 5}, id="number description"),
])
@pytest.mark.hint("Check every field that is sent, by the POST rules, and answer 400 when none of the three is sent.",
                  section="put-and-patch")
def test_patch_refuses_a_bad_body(client, task_id, body):
    """PATCH /api/tasks/<id> with none of title/description/status, or with a bad value, answers 400"""
    request = f"PATCH /api/tasks/{task_id} with {as_json(body)}"
    expect.error(client.patch(f"/api/tasks/{task_id}", json=body), 400, request)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
@pytest.mark.hint("Check request.is_json before reading the body, and abort(415) when it is not JSON.",
                  section="validating-input")
def test_write_without_json_is_415(client, task_id, method):
    """POST, PUT and PATCH with a body not sent as JSON answer 415 in the error envelope"""
    path = "/api/tasks" if method == "POST" else f"/api/tasks/{task_id}"
    response = client.open(path, method=method, data='{"title": "x", "status": "pending"}', content_type="text/plain")
    expect.error(response, 415, f"{method} {path} with Content-Type: text/plain")


@pytest.mark.parametrize(("method", "body"), [
    pytest.param("PATCH", {"title": "Half done", "status": "later"}, id="PATCH good title, bad status"),
    pytest.param("PATCH", {"description": "Half done", "title": "   "}, id="PATCH good description, blank title"),
    pytest.param("PUT", {"title": "Half done", "status": "later"}, id="PUT good title, bad status"),
])
@pytest.mark.hint("Check the whole body before you change the task: a refused PUT or PATCH must leave nothing "
                  "behind in the session, where the next commit would save it.", section="put-and-patch")
def test_refused_change_leaves_nothing_behind(app, client, task_id, method, body):
    """A PUT or PATCH refused with 400 changes nothing, even when a later request commits the same session"""
    request = f"{method} /api/tasks/{task_id} with {as_json(body)}"
    with app.app_context():  # the requests share one session, as a test or a CLI command of the app would
        expect.error(client.open(f"/api/tasks/{task_id}", method=method, json=body), 400, request)
        create(client, {"title": "Commit the session"})
        task = fetch(client, task_id)
    for name in ("title", "description", "status"):
        expect.equal(task[name], ORIGINAL[name], f'"{name}" of the task after the refused {request} and a commit')


@pytest.mark.hint("Answer 400 unless get_json() gave a dict.", section="validating-input")
def test_patch_refuses_a_list_body(client, task_id):
    """PATCH /api/tasks/<id> whose JSON body is a list answers 400"""
    response = client.patch(f"/api/tasks/{task_id}", json=[{"status": "completed"}])
    expect.error(response, 400, f"PATCH /api/tasks/{task_id} with a JSON list")


# --- Timestamps ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
@pytest.mark.hint("Give updated_at onupdate=func.now() (and created_at none), so every UPDATE sets it.",
                  section="timestamps")
def test_update_moves_updated_at(client, app_module, task_id, method):
    """PUT and PATCH set updated_at to the time of the change and leave created_at alone"""
    # Both timestamps are first moved to 2000, so a change is visible even within the same second.
    set_columns(app_module, task_id, created_at=LONG_AGO, updated_at=LONG_AGO)
    body = {"title": "Read it again", "status": "pending"}
    request = f"{method} /api/tasks/{task_id} with {as_json(body)}"
    task = answered_task(client.open(f"/api/tasks/{task_id}", method=method, json=body), request)
    expect.that(not task["updated_at"].startswith("2000-01-01"), '"updated_at" to move to the time of the change',
                f'{task["updated_at"]!r}, the value it had before the {method}')
    expect.that(task["created_at"].startswith("2000-01-01"), '"created_at" to stay 2000-01-01T00:00:00',
                expect.shown(task["created_at"]))


@pytest.mark.hint("Let the database take the time of each change: server_default=func.now() and "
                  "onupdate=func.now(). default=datetime.now() (with the parentheses) is called once, when app.py is "
                  "imported, and every row would get that time.", section="timestamps")
def test_timestamps_are_taken_at_each_change(client):
    """A task created or changed in a later second gets a later timestamp (not the time the app was imported)"""
    first = create(client, {"title": "First"})
    # Databases keep whole seconds (SQLite's CURRENT_TIMESTAMP): wait only until the clock is in the next one.
    into_next_second()
    second = create(client, {"title": "Second"})
    request = f"PATCH /api/tasks/{first['id']} in a later second than its creation"
    changed = answered_task(client.patch(f"/api/tasks/{first['id']}", json={"status": "completed"}), request)
    earlier, later = (datetime.fromisoformat(task["created_at"]) for task in (first, second))
    expect.that(later > earlier, '"created_at" of a task created in a later second to be later',
                f'{first["created_at"]} and then {second["created_at"]}')
    expect.that(datetime.fromisoformat(changed["updated_at"]) >= later,
                f'"updated_at" after the {request} to be no earlier than the "created_at" of a task created '
                "before that PATCH", f'{changed["updated_at"]}, before {second["created_at"]}')


# --- DELETE ----------------------------------------------------------------------------------------------------


@pytest.mark.hint('db.session.delete(task), save, then return "", 204.', section="deleting-a-task")
def test_delete_answers_204_and_removes(client, task_id):
    """DELETE /api/tasks/<id> answers 204 with an empty body; the task is then gone (404, not listed)"""
    response = client.delete(f"/api/tasks/{task_id}")
    expect.status(response, 204, f"DELETE /api/tasks/{task_id}")
    expect.equal(response.get_data(as_text=True), "", "the body of the 204 answer")
    expect.error(client.get(f"/api/tasks/{task_id}"), 404, f"GET /api/tasks/{task_id} after the DELETE")
    expect.equal(listed(client, request="GET /api/tasks after the DELETE"), [], "the list of tasks")
