"""grade.py class: a whole class into a gradebook, robust to broken, hanging, noisy and stray submissions."""

import csv
import json
import sys
import xml.etree.ElementTree as ET

import pytest

from grader.manifest import ROOT
from sandbox import run_grade

sys.path.insert(0, str(ROOT / "scripts"))
from make_class import make_class  # noqa: E402


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """A class of ten mixed submissions for stage-01, graded once into CSV."""
    folder = tmp_path_factory.mktemp("class")
    kinds = dict(make_class(folder / "submissions", "stage-01", 10))
    out = folder / "gradebook.csv"
    result = run_grade(ROOT, "class", str(folder / "submissions"), "--stage", "stage-01", "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8"))) if out.exists() else []
    return kinds, result, {row["student"]: row for row in rows}, folder


def test_class_run_completes_and_writes_a_row_per_student(graded_class):
    """Exit 0, one gradebook row per student folder, the stray README skipped with a note."""
    kinds, result, rows, _ = graded_class
    assert result.returncode == 0, result.stderr
    assert set(rows) == set(kinds)
    assert "skipped README.txt" in result.stderr


def test_gradebook_scores_match_the_work(graded_class):
    """Correct work gets full marks, the untouched starter partial marks, broken work an error row."""
    kinds, _, rows, _ = graded_class
    for student, kind in kinds.items():
        row = rows[student]
        if kind in ("correct", "noisy"):
            assert row["status"] == "pass" and row["score"] == row["max"], row
        elif kind == "untouched":
            assert row["status"] == "fail" and 0 < int(row["score"]) < int(row["max"]), row
        else:
            assert row["status"] == "error" and row["message"] and int(row["score"]) == 0, row


def test_error_rows_say_why(graded_class):
    """Import failures are recorded with their message: syntax error with file and line, a hang as a hang."""
    kinds, _, rows, _ = graded_class
    messages = {kinds[s]: rows[s]["message"] for s in rows if rows[s]["status"] == "error"}
    assert "SyntaxError" in messages["syntax_error"] and "line" in messages["syntax_error"]
    assert "took more than" in messages["hangs_at_import"]
    assert "SyntaxError" in messages["not_utf8"] or "decode" in messages["not_utf8"]


def test_gradebook_has_a_column_per_check(graded_class):
    """Besides the totals, one column per check holds pass/fail/error."""
    _, _, rows, _ = graded_class
    row = next(iter(rows.values()))
    check_columns = [name for name in row if name.startswith("stage-01/")]
    assert len(check_columns) >= 5
    assert {row[c] for row in rows.values() for c in check_columns} <= {"pass", "fail", "error"}


def test_cohort_statistics_are_printed(graded_class):
    """The run ends with how many students fail each check."""
    _, result, _, _ = graded_class
    assert "Checks by how many students fail them" in result.stderr
    assert "per minute" in result.stderr


def test_submissions_are_not_modified(graded_class):
    """Grading works on temporary copies: no instance folders or caches appear in the submissions."""
    _, _, _, folder = graded_class
    leftovers = [p for p in (folder / "submissions").rglob("*") if p.name in ("__pycache__", "instance")]
    assert leftovers == []


def test_json_gradebook_and_junit(tmp_path):
    """--json writes the rows and the statistics as JSON; --junit adds one test suite per submission."""
    make_class(tmp_path / "subs", "stage-01", 2)
    out, junit = tmp_path / "book.json", tmp_path / "class.xml"
    result = run_grade(ROOT, "class", str(tmp_path / "subs"), "--stage", "1", "--json", "--out", str(out),
                       "--junit", str(junit))
    assert result.returncode == 0, result.stderr
    book = json.loads(out.read_text(encoding="utf-8"))
    assert len(book["rows"]) == 2 and book["statistics"] and book["environment"]["grader"]
    suites = ET.parse(junit).getroot().findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["student-001/stage-01", "student-002/stage-01"]


@pytest.mark.parametrize("setup", ["empty", "missing"])
def test_unusable_submissions_folder_is_a_usage_error(tmp_path, setup):
    """An empty or missing submissions folder → exit 2 with a clear message."""
    folder = tmp_path / "subs"
    if setup == "empty":
        folder.mkdir()
    result = run_grade(ROOT, "class", str(folder), "--stage", "stage-01", "--out", str(tmp_path / "g.csv"))
    assert result.returncode == 2
    assert "submission" in result.stderr and "Traceback" not in result.stderr


def test_unknown_stage_for_class_is_a_usage_error(tmp_path):
    """class --stage with an unknown stage → exit 2 listing valid stages."""
    result = run_grade(ROOT, "class", str(tmp_path), "--stage", "stage-42")
    assert result.returncode == 2 and "stage-01" in result.stderr
