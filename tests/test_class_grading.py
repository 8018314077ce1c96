"""grade.py class: a whole class into a gradebook an instructor can act on, robust to broken, looping, empty,
misplaced and missing submissions.

The class of issue 14 (13 stage-04 submissions and a roster naming one more student) is graded once for the module;
the options that do not depend on the stage are tried on small stage-01 classes.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest

from grader.cohort import Profile, distribution, wall_budget
from grader.manifest import ROOT, find_stage, load_stages
from sandbox import run_grade

sys.path.insert(0, str(ROOT / "scripts"))
from make_class import make_class, make_mixed_class  # noqa: E402


def run_class(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """grade.py class … as from a script: no terminal and no COLUMNS, so nothing tells it a width."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS")}
    return subprocess.run([sys.executable, "grade.py", "class", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """The class of issue 14 graded once: JSON gradebook, roster, feedback, 2 workers, 3-second checks."""
    folder = tmp_path_factory.mktemp("class")
    kinds = make_mixed_class(folder / "submissions", "stage-04")
    out, feedback = folder / "gradebook.json", folder / "feedback"
    started = time.perf_counter()
    result = run_class(str(folder / "submissions"), "--stage", "stage-04", "--json", "--out", str(out),
                       "--roster", str(folder / "roster.txt"), "--feedback", str(feedback), "--workers", "2",
                       "--timeout", "3")
    seconds = time.perf_counter() - started
    book = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"rows": []}
    rows = {row["student"]: row for row in book["rows"]}
    print(f"\nclass of {len(kinds) - 1} stage-04 submissions graded in {seconds:.1f}s\n{result.stderr}")
    return {"kinds": kinds, "result": result, "book": book, "rows": rows, "folder": folder, "feedback": feedback}


def test_every_student_has_a_row_with_the_stage_maximum(mixed):
    """Exit 0; one row per student folder and per roster name; `max` is the stage's on every row, errors too."""
    assert mixed["result"].returncode == 0, mixed["result"].stderr
    assert set(mixed["rows"]) == set(mixed["kinds"])
    maxima = {row["max"] for row in mixed["rows"].values()}
    assert len(maxima) == 1 and maxima.pop() > 0


def test_scores_match_the_work(mixed):
    """Correct work (whatever its folder's name) gets full marks, unfinished work part, broken work an error row
    that says why, a roster name without a folder a missing row."""
    kinds, rows = mixed["kinds"], mixed["rows"]
    for student, kind in kinds.items():
        row = rows[student]
        if kind in ("correct", "committed"):
            assert row["status"] == "pass" and row["score"] == row["max"], row
        elif kind in ("partly_done", "untouched"):
            assert row["status"] == "fail" and 0 < row["score"] < row["max"], row
        elif kind == "missing":
            assert row["status"] == "missing" and row["score"] == 0, row
        elif kind != "loops_in_a_view":
            assert row["status"] == "error" and row["score"] == 0 and row["message"], row
    by_kind = {kind: rows[student]["message"] for student, kind in kinds.items()}
    assert "SyntaxError" in by_kind["syntax_error"] and "line" in by_kind["syntax_error"]
    assert "empty" in by_kind["empty"]
    assert "neither" in by_kind["wrong_layout"]


def test_a_loop_in_one_view_fails_only_the_checks_that_reach_it(mixed):
    """The looping student's app is stopped and started again per hanging check: most checks still pass."""
    row = next(mixed["rows"][s] for s, kind in mixed["kinds"].items() if kind == "loops_in_a_view")
    assert row["status"] == "fail" and row["max"] * 0.8 < row["score"] < row["max"], row
    hung = [name for name, status in row["checks"].items() if status != "pass"]
    assert hung and any("delete" in name.lower() for name in hung)
    assert "No answer within 3 seconds" in (mixed["feedback"] / "heidi.md").read_text(encoding="utf-8")


def test_the_graded_commit_is_recorded(mixed):
    """A submission that is a git repository has the commit it was graded at; others have none."""
    student = next(s for s, kind in mixed["kinds"].items() if kind == "committed")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=mixed["folder"] / "submissions" / student,
                          capture_output=True, text=True).stdout.strip()
    assert mixed["rows"][student]["commit"] == head and len(head) == 40
    assert mixed["rows"]["alice"]["commit"] is None


