"""python grade.py (no stage): a table of every stage, graded in parallel across the machine's cores."""

import os
import time
from concurrent.futures import ThreadPoolExecutor

from rich.console import Console
from rich.table import Table

from . import starters
from .manifest import Stage, load_stages
from .report import bar
from .run import Outcome, grade


def state_of(stage: Stage, outcome: Outcome) -> str:
    """done, in progress, or not started (the folder is still exactly the generated starter)."""
    if outcome.status == "pass":
        return "done"
    if starters.committed(stage) == starters.generate(stage):
        return "not started"
    return "in progress"


def grade_all(stages: list[Stage], workers: int | None = None) -> list[Outcome]:
    """Grade every stage's starter folder, several at once (each grading is its own process)."""
    workers = workers or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda stage: grade(stage, stage.starter_dir, ahead=False), stages))


def show_progress(console: Console) -> int:
    """Print the progress table; exit 0 when every stage is done, 1 otherwise."""
    stages = [stage for stage in load_stages() if stage.checks_dir.is_dir()]
    present = [stage for stage in stages if stage.starter_dir.is_dir()]
    started = time.perf_counter()
    graded = dict(zip((stage.id for stage in present), grade_all(present)))
    table = Table(title="Your progress", title_justify="left", show_edge=False)
    for column in ("stage", "title", "checks", "progress", "state"):
        table.add_column(column)
    styles = {"done": "green", "in progress": "yellow", "not started": "dim"}
    for stage in stages:
        outcome = graded.get(stage.id)
        if outcome is None:
            table.add_row(stage.id, stage.title, "-", "", f"folder missing: grade.py reset {stage.id}", style="red")
            continue
        state = "cannot import" if outcome.error else state_of(stage, outcome)
        passed = 0 if outcome.error else outcome.passed
        table.add_row(stage.id, stage.title, f"{passed}/{outcome.total}", bar(passed, outcome.total)[::2],
                      state, style=styles.get(state, "red"))
    console.print(table)
    done = sum(1 for outcome in graded.values() if outcome.status == "pass")
    console.print(f"{done}/{len(stages)} stages done · graded in {time.perf_counter() - started:.1f}s. "
                  "Run `python grade.py STAGE` for the details of one stage.")
    return 0 if done == len(stages) else 1
