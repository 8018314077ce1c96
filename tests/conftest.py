"""Shared helpers for the repo's own tests: the stage list and cached grading runs."""

import functools
import shutil
from pathlib import Path

import pytest

from grader.manifest import ROOT, load_stages
from grader.run import Outcome, grade
from site_build import build_site

STAGES = [stage for stage in load_stages() if stage.solution_dir.is_dir()]


def stage_params():
    """One pytest param per stage that has a solution, named by its id."""
    return [pytest.param(stage, id=stage.id) for stage in STAGES]


@functools.cache
def graded(stage_id: str, folder: str) -> Outcome:
    """Grade a folder once per test session (grading is deterministic, and each run costs a process)."""
    stage = next(stage for stage in STAGES if stage.id == stage_id)
    return grade(stage, Path(folder))


def copy_solution(stage, destination: Path) -> Path:
    """Copy a stage's solution into destination and return the copy's folder."""
    target = destination / stage.id
    shutil.copytree(stage.solution_dir, target, ignore=shutil.ignore_patterns("__pycache__", "instance", "*.db"))
    return target


def failing(outcome: Outcome) -> list[str]:
    """Titles of the checks that did not pass, for assertion messages."""
    return [check["title"] for check in outcome.checks if check["status"] != "pass"]


@pytest.fixture(scope="session")
def student_site(tmp_path_factory) -> Path:
    """The student edition of the site, built once per test session with mkdocs build --strict."""
    return build_site(tmp_path_factory.mktemp("site") / "student")
