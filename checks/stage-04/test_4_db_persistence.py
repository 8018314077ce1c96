"""Stage 04 · A persistent task API: data that survives a restart, where it is stored, seeding, and rollback."""

import importlib.util
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError

import expect
from tasks_db import app_db, create, fetch, ids, insert_tasks, listed

# Text of the failure the checks inject: it must never reach the client.
INJECTED_FAILURE = "disk quota exceeded (failure injected by the check)"


def stored_titles(path: Path) -> list[str]:
    """The titles in the tasks table of a SQLite file, read with plain sqlite3 (no app involved)."""
    with sqlite3.connect(path, timeout=1) as connection:
        return [row[0] for row in connection.execute("SELECT title FROM tasks")]


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
    expect.that(replaced in after and after[replaced]["title"] == "Replaced",
                f'task {replaced} to have the title the PUT gave it, "Replaced"', f"{after.get(replaced)}")
    expect.that(patched in after and after[patched]["status"] == "completed",
                f'task {patched} to have the status the PATCH gave it, "completed"', f"{after.get(patched)}")
    expect.that(deleted not in after, f"task {deleted} to stay deleted", f"{after.get(deleted)}")


@pytest.mark.hint('Read the database URL with os.environ.get("DATABASE_URL") and use it when it is set.',
                  section="configuration-from-the-environment")
def test_tasks_are_stored_where_database_url_says(client):
    """Tasks go into the database that the DATABASE_URL environment variable names"""
    create(client, {"title": "Where am I stored?"})
    path = Path(os.environ["DATABASE_URL"].removeprefix("sqlite:///"))
    expect.that(path.exists(), f"the database file {path.name} named by DATABASE_URL to exist", "no such file")
    try:
        titles = stored_titles(path)
    except sqlite3.Error as exc:
        raise expect.CheckFailed(f"a tasks table in {path.name}, the DATABASE_URL database", str(exc)) from None
    expect.that("Where am I stored?" in titles, "the new task in the DATABASE_URL database", f"titles {titles}")


def import_copy(folder: Path):
    """Import a copy of the student's app.py from folder, under a name of its own; return the module."""
    name = "stage04_app_copy"
    spec = importlib.util.spec_from_file_location(name, folder / "app.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    return module


@pytest.fixture
def app_copy(request, tmp_path):
    """A folder holding a copy of the student's app.py, so its instance/ folder is created there, not in theirs."""
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy(Path(request.config.getoption("target")) / "app.py", folder / "app.py")
    return folder


@pytest.mark.hint('Without DATABASE_URL, use "sqlite:///" + os.path.join(app.instance_path, "tasks.db").',
                  section="the-instance-folder")
def test_default_database_is_instance_tasks_db(app_copy, monkeypatch):
    """Without DATABASE_URL, tasks are stored in instance/tasks.db next to app.py"""
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.delenv("DEV_DATABASE_URL")
    module = import_copy(app_copy)
    response = module.app.test_client().post("/api/tasks", json={"title": "Stored by default"})
    expect.status(response, 201, "POST /api/tasks (without DATABASE_URL)")
    path = app_copy / "instance" / "tasks.db"
    expect.that(path.exists(), "the database file instance/tasks.db next to app.py",
                f"files {sorted(str(p.relative_to(app_copy)) for p in app_copy.rglob('*') if p.is_file())}")
    expect.that("Stored by default" in stored_titles(path), "the new task in instance/tasks.db",
                f"titles {stored_titles(path)}")


@pytest.mark.hint("Create the instance folder only in the branch that uses the default database.",
                  section="the-instance-folder")
def test_no_instance_folder_when_database_url_is_set(app_copy):
    """With DATABASE_URL set, starting the app does not create an instance/ folder"""
    module = import_copy(app_copy)
    expect.status(module.app.test_client().get("/api/tasks"), 200, "GET /api/tasks")
    expect.that(not (app_copy / "instance").exists(), "no instance/ folder next to app.py when DATABASE_URL is set",
                "an instance/ folder was created")


# --- Seeding ---------------------------------------------------------------------------------------------------


def seed(runner):
    """Run `flask --app app seed` and expect it to succeed."""
    result = runner.invoke(args=["seed"])
    expect.that(result.exit_code == 0, "flask --app app seed to succeed (exit code 0)",
                f"exit code {result.exit_code}: {(result.output or repr(result.exception)).strip()[:300]}")


@pytest.mark.hint("@app.cli.command(\"seed\") that adds three Tasks and commits when the table is empty.",
                  section="creating-the-tables-and-the-first-tasks")
def test_seed_command_fills_an_empty_table(client, runner):
    """flask --app app seed on an empty table adds three tasks"""
    seed(runner)
    tasks = listed(client, request="GET /api/tasks after flask seed")
    expect.equal(len(tasks), 3, "the number of tasks after seeding")
    statuses = sorted({task["status"] for task in tasks})
    expect.that(set(statuses) <= {"pending", "completed"}, 'the seeded statuses to be "pending" or "completed"',
                f"{statuses}")


@pytest.mark.hint("Count the rows first and add nothing when there are any.",
                  section="creating-the-tables-and-the-first-tasks")
def test_seed_command_leaves_a_filled_table_alone(client, runner):
    """flask --app app seed adds nothing when the table already has tasks (running it twice adds three in all)"""
    task = create(client, {"title": "Mine"})
    seed(runner)
    expect.equal(ids(listed(client, request="GET /api/tasks after seeding a table with one task")), [task["id"]],
                 "the ids listed")
    expect.status(client.delete(f"/api/tasks/{task['id']}"), 204, f"DELETE /api/tasks/{task['id']}")
    seed(runner)
    seed(runner)
    expect.equal(len(listed(client, request="GET /api/tasks after seeding twice")), 3, "the number of tasks")


# --- Rolling back after a database error -----------------------------------------------------------------------


def fail_next_flush(db, moment: str) -> None:
    """Make the next flush of the app's session raise a database error once, before or after its SQL runs."""
    armed = [True]

    def refuse(session, *args):
        """Raise the injected failure the first time only."""
        if armed.pop() if armed else False:
            raise SQLAlchemyError(INJECTED_FAILURE)

    event.listen(db.session, "before_flush" if moment == "before" else "after_flush", refuse)


def server_error(response, request: str) -> None:
    """The response is a 500 in the error envelope that does not give away what went wrong inside."""
    message = expect.error(response, 500, request)
    expect.that(INJECTED_FAILURE not in response.get_data(as_text=True),
                "the 500 answer to keep the database's error text to itself", repr(message))


MOMENTS = [pytest.param("before", id="before the SQL"), pytest.param("after", id="after the SQL")]


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.hint("Wrap the commit in try/except SQLAlchemyError: db.session.rollback(), then abort(500).",
                  section="when-the-database-says-no")
def test_failed_create_is_rolled_back(app, app_module, client, moment):
    """A database error during POST answers 500; the session is rolled back, so the next POST works alone"""
    # One app context around every request, so they all share one session, as a CLI command or a test would.
    with app.app_context():
        fail_next_flush(app_db(app_module), moment)
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
        fail_next_flush(app_db(app_module), moment)
        server_error(client.patch(f"/api/tasks/{task_id}", json={"title": "After"}),
                     f"PATCH /api/tasks/{task_id} when the database fails")
        task = fetch(client, task_id, f"GET /api/tasks/{task_id} after the failed PATCH")
    expect.equal(task["title"], "Before", "the title after the failed PATCH")
