"""Stage 13 · Queueing after the commit: the create hands the job to the broker with ids, and neither an unreachable
broker nor a failing job turns a saved task into an error."""

import pytest

import expect
from jobs_steps import (QUEUE_ONLY, UNREACHABLE_BROKER, create, named, outbox_app, outbox_lines, queued,
                        queueing_app, ready, saved_once)


@pytest.mark.hint("Wrap send_confirmation.delay(...) in try/except Exception and log with current_app.logger (there "
                  "is no `logger` in routes.py): the task is committed already, so the create still answers 201.",
                  section="queueing-after-the-commit", todo="todo-queue-confirmation")
def test_unreachable_broker_still_creates(app_module, tmp_path):
    """With the broker unreachable, POST /api/tasks/ still answers 201 and the task is saved exactly once"""
    app, _ = outbox_app(app_module, tmp_path, CELERY_BROKER_URL=UNREACHABLE_BROKER, **QUEUE_ONLY)
    client, headers = ready(app, "ada")
    note = f"this check's app has eager mode off and CELERY_BROKER_URL {UNREACHABLE_BROKER} (nothing listens there)."
    create(client, headers, "Saved anyway", note)
    saved_once(client, headers, "Saved anyway", note)


@pytest.mark.hint("A job that fails is recorded as FAILURE; it must not undo or fail the create: keep "
                  "task_eager_propagates off, or catch what .delay() raises.", section="queueing-after-the-commit",
                  todo="todo-queue-confirmation")
def test_failing_job_still_creates(app_module, tmp_path):
    """When the confirmation job fails (OUTBOX_PATH is a folder), POST /api/tasks/ still answers 201, saved once"""
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    app, _ = outbox_app(app_module, tmp_path, OUTBOX_PATH=str(folder))
    client, headers = ready(app, "ada")
    note = "this check's OUTBOX_PATH is a folder, so the confirmation job fails when it opens it."
    create(client, headers, "Saved despite the job", note)
    saved_once(client, headers, "Saved despite the job", note)


@pytest.mark.hint("Call send_confirmation.delay(...), not send_confirmation(...): a direct call runs the job inside "
                  "the request, whatever the configuration.", section="why-background-jobs",
                  todo="todo-queue-confirmation")
def test_create_queues_the_job(app_module, tmp_path):
    """With eager mode off and no worker, a create queues one send_confirmation job and writes no outbox line"""
    app, outbox, broker = queueing_app(app_module, tmp_path)
    client, headers = ready(app, "ada")
    create(client, headers, "Queued, not sent")
    lines = outbox_lines(outbox)
    expect.that(not lines, "no outbox line yet: with eager mode off, only a worker runs the job, and none runs",
                f"{len(lines)} line(s): {expect.shown(lines)}")
    jobs = queued(broker)
    expect.that(len(named(jobs, "send_confirmation")) == 1,
                "one send_confirmation job waiting in the check's SQLite broker after the create",
                f"jobs waiting: {expect.shown([job.get('task') for job in jobs])}",
                f"this check's app has eager mode off and CELERY_BROKER_URL sqla+sqlite:///{broker.name}.")


@pytest.mark.hint("Pass ids (task.id, the user's id), never the Task object: arguments travel as JSON, and a model "
                  "object cannot (EncodeError). And queue after db.session.commit(): before it, task.id is None.",
                  section="queueing-after-the-commit", todo="todo-queue-confirmation")
def test_job_arguments_are_ids(app_module, tmp_path):
    """The queued send_confirmation job carries the new task's id (a number), not an object or null"""
    app, _, broker = queueing_app(app_module, tmp_path)
    client, headers = ready(app, "ada")
    task = create(client, headers, "Sent by id")
    jobs = named(queued(broker), "send_confirmation")
    expect.that(len(jobs) == 1, "one send_confirmation job waiting in the check's SQLite broker",
                f"{len(jobs)} (a job whose arguments cannot be encoded is never queued)")
    values = list(jobs[0].get("args") or []) + list((jobs[0].get("kwargs") or {}).values())
    expect.that(task["id"] in values and all(isinstance(value, (int, str)) and not isinstance(value, bool)
                                             for value in values),
                f"the job's arguments to be plain ids, among them the task's id {task['id']}",
                f"args {expect.shown(jobs[0].get('args'))}, kwargs {expect.shown(jobs[0].get('kwargs'))}")
