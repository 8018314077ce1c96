"""Stage 08 · Migrations: flask db builds the tables, adds due_date, takes it away again, and matches the models."""

import json

import pytest
from sqlalchemy import Date, DateTime

import expect
from grader.plugin import CheckFailed
from migration_steps import (COLLECTION, PASSWORD, SEEDED_PASSWORD, columns, command_line, development_app, log_in,
                             logged_in, run, step, succeeds, summary, tables, titles, upgraded)

TABLES = {"tasks", "users"}
ROWS_NOTE = "this check upgrades, creates two tasks through the API, then runs the downgrade."


@pytest.fixture
def dev_app(app_module):
    """The development app, on this check's own empty SQLite file, as `flask db ...` on your machine would use."""
    return development_app(app_module)


@pytest.fixture
def dev_runner(dev_app):
    """A runner for the development app's flask commands."""
    return dev_app.test_cli_runner()


def two_tasks(dev_app) -> list[str]:
    """Create two tasks through the API, one with a due date; return their titles in id order."""
    client = dev_app.test_client()
    headers = logged_in(client)
    made = []
    for body in ({"title": "Plan the release", "due_date": "2026-03-15"}, {"title": "Write the notes"}):
        step(client.post(COLLECTION, json=body, headers=headers), 201, f"POST {COLLECTION} with {json.dumps(body)}",
             "this check creates two tasks through the API before it downgrades.")
        made.append(body["title"])
    return made


def heads(app) -> list[str]:
    """The head revisions of the app's migrations folder, as Alembic reads them (each one a line of history)."""
    try:
        return app.migration_heads()
    except Exception as exc:
        raise CheckFailed("Alembic to read the chain of revisions", f"{type(exc).__name__}: {exc}") from None


# --- Finding the migrations ------------------------------------------------------------------------------------


@pytest.mark.hint("Make migrate = Migrate() in app/extensions.py and call migrate.init_app(app, db, directory=...) "
                  "in create_app.", section="setting-up-flask-migrate")
def test_db_commands_exist(dev_runner):
    """The app has the flask db commands (Flask-Migrate is set up in create_app)"""
    result = run(dev_runner, ["db", "--help"])
    expect.that(result.exit_code == 0 and "upgrade" in result.output,
                "flask db --help to list the db commands (upgrade, downgrade, migrate, ...)", summary(result))


@pytest.mark.hint("Pass the absolute path of the migrations folder: migrate.init_app(app, db, directory=MIGRATIONS). "
                  "A relative \"migrations\" is looked for in whatever folder the command runs from.",
                  section="setting-up-flask-migrate", todo="todo-migrate")
def test_migrations_found_from_any_folder(dev_runner):
    """flask db heads, run from a folder other than the app's, finds the migrations"""
    succeeds(dev_runner, ["db", "heads"])


@pytest.mark.hint("Each revision's down_revision names the revision before it, and the first one's is None: then "
                  "the history is one line with one head.", section="revisions-and-the-revision-chain")
def test_revisions_form_one_chain(dev_app, dev_runner):
    """The revisions form one chain, from the first revision to exactly one head"""
    succeeds(dev_runner, ["db", "heads"])
    found = heads(dev_app)
    expect.that(len(found) == 1, "exactly one head revision (the latest)", f"the heads {found}")


# --- Upgrade ---------------------------------------------------------------------------------------------------


@pytest.mark.hint("Remove db.create_all() from create_app: the tables come from the migrations, through flask db "
                  "upgrade.", section="why-create_all-is-not-enough")
def test_no_tables_before_upgrade(dev_app):
    """create_app() on an empty database creates no table: the tables come from flask db upgrade"""
    found = tables(dev_app)
    expect.that(not found, "no table in a new database before flask db upgrade", f"the tables {sorted(found)}")


@pytest.mark.hint("The first revision creates the tasks and users tables; flask db upgrade applies every revision.",
                  section="revisions-and-the-revision-chain")
def test_upgrade_creates_tables(dev_app, dev_runner):
    """flask db upgrade on an empty database creates the tasks and users tables"""
    upgraded(dev_runner, None)
    found = tables(dev_app)
    expect.that(TABLES <= found, "the tables tasks and users after flask db upgrade", f"the tables {sorted(found)}")


@pytest.mark.hint("In the due_date revision's upgrade(), add the column in batch mode: "
                  "batch_op.add_column(sa.Column('due_date', sa.Date(), nullable=True)).",
                  section="writing-the-revision", todo="todo-upgrade")
def test_upgrade_adds_due_date(dev_app, dev_runner):
    """After flask db upgrade, the tasks table has a due_date column: a DATE that may be null"""
    upgraded(dev_runner)
    found = columns(dev_app, "tasks")
    expect.that("due_date" in found, "a due_date column in the tasks table after flask db upgrade",
                f"the columns {sorted(found)}")
    column = found["due_date"]
    kind = column["type"]
    expect.that(isinstance(kind, Date) and not isinstance(kind, DateTime), "due_date to be a DATE column",
                f"{kind!r}")
    expect.equal(column["nullable"], True, "whether due_date may be null")