def test_cohort_report_groups_failures_by_chapter_section(mixed):
    """Printed and in the JSON: sections by how many students fail, with the checks' titles, counted over the apps
    that ran; broken and missing submissions counted apart; the distribution of scores."""
    stage = mixed["book"]["cohort"]["stages"][0]
    assert (stage["submissions"], stage["ran"], stage["broken"], stage["missing"]) == (13, 9, 4, 1)
    failing = [section["failing"] for section in stage["sections"]]
    assert failing == sorted(failing, reverse=True) and failing[0] > 0
    assert all(check["ran"] == 9 for section in stage["sections"] for check in section["checks"])
    spread = stage["distribution"]
    assert spread["count"] == 13 and spread["min"] == 0 and spread["max"] == stage["max"]
    assert spread["q1"] <= spread["median"] <= spread["q3"]
    stderr = mixed["result"].stderr
    top = stage["sections"][0]
    assert f"{top['failing']}/9  {top['heading']}" in stderr
    assert top["checks"][0]["title"] in stderr and "test_" not in stderr
    assert f"median {spread['median']:g}" in stderr and "quartiles" in stderr
    assert "Missing (on the roster, no submission): peggy" in stderr
    assert "Not on the roster (graded anyway): jos\\xe9" in stderr
    assert "Could not be graded (4;" in stderr


def test_log_lines_are_not_wrapped_when_not_a_terminal(mixed):
    """Without a terminal, a long message stays on one line, and throughput counts the submissions that ran."""
    stderr = mixed["result"].stderr
    olivia = next(line for line in stderr.splitlines() if line.strip().startswith("olivia stage-04:"))
    assert len(olivia) > 100 and "at its top)" in olivia
    assert all(line == line.rstrip() for line in stderr.splitlines())
    assert "Graded 13 submissions" in stderr and "11 had an app to grade" in stderr


def test_feedback_files_say_what_the_student_would_have_seen(mixed):
    """One Markdown and one HTML file per student: score, each failing check's title, expected/got, hint, chapter."""
    feedback = mixed["feedback"]
    assert len(list(feedback.glob("*.md"))) == len(list(feedback.glob("*.html"))) == len(mixed["kinds"])
    text = (feedback / "carol.md").read_text(encoding="utf-8")
    row = mixed["rows"]["carol"]
    assert f"Score: {row['score']}/{row['max']} points" in text
    assert "expected:" in text and "got:" in text and "hint:" in text and "site/chapters/stage-04.md#" in text
    assert "<strong>" in (feedback / "carol.html").read_text(encoding="utf-8")
    assert "SyntaxError" in (feedback / "grace.md").read_text(encoding="utf-8")
    assert "no submission" in (feedback / "peggy.md").read_text(encoding="utf-8")


def test_submissions_are_not_modified(mixed):
    """Grading works on temporary copies: no instance folders or caches appear in the submissions."""
    leftovers = [p for p in (mixed["folder"] / "submissions").rglob("*") if p.name in ("__pycache__", "instance")]
    assert leftovers == []


def test_wall_budget_scales_with_the_number_of_checks():
    """A submission may take each check's own limit plus a restart, for every check it has."""
    small, large = Profile(find_stage("stage-01")), Profile(find_stage("stage-04"))
    small.checks = {f"c{n}": {} for n in range(10)}
    large.checks = {f"c{n}": {} for n in range(80)}
    assert wall_budget(large, 5) - wall_budget(small, 5) == 70 * (5 + 2)
    assert wall_budget(large, 5) > 80 * 5


def test_distribution():
    """Mean, median and quartiles (inclusive method), lowest and highest."""
    assert distribution([0, 10, 20, 30, 40]) == {"count": 5, "mean": 20, "median": 20, "q1": 10, "q3": 30, "min": 0,
                                                 "max": 40}
    assert distribution([7])["median"] == 7 and distribution([]) == {"count": 0}


@pytest.fixture
def small_class(tmp_path):
    """Three stage-01 submissions (correct, untouched, correct in the repo layout)."""
    kinds = dict(make_class(tmp_path / "subs", "stage-01", 3))
    return tmp_path, kinds


