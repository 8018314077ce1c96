"""python grade.py class SUBMISSIONS: grade a whole class into a gradebook an instructor can act on.

Besides the gradebook (CSV, JSON, or a plain "student, score" CSV for a course gradebook): feedback files to hand
back, the cohort's failures grouped by chapter section, the distribution of scores, missing students from a roster,
and the re-grading of one student into an existing gradebook.
"""

import argparse
import csv
import html
import io
import json
import os
import re
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.padding import Padding
from rich.text import Text

from .channel import kill_descendants
from .copying import printable
from .manifest import Stage, UnknownStage, find_stage, load_stages
from .report import chapter_sections, environment, hint_text, section_reference
from .run import Outcome, grade
from .safe_output import clean, csv_cell, write_atomically
from .sandbox import describe

APP_MARKERS = ("app.py", "app/__init__.py", "run.py")
# Limits for one student's run: CPU for each start of the app's process (a check that hangs is stopped after its own
# few seconds, and the app is started again for the next check), and wall time for the whole submission: a fixed
# part for starting up, plus each check's own limit and the time to restart the app after it.
CPU_SECONDS = 60
BASE_WALL_SECONDS = 60
RESTART_SECONDS = 2
DEFAULT_CHECK_TIMEOUT = 5.0
FORMATS = ("gradebook", "json", "scores")
FIXED_COLUMNS = ["student", "stage", "score", "max", "passed", "failed", "errors", "status", "message", "commit"]
TOTAL = "total"


class CohortError(ValueError):
    """The submissions folder, or the options, cannot be graded as asked."""


@dataclass
class Job:
    """One student's submission for one stage."""

    student: str
    stage: Stage
    folder: Path | None
    problem: str | None = None
    missing: bool = False
    commit: str | None = None


@dataclass
class Profile:
    """What a stage's checks are worth and about, found by grading an empty folder (every check is then listed)."""

    stage: Stage
    max_score: int = 0
    checks: dict[str, dict] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """How many checks the stage has."""
        return len(self.checks)


def profile_stage(stage: Stage, sandbox: bool | None) -> Profile:
    """The stage's checks with their titles, weights and chapter sections, and its maximum score."""
    sections = chapter_sections(stage)
    try:
        with tempfile.TemporaryDirectory(prefix="grade-profile-") as empty:
            outcome = grade(stage, Path(empty), sandbox=sandbox)
    except Exception:  # noqa: BLE001 - without a profile, rows take their maximum from their own grading
        return Profile(stage)
    profile = Profile(stage, outcome.max_score)
    for check in outcome.checks:
        section = (check.get("hint") or {}).get("section") or ""
        profile.checks[check_name(check)] = {
            "title": check["title"], "weight": check["weight"], "section": section,
            "group": (check.get("group") or check["id"]).split("::")[-1],
            "group_title": check.get("group_title") or check["title"],
            "heading": sections.get(section, section) if section else "",
            "hint": hint_text({**check, "status": "fail"}, stage, sections) or ""}
    return profile


def check_name(check: dict) -> str:
    """The gradebook's name for a check: its function name and case."""
    return check["id"].split("::")[-1]


# --- finding the submissions -----------------------------------------------------------------------------------

def find_jobs(submissions: Path, stages: list[Stage], single_stage: bool, roster: list[str] | None = None,
              only: str | None = None) -> tuple[list[Job], list[str], list[str]]:
    """One job per student and stage; the names of entries that are not submissions; students not on the roster."""
    if not submissions.is_dir():
        raise CohortError(f"{submissions} is not a folder of submissions.")
    entries = sorted(submissions.iterdir())
    students = [entry for entry in entries if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith(".")]
    stray = [printable(entry.name) for entry in entries if entry not in students]
    if not students and not roster:
        raise CohortError(f"{submissions} holds no submission folders (one folder per student is expected).")
    names = {printable(student.name): student for student in students}
    if only is not None:
        if only not in names and only not in (roster or []):
            raise CohortError(f"--student {only}: no such folder in {submissions}"
                              f"{' or name on the roster' if roster else ''}.")
        names = {only: names[only]} if only in names else {}
    jobs = []
    for name, student in names.items():
        jobs += jobs_for(name, student, stages, single_stage)
    unlisted = []
    if roster is not None:
        unlisted = [name for name in names if name not in roster]
        for name in roster:
            if name not in names and (only is None or name == only):
                jobs += [Job(name, stage, None, "no submission (on the roster)", missing=True) for stage in stages]
    return jobs, stray, unlisted


