"""Stage 13 · A job that takes time: POST /api/tasks/<id>/process answers 202 with a status URL at once, and that URL
tells where the job is (PENDING, SUCCESS with its result, FAILURE with its error)."""

import uuid

import pytest

import expect
from jobs_steps import (COLLECTION, create, job_state, named, outbox_app, queued, queueing_app, ready,
                        start_processing, task_status, url_path)

SECTION = "a-job-that-takes-time-202-and-a-status-url"


@pytest.mark.hint("Answer 202 Accepted with {\"job_id\": job.id, \"status_url\": url_for(\"tasks.job_status\", "
                  "job_id=job.id, _external=True)} in the success envelope, and the same URL as Location.",
                  section=SECTION, todo="todo-process-route")
def test_process_answers_202_with_a_status_url(app_module, tmp_path):
    """POST /api/tasks/<id>/process answers 202 with job_id and an absolute status_url, also sent as Location"""
    app, _ = outbox_app(app_module, tmp_path)
    client, headers = ready(app)
    task = create(client, headers, "Process me")
    data, response = start_processing(client, headers, task["id"])
    status_url = data["status_url"]
    expect.that(status_url.startswith(("http://", "https://")) and data["job_id"] in status_url,
                "status_url to be an absolute URL (url_for(..., _external=True)) that contains the job_id",
                expect.shown(status_url))
    expect.equal(response.headers.get("Location"), status_url, "the Location header of the 202 answer")


@pytest.mark.hint("process_task waits JOB_DELAY_SECONDS, sets the task's status to \"completed\", commits and returns "
                  "{\"task_id\", \"status\"}; the status route reads AsyncResult(job_id, app=current_app.extensions"
                  "[\"celery\"]), whose results are kept only with task_ignore_result=False and, in eager mode, "
                  "task_store_eager_result=True.", section=SECTION, todo="todo-process-task")
def test_status_url_reports_success(app_module, tmp_path):
    """GET the status URL after processing: 200, state SUCCESS with the job's result, and the task is completed"""
    app, _ = outbox_app(app_module, tmp_path)
    client, headers = ready(app)
    task = create(client, headers, "Finish me")
    data, _ = start_processing(client, headers, task["id"])
    path = url_path(data["status_url"])
    state = job_state(client, headers, path)
    expect.that(state.get("state") == "SUCCESS", f'"state" of GET {path} to be "SUCCESS" (the job ran eagerly in the '
                "request)", expect.shown(state.get("state")) + (f", error {expect.shown(state['error'])}"
                                                                if "error" in state else ""))
    expect.equal(state.get("job_id"), data["job_id"], f'"job_id" of GET {path}')
    result = state.get("result")
    expect.that(isinstance(result, dict) and result.get("status") == "completed",
                f'"result" of GET {path} to be what process_task returned: {{"task_id": ..., "status": "completed"}}',
                expect.shown(result))
    expect.equal(task_status(client, headers, task["id"]), "completed",
                 f'"status" of GET {COLLECTION}{task["id"]} after the job')


@pytest.mark.hint("Look the task up (db.get_or_404) before queueing anything: a missing task is a 404 in the error "
                  "envelope and no job.", section=SECTION, todo="todo-process-route")
def test_process_missing_task_is_404(app_module, tmp_path):
    """POST /api/tasks/999/process answers 404 in the error envelope, and no process job is queued"""
    app, _, broker = queueing_app(app_module, tmp_path)
    client, headers = ready(app)
    expect.error(client.post(f"{COLLECTION}999/process", headers=headers), 404, f"POST {COLLECTION}999/process")
    jobs = named(queued(broker), "process_task")
    expect.that(not jobs, "no process_task job in the broker after the 404",
                f"{len(jobs)} job(s) with args {expect.shown([job.get('args') for job in jobs])}")


@pytest.mark.hint("An id Celery never saw is not an error: AsyncResult(...).state is simply PENDING.",
                  section=SECTION, todo="todo-status-route")
def test_unknown_job_is_pending(app_module, tmp_path):
    """GET /api/tasks/jobs/<an id no job has> answers 200 with state PENDING"""
    app, _ = outbox_app(app_module, tmp_path)
    client, headers = ready(app)
    path = f"{COLLECTION}jobs/{uuid.uuid4()}"
    state = job_state(client, headers, path)
    expect.equal(state.get("state"), "PENDING", f'"state" of GET {path}')


@pytest.mark.hint("On FAILURE, job.result is the exception: answer it as text under \"error\" (an exception object "
                  "cannot be turned into JSON).", section=SECTION, todo="todo-status-route")
def test_failed_job_reports_failure(app_module, tmp_path):
    """When the job fails (the database refuses its commit), its status URL answers 200 with FAILURE and the error"""
    app, _ = outbox_app(app_module, tmp_path)
    client, headers = ready(app)
    task = create(client, headers, "Doomed")
    app.fail_next_flush("before", "the disk is full")
    data, _ = start_processing(client, headers, task["id"])
    path = url_path(data["status_url"])
    state = job_state(client, headers, path)
    note = "this check makes the database refuse the job's commit (the disk is full)."
    expect.that(state.get("state") == "FAILURE", f'"state" of GET {path} to be "FAILURE"',
                expect.shown(state.get("state")), note)
    error = state.get("error")
    expect.that(isinstance(error, str) and "the disk is full" in error,
                f'"error" of GET {path} to be the exception as text (it says "the disk is full")',
                expect.shown(error), note)
    expect.equal(task_status(client, headers, task["id"]), "pending",
                 f'"status" of GET {COLLECTION}{task["id"]} after the failed job')


@pytest.mark.hint("Both routes are on the tasks blueprint, behind its before_request token check.",
                  section=SECTION, todo="todo-process-route")
def test_job_routes_need_a_token(app_module, tmp_path):
    """Without a token, POST /api/tasks/<id>/process and GET /api/tasks/jobs/<id> answer 401"""
    app, _ = outbox_app(app_module, tmp_path)
    client, headers = ready(app)
    task = create(client, headers, "Mine")
    expect.error(client.post(f"{COLLECTION}{task['id']}/process"), 401,
                 f"POST {COLLECTION}{task['id']}/process without a token")
    path = f"{COLLECTION}jobs/{uuid.uuid4()}"
    expect.error(client.get(path), 401, f"GET {path} without a token")
