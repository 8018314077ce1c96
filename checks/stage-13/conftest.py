"""Stage 13: the student's Celery worker starts when the first check begins, so that it loads the app while the
other checks run; it is stopped (with everything it started) as soon as the check that uses it is done."""

import pytest

from grader.plugin import CheckFailed
from jobs_steps import CeleryWorker

# The checks that need the real worker: it is not started when none of them is selected.
USERS = {"test_a_real_worker_runs_the_jobs"}


@pytest.fixture(scope="session", autouse=True)
def worker_run(request, tmp_path_factory):
    """Start the student's worker if a selected check needs it; stop it at the end in any case."""
    selected = {getattr(item, "originalname", item.name) for item in request.session.items}
    run = CeleryWorker(request, tmp_path_factory.mktemp("celery")) if USERS & selected else None
    yield run
    if run is not None:
        run.stop()


@pytest.fixture
def celery_worker(worker_run):
    """The worker started with the checks; stopped when the check that uses it ends."""
    if worker_run is None:
        raise CheckFailed("the Celery worker to be started for this check", "it was not started")
    yield worker_run
    worker_run.stop()