def jobs_for(name: str, student: Path, stages: list[Stage], single_stage: bool) -> list[Job]:
    """A student's jobs: repository layout (stages/stage-NN), stage folders (stage-NN), or one stage folder."""
    commit = git_commit(student)
    repo_like = _is_folder(student / "stages")
    stage_folders = not repo_like and any(_is_folder(student / stage.id) for stage in load_stages())
    jobs = []
    for stage in stages:
        if repo_like:
            folder = student / "stages" / stage.id
            problem = None if _is_folder(folder) else f"no stages/{stage.id} folder in the submission"
        elif stage_folders:
            folder = student / stage.id
            problem = None if _is_folder(folder) else f"no {stage.id} folder in the submission"
        elif single_stage and any((student / marker).exists() for marker in APP_MARKERS):
            folder, problem = student, None
        elif not any(student.iterdir()):
            folder, problem = None, "the submission folder is empty"
        elif not single_stage and any((student / marker).exists() for marker in APP_MARKERS):
            folder, problem = None, (f"one stage folder, but which stage? With --all, put it in a folder named "
                                     f"after its stage ({stage.id}/app.py) or in stages/{stage.id}/")
        else:
            folder, problem = None, ("neither a copy of the repo (stages/…), nor stage folders (stage-NN/…), "
                                     "nor a stage folder (app.py, app/__init__.py or run.py at its top)")
        jobs.append(Job(name, stage, folder if problem is None else None, problem, commit=commit))
    return jobs


def _is_folder(path: Path) -> bool:
    """A real folder, not a link to one."""
    return path.is_dir() and not path.is_symlink()


HEX40 = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def git_commit(folder: Path) -> str | None:
    """The commit checked out when the submission is a git repository, read from .git without running git (a
    repository's own configuration could make git run commands)."""
    git = folder / ".git"
    if not _is_folder(git):
        return None
    head = _small_text(git / "HEAD")
    if head is None:
        return None
    if HEX40.fullmatch(head):
        return head
    if not head.startswith("ref: refs/"):
        return None
    ref = head[5:]
    if ".." in ref.split("/"):
        return None
    direct = _small_text(git / ref)
    if direct and HEX40.fullmatch(direct):
        return direct
    for line in (_small_text(git / "packed-refs", 1 << 20) or "").splitlines():
        parts = line.split(" ")
        if len(parts) == 2 and parts[1] == ref and HEX40.fullmatch(parts[0]):
            return parts[0]
    return None


def _small_text(path: Path, limit: int = 4096) -> str | None:
    """A small regular file's text, stripped; None for anything else."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > limit:
            return None
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None


def read_roster(path: Path) -> list[str]:
    """One student id per line; blank lines and # comments skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CohortError(f"--roster {path}: cannot be read ({exc}).") from None
    names = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    return list(dict.fromkeys(name for name in names if name))


# --- grading ---------------------------------------------------------------------------------------------------

def wall_budget(profile: Profile, check_timeout: float) -> float:
    """A submission's time in all: enough for every check to use its own limit and the app to be restarted."""
    return BASE_WALL_SECONDS + max(profile.count, 1) * (check_timeout + RESTART_SECONDS)


