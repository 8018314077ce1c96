"""Every starter is generated from its solution, runs as shipped, and fails its stage's checks."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import graded, stage_params
from grader import starters


@pytest.mark.parametrize("stage", stage_params())
def test_committed_starter_matches_generator(stage):
    """stages/ holds exactly what the generator makes from solutions/ (one source)."""
    assert starters.committed(stage) == starters.generate(stage), "run python -m grader.starters --write"


@pytest.mark.parametrize("stage", stage_params())
def test_starter_has_todos(stage):
    """A starter tells the student where to work."""
    text = "".join(starters.generate(stage).values())
    assert "# TODO:" in text


@pytest.mark.parametrize("stage", stage_params())
def test_starter_imports_and_fails_some_checks(stage):
    """The starter loads (no import error) and does not already pass its stage."""
    outcome = graded(stage.id, str(stage.starter_dir))
    assert outcome.error is None, outcome.error
    assert 0 < outcome.passed < outcome.total or outcome.passed == 0 < outcome.total
    assert outcome.passed < outcome.total


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("stage", stage_params())
def test_starter_runs_with_flask_run(stage, tmp_path):
    """flask run serves the starter as shipped, and its first route answers without a server error."""
    port = free_port()
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'run.db'}",
               DEV_DATABASE_URL=f"sqlite:///{tmp_path / 'run.db'}", PYTHONDONTWRITEBYTECODE="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", stage.flask_app, "run", "--port", str(port)],
        cwd=stage.starter_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    try:
        status = wait_for(f"http://127.0.0.1:{port}{stage.smoke}")
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0].decode(errors="replace")
    assert status is not None and status < 500, output[-2000:]


def wait_for(url: str, seconds: float = 15.0) -> int | None:
    """Poll url until the server answers; return the status code (None if it never does)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            time.sleep(0.1)
    return None
