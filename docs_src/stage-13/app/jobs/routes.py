"""/api/jobs/<id>: the state of a background job, and its outcome once it has one."""

from celery.result import AsyncResult
from flask import Blueprint, current_app

from ..extensions import limiter
from ..responses import success_response

jobs_bp = Blueprint("jobs", __name__)


# --8<-- [start:job-state]
@jobs_bp.get("/<job_id>")
# Polling is this route's normal use: a client asking every second would spend
# the default 30 per minute on one job. Its own limit replaces the default.
@limiter.limit("90 per minute")
def job_state(job_id):
    """PENDING, STARTED, SUCCESS with the job's result, or FAILURE with why."""
    outcome = AsyncResult(job_id, app=current_app.extensions["celery"])
    # A job id the result backend has never seen is PENDING too: Celery cannot
    # tell "waiting in the queue" from "never existed".
    report = {"job_id": job_id, "state": outcome.state}
    if outcome.state == "SUCCESS":
        report["result"] = outcome.result
    elif outcome.state == "FAILURE":
        # The exception itself is not JSON; its type and message are enough.
        report["error"] = f"{type(outcome.result).__name__}: {outcome.result}"
    return success_response(report)
# --8<-- [end:job-state]