def grade_job(job: Job, profile: Profile, sandbox: bool | None, check_timeout: float) -> Outcome | None:
    """Grade one submission (grade() works on its own scratch copy), under CPU and wall-clock limits."""
    if job.folder is None:
        return None
    try:
        # ahead=False: the submissions already share the cores.
        return grade(job.stage, job.folder, cpu_seconds=CPU_SECONDS, wall_seconds=wall_budget(profile, check_timeout),
                     check_timeout=check_timeout, sandbox=sandbox, ahead=False)
    except Exception as exc:  # noqa: BLE001 - one submission's failure is that student's row, never the class's
        job.problem = f"grading failed: {type(exc).__name__}: {exc}"
        return None


def row_for(job: Job, outcome: Outcome | None, profile: Profile) -> dict:
    """One gradebook row; `max` is always the stage's maximum."""
    row = {"student": job.student, "stage": job.stage.id, "score": 0, "max": profile.max_score, "passed": 0,
           "failed": 0, "errors": 0, "status": "missing" if job.missing else "error", "message": None,
           "commit": job.commit, "checks": {}}
    if outcome is None:
        return {**row, "message": clean(job.problem, 500)}
    checks = {check_name(check): check["status"] for check in outcome.checks}
    row["checks"] = checks
    row["max"] = profile.max_score or outcome.max_score
    if outcome.error:
        error = outcome.error
        where = f" ({error['file']}, line {error['line']})" if error.get("file") else ""
        return {**row, "errors": len(checks), "message": clean(error["message"] + where, 500)}
    return {**row, "score": outcome.score, "passed": outcome.passed,
            "failed": sum(1 for status in checks.values() if status == "fail"),
            "errors": sum(1 for status in checks.values() if status == "error"), "status": outcome.status}


def grade_class(jobs: list[Job], profiles: dict[str, Profile], console: Console, workers: int,
                sandbox: bool | None, check_timeout: float) -> list[tuple[dict, Outcome | None]]:
    """Grade every job in parallel, with a progress bar and an ETA; return (row, outcome) in submission order."""
    rows: dict[int, tuple[dict, Outcome | None]] = {}
    columns = (TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"),
               TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("grading", total=len(jobs))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(grade_job, job, profiles[job.stage.id], sandbox, check_timeout): index
                       for index, job in enumerate(jobs)}
            for future in as_completed(futures):
                index = futures[future]
                outcome = future.result()
                rows[index] = (row_for(jobs[index], outcome, profiles[jobs[index].stage.id]), outcome)
                progress.advance(task)
    return [rows[index] for index in range(len(jobs))]


# --- statistics ------------------------------------------------------------------------------------------------

def distribution(scores: list[float]) -> dict:
    """Count, mean, median, quartiles, lowest and highest of a list of scores."""
    if not scores:
        return {"count": 0}
    if len(scores) == 1:
        q1 = median = q3 = scores[0]
    else:
        q1, median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return {"count": len(scores), "mean": round(statistics.fmean(scores), 2), "median": median, "q1": q1, "q3": q3,
            "min": min(scores), "max": max(scores)}


