"""python grade.py class SUBMISSIONS: grade a whole class into a gradebook, with per-check cohort statistics."""

import csv
import io
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .channel import kill_descendants
from .copying import printable
from .manifest import Stage
from .report import environment
from .run import Outcome, grade
from .safe_output import clean, csv_cell, write_atomically
from .sandbox import describe

APP_MARKERS = ("app.py", "app/__init__.py", "run.py")
# Limits for one student's run: CPU for each start of the app's process (a hanging check is stopped after its own
# few seconds, and the app is started again for the next), and wall time for the whole submission.
CPU_SECONDS = 60
WALL_SECONDS = 600


class CohortError(ValueError):
    """The submissions folder cannot be graded as asked."""


@dataclass
class Job:
    """One student's submission for one stage."""

    student: str
    stage: Stage
    folder: Path | None
    problem: str | None = None


def find_jobs(submissions: Path, stages: list[Stage], single_stage: bool) -> tuple[list[Job], list[str]]:
    """One job per student and stage; also the names of entries that are not submissions."""
    if not submissions.is_dir():
        raise CohortError(f"{submissions} is not a folder of submissions.")
    entries = sorted(submissions.iterdir())
    students = [entry for entry in entries if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith(".")]
    stray = [printable(entry.name) for entry in entries if entry not in students]
    if not students:
        raise CohortError(f"{submissions} holds no submission folders (one folder per student is expected).")
    jobs = []
    for student in students:
        repo_like = (student / "stages").is_dir() and not (student / "stages").is_symlink()
        for stage in stages:
            if repo_like:
                folder = student / "stages" / stage.id
                present = folder.is_dir() and not folder.is_symlink()
                problem = None if present else f"no stages/{stage.id} folder in the submission"
            elif single_stage and any((student / marker).exists() for marker in APP_MARKERS):
                folder, problem = student, None
            else:
                folder, problem = None, "neither a copy of the repo (stages/…) nor a stage folder (app.py, run.py)"
            jobs.append(Job(printable(student.name), stage, folder if problem is None else None, problem))
    return jobs, stray


def grade_job(job: Job, sandbox: bool | None = None) -> Outcome | None:
    """Grade one submission (grade() works on its own scratch copy), under CPU and wall-clock limits."""
    if job.folder is None:
        return None
    try:
        return grade(job.stage, job.folder, cpu_seconds=CPU_SECONDS, wall_seconds=WALL_SECONDS, sandbox=sandbox)
    except Exception as exc:  # noqa: BLE001 - one submission's failure is that student's row, never the class's
        job.problem = f"grading failed: {type(exc).__name__}: {exc}"
        return None


def row_for(job: Job, outcome: Outcome | None) -> dict:
    """One gradebook row."""
    row = {"student": job.student, "stage": job.stage.id}
    if outcome is None:
        return {**row, "score": 0, "max": 0, "passed": 0, "failed": 0, "errors": 0, "status": "error",
                "message": clean(job.problem, 500), "checks": {}}
    checks = {check["id"].split("::")[-1]: check["status"] for check in outcome.checks}
    message = None
    if outcome.error:
        error = outcome.error
        message = clean(error["message"] + (f" ({error['file']}, line {error['line']})" if error.get("file") else ""),
                        500)
    return {**row, "score": 0 if outcome.error else outcome.score, "max": outcome.max_score,
            "passed": 0 if outcome.error else outcome.passed,
            "failed": sum(1 for status in checks.values() if status == "fail"),
            "errors": sum(1 for status in checks.values() if status == "error"),
            "status": outcome.status, "message": message, "checks": checks}


def grade_class(jobs: list[Job], console: Console, workers: int | None = None,
                sandbox: bool | None = None) -> list[tuple[dict, Outcome | None]]:
    """Grade every job in parallel, with a progress bar and an ETA; return (row, outcome) in submission order."""
    workers = workers or os.cpu_count() or 1
    rows: dict[int, tuple[dict, Outcome | None]] = {}
    columns = (TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"),
               TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("grading", total=len(jobs))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(grade_job, job, sandbox): index for index, job in enumerate(jobs)}
            for future in as_completed(futures):
                index = futures[future]
                outcome = future.result()
                rows[index] = (row_for(jobs[index], outcome), outcome)
                progress.advance(task)
    return [rows[index] for index in range(len(jobs))]


