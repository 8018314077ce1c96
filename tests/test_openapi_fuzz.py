"""The documented stages' solutions survive a property-based fuzzer driven by their own OpenAPI document.

schemathesis reads the solution's /openapi.json through the WSGI app (no server, no network) and sends every operation
generated requests with an admin's access token: well-formed ones, whose answers must be documented and match the
document's schemas, and malformed ones. No answer may be a 5xx. The run is derandomized, so CI sends the same requests
every time; the work itself happens in a process of its own (tests/fuzz_openapi.py, in a copy of the solution).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import STAGES, copy_solution
from server import server_env

FUZZER = Path(__file__).parent / "fuzz_openapi.py"
# The stages whose app describes itself with APIFlask.
FUZZED = ("stage-14", "stage-15")
EXAMPLES_PER_OPERATION = 25
# Every operation of the document, so a route left out of the document would shrink the run unnoticed otherwise.
MINIMUM_OPERATIONS = 12


@pytest.mark.parametrize("stage", [stage for stage in STAGES if stage.id in FUZZED], ids=lambda stage: stage.id)
def test_fuzzing_the_document_finds_no_server_error(stage, tmp_path):
    """No generated request gets a 5xx, and every well-formed one gets a documented answer matching its schema."""
    folder = copy_solution(stage, tmp_path)
    env = server_env(tmp_path)
    env.pop("PYTEST_ADDOPTS", None)
    result = subprocess.run([sys.executable, str(FUZZER), str(EXAMPLES_PER_OPERATION), str(tmp_path)], cwd=folder,
                            env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    figures = (f"{summary['operations']} operations, {summary['examples']} requests, "
               f"{summary['server_errors']} answered 5xx, {summary['seconds']} s")
    print(f"{stage.id}: {figures}")
    assert summary["operations"] >= MINIMUM_OPERATIONS, figures
    assert summary["examples"] >= summary["operations"] * 2, figures
    problems = "\n\n".join(f"{failure['request']} ({failure['mode']}, {failure['status']}) body {failure['body']}:\n"
                           f"{failure['problem']}" for failure in summary["failures"])
    assert summary["server_errors"] == 0, f"{figures}\n{problems}"
    assert not summary["failures"], f"{figures}\n{problems}"
