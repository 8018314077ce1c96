"""Stage 15 · The owner column arrives by migration: it upgrades a stage-14 database that has rows, downgrades
cleanly, and leaves the models and the migrations in agreement."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

import expect
from grader.plugin import CheckFailed

# The last revision of stage 14 (the migrations the starter ships with).
STAGE14_HEAD = "fe1ba4ab83fd"


def development(app_module):
    """create_app("development") on this check's own SQLite file, and a runner for its commands."""
    try:
        app = app_module.create_app("development")
    except Exception as exc:
        raise CheckFailed('create_app("development") to build an app', f"{type(exc).__name__}: {exc}") from None
    return app, app.test_cli_runner()


def command(runner, *args: str, note: str | None = None):
    """Run a flask command; expect exit code 0."""
    result = runner.invoke(args=list(args))
    got = f"exit code {result.exit_code}, output {' '.join(result.output.split())[-300:]!r}"
    if result.exception is not None:
        got += f", {type(result.exception).__name__}: {result.exception}"
    expect.that(result.exit_code == 0 and result.exception is None, f"flask {' '.join(args)} to succeed", got, note)
    return result


def database(app) -> Path:
    """The app's SQLite file."""
    return Path(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database)


def task_columns(path: Path) -> dict:
    """The columns of the tasks table, and its foreign keys, read from the file here."""
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(path.resolve().as_uri() + "?mode=ro",
                                                                         uri=True), poolclass=NullPool)
    try:
        inspector = inspect(engine)
        return {"columns": {c["name"]: c for c in inspector.get_columns("tasks")},
                "foreign_keys": inspector.get_foreign_keys("tasks")}
    finally:
        engine.dispose()


def stage14_database_with_rows(app, runner) -> Path:
    """Upgrade to stage 14's last revision and put a user and two tasks in it, as a stage-14 app would have."""
    command(runner, "db", "upgrade", STAGE14_HEAD,
            note=f"this check first builds stage 14's tables (revision {STAGE14_HEAD}, which the starter ships).")
    path = database(app)
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO users (username, email, password_hash, role, created_at) "
                           "VALUES ('old', 'old@example.com', 'x', 'user', CURRENT_TIMESTAMP)")
        for title in ("Old one", "Old two"):
            connection.execute("INSERT INTO tasks (title, status, created_at, updated_at) "
                               "VALUES (?, 'pending', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", (title,))
    return path


def titles(path: Path) -> list[str]:
    """The titles in the tasks table."""
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT title FROM tasks ORDER BY id")]


@pytest.mark.hint("A new revision (flask db migrate, then read it): in batch mode add user_id Integer, nullable, with "
                  "an index and a named foreign key to users.id. Nullable: the rows already there have no owner.",
                  section="a-migration-for-owners", todo="todo-upgrade")
def test_upgrade_keeps_existing_tasks(app_module):
    """flask db upgrade adds tasks.user_id (a foreign key to users) to a stage-14 database and keeps its rows"""
    app, runner = development(app_module)
    path = stage14_database_with_rows(app, runner)
    command(runner, "db", "upgrade", note="the tasks table already has rows: a NOT NULL column without a default "
            "cannot be added to it.")
    found = task_columns(path)
    expect.that("user_id" in found["columns"], "a user_id column in the tasks table after the upgrade",
                f"columns {sorted(found['columns'])}")
    pointing = [fk for fk in found["foreign_keys"] if fk.get("constrained_columns") == ["user_id"]]
    expect.that(any(fk.get("referred_table") == "users" for fk in pointing),
                "tasks.user_id to be a foreign key to users.id", f"foreign keys {found['foreign_keys']}")
    expect.equal(titles(path), ["Old one", "Old two"], "the tasks after the upgrade")


@pytest.mark.hint("downgrade(): in batch mode drop the foreign key, the index and the column, in that order.",
                  section="a-migration-for-owners", todo="todo-downgrade")
def test_downgrade_removes_the_owner_column(app_module):
    """flask db downgrade back to stage 14 removes tasks.user_id and keeps the rows"""
    app, runner = development(app_module)
    path = stage14_database_with_rows(app, runner)
    command(runner, "db", "upgrade")
    command(runner, "db", "downgrade", STAGE14_HEAD)
    columns = task_columns(path)["columns"]
    expect.that("user_id" not in columns, "no user_id column after downgrading to stage 14",
                f"columns {sorted(columns)}")
    expect.equal(titles(path), ["Old one", "Old two"], "the tasks after the downgrade")


@pytest.mark.hint("The model's user_id (ForeignKey('users.id'), index=True, nullable) and the migration must say the "
                  "same: flask db check compares them.", section="a-migration-for-owners", todo="todo-owner-column")
def test_models_and_migrations_agree(app_module):
    """After flask db upgrade, flask db check finds nothing to migrate"""
    app, runner = development(app_module)
    command(runner, "db", "upgrade")
    result = runner.invoke(args=["db", "check"])
    output = " ".join((result.output + " " + " ".join(result.logged)).split())
    expect.that(result.exit_code == 0 and result.exception is None, "flask db check to find no new operations",
                f"exit code {result.exit_code}: {output[-300:]!r}")
