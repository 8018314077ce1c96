"""Fixtures for every stage's checks: the student's app, loaded fresh for each check in the worker process.

The checks never import the student's code. `app`, `client`, `runner`, `app_module` and `fresh_app` are proxies
(grader/remote.py) whose every answer comes over the worker's pipe, so nothing the student's code does can reach
the checks, the assertion helpers or the results.
"""

import os
from pathlib import Path

import pytest

from grader.channel import STARTED, kill_descendants
from grader.launch import start_workers
from grader.plugin import AppImportError, CheckTimeout
from grader.remote import Session


def target_dir(config) -> Path:
    """The folder being graded: the grader's copy of the student's folder that the student's code cannot reach."""
    return Path(config.getoption("target")).resolve()


def worker_dir(config) -> Path:
    """The copy the app runs from: its files may change while it runs, so the checks read target_dir's instead."""
    return Path(config.getoption("worker_target") or config.getoption("target")).resolve()


def pytest_configure(config):
    """Take the workers grader/launch.py started before pytest (or start them now), so that they import the app's
    libraries while pytest collects the checks."""
    if not config.getoption("target", None):
        return
    scratch = Path(config.getoption("scratch") or target_dir(config).parent).resolve()
    workers = STARTED[:] or start_workers(scratch, target_dir(config), config.getoption("sandbox"),
                                          config.getoption("cpu_seconds"), 2 if config.getoption("ahead") else 1)
    STARTED.clear()
    config._worker, config._workers = workers[0], workers
    config._check_folders = scratch / "check-folders"
    config._check_number = 0
    config._session = Session(workers[0], str(worker_dir(config)), config.getoption("app_spec"),
                              config.getoption("check_timeout"), spare=workers[1] if len(workers) > 1 else None)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session):
    """Before the results file is written: stop the worker and every process it started, so that none of the
    student's processes (a detached daemon included) is alive once the file exists to be rewritten."""
    stop_worker(session.config)


def pytest_unconfigure(config):
    """Stop the worker and anything it left running (again: a run can end without a session finish)."""
    stop_worker(config)


def stop_worker(config) -> None:
    """Kill the worker's process group and every process below this one."""
    workers = getattr(config, "_workers", [])
    if len(workers) > 1:
        config._grader["prepared"] = prepared_counts(workers)
    for worker in workers:
        worker.stop()
    if workers:
        kill_descendants()


def prepared_counts(workers) -> dict:
    """How many checks found their app prepared ahead, why the others did not, and the seconds the workers spent
    preparing and answering (added over the workers)."""
    counts = {"used": 0, "unused": {}, "seconds": {"preparing": 0.0, "answering": 0.0}}
    for worker in workers:
        if not worker.ready or worker.process is None or worker.process.poll() is not None:
            continue
        try:
            # The worker runs the student's code, which could change these figures: check their shape first.
            answer = worker.ask({"op": "prepared"}, 2)
            used, unused, seconds = int(answer["used"]), dict(answer["unused"]), dict(answer["seconds"])
            unused = {str(why): int(count) for why, count in unused.items()}
            seconds = {what: float(seconds[what]) for what in counts["seconds"]}
        except Exception:  # noqa: BLE001 - a figure for the record, never a reason to fail the run
            continue
        counts["used"] += used
        for why, count in unused.items():
            counts["unused"][why] = counts["unused"].get(why, 0) + count
        for what, value in seconds.items():
            counts["seconds"][what] += value
    return counts


def pytest_collection_finish(session):
    """Import the app once before any check: if that fails, report it once instead of once per check."""
    config = session.config
    if not config.getoption("target"):
        return
    seconds = config.getoption("check_timeout")
    remote = config._session
    try:
        remote.new_check()
        expect_next(config, session.items[0] if session.items else None)
        remote.load()
        return
    except CheckTimeout:
        failure = AppImportError(f"Importing the app took more than {seconds:g} seconds. Is app.run() or a loop "
                                 "running at import time? Keep app.run() under `if __name__ == \"__main__\":`.")
    except AppImportError as exc:
        failure = exc
    config._grader["error"] = {"message": failure.message, "file": failure.file, "line": failure.line,
                               "code": failure.code}
    for check in config._grader["checks"]:
        check["message"] = "Not run: the app could not be imported."
    pytest.exit("the app could not be imported", returncode=4)


def pytest_runtest_protocol(item, nextitem):
    """Note which check comes next, so that the worker can prepare its app while this one runs."""
    item.config._next_check = nextitem


def check_folder(config, number: int) -> Path:
    """The folder a check works in (its database lives there): numbered, so the next one is known in advance."""
    return config._check_folders / str(number)


def expect_next(config, item) -> None:
    """Tell the worker the first request of the next check (item) when its fixtures load the app."""
    names = getattr(item, "fixturenames", ())
    if item is None or "app_module" not in names:
        config._session.upcoming = None
        return
    folder = os.path.realpath(check_folder(config, config._check_number + 1))
    # The environment the check will have while its fixtures run: isolated_environment's settings, pytest's name.
    env = {**database_settings(folder), "PYTEST_CURRENT_TEST": f"{item.nodeid} (setup)"}
    config._session.expect_next(folder, env, "app" in names, app_settings(item))


def app_settings(item) -> dict | None:
    """The settings a check's app_config marker gives create_app, if it has one."""
    marker = item.get_closest_marker("app_config")
    return dict(marker.args[0]) if marker else None


@pytest.fixture
def remote(request):
    """The worker connection, reset for this check."""
    session = request.config._session
    session.new_check()
    expect_next(request.config, getattr(request.config, "_next_check", None))
    request.node.remote_session = session
    return session


def database_settings(folder) -> dict[str, str]:
    """The database settings of a check working in folder: a SQLite file of its own there."""
    url = f"sqlite:///{Path(folder) / 'check.db'}"
    return {"DATABASE_URL": url, "DEV_DATABASE_URL": url}


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch, request):
    """Point every database setting at a file of this check's own, and work in this check's folder."""
    config = request.config
    if getattr(config, "_session", None) is None:
        folder = request.getfixturevalue("tmp_path")
    else:
        config._check_number += 1
        folder = check_folder(config, config._check_number)
        folder.mkdir(parents=True, exist_ok=True)
    for name, value in database_settings(folder).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(folder)
    if getattr(config, "_session", None) is not None:
        request.getfixturevalue("remote")


@pytest.fixture
def app_module(remote, isolated_environment, request):
    """The student's app module (or package), imported afresh in the worker.

    When the check also uses the app, the import and the build are one request (see `app`)."""
    if "app" in request.fixturenames:
        built = remote.load(test_config=app_settings(request.node))
        request.node.grader_app = built
        return built.module
    return remote.load(build=False)


@pytest.fixture
def app(remote, app_module, request):
    """The student's app, built from this check's fresh import, so in-memory data starts as shipped.

    A check marked app_config({...}) gets create_app("testing", {...}): the factory applies those settings last.
    """
    built = getattr(request.node, "grader_app", None)
    if built is not None and built.module is app_module:
        return built
    return remote.build(app_module, test_config=app_settings(request.node))


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def fresh_app(remote, isolated_environment):
    """A function that imports the student's app again from scratch, as a second process would."""
    return lambda: remote.load()


@pytest.fixture
def runner(app):
    """A runner for the app's command-line commands."""
    return app.test_cli_runner()


@pytest.fixture
def load_copy(remote):
    """A function that imports the app from another folder (a copy made by the check)."""
    return lambda folder: remote.load(folder=str(folder))