def cohort_report(rows: list[dict], profiles: dict[str, Profile]) -> dict:
    """The cohort statistics of the gradebook's rows (total rows excluded), for printing and for the JSON."""
    rows = [row for row in rows if row["stage"] != TOTAL]
    report = {"stages": []}
    for stage_id in dict.fromkeys(row["stage"] for row in rows):
        stage_rows = [row for row in rows if row["stage"] == stage_id]
        ran = [row for row in stage_rows if row["status"] in ("pass", "fail")]
        broken = [row for row in stage_rows if row["status"] == "error"]
        missing = [row for row in stage_rows if row["status"] == "missing"]
        profile = profiles.get(stage_id)
        catalog = profile.checks if profile else {}
        submitted = [row["score"] for row in stage_rows if row["status"] != "missing"]
        sections: dict[str, dict] = {}
        if not catalog:
            names = dict.fromkeys(name for row in ran for name in row["checks"])
            catalog = {name: {"title": name, "section": "", "heading": "", "group": name, "group_title": name}
                       for name in names}
        # A parametrized check is one line: a student fails it when any of its cases fails.
        groups: dict[str, dict] = {}
        for name, info in catalog.items():
            group = groups.setdefault(info["group"], {"info": info, "names": [], "cases": 0})
            group["names"].append(name)
        for group_name, group in groups.items():
            info = group["info"]
            failing = {row["student"] for row in ran
                       if any(row["checks"].get(name, "pass") != "pass" for name in group["names"])}
            section = sections.setdefault(info["section"], {
                "section": info["section"], "heading": info["heading"] or "(no chapter section)",
                "failing_students": set(), "checks": []})
            section["failing_students"].update(failing)
            section["checks"].append({"check": f"{stage_id}/{group_name}", "title": info["group_title"],
                                      "cases": len(group["names"]), "failing": len(failing), "ran": len(ran)})
        listed = []
        for section in sections.values():
            section["checks"].sort(key=lambda check: -check["failing"])
            listed.append({"section": section["section"], "heading": section["heading"],
                           "failing": len(section["failing_students"]), "ran": len(ran),
                           "checks": section["checks"]})
        listed.sort(key=lambda section: -section["failing"])
        report["stages"].append({
            "stage": stage_id, "max": profile.max_score if profile else max((r["max"] for r in stage_rows), default=0),
            "submissions": len(stage_rows) - len(missing), "ran": len(ran), "broken": len(broken),
            "missing": len(missing), "distribution": distribution(submitted), "sections": listed})
    totals = [row for row in rows if row["status"] != "missing"]
    if len(report["stages"]) > 1:
        by_student: dict[str, float] = {}
        for row in totals:
            by_student[row["student"]] = by_student.get(row["student"], 0) + row["score"]
        report["totals"] = distribution(list(by_student.values()))
    return report


def total_rows(rows: list[dict]) -> list[dict]:
    """With --all: one row per student adding up every stage."""
    students = dict.fromkeys(row["student"] for row in rows if row["stage"] != TOTAL)
    totals = []
    for student in students:
        mine = [row for row in rows if row["student"] == student and row["stage"] != TOTAL]
        statuses = {row["status"] for row in mine}
        status = "missing" if statuses == {"missing"} else "pass" if statuses == {"pass"} else "fail"
        totals.append({"student": student, "stage": TOTAL, "score": sum(row["score"] for row in mine),
                       "max": sum(row["max"] for row in mine), "passed": sum(row["passed"] for row in mine),
                       "failed": sum(row["failed"] for row in mine), "errors": sum(row["errors"] for row in mine),
                       "status": status, "message": None, "commit": next((r["commit"] for r in mine if r["commit"]),
                                                                          None), "checks": {}})
    return totals


# --- writing ---------------------------------------------------------------------------------------------------

def check_columns(rows: list[dict]) -> list[str]:
    """Every check seen, in first-seen order, as "stage/check"."""
    seen = {}
    for row in rows:
        for check in row["checks"]:
            seen.setdefault(f"{row['stage']}/{check}", None)
    return list(seen)


def gradebook_csv(rows: list[dict]) -> str:
    """The gradebook as CSV: one row per student and stage, one column per check."""
    columns = check_columns(rows)
    handle = io.StringIO()
    writer = csv.writer(handle)
    writer.writerow(FIXED_COLUMNS + columns)
    for row in rows:
        cells = [row.get(name) if row.get(name) is not None else "" for name in FIXED_COLUMNS]
        cells += [row["checks"].get(column.split("/", 1)[1], "") if column.startswith(row["stage"] + "/")
                  else "" for column in columns]
        writer.writerow([csv_cell(cell) for cell in cells])
    return handle.getvalue()


def scores_csv(rows: list[dict]) -> str:
    """student, score, max: one row per student (the total across stages with --all), for a course gradebook."""
    totals = [row for row in rows if row["stage"] == TOTAL] or rows
    handle = io.StringIO()
    writer = csv.writer(handle)
    writer.writerow(["student", "score", "max"])
    for row in totals:
        writer.writerow([csv_cell(row["student"]), row["score"], row["max"]])
    return handle.getvalue()


