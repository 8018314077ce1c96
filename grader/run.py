"""Run one stage's checks against a folder in a fresh Python process and collect the results."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .channel import tail
from .copying import CopyRefused, remove_tree, safe_copy
from .manifest import ROOT, Stage
from .sandbox import available

# pytest's built-in plugins that no check uses (doctests, unittest classes, tmpdir, JUnit XML, --pdb, --sw, ...):
# each adds its hook calls to every check.
UNUSED_PLUGINS = ("doctest", "legacypath", "junitxml", "pastebin", "unittest", "debugging", "setuponly", "setupplan",
                  "stepwise", "subtests")
# A whole grading run may take this long before it is stopped; single checks have their own, shorter limit.
RUN_TIMEOUT = 300
OUTPUT_KEPT = 20_000


@dataclass
class Outcome:
    """What one grading run found."""

    stage: Stage
    target: Path
    checks: list[dict] = field(default_factory=list)
    error: dict | None = None
    seconds: float = 0.0
    output: str = ""
    left_out: list[str] = field(default_factory=list)
    # How many checks found their app prepared ahead by the worker, and why the others did not (grader/worker.py).
    prepared: dict | None = None

    @property
    def passed(self) -> int:
        """How many checks passed."""
        return sum(1 for check in self.checks if check["status"] == "pass")

    @property
    def total(self) -> int:
        """How many checks ran (or should have)."""
        return len(self.checks)

    @property
    def score(self) -> int:
        """Points earned: the weights of the passing checks."""
        return sum(check["weight"] for check in self.checks if check["status"] == "pass")

    @property
    def max_score(self) -> int:
        """Points available: the weights of every check."""
        return sum(check["weight"] for check in self.checks)

    @property
    def status(self) -> str:
        """pass, fail, or error (the app could not be graded at all)."""
        if self.error:
            return "error"
        return "pass" if self.checks and self.passed == self.total else "fail"


def grade(stage: Stage, target: Path, *, check_filter: str | None = None, verbose: bool = False,
          check_timeout: float | None = None, cpu_seconds: int | None = None,
          wall_seconds: float = RUN_TIMEOUT, sandbox: bool | None = None, meanwhile=None,
          ahead: bool | None = None) -> Outcome:
    """Grade a scratch copy of target: the checks in a pytest process, the student's app in its worker; meanwhile
    (a function) runs once the checks' process has started. ahead: two workers that take turns, each importing
    the next check's app while the other answers (default: when the machine has a second core; off when many
    gradings already share the cores)."""
    if stage.kind == "tests":
        # The student wrote tests, not an app: their suite runs against the grader's apps (grader/suite.py).
        from .suite import grade_suite

        return grade_suite(stage, target, check_filter=check_filter, verbose=verbose, sandbox_choice=sandbox)
    target = target.resolve()
    outcome = Outcome(stage=stage, target=target)
    started = time.perf_counter()
    use_sandbox = bool(available()) if sandbox is None else sandbox
    scratch = Path(tempfile.mkdtemp(prefix="grade-"))
    private = Path(tempfile.mkdtemp(prefix="grade-results-"))
    try:
        # Two copies: the checks read `pristine`, which the student's code never reaches (it can replace the files of
        # its own copy with links to the grader's files); the worker runs `copy`, whatever it does to it.
        pristine, copy = private / "submission", scratch / "submission"
        try:
            outcome.left_out = safe_copy(target, pristine)
            safe_copy(pristine, copy)
        except (CopyRefused, OSError) as exc:
            outcome.error = {"message": f"The folder could not be copied for grading: {exc}."}
            return outcome
        results = private / "results.json"
        command = [
            sys.executable, "-P", "-m", "grader.launch", str(stage.checks_dir),
            "-c", str(ROOT / "checks" / "pytest.ini"), "--rootdir", str(ROOT / "checks"),
            "-p", "grader.plugin", "-p", "no:cacheprovider", "--basetemp", str(scratch / "checks"),
            "--target", str(pristine), "--worker-target", str(copy), "--stage", stage.id, "--app-spec", stage.app,
            "--results", str(results),
            "--scratch", str(scratch), "-q", "--no-header", "-o", "console_output_style=classic",
        ]
        command += [option for name in UNUSED_PLUGINS for option in ("-p", f"no:{name}")]
        command += ["--tb=short"] if verbose else ["--tb=no", "-qq"]
        if check_filter:
            # One token: a filter that starts with "--" is still the filter, for pytest and for grader/launch.py.
            command += [f"--only={check_filter}"]
        if check_timeout:
            command += ["--check-timeout", str(check_timeout)]
        if use_sandbox:
            command += ["--sandbox"]
        if cpu_seconds:
            command += ["--cpu-seconds", str(cpu_seconds)]
        if (os.cpu_count() or 1) > 1 if ahead is None else ahead:
            command += ["--ahead"]
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1", PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
        proc = subprocess.Popen(command, cwd=scratch, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            if meanwhile is not None:
                meanwhile()
            output, _ = proc.communicate(timeout=wall_seconds)
            outcome.output = output[-OUTPUT_KEPT:].decode("utf-8", "replace")
            if proc.returncode < 0:
                outcome.error = {"message": f"Grading was stopped by signal {-proc.returncode} "
                                            "(the machine may have run out of memory)."}
        except subprocess.TimeoutExpired:
            outcome.error = {"message": f"Grading stopped after {wall_seconds:g} seconds without finishing."}
        finally:
            _kill_group(proc)
        outcome.seconds = time.perf_counter() - started
        printed = tail(scratch / "worker-output.txt", OUTPUT_KEPT)
        if printed.strip():
            outcome.output += "\n--- what the app printed ---\n" + printed
        # A checks process that was killed did not write the results: whatever is in the file is not its verdict.
        data = read_results(results) if proc.returncode is not None and proc.returncode >= 0 else None
        if data is not None:
            outcome.checks = data["checks"]
            outcome.error = outcome.error or data["error"]
            outcome.prepared = data.get("prepared") if isinstance(data.get("prepared"), dict) else None
        elif outcome.error is None:
            outcome.error = {"message": "The checks could not run. Run again with --verbose to see why."}
    finally:
        remove_tree(scratch)
        remove_tree(private)
    for check in outcome.checks:
        check["weight"] = stage.weights.get(check["id"].split("::")[-1].split("[")[0], 1)
    return outcome


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop the checks' process group, whatever state it is in."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


RESULT_LIMIT = 32 * 1024 * 1024
CHECK_KEYS = {"id", "title", "status", "message"}


def read_results(path: Path) -> dict | None:
    """The checks' results file, if it is there, of a sane size, and of the expected shape; else None."""
    try:
        if not path.is_file() or path.stat().st_size > RESULT_LIMIT:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
        return None
    if not all(isinstance(check, dict) and CHECK_KEYS <= set(check) for check in data["checks"]):
        return None
    if data.get("error") is not None and not isinstance(data["error"], dict):
        return None
    return data
