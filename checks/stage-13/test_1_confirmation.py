"""Stage 13 · The confirmation job: every create answers 201 and, through a job run eagerly in tests, writes one
line to the outbox for the user who created the task."""

import time

import pytest

import expect
from jobs_steps import create, confirmation_of, outbox_app, outbox_lines, ready, signed_up, start_processing

# Far above what an eager job with no delay takes, far below the seconds a sleeping job takes.
QUICK_SECONDS = 2.5


@pytest.mark.hint("After the commit in create_task, queue send_confirmation with the new task's id and the user's id "
                  "(from get_jwt_identity()); in tests it runs at once (eager) and appends one JSON line "
                  '{"to", "subject": "Task created: <title>", "body", "task_id", "sent_at"} to OUTBOX_PATH.',
                  section="queueing-after-the-commit", todo="todo-queue-confirmation")
def test_create_writes_one_confirmation(app_module, tmp_path):
    """POST /api/tasks/ answers 201; one outbox line says "Task created: <title>" to the creator's email, with the id"""
    app, outbox = outbox_app(app_module, tmp_path)
    client, headers = ready(app, "ada")
    task = create(client, headers, "Water the plants")
    confirmation_of(outbox, "Water the plants", "ada", task["id"], 'POST /api/tasks/ {"title": "Water the plants"}')
    message = outbox_lines(outbox)[0]
    expect.that(isinstance(message.get("body"), str) and bool(message["body"].strip()),
                'a "body" text in the confirmation', expect.shown(message.get("body")))


@pytest.mark.hint("Pass the id of the user who sent the request (int(get_jwt_identity())) to the job, and let the "
                  "job read that user's email from the database.", section="queueing-after-the-commit",
                  todo="todo-queue-confirmation")
def test_each_confirmation_goes_to_its_creator(app_module, tmp_path):
    """Two users create a task each: two outbox lines, in order, each to the email of the user who created the task"""
    app, outbox = outbox_app(app_module, tmp_path)
    client, ada = ready(app, "ada")
    grace = signed_up(client, "grace")
    first = create(client, ada, "Ada's task")
    second = create(client, grace, "Grace's task")
    lines = outbox_lines(outbox)
    expect.that(len(lines) == 2, "two lines in the outbox after two creates", f"{len(lines)}: {expect.shown(lines)}")
    for line, task, user in ((lines[0], first, "ada"), (lines[1], second, "grace")):
        expect.that(isinstance(line, dict), "each outbox line to be a JSON object", expect.shown(line))
        expect.equal((line.get("to"), line.get("task_id")), (f"{user}@example.com", task["id"]),
                     f'["to", "task_id"] of the confirmation of {task["title"]!r}')


@pytest.mark.hint("TestingConfig: CELERY_TASK_ALWAYS_EAGER = True and JOB_DELAY_SECONDS = 0, so that tests wait for "
                  "nothing; no time.sleep() in a job except the configured delay.",
                  section="jobs-in-tests-eager-mode", todo="todo-testing-celery")
def test_testing_jobs_add_no_waiting(app_module, tmp_path):
    """In testing, JOB_DELAY_SECONDS is 0: a create and a process request each answer well within 2.5 seconds"""
    app, _ = outbox_app(app_module, tmp_path)
    expect.equal(app.config.get("JOB_DELAY_SECONDS"), 0, 'JOB_DELAY_SECONDS of create_app("testing")')
    client, headers = ready(app, "ada")
    started = time.monotonic()
    task = create(client, headers, "Quick")
    took = time.monotonic() - started
    expect.that(took < QUICK_SECONDS, f"POST /api/tasks/ to answer within {QUICK_SECONDS} s in testing",
                f"{took:.1f} s")
    started = time.monotonic()
    start_processing(client, headers, task["id"])
    took = time.monotonic() - started
    expect.that(took < QUICK_SECONDS, f"POST /api/tasks/{task['id']}/process to answer within {QUICK_SECONDS} s in "
                "testing (the job runs eagerly, with no delay)", f"{took:.1f} s")
