"""GitHub Classroom: the compact --classroom result and the generated workflow, held to what the reporter
(classroom-resources/autograding-grading-reporter@v1) documents and does."""

import base64
import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import graded, stage_params
from grader.classroom import SIZE_LIMIT, classroom_result, encode, runner_id
from grader.manifest import ROOT, load_stages
from sandbox import make_sandbox

# Linux refuses an environment variable (name=value) longer than 32 pages: MAX_ARG_STRLEN.
ENV_LIMIT = 128 * 1024
WORKFLOW = ROOT / ".github" / "workflows" / "classroom.yml"


def reporter_sums(result: dict) -> tuple[float, float, float]:
    """Classroom's points (each test's score), the log's (passed/total × max_score in some releases), and the max."""
    tests = result["tests"]
    passed = sum(1 for test in tests if test["status"] == "pass")
    return sum(test["score"] for test in tests), passed / len(tests) * result["max_score"], result["max_score"]


@pytest.mark.parametrize("which", ["starter", "solution"])
@pytest.mark.parametrize("stage", stage_params())
def test_classroom_result_is_small_and_adds_up_with_weights(stage, which):
    """Every stage's result, starter and solution, is well under the limit once base64-encoded, and both of the
    reporter's sums give the grader's points, weights included."""
    outcome = graded(stage.id, str(stage.starter_dir if which == "starter" else stage.solution_dir))
    result = classroom_result(outcome)
    data = encode(result)
    assert len(data) <= SIZE_LIMIT
    assert len(f"{runner_id(stage).upper()}_RESULTS=".encode()) + len(base64.b64encode(data)) < ENV_LIMIT // 2
    assert all("test_code" not in test for test in result["tests"])
    points, logged, maximum = reporter_sums(json.loads(data))
    assert points == pytest.approx(logged) == outcome.score
    assert maximum == outcome.max_score > 0


def test_workflow_fits_the_reporters_documented_inputs():
    """One job named run-autograding-tests in a workflow named Autograding Tests; runner ids of letters and
    digits; for each, a step with that id that always runs and sets `result`, and a <RUNNER>_RESULTS variable."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["name"] == "Autograding Tests"
    assert list(workflow["jobs"]) == ["run-autograding-tests"]
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    reporter = steps[-1]
    assert reporter["uses"] == "classroom-resources/autograding-grading-reporter@v1"
    assert reporter["if"] == "always()"
    runners = reporter["with"]["runners"]
    assert re.fullmatch(r"([a-zA-Z0-9]+,)*[a-zA-Z0-9]+", runners)
    assert runners.split(",") == [runner_id(stage) for stage in load_stages()]
    by_id = {step.get("id"): step for step in steps}
    for runner in runners.split(","):
        assert reporter["env"][f"{runner.upper()}_RESULTS"] == f"${{{{ steps.{runner}.outputs.result }}}}"
        step = by_id[runner]
        assert step["if"] == "always()" and '"result=$(base64 -w 0' in step["run"] and "--classroom" in step["run"]
    assert set(reporter["env"]) == {f"{runner.upper()}_RESULTS" for runner in runners.split(",")}


def run_step(step: dict, course, output) -> subprocess.CompletedProcess:
    """Run one grading step's script as Actions would (bash -e), its output file named by GITHUB_OUTPUT."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    env["GITHUB_OUTPUT"] = str(output)
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=course, env=env, capture_output=True, text=True,
                          timeout=300)


def test_workflow_steps_always_give_the_reporter_a_result(tmp_path):
    """The steps of the workflow, run for real: a stage as shipped, a deleted stage folder, and a grade.py that
    prints nothing each give a result the reporter can decode, so the points of the other stages are reported."""
    course = make_sandbox(tmp_path)
    (course / ".venv").symlink_to(ROOT / ".venv")
    shutil.rmtree(course / "stages" / "stage-03")
    steps = {step.get("id"): step for step in yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
             ["jobs"]["run-autograding-tests"]["steps"]}
    output = tmp_path / "github-output"
    assert run_step(steps["stage01"], course, output).returncode == 1
    assert run_step(steps["stage03"], course, output).returncode == 2
    (course / "grade.py").write_text("import sys\nsys.exit(3)\n", encoding="utf-8")
    assert run_step(steps["stage02"], course, output).returncode == 3
    results = {}
    lines = output.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(line.startswith("result=") for line in lines)
    for runner, line in zip(("stage01", "stage03", "stage02"), lines):
        assert len(line) < ENV_LIMIT // 2
        results[runner] = json.loads(base64.b64decode(line.split("=", 1)[1]).decode("utf-8"))
    first = results["stage01"]
    assert first["status"] == "fail" and 0 < first["max_score"]
    assert reporter_sums(first)[0] == pytest.approx(reporter_sums(first)[1])
    deleted = results["stage03"]
    assert deleted["status"] == "error" and deleted["score"] == 0 and deleted["max_score"] > 0
    assert "not a folder" in deleted["message"]
    assert results["stage02"]["status"] == "error" and results["stage02"]["tests"][0]["score"] == 0


def test_a_huge_result_is_cut_to_the_limit():
    """Whatever the messages (a student's app can put anything in them), a result for more checks than any stage
    has stays under the limit and keeps every test with its points."""
    from grader.run import Outcome

    stage = load_stages()[0]
    checks = [{"id": f"checks/x.py::test_{n}", "title": f"Check {n}", "status": "fail" if n % 2 else "pass",
               "message": "é" * 20_000, "expected": "x" * 5000, "got": "y" * 5000, "weight": 1 + n % 2}
              for n in range(150)]
    result = classroom_result(Outcome(stage=stage, target=ROOT, checks=checks))
    assert len(encode(result)) <= SIZE_LIMIT
    assert len(result["tests"]) == sum(check["weight"] for check in checks) == result["max_score"]
    assert reporter_sums(result)[0] == pytest.approx(reporter_sums(result)[1]) == result["score"]
