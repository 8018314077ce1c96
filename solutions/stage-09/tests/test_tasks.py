"""Tests of the task routes: a token for everything, the envelopes, validation, and admin-only delete."""

from app.extensions import db
from app.models import Task


def test_tasks_need_a_token(client):
    """Without a token the list is a 401 in the error envelope."""
    # --8<-- [start:todo-tasks-need-token] GET /api/tasks/ with no Authorization header: 401, error envelope.
    answer = client.get("/api/tasks/")
    assert answer.status_code == 401
    assert answer.get_json()["status"] == "error"
    # --8<-- [end:todo-tasks-need-token] stub: pytest.fail("TODO: write this test")


def test_list_starts_empty(client, auth_headers):
    """A logged-in user sees an empty list in the success envelope: no task is seeded."""
    # --8<-- [start:todo-list-empty] GET /api/tasks/ with auth_headers(): 200, {"status": "success", "data": []}.
    answer = client.get("/api/tasks/", headers=auth_headers())
    assert answer.status_code == 200
    assert answer.get_json() == {"status": "success", "data": []}
    # --8<-- [end:todo-list-empty] stub: pytest.fail("TODO: write this test")


def test_create_task(client, app, auth_headers):
    """201 with the task, "pending" by default, a Location to read it back, and the row in the database."""
    # --8<-- [start:todo-create-task] POST a title only: 201, status "pending", Location; GET the Location; the row exists.
    answer = client.post("/api/tasks/", json={"title": "Write the tests"}, headers=auth_headers())
    assert answer.status_code == 201
    task = answer.get_json()["data"]
    assert task["title"] == "Write the tests"
    assert task["status"] == "pending"
    again = client.get(answer.headers["Location"], headers=auth_headers())
    assert again.status_code == 200
    assert again.get_json()["data"]["id"] == task["id"]
    with app.app_context():
        assert db.session.get(Task, task["id"]).title == "Write the tests"
    # --8<-- [end:todo-create-task] stub: pytest.fail("TODO: write this test")


def test_create_task_without_title(client, auth_headers):
    """A task without a title is a 422 whose details name the title."""
    # --8<-- [start:todo-create-invalid] POST {"description": ...} with no title: 422, error.details has "title".
    answer = client.post("/api/tasks/", json={"description": "no title"}, headers=auth_headers())
    assert answer.status_code == 422
    assert "title" in answer.get_json()["error"]["details"]
    # --8<-- [end:todo-create-invalid] stub: pytest.fail("TODO: write this test")


def test_unknown_task_is_404(client, auth_headers):
    """A task id that does not exist is a 404 in the error envelope."""
    # --8<-- [start:todo-unknown-task] GET /api/tasks/999: 404, error envelope.
    answer = client.get("/api/tasks/999", headers=auth_headers())
    assert answer.status_code == 404
    assert answer.get_json()["status"] == "error"
    # --8<-- [end:todo-unknown-task] stub: pytest.fail("TODO: write this test")


def test_admin_deletes_a_task(client, auth_headers):
    """An admin deletes a task: 204, and it is gone."""
    # --8<-- [start:todo-admin-delete] Create a task as "user"; DELETE it as "admin": 204; GET it: 404.
    created = client.post("/api/tasks/", json={"title": "Old"}, headers=auth_headers()).get_json()["data"]
    answer = client.delete(f"/api/tasks/{created['id']}", headers=auth_headers("admin"))
    assert answer.status_code == 204
    assert client.get(f"/api/tasks/{created['id']}", headers=auth_headers()).status_code == 404
    # --8<-- [end:todo-admin-delete] stub: pytest.fail("TODO: write this test")


def test_user_cannot_delete(client, auth_headers):
    """A user who is not an admin gets a 403, and the task stays."""
    # --8<-- [start:todo-user-delete] Create a task; DELETE it as "user": 403; GET it: still 200.
    created = client.post("/api/tasks/", json={"title": "Keep"}, headers=auth_headers()).get_json()["data"]
    answer = client.delete(f"/api/tasks/{created['id']}", headers=auth_headers())
    assert answer.status_code == 403
    assert client.get(f"/api/tasks/{created['id']}", headers=auth_headers()).status_code == 200
    # --8<-- [end:todo-user-delete] stub: pytest.fail("TODO: write this test")