def gradebook_json(rows: list[dict], report: dict, profiles: dict[str, Profile]) -> str:
    """The gradebook as JSON: rows, cohort statistics, the checks' titles and sections, the environment."""
    catalog = {f"{stage}/{name}": {k: info[k] for k in ("title", "weight", "section", "heading", "group")}
               for stage, profile in profiles.items() for name, info in profile.checks.items()}
    flat = []
    for stage in report["stages"]:
        ran = [row for row in rows if row["stage"] == stage["stage"] and row["status"] in ("pass", "fail")]
        for name in dict.fromkeys(name for row in ran for name in row["checks"]):
            key = f"{stage['stage']}/{name}"
            flat.append({"check": key, "title": catalog.get(key, {}).get("title", name), "graded": len(ran),
                         "failing": sum(1 for row in ran if row["checks"].get(name, "pass") != "pass")})
    flat.sort(key=lambda item: -item["failing"])
    return json.dumps({"rows": rows, "cohort": report, "statistics": flat, "checks": catalog,
                       "environment": environment()}, indent=2, ensure_ascii=False)


def read_gradebook(path: Path, fmt: str) -> list[dict]:
    """The rows of an existing gradebook, for --student."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CohortError(f"--student: the gradebook {path} cannot be read ({exc}).") from None
    if fmt == "json":
        try:
            return json.loads(text)["rows"]
        except (ValueError, KeyError, TypeError):
            raise CohortError(f"--student: {path} is not a JSON gradebook of grade.py class.") from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"student", "stage", "score", "max"} <= set(reader.fieldnames):
        raise CohortError(f"--student: {path} is not a CSV gradebook of grade.py class.")
    rows = []
    for cells in reader:
        row = {name: cells.get(name) or None for name in FIXED_COLUMNS}
        for name in ("score", "max", "passed", "failed", "errors"):
            row[name] = int(float(row[name] or 0))
        row["checks"] = {column.split("/", 1)[1]: value for column, value in cells.items()
                         if "/" in column and column.startswith(row["stage"] + "/") and value}
        rows.append(row)
    return rows


def safe_file_name(student: str, taken: set[str]) -> str:
    """A file name for a student's feedback: letters, digits, dot, dash and underscore; unique."""
    base = re.sub(r"[^A-Za-z0-9._-]", "_", student).strip("._") or "student"
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    taken.add(name)
    return name


def feedback_markdown(student: str, graded: list[tuple[dict, Outcome | None]]) -> str:
    """What the student would have seen: score, then each failing check's title, expected/got, hint and chapter."""
    lines = [f"# Feedback for {student}", ""]
    for row, outcome in graded:
        stage = find_stage(row["stage"])
        lines += [f"## {stage.id} · {stage.title}", "",
                  f"**Score: {row['score']}/{row['max']} points** ({row['passed']} checks passed)."
                  + (f" Graded commit: `{row['commit']}`." if row.get("commit") else ""), ""]
        if row["status"] == "missing":
            lines += [f"There is no submission of yours for {stage.id}.", ""]
            continue
        if row["status"] == "error":
            lines += ["Your submission could not be graded, so no check ran:", "", f"> {_md(row['message'])}", ""]
            if outcome is not None and outcome.error:
                lines += [f"Fix this first: every check needs the app to import. Then run "
                          f"`python grade.py {stage.id}` on your machine.", ""]
            continue
        sections = chapter_sections(stage)
        failing = [check for check in outcome.checks if check["status"] not in ("pass", "skip")]
        if not failing:
            lines += ["Every check passes. Well done.", ""]
            continue
        lines += [f"{len(failing)} checks do not pass yet:", ""]
        for check in failing:
            lines.append(f"- **{_md(check['title'])}**")
            if check.get("expected"):
                lines += [f"    - expected: {_code(check['expected'])}", f"    - got: {_code(check.get('got'))}"]
            else:
                lines.append(f"    - problem: {_md(check.get('message') or 'failed')}")
            if check.get("detail"):
                lines.append(f"    - note: {_md(check['detail'])}")
            hint = check.get("hint") or {}
            if hint.get("text"):
                lines.append(f"    - hint: {_md(hint['text'])}")
            if hint.get("section"):
                lines.append(f"    - read: {_md(section_reference(stage, hint['section'], sections))}")
        lines += ["", f"Run `python grade.py {stage.id}` to see these on your machine, and "
                      f"`python grade.py hint {stage.id}` for help with the first one.", ""]
    return "\n".join(lines)


