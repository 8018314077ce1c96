"""Stage 13 · A real worker: `celery -A make_celery worker --pool=solo`, started in the stage folder on the
development configuration, takes the jobs a web app queued in the SQLite broker and leaves their results where the
app reads them."""

import time
import uuid

import pytest

import expect
from jobs_steps import (COLLECTION, create, job_state, outbox_lines, signed_up, start_processing, task_status,
                        upgraded, url_path)
from grader.plugin import CheckFailed

WAIT_SECONDS = 30
TITLE = "Confirmed by the worker"
UNLIMITED = {"RATELIMIT_ENABLED": False}


@pytest.mark.hint("make_celery.py builds create_app(FLASK_CONFIG or \"development\") and exposes its Celery app; "
                  "run `celery -A make_celery worker --pool=solo --loglevel=info` from the stage folder and read its "
                  "output: an error there is what this check saw.", section="running-a-worker")
def test_a_real_worker_runs_the_jobs(celery_worker, app_module, monkeypatch):
    """A real worker (celery -A make_celery worker --pool=solo) writes the confirmation and completes the processing"""
    deadline = time.monotonic() + WAIT_SECONDS
    # Started with the first check, the worker has had the others' time to load; it made the broker's tables.
    celery_worker.wait_until_ready(deadline)
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEV_DATABASE_URL", celery_worker.database_url)
    try:
        # The development app, with the limiter off: the check asks for the job's state many times a minute.
        app = app_module.create_app("development", UNLIMITED)
    except Exception as exc:
        raise CheckFailed('create_app("development") to build an app', f"{type(exc).__name__}: {exc}") from None
    upgraded(app)
    client = app.test_client()
    headers = signed_up(client, "ada")
    # The app makes the result tables now, before the worker stores its first result: never both at once.
    job_state(client, headers, f"{COLLECTION}jobs/{uuid.uuid4()}")
    task = create(client, headers, TITLE)
    data, _ = start_processing(client, headers, task["id"])
    path = url_path(data["status_url"])
    confirmed, state = False, {}
    while time.monotonic() < deadline:
        celery_worker.alive()
        confirmed = any(isinstance(line, dict) and line.get("subject") == f"Task created: {TITLE}"
                        for line in outbox_lines(celery_worker.outbox()))
        state = job_state(client, headers, path)
        if state.get("state") == "FAILURE":
            break
        if confirmed and state.get("state") == "SUCCESS":
            break
        time.sleep(0.1)
    command = "celery -A make_celery worker --pool=solo (FLASK_CONFIG=development)"
    expect.that(confirmed, f'the worker ({command}) to write the confirmation of {TITLE!r} to instance/outbox.jsonl '
                f"within {WAIT_SECONDS} s", "no such line in the outbox", celery_worker.log_note())
    expect.that(state.get("state") == "SUCCESS", f"GET {path} to say SUCCESS once the worker processed the task "
                f"(within {WAIT_SECONDS} s)", f"{state.get('state')}: {state.get('error', '')}",
                celery_worker.log_note())
    expect.equal(task_status(client, headers, task["id"]), "completed",
                 f'"status" of GET {COLLECTION}{task["id"]} after the worker processed it')
