"""python grade.py STAGE --list: the names and titles of a stage's checks, without running them (no app is loaded)."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .manifest import ROOT, Stage


def collected_checks(stage: Stage, words: str | None = None) -> list[dict]:
    """The checks pytest collects for the stage (kept by -k words, if any): each with its id and title."""
    if stage.kind == "tests":
        # A stage that grades the student's tests: its checks are the rules and the mutants of its suite.toml.
        from .suite import listed_checks

        keep = (words or "").lower().split()
        return [check for check in listed_checks(stage)
                if all(word in f"{check['id']} {check['title']}".lower() for word in keep)]
    with tempfile.TemporaryDirectory(prefix="grade-list-") as scratch:
        results = Path(scratch) / "results.json"
        command = [sys.executable, "-P", "-m", "pytest", str(stage.checks_dir), "--collect-only", "-q",
                   "-c", str(ROOT / "checks" / "pytest.ini"), "--rootdir", str(ROOT / "checks"),
                   "-p", "grader.plugin", "-p", "no:cacheprovider", "--stage", stage.id, "--results", str(results)]
        if words:
            command += ["--only", words]
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1", PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
        finished = subprocess.run(command, cwd=scratch, env=env, capture_output=True, text=True, timeout=120,
                                  stdin=subprocess.DEVNULL)
        if not results.is_file():
            raise ValueError(f"the checks of {stage.id} could not be collected:\n{finished.stdout[-2000:]}")
        return json.loads(results.read_text(encoding="utf-8"))["checks"]


def print_listing(stage: Stage, checks: list[dict], console: Console, words: str | None = None) -> None:
    """One row per check: the name -k matches and the title the report shows."""
    selected = f" matching -k {words}" if words else ""
    console.print(Text(f"{stage.id} · {stage.title}: {len(checks)} checks{selected}", style="bold"))
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(overflow="fold")
    for check in checks:
        table.add_row(Text(check["id"].split("::")[-1]), Text(check["title"]))
    console.print(table)
    console.print(f"Run some of them: python grade.py {stage.id} -k WORDS (words of a name or of a title).")