def _md(text) -> str:
    """Text made inert in Markdown and HTML: no control characters, no tags, no emphasis, one line."""
    text = html.escape(clean(text, 1000), quote=False).replace("\n", " ")
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def _code(text) -> str:
    """A value as an inline code span (Markdown shows it as is, and HTML escapes it)."""
    return "`` " + clean(text, 1000).replace("\n", " ").replace("`", "'") + " ``"


def write_feedback(folder: Path, graded: list[tuple[dict, Outcome | None]]) -> int:
    """One Markdown file and one HTML file per student; returns how many students."""
    import markdown

    by_student: dict[str, list] = {}
    for row, outcome in graded:
        by_student.setdefault(row["student"], []).append((row, outcome))
    taken: set[str] = set()
    for student, pairs in by_student.items():
        name = safe_file_name(student, taken)
        text = feedback_markdown(student, pairs)
        write_atomically(folder / f"{name}.md", text + "\n")
        body = markdown.markdown(text)
        write_atomically(folder / f"{name}.html", "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
                         f"<title>Feedback for {html.escape(student)}</title></head><body>\n{body}\n</body></html>\n")
    return len(by_student)


# --- the command -----------------------------------------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    """python grade.py class SUBMISSIONS (--stage STAGE | --all) [options]."""
    parser = argparse.ArgumentParser(prog="grade.py class", description="Grade every submission folder into a "
                                     "gradebook, in parallel, each in a limited subprocess on a temporary copy.")
    parser.add_argument("submissions", type=Path, help="a folder with one folder per student")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--stage", help="grade this stage")
    which.add_argument("--all", action="store_true", help="grade every stage, and add a total per student")
    parser.add_argument("--out", type=Path, help="gradebook file (default gradebook.csv, gradebook.json with "
                        "--json, scores.csv with --format scores)")
    parser.add_argument("--format", choices=FORMATS, help="gradebook (CSV, one column per check; the default), "
                        "json, or scores (a plain CSV: student, score, max)")
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    parser.add_argument("--junit", type=Path, metavar="FILE", help="also write JUnit XML")
    parser.add_argument("--feedback", type=Path, metavar="DIR", help="also write one Markdown and one HTML file per "
                        "student into DIR: what the student would have seen")
    parser.add_argument("--roster", type=Path, metavar="FILE", help="the class list, one student id (folder name) "
                        "per line: students without a submission get a 'missing' row")
    parser.add_argument("--student", metavar="NAME", help="grade this student only, replacing their rows in the "
                        "existing gradebook at --out")
    parser.add_argument("--workers", type=int, metavar="N", help="submissions graded at once (default: one per "
                        "processor core)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="time limit for one check (default 5)")
    from .cli import add_sandbox_options

    add_sandbox_options(parser)
    return parser


def check_writable(path: Path, option: str, folder: bool = False) -> None:
    """Refuse, before any grading, a file or folder that cannot be written."""
    parent = path.parent if str(path.parent) else Path(".")
    if folder and path.is_dir():
        parent = path
    elif path.exists() and (path.is_dir() != folder):
        raise CohortError(f"{option} {path}: {'not a folder' if folder else 'is a folder, not a file'}.")
    if not parent.is_dir():
        raise CohortError(f"{option} {path}: the folder {parent} does not exist.")
    # Try for real (a permission check says nothing for root, or on a read-only file system).
    try:
        handle, trial = tempfile.mkstemp(prefix=".grade-trial-", dir=parent)
        os.close(handle)
        os.unlink(trial)
        if path.exists() and not folder:
            os.close(os.open(path, os.O_WRONLY | os.O_APPEND))
    except OSError as exc:
        raise CohortError(f"{option} {path}: cannot be written ({exc.strerror or exc}).") from None


def class_main(argv: list[str], wide_console) -> int:
    """Parse the options, refuse what cannot work before grading anything, then grade."""
    from .cli import sandbox_choice

    args = parser().parse_args(argv)
    fmt = "json" if args.json else (args.format or "gradebook")
    if args.json and args.format and args.format != "json":
        raise CohortError(f"--json and --format {args.format} disagree: choose one.")
    out = args.out or Path({"json": "gradebook.json", "scores": "scores.csv"}.get(fmt, "gradebook.csv"))
    suffix = out.suffix.lower()
    if fmt == "json" and suffix == ".csv" or fmt != "json" and suffix == ".json":
        raise CohortError(f"--out {out} is {suffix[1:].upper()} but the gradebook format is {fmt}: "
                          + ("drop --json or name a .json file." if fmt == "json" else "add --json or name a .csv file."))
    if args.workers is not None and args.workers < 1:
        raise CohortError("--workers must be 1 or more.")
    if args.timeout is not None and args.timeout <= 0:
        raise CohortError("--timeout must be more than 0 seconds.")
    if args.student and fmt == "scores":
        raise CohortError("--student updates a gradebook (CSV or JSON), not a scores file: it needs every check.")
    check_writable(out, "--out")
    if args.student and not out.is_file():
        raise CohortError(f"--student: no gradebook at {out} to update (grade the class into it first).")
    if args.junit:
        check_writable(args.junit, "--junit")
    if args.feedback:
        check_writable(args.feedback, "--feedback", folder=True)
    roster = read_roster(args.roster) if args.roster else None
    sandbox = sandbox_choice(args)
    try:
        stages = [find_stage(args.stage)] if args.stage else [s for s in load_stages() if s.checks_dir.is_dir()]
    except UnknownStage as exc:
        raise CohortError(str(exc)) from None
    previous = read_gradebook(out, fmt) if args.student else None
    console = wide_console(stderr=True)
    return run_class(args.submissions, stages, out, fmt, console, single_stage=bool(args.stage), junit=args.junit,
                     sandbox=sandbox, feedback=args.feedback, roster=roster, only=args.student, previous=previous,
                     workers=args.workers or os.cpu_count() or 1,
                     check_timeout=args.timeout or DEFAULT_CHECK_TIMEOUT)


def run_class(submissions: Path, stages: list[Stage], out: Path, fmt: str, console: Console, single_stage: bool,
              junit: Path | None = None, sandbox: bool | None = None, feedback: Path | None = None,
              roster: list[str] | None = None, only: str | None = None, previous: list[dict] | None = None,
              workers: int = 1, check_timeout: float = DEFAULT_CHECK_TIMEOUT) -> int:
    """Grade the class, write the gradebook (and feedback), print the cohort report; 0 when the run completed."""
    jobs, stray, unlisted = find_jobs(submissions, stages, single_stage, roster, only)
    if only is None:
        for name in stray:
            console.print(f"skipped {name}: not a submission folder", markup=False)
    console.print(f"Student code runs {describe() if sandbox is not False else 'NOT sandboxed (asked for)'}.",
                  markup=False)
    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=min(workers, len(stages))) as pool:
            profiles = dict(zip((stage.id for stage in stages),
                                pool.map(lambda stage: profile_stage(stage, sandbox), stages)))
        graded = grade_class(jobs, profiles, console, workers, sandbox, check_timeout)
    finally:
        kill_descendants()
    seconds = time.perf_counter() - started
    rows = [row for row, _ in graded]
    if previous is not None:
        order = {stage.id: number for number, stage in enumerate(load_stages())}
        kept = [row for row in previous if row["student"] != only and row["stage"] != TOTAL]
        rows = sorted(kept + rows, key=lambda row: (row["student"], order.get(row["stage"], 99)))
    if not single_stage:
        rows = [row for row in rows if row["stage"] != TOTAL] + total_rows(rows)
    report = cohort_report(rows, profiles)
    if junit:
        from .junit import write_junit

        pairs = [(row, outcome) for row, outcome in graded if outcome is not None]
        write_junit([outcome for _, outcome in pairs], junit, [f"{row['student']}/{row['stage']}" for row, _ in pairs])
    if fmt == "json":
        write_atomically(out, gradebook_json(rows, report, profiles))
    elif fmt == "scores":
        write_atomically(out, scores_csv(rows))
    else:
        write_atomically(out, gradebook_csv(rows))
    if feedback:
        feedback.mkdir(exist_ok=True)
        written = write_feedback(feedback, graded)
        console.print(f"Feedback for {written} students in {feedback}/ (Markdown and HTML).", markup=False)
    ran = sum(1 for job in jobs if job.folder is not None)
    submitted = sum(1 for job in jobs if not job.missing)
    console.print(f"Graded {submitted} submissions in {seconds:.1f}s: {ran} had an app to grade "
                  f"({60 * ran / seconds:.1f} per minute), {submitted - ran} had none. Gradebook: {out}",
                  markup=False)
    print_report(rows, report, unlisted, console)
    return 0


