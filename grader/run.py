"""Run one stage's checks against a folder in a fresh Python process and collect the results."""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .manifest import ROOT, Stage

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
          wall_seconds: float = RUN_TIMEOUT) -> Outcome:
    """Grade target with the stage's checks in a subprocess and return the outcome."""
    target = target.resolve()
    outcome = Outcome(stage=stage, target=target)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        results = Path(scratch) / "results.json"
        command = [
            sys.executable, "-m", "pytest", str(stage.checks_dir),
            "-c", str(ROOT / "checks" / "pytest.ini"), "--rootdir", str(ROOT / "checks"),
            "-p", "grader.plugin", "-p", "no:cacheprovider",
            "--target", str(target), "--stage", stage.id, "--app-spec", stage.app, "--results", str(results),
            "-q", "--no-header", "-o", "console_output_style=classic",
        ]
        command += ["--tb=short"] if verbose else ["--tb=no", "-qq"]
        if check_filter:
            command += ["--only", check_filter]
        if check_timeout:
            command += ["--check-timeout", str(check_timeout)]
        # Databases point into the scratch folder from the start, so even the first import never opens the
        # student's own database file; each check then gets its own (checks/conftest.py).
        database = f"sqlite:///{Path(scratch) / 'grading.db'}"
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1",
                   DATABASE_URL=database, DEV_DATABASE_URL=database)
        try:
            proc = subprocess.run(command, cwd=scratch, env=env, capture_output=True, text=True,
                                  errors="replace", timeout=wall_seconds, stdin=subprocess.DEVNULL,
                                  preexec_fn=_cpu_limit(cpu_seconds))
            outcome.output = (proc.stdout + proc.stderr)[-OUTPUT_KEPT:]
            if proc.returncode < 0:
                outcome.error = {"message": f"Grading was stopped by signal {-proc.returncode} "
                                            "(a CPU time limit, or the machine ran out of memory)."}
        except subprocess.TimeoutExpired:
            outcome.error = {"message": f"Grading stopped after {wall_seconds:g} seconds without finishing."}
        outcome.seconds = time.perf_counter() - started
        if results.exists():
            data = json.loads(results.read_text(encoding="utf-8"))
            outcome.checks = data["checks"]
            outcome.error = outcome.error or data["error"]
        elif outcome.error is None:
            outcome.error = {"message": "The checks could not run. Run again with --verbose to see why."}
    for check in outcome.checks:
        check["weight"] = stage.weights.get(check["id"].split("::")[-1].split("[")[0], 1)
    return outcome


def _cpu_limit(seconds: int | None):
    """A preexec function that caps the child's CPU time, or None for no cap."""
    if not seconds:
        return None

    def limit():
        """Runs in the child just before pytest starts."""
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))

    return limit
