"""Stage 09 grades the student's tests, not an app (grader/suite.py): the reference suite is accepted and kills every
mutant, the starter's suite is refused, and suites that are vacuous, unfair or order-dependent are refused, each by
its own rule. The unfair suites are the mutants of tests/mutants/stage-09.toml (their `refused_by` names the rule);
the vacuous one is tests/suites/stage-09/vacuous/."""

import filecmp
from pathlib import Path

import pytest

from conftest import copy_solution, graded
from grader.hints import todo_regions
from grader.manifest import load_stages, tomllib
from grader.report import chapter_sections, to_json
from grader.run import grade
from grader.suite import build_app, listed_checks, load_plan, read_junit
from test_mutants import apply, load_mutants

STAGE = next(stage for stage in load_stages() if stage.kind == "tests")
PLAN = load_plan(STAGE)
SUITES = Path(__file__).parent / "suites" / STAGE.id
# The reference suite with its database read-backs taken out: still accepted, but blind to what is stored.
STATUS_ONLY = {"file": "tests/test_auth.py", "find": '''    user_id = body["data"]["user_id"]
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        assert (user.username, user.email, user.role) == ("newcomer", "newcomer@example.com", "user")
        assert user.password_hash != NEW_USER["password"]
        assert user.check_password(NEW_USER["password"])
''', "replace": '''    assert isinstance(body["data"]["user_id"], int)
'''}


def by_id(outcome) -> dict[str, dict]:
    """The outcome's checks by id."""
    return {check["id"]: check for check in outcome.checks}


def not_passing(outcome) -> list[str]:
    """Ids and messages of the checks that did not pass."""
    return [f"{check['id']}: {check.get('message')}" for check in outcome.checks if check["status"] != "pass"]


def test_plan_has_enough_mutants_and_alternatives(tmp_path):
    """At least 12 mutants and 2 alternative apps, each of which applies to the reference cleanly."""
    assert len(PLAN.mutants) >= 12 and len(PLAN.alternatives) >= 2
    names = [variant.name for variant in PLAN.mutants + PLAN.alternatives]
    assert len(names) == len(set(names))
    for number, variant in enumerate([PLAN.stubs, *PLAN.alternatives, *PLAN.mutants]):
        build_app(PLAN, variant, tmp_path / str(number))


def test_reference_app_is_the_solution_app():
    """The grader's reference app (checks/) is the app of the stage's solution, file for file."""
    reference = sorted(p.relative_to(PLAN.reference) for p in PLAN.reference.rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts)
    for relative in reference:
        assert filecmp.cmp(PLAN.reference / relative, STAGE.solution_dir / relative, shallow=False), relative


def test_hints_name_real_sections():
    """Every hint of suite.toml sends the student to a heading of the chapter."""
    sections = chapter_sections(STAGE)
    data = tomllib.loads((STAGE.checks_dir / "suite.toml").read_text(encoding="utf-8"))
    named = [hint["section"] for hint in data["hints"].values()]
    named += [entry["hint"]["section"] for entry in data.get("mutant", []) if "hint" in entry]
    assert named and all(section in sections for section in named), [s for s in named if s not in sections]
    regions = todo_regions(STAGE.solution_dir)
    todos = [hint["todo"] for hint in data["hints"].values() if "todo" in hint]
    todos += [entry["todo"] for entry in data.get("mutant", [])]
    assert len(todos) > len(data["mutant"]) and all(todo in regions for todo in todos)


def test_reference_suite_is_accepted_and_kills_every_mutant():
    """Every rule passes, every mutant is killed, and the score is the number of mutants."""
    outcome = graded(STAGE.id, str(STAGE.solution_dir))
    assert outcome.error is None, outcome.error
    assert not not_passing(outcome)
    assert outcome.score == outcome.max_score == len(PLAN.mutants)
    for mutant in PLAN.mutants:
        assert by_id(outcome)[f"mutant::{mutant.name}"]["caught_by"], mutant.name


def test_json_has_one_entry_per_mutant():
    """--json: the rules (worth nothing alone), then one entry per mutant named by what it breaks."""
    data = to_json(graded(STAGE.id, str(STAGE.solution_dir)))
    mutants = [test for test in data["tests"] if test["check_id"].startswith("mutant::")]
    assert [test["check_id"] for test in mutants] == [f"mutant::{mutant.name}" for mutant in PLAN.mutants]
    assert all(test["max_score"] == 1 and test["score"] == 1 for test in mutants)
    assert all(mutant.description in test["name"] for mutant, test in zip(PLAN.mutants, mutants))
    assert data["score"] == data["max_score"] == len(PLAN.mutants)


def test_starter_suite_is_refused():
    """The starter's tests all skip: not accepted, no point, and it says what to write first."""
    outcome = graded(STAGE.id, str(STAGE.starter_dir))
    assert outcome.error is None, outcome.error
    checks = by_id(outcome)
    assert checks["suite::reference"]["status"] == "fail"
    assert "conftest.py" in checks["suite::reference"]["message"]
    assert outcome.score == 0
    assert all(check["status"] == "fail" for name, check in checks.items() if name.startswith("mutant::"))


