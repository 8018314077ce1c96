"""Every starter is generated from its solution, runs as shipped, and fails its stage's checks."""

import pytest

from conftest import graded, stage_params
from grader import starters
from server import serving, wait_for


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
    assert 0 <= outcome.passed < outcome.total


@pytest.mark.parametrize("stage", stage_params())
def test_starter_runs_with_flask_run(stage, tmp_path):
    """flask run serves the starter as shipped, and its first route answers without a server error."""
    with serving(stage, stage.starter_dir, tmp_path) as (port, _, output):
        status = wait_for(f"http://127.0.0.1:{port}{stage.smoke}")
    assert status is not None and status < 500, "".join(output)[-2000:]
