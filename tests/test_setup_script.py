"""setup.sh: refuses an old Python clearly, rejects bad options, and installs offline from a wheelhouse."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.manifest import ROOT


def run_setup(folder: Path, *args: str, env: dict | None = None, timeout: float = 900):
    """Run a copy of setup.sh in folder."""
    return subprocess.run(["bash", "setup.sh", *args], cwd=folder, capture_output=True, text=True, timeout=timeout,
                          env=env or dict(os.environ), stdin=subprocess.DEVNULL)


@pytest.fixture
def course(tmp_path):
    """A copy of the files setup.sh needs, so the real .venv is never touched."""
    folder = tmp_path / "course"
    folder.mkdir()
    for name in ("setup.sh", "requirements.txt", "grade.py", "course.toml"):
        shutil.copy2(ROOT / name, folder / name)
    for name in ("grader", "stages", "solutions", "checks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def test_old_python_is_refused_with_a_clear_message(course, tmp_path):
    """A python3 older than 3.10 → exit 2 naming the version found and how to pick another."""
    fake = tmp_path / "python3.9"
    fake.write_text('#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Python 3.9.18"; exit 0; fi\nexit 1\n')
    fake.chmod(0o755)
    result = run_setup(course, env=dict(os.environ, PYTHON=str(fake)))
    assert result.returncode == 2
    assert "3.10 or newer" in result.stderr and "3.9.18" in result.stderr
    assert not (course / ".venv").exists()


def test_unknown_option_is_refused(course):
    """An unknown option → exit 2 and the usage text."""
    result = run_setup(course, "--frobnicate")
    assert result.returncode == 2 and "--wheelhouse" in result.stderr


def test_missing_wheelhouse_is_refused(course):
    """--wheelhouse with a folder that does not exist → exit 2 with a message."""
    result = run_setup(course, "--wheelhouse", str(course / "nowhere"))
    assert result.returncode == 2 and "no wheelhouse" in result.stderr


def test_offline_install_from_a_wheelhouse_twice(course, tmp_path):
    """--download fills a wheelhouse; --wheelhouse installs from it with no index; running it again is safe."""
    wheels = tmp_path / "wheels"
    download = run_setup(course, "--download", str(wheels))
    assert download.returncode == 0, download.stderr[-2000:]
    assert any(wheels.glob("flask-*.whl")) or any(wheels.glob("Flask-*.whl"))
    offline_env = dict(os.environ, PIP_NO_INDEX="1", PIP_FIND_LINKS="")
    for _ in range(2):
        result = run_setup(course, "--wheelhouse", str(wheels), env=offline_env)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "all pinned packages at their versions" in result.stdout
    grade = subprocess.run([str(course / ".venv" / "bin" / "python"), "grade.py", "stage-01", "--solution"],
                           cwd=course, capture_output=True, text=True, timeout=300)
    assert grade.returncode == 0, grade.stdout + grade.stderr