def print_report(rows: list[dict], report: dict, unlisted: list[str], console: Console) -> None:
    """The cohort report: who could not be graded, the scores, and where the apps that ran fail, by section."""
    def say(text: str = "", indent: int = 0) -> None:
        """One line of the report; in a narrow terminal, its wrapped lines keep its indent."""
        console.print(Padding(Text(text), (0, 0, 0, indent), expand=False) if text else "")

    missing = sorted({row["student"] for row in rows if row["status"] == "missing"})
    if missing:
        say(f"Missing (on the roster, no submission): {', '.join(missing)}")
    if unlisted:
        say(f"Not on the roster (graded anyway): {', '.join(unlisted)}")
    broken = [row for row in rows if row["status"] == "error"]
    if broken:
        say(f"Could not be graded ({len(broken)}; 0 points, and left out of the failure counts below):")
        for row in broken:
            say(f"{row['student']} {row['stage']}: {row['message']}", 2)
    for stage in report["stages"]:
        spread = stage["distribution"]
        say()
        say(f"{stage['stage']}: {stage['submissions']} submissions, {stage['ran']} apps ran, {stage['broken']} could "
            f"not be graded, {stage['missing']} missing.")
        if spread["count"]:
            say(f"Scores out of {stage['max']}: mean {_n(spread['mean'])}, median {_n(spread['median'])}, quartiles "
                f"{_n(spread['q1'])} and {_n(spread['q3'])}, lowest {_n(spread['min'])}, highest {_n(spread['max'])}.",
                2)
        failing = [section for section in stage["sections"] if section["failing"]]
        if not stage["ran"]:
            continue
        if not failing:
            say(f"Every check passes in all {stage['ran']} apps that ran.", 2)
            continue
        say(f"Where the {stage['ran']} apps that ran fail, by chapter section (students failing / apps that ran):",
            2)
        for section in failing:
            say(f"{section['failing']}/{section['ran']}  {section['heading']}" +
                (f"  (#{section['section']})" if section["section"] else ""), 4)
            for check in section["checks"]:
                if check["failing"]:
                    cases = f" ({check['cases']} cases)" if check["cases"] > 1 else ""
                    say(f"{check['failing']}/{check['ran']}  {check['title']}{cases}", 8)
    if "totals" in report and report["totals"]["count"]:
        spread = report["totals"]
        say()
        say(f"Totals across stages: mean {_n(spread['mean'])}, median {_n(spread['median'])}, quartiles "
            f"{_n(spread['q1'])} and {_n(spread['q3'])}, lowest {_n(spread['min'])}, highest {_n(spread['max'])}.")


def _n(value) -> str:
    """A number without a useless .0."""
    return f"{value:g}" if isinstance(value, float) else str(value)
