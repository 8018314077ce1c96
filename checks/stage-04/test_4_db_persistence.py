"""Stage 04 · A persistent task API: data that survives a restart, seeding, and rolling back after an error."""

import pytest

import expect
from tasks_db import create, fetch, ids, insert_tasks, listed

# Text of the failure the checks inject: it must never reach the client.
INJECTED_FAILURE = "disk quota exceeded (failure injected by the check)"


# --- Surviving a restart ---------------------------------------------------------------------------------------


@pytest.mark.hint("Call db.session.commit() (through save()) after add: without a commit nothing is stored.",
                  section="sessions-add-commit-roll-back")
def test_created_task_survives_a_restart(client, fresh_app):
    """A task created with POST is still there after a restart (a second app on the same database)"""
    task = create(client, {"title": "Survive a restart", "description": "Stored for good"})
    restarted = fresh_app().test_client()
    expect.equal(fetch(restarted, task["id"], f"GET /api/tasks/{task['id']} after a restart"), task,
                 "the task after a restart")


@pytest.mark.hint("PUT, PATCH and DELETE each need a commit too: call save() at the end of every write.",
                  section="sessions-add-commit-roll-back")
def test_changes_survive_a_restart(client, fresh_app):
    """Changes made with PUT, PATCH and DELETE are still there after a restart"""
    replaced, patched, deleted = (create(client, {"title": title})["id"] for title in ("Replace me", "Patch me", "Go"))
    expect.status(client.put(f"/api/tasks/{replaced}", json={"title": "Replaced", "status": "completed"}), 200,
                  f"PUT /api/tasks/{replaced}")
    expect.status(client.patch(f"/api/tasks/{patched}", json={"status": "completed"}), 200,
                  f"PATCH /api/tasks/{patched}")
    expect.status(client.delete(f"/api/tasks/{deleted}"), 204, f"DELETE /api/tasks/{deleted}")
    restarted = fresh_app().test_client()
    after = {task["id"]: task for task in listed(restarted, request="GET /api/tasks after a restart")}
    gone = "no such task after the restart"
    expect.that(after.get(replaced, {}).get("title") == "Replaced",
                f'task {replaced} to keep the title the PUT gave it, "Replaced"', f"{after.get(replaced, gone)}")
    expect.that(after.get(patched, {}).get("status") == "completed",
                f'task {patched} to keep the status the PATCH gave it, "completed"', f"{after.get(patched, gone)}")
    expect.that(deleted not in after, f"task {deleted} to stay deleted", f"{after.get(deleted)}")


# --- Seeding ---------------------------------------------------------------------------------------------------


def seed(runner):
    """Run `flask --app app seed` and expect it to succeed."""
    result = runner.invoke(args=["seed"])
    expect.that(result.exit_code == 0, "flask --app app seed to succeed (exit code 0)",
                f"exit code {result.exit_code}: {(result.output or expect.shown(result.exception)).strip()[:300]}")


@pytest.mark.hint("@app.cli.command(\"seed\") that adds three Tasks and commits when the table is empty.",
                  section="creating-the-tables-and-the-first-tasks")
def test_seed_command_fills_an_empty_table(client, runner):
    """flask --app app seed on an empty table adds three tasks, and running it again adds none"""
    seed(runner)
    tasks = listed(client, request="GET /api/tasks after flask seed")
    expect.equal(len(tasks), 3, "the number of tasks after seeding")
    statuses = sorted({task["status"] for task in tasks})
    expect.that(set(statuses) <= {"pending", "completed"}, 'the seeded statuses to be "pending" or "completed"',
                f"{statuses}")
    seed(runner)
    expect.equal(len(listed(client, request="GET /api/tasks after seeding twice")), 3, "the number of tasks")


@pytest.mark.hint("Count the rows first and add nothing when there are any.",
                  section="creating-the-tables-and-the-first-tasks")
def test_seed_command_leaves_a_filled_table_alone(client, runner, app_module):
    """flask --app app seed adds nothing when the table already has a task"""
    made = insert_tasks(app_module, {"title": "Mine", "status": "pending"})
    seed(runner)
    expect.equal(ids(listed(client, request="GET /api/tasks after seeding a table with one task")), made,
                 "the ids listed")


# --- Rolling back after a database error -----------------------------------------------------------------------


def server_error(response, request: str) -> None:
    """The response is a 500 in the error envelope that does not give away what went wrong inside."""
    message = expect.error(response, 500, request)
    expect.that(INJECTED_FAILURE not in response.get_data(as_text=True),
                "the 500 answer to keep the database's error text to itself", expect.shown(message))


MOMENTS = [pytest.param("before", id="before the SQL"), pytest.param("after", id="after the SQL")]


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.hint("Wrap the commit in try/except SQLAlchemyError: db.session.rollback(), then abort(500).",
                  section="when-the-database-says-no")
def test_failed_create_is_rolled_back(app, app_module, client, moment):
    """A database error during POST answers 500; the session is rolled back, so the next POST works alone"""
    # One app context around every request, so they all share one session, as a CLI command or a test would.
    with app.app_context():
        app.fail_next_flush(moment, INJECTED_FAILURE)
        server_error(client.post("/api/tasks", json={"title": "Doomed"}), "POST /api/tasks when the database fails")
        create(client, {"title": "Next"}, "the next POST /api/tasks")
        titles = [task["title"] for task in listed(client, request="GET /api/tasks after both POSTs")]
    expect.equal(titles, ["Next"], "the titles stored (the failed task must not come back)")


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.hint("After a failed commit, db.session.rollback() undoes the change the session still holds.",
                  section="when-the-database-says-no")
def test_failed_update_is_rolled_back(app, app_module, client, moment):
    """A database error during PATCH answers 500; the session is rolled back, so the task keeps its old title"""
    with app.app_context():
        [task_id] = insert_tasks(app_module, {"title": "Before", "status": "pending"})
        app.fail_next_flush(moment, INJECTED_FAILURE)
        server_error(client.patch(f"/api/tasks/{task_id}", json={"title": "After"}),
                     f"PATCH /api/tasks/{task_id} when the database fails")
        task = fetch(client, task_id, f"GET /api/tasks/{task_id} after the failed PATCH")
    expect.equal(task["title"], "Before", "the title after the failed PATCH")