# --- Downgrade -------------------------------------------------------------------------------------------------


@pytest.mark.hint("downgrade() undoes exactly what upgrade() did: in batch mode, batch_op.drop_column('due_date'). "
                  "Never drop and recreate the table: its rows would go with it.", section="writing-the-revision",
                  todo="todo-downgrade")
def test_downgrade_removes_due_date_and_keeps_rows(dev_app, dev_runner):
    """flask db downgrade (one revision back) removes the due_date column and keeps every task"""
    upgraded(dev_runner, ROWS_NOTE)
    made = two_tasks(dev_app)
    succeeds(dev_runner, ["db", "downgrade"])
    found = columns(dev_app, "tasks")
    expect.that(bool(found), "the tasks table to remain after the downgrade", "no tasks table")
    expect.that("due_date" not in found, "no due_date column after flask db downgrade",
                f"the columns {sorted(found)}")
    expect.equal(titles(dev_app), made, "the titles of the tasks after the downgrade")


@pytest.mark.hint("upgrade() and downgrade() must undo each other, so that a revision can be applied again.",
                  section="the-migrate-upgrade-downgrade-workflow", todo="todo-downgrade")
def test_upgrade_after_downgrade_restores_due_date(dev_app, dev_runner):
    """flask db upgrade after a downgrade brings due_date back, with the tasks kept and their due dates null"""
    upgraded(dev_runner, ROWS_NOTE)
    made = two_tasks(dev_app)
    succeeds(dev_runner, ["db", "downgrade"])
    upgraded(dev_runner, "this check upgrades, creates two tasks, downgrades, and upgrades again.")
    expect.that("due_date" in columns(dev_app, "tasks"), "a due_date column after upgrading again",
                f"the columns {sorted(columns(dev_app, 'tasks'))}")
    expect.equal(titles(dev_app), made, "the titles of the tasks after downgrading and upgrading again")
    client = dev_app.test_client()
    tasks = expect.success(client.get(COLLECTION, headers=log_in(client, "tester", PASSWORD)),
                           200, f"GET {COLLECTION} after upgrading again")
    dates = [task.get("due_date", "missing") for task in tasks] if isinstance(tasks, list) else tasks
    expect.equal(dates, [None, None], "the due dates listed after upgrading again (the downgrade dropped them)")


# --- Models and migrations agree -------------------------------------------------------------------------------


@pytest.mark.hint("Every change to a model needs a revision: run flask db migrate -m \"...\", review the script, and "
                  "commit it with the model.", section="checking-models-against-migrations")
def test_models_match_migrations(dev_runner):
    """After flask db upgrade, flask db check finds no difference between the models and the migrations"""
    upgraded(dev_runner)
    args = ["db", "check"]
    result = run(dev_runner, args)
    expect.that(result.exit_code == 0 and result.exception is None,
                f"{command_line(args)} to find no difference between the models and the database the migrations built",
                summary(result), "your models and your migrations differ: run flask db migrate (then review the "
                "script), or undo the model change.")


# --- init-db ---------------------------------------------------------------------------------------------------


@pytest.mark.hint("init-db seeds a database the migrations built: delete the rows of tasks and users, then add the "
                  "examples. It creates no table.", section="seeding-a-migrated-database")
def test_init_db_seeds_upgraded_database(dev_app, dev_runner):
    """On an upgraded database, flask init-db (run twice) leaves three tasks, and the seeded admin can log in"""
    upgraded(dev_runner)
    succeeds(dev_runner, ["init-db"])
    succeeds(dev_runner, ["init-db"], "the second run must empty the tables before it seeds them again.")
    client = dev_app.test_client()
    headers = log_in(client, "admin", SEEDED_PASSWORD)
    tasks = expect.success(client.get(COLLECTION, headers=headers), 200, f"GET {COLLECTION} after init-db")
    expect.equal(len(tasks) if isinstance(tasks, list) else tasks, 3, "the number of tasks after running init-db twice")


@pytest.mark.hint("When the tasks or users table is missing, raise click.ClickException telling the user to run "
                  "flask db upgrade first; never create the tables there.", section="seeding-a-migrated-database")
def test_init_db_without_tables_fails_with_advice(dev_app, dev_runner):
    """On an empty database, flask init-db fails without a traceback, says to run flask db upgrade, creates no table"""
    result = run(dev_runner, ["init-db"])
    expect.that(result.exit_code != 0, "flask init-db on an empty database to fail (exit code other than 0)",
                summary(result))
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    expect.that(not crashed, "a message, not a traceback (raise click.ClickException)", summary(result))
    expect.that("upgrade" in result.output, 'the message to tell the user to run "flask db upgrade" first',
                summary(result))
    found = tables(dev_app)
    expect.that(not found, "no table made by init-db (the migrations make them)", f"the tables {sorted(found)}")
