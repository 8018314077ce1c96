"""The grader's everyday tools: progress overview, hints, reset, JUnit output, and the Classroom workflow."""

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from grader.manifest import ROOT, load_stages
from sandbox import make_sandbox, run_grade


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """One sandbox copy of the repo for this module's tests."""
    return make_sandbox(tmp_path_factory.mktemp("tools"))


def test_progress_table_lists_every_stage_with_its_state(course):
    """grade.py with no stage grades all stages and says which are done, in progress or not started."""
    (course / "stages" / "stage-01" / "app.py").write_text(
        (course / "solutions" / "stage-01" / "app.py").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_grade(course)
    assert result.returncode == 1
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip().startswith("stage-")}
    assert set(lines) == {s.id for s in load_stages() if (course / "stages" / s.id).is_dir()}
    assert "done" in lines["stage-01"]
    assert "not started" in lines["stage-02"]
    assert "stages done" in result.stdout


def test_progress_survives_a_file_that_is_not_utf8(course):
    """A Latin-1 file in a stage folder makes that stage 'in progress' or an import error, never a crash."""
    extra = course / "stages" / "stage-02" / "notes.py"
    extra.write_bytes("# r\u00e9sum\u00e9\n".encode("latin-1"))
    try:
        result = run_grade(course)
    finally:
        extra.unlink()
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "in progress" in next(line for line in result.stdout.splitlines() if "stage-02" in line)


def test_hint_tiers_reveal_more_only_when_asked(course):
    """hint shows advice; --more adds the chapter section and the TODO line; only --show-solution shows code."""
    basic = run_grade(course, "hint", "stage-02")
    assert basic.returncode == 1
    assert "First failing check" in basic.stdout and "hint:" in basic.stdout
    assert "--more" in basic.stdout and "Read:" not in basic.stdout and "solution" not in basic.stdout.lower()
    more = run_grade(course, "hint", "stage-02", "--more")
    assert "Read:" in more.stdout and "site/chapters/stage-02.md#" in more.stdout
    assert "line" in more.stdout and "TODO" in more.stdout or "Where to work" in more.stdout
    assert "+++ solution" not in more.stdout
    shown = run_grade(course, "hint", "stage-02", "--show-solution")
    assert "+++ solution" in shown.stdout or "reference solution" in shown.stdout


def test_hint_on_a_passing_stage_says_so():
    """hint on the solution: nothing fails, exit 0."""
    result = run_grade(ROOT, "hint", "stage-01", "--solution")
    assert result.returncode == 0 and "no hint needed" in result.stdout


def test_reset_one_file_keeps_a_backup(course):
    """reset STAGE FILE restores the starter file and moves the student's version into a named backup."""
    app = course / "stages" / "stage-03" / "app.py"
    app.write_text("# my work in progress\n", encoding="utf-8")
    result = run_grade(course, "reset", "stage-03", "app.py")
    assert result.returncode == 0, result.stderr
    assert app.read_text(encoding="utf-8") == (ROOT / "stages" / "stage-03" / "app.py").read_text(encoding="utf-8")
    backups = list((course / ".grade-backups").glob("stage-03-*/app.py"))
    assert [b.read_text(encoding="utf-8") for b in backups] == ["# my work in progress\n"]
    assert str(backups[0].parent.relative_to(course)) in result.stdout


def test_reset_whole_stage_moves_everything_aside(course):
    """reset STAGE moves the whole folder (extra files too) to a backup, then writes the starter."""
    folder = course / "stages" / "stage-02"
    (folder / "notes.txt").write_text("my notes\n", encoding="utf-8")
    result = run_grade(course, "reset", "stage-02")
    assert result.returncode == 0, result.stderr
    assert not (folder / "notes.txt").exists()
    assert [p.read_text() for p in (course / ".grade-backups").glob("stage-02-*/notes.txt")] == ["my notes\n"]
    assert run_grade(course, "stage-02", "--json").returncode == 1


def test_reset_refuses_unknown_file_and_stage(course):
    """An unknown file or stage → exit 2 with a message listing what exists; nothing moves."""
    result = run_grade(course, "reset", "stage-01", "nope.py")
    assert result.returncode == 2 and "app.py" in result.stderr
    assert run_grade(course, "reset", "stage-77").returncode == 2
    assert not list((course / ".grade-backups").glob("stage-01-*"))


def test_reset_of_an_untouched_file_changes_nothing(course):
    """Resetting a file that is already as shipped makes no backup."""
    result = run_grade(course, "reset", "stage-01", "requests.sh")
    assert result.returncode == 0 and "already as shipped" in result.stdout


def test_junit_file_lists_every_check(tmp_path):
    """--junit writes JUnit XML with one testcase per check and failures marked."""
    path = tmp_path / "results.xml"
    result = run_grade(ROOT, "stage-01", "--junit", str(path))
    assert result.returncode == 1
    suite = ET.parse(path).getroot().find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == int(suite.get("tests")) > 0
    assert int(suite.get("failures")) == sum(1 for case in cases if case.find("failure") is not None) > 0


def test_json_fits_the_classroom_reporter():
    """The --json output has what GitHub Classroom's reporter reads: max_score, and per test name, status,
    score, message, test_code, line_no, with consistent scores."""
    report = json.loads(run_grade(ROOT, "stage-01", "--json").stdout)
    assert isinstance(report["max_score"], int) and report["max_score"] > 0
    assert report["status"] in ("pass", "fail", "error")
    for test in report["tests"]:
        assert isinstance(test["name"], str) and test["name"]
        assert test["status"] in ("pass", "fail", "error")
        assert isinstance(test["score"], int) and 0 <= test["score"] <= test["max_score"]
        assert test["message"] is None or isinstance(test["message"], str)
        assert isinstance(test["test_code"], str) and isinstance(test["line_no"], int)
    assert sum(test["max_score"] for test in report["tests"]) == report["max_score"]


def test_classroom_workflow_matches_the_manifest():
    """The committed Classroom workflow has one grading step per stage (it is generated from course.toml)."""
    result = subprocess.run([sys.executable, "scripts/classroom_workflow.py", "--check"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr


def test_every_weight_names_a_real_check():
    """A weight in course.toml for a check that does not exist would silently count for nothing."""
    for stage in load_stages():
        names = {line.split("def ", 1)[1].split("(", 1)[0] for path in stage.checks_dir.glob("test_*.py")
                 for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("def test_")}
        assert set(stage.weights) <= names, f"{stage.id}: {set(stage.weights) - names}"


def test_missing_stage_folder_is_explained(course):
    """A deleted stage folder: grading it is a usage error naming reset; the overview marks it; reset restores it."""
    folder = course / "stages" / "stage-03"
    shutil.rmtree(folder)
    result = run_grade(course, "stage-03")
    assert result.returncode == 2 and "reset stage-03" in result.stderr
    overview = run_grade(course)
    assert "folder missing" in next(line for line in overview.stdout.splitlines() if "stage-03" in line)
    assert run_grade(course, "reset", "stage-03").returncode == 0
    assert (folder / "app.py").is_file()