def check_columns(rows: list[dict]) -> list[str]:
    """Every check seen, in first-seen order, as "stage/check"."""
    seen = {}
    for row in rows:
        for check in row["checks"]:
            seen.setdefault(f"{row['stage']}/{check}", None)
    return list(seen)


def write_csv(rows: list[dict], path: Path) -> None:
    """The gradebook as CSV: one row per student and stage, one column per check."""
    fixed = ["student", "stage", "score", "max", "passed", "failed", "errors", "status", "message"]
    columns = check_columns(rows)
    handle = io.StringIO()
    writer = csv.writer(handle)
    writer.writerow(fixed + columns)
    for row in rows:
        cells = [row[name] if row[name] is not None else "" for name in fixed]
        cells += [row["checks"].get(column.split("/", 1)[1], "") if column.startswith(row["stage"] + "/")
                  else "" for column in columns]
        writer.writerow([csv_cell(cell) for cell in cells])
    write_atomically(path, handle.getvalue())


def cohort_statistics(rows: list[dict]) -> list[tuple[str, int, int]]:
    """(stage/check, students failing it, students graded) for every check, most failed first."""
    failing: dict[str, int] = {}
    graded: dict[str, int] = {}
    for row in rows:
        for check, status in row["checks"].items():
            key = f"{row['stage']}/{check}"
            graded[key] = graded.get(key, 0) + 1
            failing[key] = failing.get(key, 0) + (status != "pass")
    return sorted(((key, failing[key], graded[key]) for key in graded), key=lambda item: (-item[1], item[0]))


def run_class(submissions: Path, stages: list[Stage], out: Path, as_json: bool, console: Console,
              single_stage: bool, junit: Path | None = None, sandbox: bool | None = None) -> int:
    """Grade the class, write the gradebook, print the cohort statistics; 0 when the run completed."""
    jobs, stray = find_jobs(submissions, stages, single_stage)
    for name in stray:
        console.print(f"skipped {name}: not a submission folder", markup=False)
    console.print(f"Student code runs {describe() if sandbox is not False else 'NOT sandboxed (asked for)'}.",
                  markup=False)
    started = time.perf_counter()
    try:
        graded = grade_class(jobs, console, sandbox=sandbox)
    finally:
        kill_descendants()
    seconds = time.perf_counter() - started
    rows = [row for row, _ in graded]
    if junit:
        from .junit import write_junit

        pairs = [(row, outcome) for row, outcome in graded if outcome is not None]
        write_junit([outcome for _, outcome in pairs], junit, [f"{row['student']}/{row['stage']}" for row, _ in pairs])
    if as_json:
        write_atomically(out, json.dumps({"rows": rows, "statistics": [
            {"check": key, "failing": fail, "graded": total} for key, fail, total in cohort_statistics(rows)],
            "environment": environment()}, indent=2))
    else:
        write_csv(rows, out)
    students = len({row["student"] for row in rows})
    console.print(f"Graded {len(rows)} submissions from {students} students in {seconds:.1f}s "
                  f"({60 * len(rows) / seconds:.0f} per minute). Gradebook: {out}")
    errors = [row for row in rows if row["status"] == "error"]
    for row in errors:
        console.print(Padding(Text(f"error: {row['student']} {row['stage']}: {row['message']}"), (0, 0, 0, 2)))
    table = Table(title="Checks by how many students fail them", title_justify="left", show_edge=False)
    table.add_column("check")
    table.add_column("failing", justify="right")
    for key, fail, total in cohort_statistics(rows):
        table.add_row(Text(key), f"{fail}/{total}")
    console.print(table)
    return 0
