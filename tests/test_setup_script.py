"""setup.sh: refuses a Python older than 3.11 clearly, rejects bad options, installs offline from a wheelhouse, and
the pinned packages install on every Python it accepts."""

import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from grader.manifest import ROOT

PROMISED = ("3.11", "3.12", "3.13")
# Python 3.10 answers like this: the version flag prints it, and a program asking for it gets it.
FAKE_PYTHON_310 = """#!/bin/sh
case "$1" in
  --version) echo "Python 3.10.12" ;;
  -c) echo "3.10.12" ;;
  *) exit 2 ;;
esac
"""


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
    """A python3 that fails to report its version → exit 2 naming the version found and how to pick another."""
    fake = tmp_path / "python3.9"
    fake.write_text('#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Python 3.9.18"; exit 0; fi\nexit 1\n')
    fake.chmod(0o755)
    result = run_setup(course, env=dict(os.environ, PYTHON=str(fake)))
    assert result.returncode == 2
    assert "3.11 or newer" in result.stderr and "3.9.18" in result.stderr
    assert not (course / ".venv").exists()


def test_python_310_on_the_path_is_refused(course, tmp_path):
    """PYTHON=python3.10, found on PATH → exit 2 before any venv is made: the pins need 3.11."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3.10").write_text(FAKE_PYTHON_310)
    (bin_dir / "python3.10").chmod(0o755)
    env = dict(os.environ, PYTHON="python3.10", PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    result = run_setup(course, env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Python 3.11 or newer is needed; Python 3.10.12 was found" in result.stderr
    assert "PYTHON=" in result.stderr
    assert not (course / ".venv").exists()


@pytest.fixture(scope="module")
def pypi():
    """Skip, saying why, when the package index does not answer."""
    try:
        with urllib.request.urlopen("https://pypi.org/simple/pip/", timeout=10):
            pass
    except OSError as exc:
        pytest.skip(f"pypi.org is unreachable ({exc}): cannot check that the pins install on other Pythons")


@pytest.mark.parametrize("version", PROMISED)
def test_pins_install_on_every_promised_python(version, tmp_path, pypi):
    """Every pin of requirements.txt has a wheel for that Python (as 3.X.0, the oldest patch release) on PyPI."""
    # Only PyPI counts: a machine's own pip configuration may add wheel folders or constraints a student lacks.
    env = {name: value for name, value in os.environ.items()
           if name not in ("PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_CONSTRAINT")}
    env["PIP_CONFIG_FILE"] = os.devnull
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--no-deps",
         "--only-binary=:all:", "--python-version", version, "--target", str(tmp_path / "target"),
         "--index-url", "https://pypi.org/simple/", "-r", str(ROOT / "requirements.txt")],
        capture_output=True, text=True, timeout=600, env=env, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, f"the pins do not install on Python {version}:\n{result.stderr[-3000:]}"


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
