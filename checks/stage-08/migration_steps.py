"""Helpers for the stage 08 checks: run flask commands, look at the tables a database holds, and use the task API.

The commands run in the worker; the development database is a SQLite file of the check's own, which the checks
read here, read-only, as data.
"""

import json
import os
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

import expect
from grader.plugin import CheckFailed

COLLECTION = "/api/tasks/"
PASSWORD = "correct-horse-battery-staple"
SEEDED_PASSWORD = "password"
OUTPUT_EXCERPT = 400
FOLDER_NOT_FOUND = ("the migrations folder was looked for in the folder the command ran from (the checks run in "
                    "another one): give migrate.init_app its absolute path.")


def command_line(args: list[str]) -> str:
    """A flask command as a student would type it."""
    return "flask " + " ".join(args)


def summary(result) -> str:
    """What a command did: its exit code, the end of its output, and any exception it raised."""
    logged = [line for line in result.logged if line not in result.output]
    # Alembic's INFO lines say what it is doing; the warnings and errors say what went wrong.
    lines = [line for line in result.output.splitlines() + logged if not line.startswith("INFO ")]
    output = " ".join(" ".join(lines).split())
    if len(output) > OUTPUT_EXCERPT:
        output = "…" + output[-OUTPUT_EXCERPT:]
    got = f"exit code {result.exit_code}, output {output!r}" if output else f"exit code {result.exit_code}, no output"
    if result.exception is not None:
        got += f", {type(result.exception).__name__}: {result.exception}"
    return got


def run(runner, args: list[str]):
    """Invoke a flask command of the app through the test runner; return the result, whatever it is (its `logged`
    holds the warnings and errors logged while it ran: Flask-Migrate reports its errors through logging)."""
    return runner.invoke(args=args)


def succeeds(runner, args: list[str], note: str | None = None):
    """Run a flask command and expect exit code 0; return the result."""
    result = run(runner, args)
    got = summary(result)
    if "doesn't exist" in got and "migrations" in got:
        note = f"{note.rstrip('.')}; {FOLDER_NOT_FOUND}" if note else FOLDER_NOT_FOUND
    expect.that(result.exit_code == 0 and result.exception is None,
                f"{command_line(args)} to succeed (exit code 0)", got, note)
    return result


def upgraded(runner, note: str = "this check runs flask db upgrade first, to build the tables from the migrations."):
    """Bring the app's database to the latest revision with flask db upgrade."""
    succeeds(runner, ["db", "upgrade"], note)


def development_app(app_module):
    """create_app("development") on this check's own temporary SQLite file (DEV_DATABASE_URL)."""
    try:
        app = app_module.create_app("development")
    except Exception as exc:
        raise CheckFailed('create_app("development") to build an app', f"{type(exc).__name__}: {exc}") from None
    wanted = os.environ["DEV_DATABASE_URL"]
    expect.that(app.config.get("SQLALCHEMY_DATABASE_URI") == wanted,
                'the development configuration to use the database that DEV_DATABASE_URL names (as in stage 05)',
                repr(app.config.get("SQLALCHEMY_DATABASE_URI")))
    return app


def database_file(app) -> Path:
    """The SQLite file of the app's database (the development app's: DEV_DATABASE_URL)."""
    return Path(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database)


def reading(app):
    """A read-only engine on the app's database file, opened here: the file is data, no code of the app runs."""
    uri = database_file(app).resolve().as_uri() + "?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True), poolclass=NullPool)


def tables(app) -> set[str]:
    """The names of the tables in the app's database, apart from Alembic's own alembic_version."""
    if not database_file(app).exists():
        return set()
    engine = reading(app)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def columns(app, table: str) -> dict[str, dict]:
    """The columns of a table in the app's database, by name ({} when the table does not exist)."""
    if not database_file(app).exists():
        return {}
    engine = reading(app)
    try:
        inspector = inspect(engine)
        if table not in inspector.get_table_names():
            return {}
        return {column["name"]: column for column in inspector.get_columns(table)}
    finally:
        engine.dispose()


def titles(app) -> list[str]:
    """The titles of the rows of the tasks table, in id order."""
    engine = reading(app)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text("SELECT title FROM tasks ORDER BY id")).scalars())
    finally:
        engine.dispose()


def account(username: str) -> dict:
    """A registration body for username."""
    return {"username": username, "email": f"{username}@example.com", "password": PASSWORD}


def step(response, code: int, request: str, note: str) -> None:
    """A request a check makes on its way answers with code; otherwise fail, noting what the check was doing."""
    expect.that(response.status_code == code, f"{request} to answer with status {code}", expect.describe(response),
                note)


def access_token(response, request: str) -> str:
    """The access_token of a login answer, under the success envelope's "data" or at its top level."""
    body = expect.json_object(response, request)
    data = body.get("data") if isinstance(body.get("data"), dict) else {}
    token = data.get("access_token", body.get("access_token"))
    expect.that(isinstance(token, str), f'an "access_token" string in the answer to {request}', expect.shown(body, 200))
    return token


def bearer(token: str) -> dict:
    """The Authorization header that carries token."""
    return {"Authorization": f"Bearer {token}"}


def log_in(client, username: str, password: str) -> dict:
    """POST /auth/login; the headers for requests as that user."""
    request = f'POST /auth/login as "{username}"'
    response = client.post("/auth/login", json={"username": username, "password": password})
    step(response, 200, request, "this check logs in through POST /auth/login first.")
    return bearer(access_token(response, request))


def logged_in(client, username: str = "tester") -> dict:
    """Register username and log in: the headers for requests as that user."""
    response = client.post("/auth/register", json=account(username))
    step(response, 201, f'POST /auth/register as "{username}"', "this check registers a user first.")
    return log_in(client, username, PASSWORD)


def create(client, headers: dict, body: dict) -> dict:
    """POST a task with a token, expect 201 with the new task; return it."""
    request = f"POST {COLLECTION} with {json.dumps(body)}"
    task = expect.success(client.post(COLLECTION, json=body, headers=headers), 201, request)
    expect.that(isinstance(task, dict), f"the data of {request} to be the new task", expect.shown(task, 200))
    expect.key(task, "id", int, where=f"the task {request} answers")
    return task
