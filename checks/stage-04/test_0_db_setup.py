"""Stage 04 · A persistent task API: where the database lives, and what a fresh start holds."""

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

import expect
from grader.plugin import CheckFailed
from tasks_db import insert_tasks, listed, tasks_table


def stored_titles(path: Path) -> list[str]:
    """The titles in the tasks table of a SQLite file, read with plain sqlite3 (no app involved)."""
    connection = sqlite3.connect(path, timeout=1)
    try:
        return [row[0] for row in connection.execute("SELECT title FROM tasks")]
    except sqlite3.Error as exc:
        raise CheckFailed(f"a tasks table with a title column in {path.name}", f"sqlite3 said: {exc}") from None
    finally:
        connection.close()


@pytest.fixture
def app_copy(request, tmp_path):
    """A folder holding a copy of the student's app.py, so an instance/ folder is made there, never in theirs."""
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy(Path(request.config.getoption("target")) / "app.py", folder / "app.py")
    return folder


@pytest.mark.hint("Declare each column on the Task model with mapped_column(...); __tablename__ is \"tasks\".",
                  section="the-model")
def test_tasks_table_has_every_column(app_module):
    """The model's table, tasks, has the columns id, title, description, status, created_at and updated_at"""
    tasks_table(app_module)


@pytest.mark.hint('Read the database URL with os.environ.get("DATABASE_URL") and use it when it is set.',
                  section="configuration-from-the-environment")
def test_database_is_the_one_database_url_names(client, app_module):
    """The app's tasks table lives in the database that the DATABASE_URL environment variable names"""
    insert_tasks(app_module, {"title": "Where am I stored?", "status": "pending"})
    path = Path(os.environ["DATABASE_URL"].removeprefix("sqlite:///"))
    expect.that(path.exists(), f"the database file {path.name} named by DATABASE_URL to exist", "no such file")
    titles = stored_titles(path)
    expect.that("Where am I stored?" in titles, "a task saved through the app's db in the DATABASE_URL database",
                f"titles {titles}")


@pytest.mark.hint("Seed only under `if __name__ == \"__main__\":` and in the seed command, never at import.",
                  section="creating-the-tables-and-the-first-tasks")
def test_import_starts_with_an_empty_table(client):
    """GET /api/tasks on a new, empty database answers 200 with an empty list (importing the app seeds nothing)"""
    expect.equal(listed(client), [], "the list of tasks on a new database")


@pytest.mark.hint('Without DATABASE_URL, use "sqlite:///" + os.path.join(app.instance_path, "tasks.db").',
                  section="the-instance-folder")
def test_default_database_is_instance_tasks_db(app_copy, load_copy, monkeypatch):
    """Without DATABASE_URL, the database is instance/tasks.db next to app.py"""
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.delenv("DEV_DATABASE_URL")
    insert_tasks(load_copy(app_copy), {"title": "Stored by default", "status": "pending"})
    path = app_copy / "instance" / "tasks.db"
    expect.that(path.exists(), "the database file instance/tasks.db next to app.py",
                f"files {sorted(str(p.relative_to(app_copy)) for p in app_copy.rglob('*') if p.is_file())}")
    titles = stored_titles(path)
    expect.that("Stored by default" in titles, "a task saved through the app's db in instance/tasks.db",
                f"titles {titles}")


@pytest.mark.hint("Create the instance folder only in the branch that uses the default database.",
                  section="the-instance-folder")
def test_no_instance_folder_when_database_url_is_set(app_copy, load_copy):
    """With DATABASE_URL set, starting the app does not create an instance/ folder"""
    expect.status(load_copy(app_copy).test_client().get("/api/tasks"), 200, "GET /api/tasks")
    expect.that(not (app_copy / "instance").exists(), "no instance/ folder next to app.py when DATABASE_URL is set",
                "an instance/ folder was created")
