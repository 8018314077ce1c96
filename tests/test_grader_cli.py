"""The grader as a command: exit codes, output for people, --json, and what it does with broken student code."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.manifest import ROOT, find_stage

STAGE = find_stage("stage-01")


def run_grader(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run grade.py as a student would, without a terminal."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    env["COLUMNS"] = "200"  # one line per check, so assertions do not depend on wrapping
    env["GRADER_SITE_URL"] = ""  # hints name the chapter's file, whether or not `mkdocs serve` runs
    return subprocess.run([sys.executable, "grade.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=subprocess.DEVNULL)


def starter_copy(tmp_path: Path) -> Path:
    """A copy of the stage-01 starter to break on purpose."""
    folder = tmp_path / "submission"
    shutil.copytree(STAGE.starter_dir, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def solution_copy(tmp_path: Path) -> Path:
    """A copy of the stage-01 solution to break on purpose."""
    folder = tmp_path / "submission"
    shutil.copytree(STAGE.solution_dir, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("name", ["stage-01", "01", "1"])
def test_solution_passes_with_exit_0(name):
    """All checks pass → exit 0 and a closing line naming the score; every spelling of the stage works."""
    result = run_grader(name, "--solution")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checks passed" in result.stdout
    assert "✓" in result.stdout and "✗" not in result.stdout


def test_starter_fails_with_exit_1_and_explains():
    """Some checks fail → exit 1; failures say expected, got, what blocks them (or a hint) and where to read; no
    traceback, no colour codes."""
    result = run_grader("stage-01")
    assert result.returncode == 1
    out = result.stdout
    assert "✗" in out and "expected:" in out and "got:" in out and ("hint:" in out or "blocked:" in out)
    assert "site/chapters/stage-01.md#" in out
    assert "Traceback" not in out and "\x1b[" not in out


def test_unknown_stage_is_a_usage_error_listing_valid_ones():
    """An unknown stage → exit 2 and the list of valid stage ids."""
    result = run_grader("stage-99")
    assert result.returncode == 2
    assert "stage-01" in result.stderr and "stage-99" in result.stderr


def test_missing_folder_is_a_usage_error(tmp_path):
    """--path to a folder that does not exist → exit 2 with a message, not a traceback."""
    result = run_grader("stage-01", "--path", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "not a folder" in result.stderr and "Traceback" not in result.stderr


def test_json_output_shape():
    """--json prints one JSON document in the documented shape (Exercism v3 / GitHub Classroom)."""
    result = run_grader("stage-01", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["version"] == 3 and report["status"] == "fail" and report["stage"] == "stage-01"
    assert report["max_score"] == sum(test["max_score"] for test in report["tests"]) > len(report["tests"])
    assert report["score"] == sum(test["score"] for test in report["tests"])
    for test in report["tests"]:
        assert set(test) >= {"name", "status", "message", "score", "max_score", "test_code", "task_id", "line_no"}
        assert test["status"] in ("pass", "fail", "error")
        assert (test["message"] is None) == (test["status"] == "pass")
    assert report["environment"]["packages"]["flask"]
    assert report["environment"]["grader"]


def test_syntax_error_is_one_clear_message(tmp_path):
    """A syntax error → exit 2, one message naming the file and line, no traceback wall."""
    folder = starter_copy(tmp_path)
    edit(folder / "app.py", "def index():", "def index(:")
    result = run_grader("stage-01", "--path", str(folder))
    assert result.returncode == 2
    line = next(n for n, text in enumerate((folder / "app.py").read_text().splitlines(), 1) if "def index(:" in text)
    assert f"app.py, line {line}" in result.stdout
    assert "SyntaxError" in result.stdout and "Traceback" not in result.stdout


def test_missing_name_points_at_its_line(tmp_path):
    """A NameError at import time → exit 2 with the file and line of the bad name."""
    folder = starter_copy(tmp_path)
    edit(folder / "app.py", "app = Flask(__name__)", "app = Flask(__name__)\nrouter = Blueprint('x', __name__)")
    result = run_grader("stage-01", "--path", str(folder), "--json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["status"] == "error"
    assert "NameError" in report["message"] and "app.py, line" in report["message"]
    assert report["max_score"] > 0 and report["score"] == 0


def test_missing_app_object_is_explained(tmp_path):
    """No module-level `app` → exit 2 and a message saying what the checks look for."""
    folder = starter_copy(tmp_path)
    with open(folder / "app.py", "a", encoding="utf-8") as source:
        source.write("\napplication = app\ndel app\n")
    result = run_grader("stage-01", "--path", str(folder))
    assert result.returncode == 2
    assert "module-level `app`" in result.stdout


def test_hanging_request_fails_that_check_and_grading_finishes(tmp_path):
    """A route stuck in an endless loop fails with a timeout message; the other checks still run."""
    folder = solution_copy(tmp_path)
    edit(folder / "app.py", '    return jsonify(message="Hello, API world!"',
         '    while True:\n        pass\n    return jsonify(message="Hello, API world!"')
    result = run_grader("stage-01", "--path", str(folder), "--timeout", "0.5", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    hung = [test for test in report["tests"] if test["status"] != "pass"]
    assert hung and all("hang" in test["message"] for test in hung)
    assert any(test["status"] == "pass" for test in report["tests"])


def test_hang_at_import_is_reported(tmp_path):
    """app.run() (or a loop) at import time is caught by the time limit and explained."""
    folder = solution_copy(tmp_path)
    edit(folder / "app.py", "app = Flask(__name__)", "app = Flask(__name__)\nwhile True:\n    pass")
    result = run_grader("stage-01", "--path", str(folder), "--timeout", "0.5")
    assert result.returncode == 2
    assert "Importing the app took more than" in result.stdout


def test_grading_writes_nothing_into_the_student_folder(tmp_path):
    """After grading, the student's folder holds exactly what it held before."""
    folder = solution_copy(tmp_path)
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    assert run_grader("stage-01", "--path", str(folder)).returncode == 0
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before


def test_noisy_app_does_not_flood_the_report(tmp_path):
    """An app that prints megabytes still gets a normal, short report."""
    folder = solution_copy(tmp_path)
    edit(folder / "app.py", "app = Flask(__name__)", "app = Flask(__name__)\nprint('x' * 3_000_000)")
    result = run_grader("stage-01", "--path", str(folder))
    assert result.returncode == 0
    assert len(result.stdout) < 5000


def test_check_filter_runs_only_matching_checks():
    """-k keeps the checks whose name or title holds every word, and nothing else (not the whole file)."""
    report = json.loads(run_grader("stage-01", "--solution", "--json", "-k", "greet").stdout)
    assert report["tests"] and all("greet" in (test["check_id"] + test["name"]).lower() for test in report["tests"])
    narrow = json.loads(run_grader("stage-01", "--solution", "--json", "-k", "hello FIELDS").stdout)
    assert [test["check_id"].split("::")[-1] for test in narrow["tests"]] == ["test_hello_fields"]


def test_verbose_shows_pytest_output():
    """--verbose adds pytest's own output for when the short report is not enough."""
    result = run_grader("stage-01", "--verbose")
    assert "pytest output" in result.stdout and "passed" in result.stdout


def test_doctor_reports_each_check():
    """grade.py doctor lists its checks with ✓/✗ and exits 0 or 1."""
    result = run_grader("doctor")
    assert result.returncode in (0, 1)
    assert "Python" in result.stdout and "pinned packages" in result.stdout