def test_vacuous_suite_is_refused():
    """A suite that accepts any answer passes on the reference and on the alternatives, and on the stubs too."""
    outcome = grade(STAGE, SUITES / "vacuous")
    checks = by_id(outcome)
    assert checks["suite::reference"]["status"] == "pass", not_passing(outcome)
    assert checks["suite::stubs"]["status"] == "fail"
    assert outcome.score == 0


@pytest.mark.parametrize("mutant", load_mutants(STAGE), ids=lambda mutant: mutant["name"])
def test_unfair_suite_is_refused_by_its_rule(mutant, tmp_path):
    """Pinning a choice the contract leaves open, depending on test order, using the development database,
    reading tokens where they are not, recognising the reference's wording: each refused, by the rule that says so."""
    folder = copy_solution(STAGE, tmp_path)
    apply(mutant, folder)
    outcome = grade(STAGE, folder)
    assert outcome.error is None, outcome.error
    assert by_id(outcome)[mutant["refused_by"]]["status"] == "fail", not_passing(outcome)
    assert outcome.score == 0


def test_weak_suite_is_accepted_and_its_survivors_named(tmp_path):
    """A suite that never reads the database back is accepted, and the report names the mutants it misses by the
    behaviour they break."""
    folder = copy_solution(STAGE, tmp_path)
    apply({"name": "status-only", **STATUS_ONLY}, folder)
    outcome = grade(STAGE, folder)
    checks = by_id(outcome)
    survivors = {name.removeprefix("mutant::") for name, check in checks.items()
                 if name.startswith("mutant::") and check["status"] != "pass"}
    assert all(check["status"] == "pass" for name, check in checks.items() if name.startswith("suite::"))
    assert survivors == {"register-no-commit", "register-role-from-client"}
    assert outcome.score == len(PLAN.mutants) - 2
    messages = [test["message"] for test in to_json(outcome)["tests"] if test["status"] == "fail"]
    assert any("never commits" in message for message in messages)


def test_junit_reader_refuses_what_is_not_plain_data(tmp_path):
    """The run's JUnit file is read as data: no DTD, no entity, a size cap, a regular file only."""
    plain = tmp_path / "plain.xml"
    plain.write_text('<testsuites><testsuite><testcase classname="tests.test_a" name="test_x"/>'
                     '<testcase classname="tests.test_a" name="test_y"><failure message="boom"/></testcase>'
                     "</testsuite></testsuites>")
    assert read_junit(plain) == {"test_a::test_x": {"status": "pass", "message": None},
                                 "test_a::test_y": {"status": "fail", "message": "boom"}}
    entity = tmp_path / "entity.xml"
    entity.write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><testsuites><testcase name="&a;"/></testsuites>')
    assert read_junit(entity) is None
    link = tmp_path / "link.xml"
    link.symlink_to(plain)
    assert read_junit(link) is None


def write_suite(folder: Path, source: str) -> Path:
    """A submission whose tests/ holds one test file with this source."""
    (folder / "tests").mkdir(parents=True)
    (folder / "tests" / "test_probe.py").write_text(source, encoding="utf-8")
    return folder


def test_student_tests_run_isolated(tmp_path, monkeypatch):
    """The student's tests see neither the grader's environment nor the course's code on sys.path."""
    monkeypatch.setenv("GRADER_PROBE_SECRET", "not for students")
    root = str(Path(__file__).resolve().parent.parent)
    folder = write_suite(tmp_path / "probe", f'''
import os
import sys


def test_isolated():
    assert "GRADER_PROBE_SECRET" not in os.environ
    assert "PYTHONPATH" not in os.environ
    # Python's own folders (a venv inside the repo) aside, nothing of the course is importable.
    course = [entry for entry in sys.path if entry.startswith({root!r}) and not entry.startswith(sys.prefix)]
    assert not course, course
    import app
    assert not app.__file__.startswith({root!r})
''')
    outcome = grade(STAGE, folder)
    assert by_id(outcome)["suite::reference"]["status"] == "pass", not_passing(outcome)


def test_hanging_suite_is_stopped(tmp_path, monkeypatch):
    """A test that never ends is stopped at the run's time limit, and the suite is refused with that reason."""
    monkeypatch.setattr("grader.suite.RUN_SECONDS", 3)
    folder = write_suite(tmp_path / "hang", "import time\n\n\ndef test_forever():\n    time.sleep(600)\n")
    outcome = grade(STAGE, folder)
    check = by_id(outcome)["suite::reference"]
    assert check["status"] == "fail" and "did not finish within 3 seconds" in check["message"]
    assert outcome.score == 0


def test_listing_matches_the_report():
    """grade.py stage-09 --list names the checks a grading reports, in the same order, without running any."""
    outcome = graded(STAGE.id, str(STAGE.solution_dir))
    assert [(check["id"], check["title"]) for check in listed_checks(STAGE)] == [
        (check["id"], check["title"]) for check in outcome.checks]


def test_folder_without_tests_is_an_error_that_still_lists_the_checks(tmp_path):
    """No tests/ folder: an error saying where tests belong, and every check listed unrun (a gradebook's maximum)."""
    outcome = grade(STAGE, tmp_path)
    assert outcome.status == "error" and "tests/" in outcome.error["message"]
    assert [check["id"] for check in outcome.checks] == [check["id"] for check in listed_checks(STAGE)]
    assert outcome.score == 0 and outcome.max_score == len(PLAN.mutants)
