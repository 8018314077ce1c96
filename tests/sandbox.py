"""A throwaway copy of the course repo, for tests that change stages/ or need a class of submissions."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from grader.manifest import ROOT

COPIED = ("grade.py", "course.toml", "requirements.txt", "grader", "checks", "solutions", "stages", "site")


def make_sandbox(destination: Path) -> Path:
    """Copy what the grader needs into destination/course and return that folder."""
    course = destination / "course"
    course.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, course / name, ignore=shutil.ignore_patterns("__pycache__", "instance", "*.db"))
        else:
            shutil.copy2(source, course / name)
    return course


def run_grade(course: Path, *args: str, timeout: float = 300, **popen) -> subprocess.CompletedProcess:
    """Run grade.py inside a sandbox (or the repo), without a terminal, with wide lines."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    env["COLUMNS"] = "200"
    return subprocess.run([sys.executable, "grade.py", *args], cwd=course, capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=subprocess.DEVNULL, **popen)