def test_csv_gradebook_then_one_student_regraded_into_it(small_class):
    """The CSV keeps its columns; --student grades one submission again and replaces only that student's row."""
    folder, kinds = small_class
    out = folder / "gradebook.csv"
    first = run_class(str(folder / "subs"), "--stage", "stage-01", "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert "skipped README.txt" in first.stderr
    rows = {row["student"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert list(next(iter(rows.values())))[:10] == ["student", "stage", "score", "max", "passed", "failed", "errors",
                                                    "status", "message", "commit"]
    assert rows["student-002"]["status"] == "fail"
    shutil.rmtree(folder / "subs" / "student-002")
    shutil.copytree(find_stage("stage-01").solution_dir, folder / "subs" / "student-002",
                    ignore=shutil.ignore_patterns("__pycache__"))
    again = run_class(str(folder / "subs"), "--stage", "stage-01", "--out", str(out), "--student", "student-002")
    assert again.returncode == 0, again.stderr
    assert "Graded 1 submissions" in again.stderr
    updated = {row["student"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert set(updated) == set(rows)
    assert updated["student-002"]["status"] == "pass" and updated["student-002"]["score"] == rows["student-001"]["score"]
    assert updated["student-001"] == rows["student-001"]


def test_scores_csv_and_junit(small_class):
    """--format scores writes student, score, max for a course gradebook; --junit one suite per submission."""
    folder, kinds = small_class
    out, junit = folder / "scores.csv", folder / "class.xml"
    result = run_class(str(folder / "subs"), "--stage", "1", "--format", "scores", "--out", str(out),
                       "--junit", str(junit))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["student", "score", "max"] and [row[0] for row in rows[1:]] == sorted(kinds)
    suites = ET.parse(junit).getroot().findall("testsuite")
    assert [suite.get("name") for suite in suites] == [f"{student}/stage-01" for student in sorted(kinds)]


def test_all_stages_with_stage_folders_adds_a_total_per_student(tmp_path):
    """--all accepts a submission of folders named after their stages; each student gets a total row."""
    student = tmp_path / "subs" / "sam"
    for stage_id in ("stage-01", "stage-02"):
        shutil.copytree(find_stage(stage_id).solution_dir, student / stage_id, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "book.json"
    result = run_class(str(tmp_path / "subs"), "--all", "--json", "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = {row["stage"]: row for row in json.loads(out.read_text(encoding="utf-8"))["rows"]}
    stages = [stage.id for stage in load_stages() if stage.checks_dir.is_dir()]
    assert set(rows) == set(stages) | {"total"}
    assert rows["stage-01"]["status"] == rows["stage-02"]["status"] == "pass"
    assert rows["stage-03"]["status"] == "error" and "no stage-03 folder" in rows["stage-03"]["message"]
    assert rows["total"]["score"] == rows["stage-01"]["score"] + rows["stage-02"]["score"]
    assert rows["total"]["max"] == sum(rows[stage]["max"] for stage in stages) and rows["stage-03"]["max"] > 0


@pytest.mark.parametrize("case", ["json-to-csv", "missing-folder", "unwritable", "feedback-folder", "workers"])
def test_options_that_cannot_work_are_refused_before_grading(tmp_path, case):
    """Exit 2 with a message and no traceback, at once (nothing is graded)."""
    make_class(tmp_path / "subs", "stage-01", 1)
    options = {"json-to-csv": ["--json", "--out", str(tmp_path / "x.csv")],
               "missing-folder": ["--out", str(tmp_path / "nowhere" / "g.csv")],
               "unwritable": ["--out", "/proc/gradebook.csv"],
               "feedback-folder": ["--feedback", str(tmp_path / "nowhere" / "feedback")],
               "workers": ["--workers", "0"]}[case]
    started = time.perf_counter()
    result = run_class(str(tmp_path / "subs"), "--stage", "stage-01", *options)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "Student code runs" not in result.stderr
    assert time.perf_counter() - started < 10


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


def test_grading_a_folder_ends_with_the_command_that_grades_it_again(tmp_path):
    """grade.py STAGE --path X: the closing advice names --path X, so the student grades the same folder."""
    shutil.copytree(find_stage("stage-01").starter_dir, tmp_path / "mine", ignore=shutil.ignore_patterns("__pycache__"))
    result = run_grade(ROOT, "stage-01", "--path", str(tmp_path / "mine"))
    assert result.returncode == 1
    assert f"python grade.py stage-01 --path {tmp_path / 'mine'}` again" in " ".join(result.stdout.split())
