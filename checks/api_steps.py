"""Steps the checks of several stages share: flask commands through the runner, logging in through the API, and
waiting for the clock."""

import math
import time

import expect
from grader.plugin import CheckFailed

# What flask init-db gives the seeded users "admin" and "user" (stage 07 on).
SEEDED_PASSWORD = "password"
OUTPUT_EXCERPT = 300
UPGRADE_NOTE = "this check builds the tables with flask db upgrade first."


def succeeds(runner, args: list[str], note: str) -> None:
    """Run a flask command and expect exit code 0."""
    result = runner.invoke(args=args)
    if result.exit_code == 0 and result.exception is None:
        return
    output = " ".join(result.output.split())[-OUTPUT_EXCERPT:]
    got = f"exit code {result.exit_code}, output {output!r}"
    if result.exception is not None:
        got += f", {type(result.exception).__name__}: {result.exception}"
    raise CheckFailed(f"flask {' '.join(args)} to succeed (exit code 0)", got, note)


def upgraded(runner) -> None:
    """Build the tables of the app's database with flask db upgrade."""
    succeeds(runner, ["db", "upgrade"], UPGRADE_NOTE)


def prepared(app) -> None:
    """Build the tables with flask db upgrade, then seed the users admin and user with flask init-db."""
    runner = app.test_cli_runner()
    upgraded(runner)
    succeeds(runner, ["init-db"], "this check seeds the users admin and user with flask init-db.")


def bearer(token: str) -> dict:
    """The Authorization header that carries an access token."""
    return {"Authorization": f"Bearer {token}"}


def log_in(client, username: str) -> dict:
    """Log in as a seeded user; the headers for requests as that user."""
    request = f'POST /auth/login as "{username}"'
    response = client.post("/auth/login", json={"username": username, "password": SEEDED_PASSWORD})
    expect.that(response.status_code == 200, f"{request} to answer with status 200", expect.describe(response),
                "this check logs in as a user that flask init-db seeds.")
    body = expect.json_object(response, request)
    data = body.get("data") if isinstance(body.get("data"), dict) else {}
    token = body.get("access_token", data.get("access_token"))
    expect.that(isinstance(token, str), f'an "access_token" in the answer to {request}', expect.shown(body, 200))
    return bearer(token)


def ready(app, client, username: str = "user") -> dict:
    """A migrated, seeded database and the headers of one logged-in user."""
    prepared(app)
    return log_in(client, username)


def into_next_second() -> None:
    """Sleep until the clock has just entered the next whole second (databases and caches that keep whole seconds
    then see a later second than anything done before)."""
    time.sleep(math.floor(time.time()) + 1.02 - time.time())
