"""Stage 13 · Celery with Flask: the factory makes a Celery app for each Flask app (app.extensions["celery"]), its jobs
run in the app context even outside a request, and the broker is a SQLite file unless the environment names one."""

from pathlib import Path

import pytest

import expect
from jobs_steps import (COLLECTION, celery_of, create, job_named, outbox_app, outbox_lines, ready, sqlite_file,
                        task_status)
from grader.plugin import CheckFailed


def development_app(app_module, note: str = ""):
    """create_app("development") in the worker; a failed check naming the exception when it raises."""
    try:
        return app_module.create_app("development")
    except Exception as exc:
        raise CheckFailed(f'create_app("development") to build an app{note}', f"{type(exc).__name__}: {exc}") from None


def inside(path, folder: str) -> bool:
    """Whether path lies in folder."""
    try:
        return path is not None and path.resolve().is_relative_to(Path(folder).resolve())
    except (OSError, ValueError):
        return False


@pytest.mark.hint("celery_init_app(app): Celery(app.name, task_cls=FlaskTask), "
                  "config_from_object(app.config[\"CELERY\"]), set_default(), app.extensions[\"celery\"] = the "
                  "Celery app; the jobs are @shared_task in app/tasks/jobs.py.", section="celery-with-flask",
                  todo="todo-celery-init-app")
def test_celery_app_has_both_jobs(app):
    """create_app("testing") keeps a Celery app in app.extensions["celery"], with send_confirmation and process_task"""
    job_named(app, "send_confirmation")
    job_named(app, "process_task")


@pytest.mark.hint("A worker runs a job outside any request: FlaskTask.__call__ must push the Flask app's context "
                  "(with app.app_context(), the app given to celery_init_app; a job's self.app is the Celery app).",
                  section="celery-with-flask", todo="todo-celery-init-app")
def test_jobs_run_in_the_app_context(app_module, tmp_path):
    """Run outside any request, as a worker runs them, both jobs succeed: a confirmation line, then a completed task"""
    app, outbox = outbox_app(app_module, tmp_path)
    client, headers = ready(app, "ada")
    task = create(client, headers, "Done by a job")
    before = len(outbox_lines(outbox))
    note = "this check runs the job the way a worker does: outside any request and app context."
    for ending, args in (("send_confirmation", [task["id"], 1]), ("process_task", [task["id"]])):
        name = job_named(app, ending)
        outcome = app.run_job(name, args)
        expect.that(outcome.get("state") == "SUCCESS", f"{name}{tuple(args)} run outside a request to succeed",
                    f"{outcome.get('state')}: {outcome.get('error')}", note)
    expect.equal(len(outbox_lines(outbox)) - before, 1, "the outbox lines send_confirmation added outside a request")
    expect.equal(task_status(client, headers, task["id"]), "completed",
                 f'"status" of GET {COLLECTION}{task["id"]} after process_task ran outside a request')


@pytest.mark.hint("When CELERY_BROKER_URL and CELERY_RESULT_BACKEND are not set, use sqla+sqlite:/// and "
                  "db+sqlite:/// files in app.instance_path (an absolute path, so the worker finds the same files "
                  "whatever folder it starts in).", section="a-broker-without-a-server", todo="todo-celery-settings")
def test_development_broker_is_a_sqlite_file(app_module, monkeypatch):
    """create_app("development") without CELERY_* variables keeps broker and results in SQLite files in instance/"""
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    app = development_app(app_module)
    values = celery_of(app, "conf.broker_url", "conf.result_backend")
    folder = app.instance_path
    broker, results = values.get("conf.broker_url"), values.get("conf.result_backend")
    expect.that(inside(sqlite_file(broker, "sqla+sqlite"), folder),
                f"the development broker_url to be sqla+sqlite:/// and a file in the instance folder ({folder})",
                expect.shown(broker))
    expect.that(inside(sqlite_file(results, "db+sqlite"), folder),
                f"the development result_backend to be db+sqlite:/// and a file in the instance folder ({folder})",
                expect.shown(results))


@pytest.mark.hint("CELERY_BROKER_URL and CELERY_RESULT_BACKEND are properties of Config that read the environment "
                  "when create_app() runs (None when unset).", section="several-processes-and-redis",
                  todo="todo-celery-settings")
def test_broker_comes_from_the_environment(app_module, monkeypatch):
    """With CELERY_BROKER_URL and CELERY_RESULT_BACKEND set, the development Celery app uses them (Redis, say)"""
    wanted = {"CELERY_BROKER_URL": "redis://redis.example:6379/0",
              "CELERY_RESULT_BACKEND": "redis://redis.example:6379/1"}
    for name, value in wanted.items():
        monkeypatch.setenv(name, value)
    app = development_app(app_module, " with CELERY_BROKER_URL and CELERY_RESULT_BACKEND set")
    values = celery_of(app, "conf.broker_url", "conf.result_backend")
    expect.equal(values.get("conf.broker_url"), wanted["CELERY_BROKER_URL"],
                 "broker_url of the development Celery app (CELERY_BROKER_URL is set)")
    expect.equal(values.get("conf.result_backend"), wanted["CELERY_RESULT_BACKEND"],
                 "result_backend of the development Celery app (CELERY_RESULT_BACKEND is set)")
