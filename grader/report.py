"""Present a grading outcome: for a person (rich text) or for machines (JSON)."""

import platform
import re
from importlib import metadata
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from . import __version__
from .manifest import ROOT, Stage, load_stages
from .run import Outcome

BAR_WIDTH = 30
REPORTED_PACKAGES = ("flask", "werkzeug", "flask-sqlalchemy", "sqlalchemy", "marshmallow", "flask-marshmallow",
                     "marshmallow-sqlalchemy", "flask-jwt-extended", "flask-migrate", "pytest", "pytest-flask")


def chapter_sections(stage: Stage) -> dict[str, str]:
    """Map each heading's anchor on the stage's chapter page to the heading's text."""
    from markdown.extensions.toc import slugify

    sections = {}
    try:
        text = stage.chapter_path.read_text(encoding="utf-8")
    except OSError:
        return sections
    for match in re.finditer(r"^#{1,6}\s+(.+?)\s*$", text, flags=re.MULTILINE):
        heading = match.group(1)
        sections[slugify(heading, "-")] = heading
    return sections


def hint_text(check: dict, stage: Stage, sections: dict[str, str]) -> str | None:
    """The hint line for a failed check: its advice and the chapter section to read."""
    hint = check.get("hint") or {}
    parts = []
    if hint.get("text"):
        parts.append(hint["text"])
    if hint.get("section"):
        parts.append(f"See {section_reference(stage, hint['section'], sections)}.")
    return " ".join(parts) or None


def section_reference(stage: Stage, section: str, sections: dict[str, str]) -> str:
    """'"Heading" in site/chapters/….md#anchor' for a section of the stage's chapter."""
    page = (Path("site") / stage.chapter).as_posix()
    return f'"{sections.get(section, section)}" in {page}#{section}'


def bar(passed: int, total: int) -> str:
    """A text progress bar."""
    filled = round(BAR_WIDTH * passed / total) if total else 0
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def print_outcome(outcome: Outcome, console: Console, *, verbose: bool = False) -> None:
    """Print the outcome the way a student reads it: one line per check, then what to do next."""
    stage = outcome.stage
    console.print(Text.assemble((f"{stage.id} · {stage.title}", "bold"), f"  ({_shown_path(outcome.target)})"))
    if outcome.error:
        _print_error(outcome, console)
    else:
        sections = chapter_sections(stage)
        for check in outcome.checks:
            _print_check(check, stage, sections, console)
    if verbose and outcome.output.strip():
        console.rule("pytest output")
        console.print(outcome.output, markup=False, highlight=False)
    _print_summary(outcome, console)


def _shown_path(path: Path) -> str:
    """A path relative to the repo when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _print_error(outcome: Outcome, console: Console) -> None:
    """Explain why the app could not be graded at all."""
    error = outcome.error
    console.print(Text("✗ Your app could not be loaded, so no check ran.", style="bold red"))
    if error.get("file"):
        console.print(f"  in {escape(error['file'])}, line {error.get('line')}:", highlight=False)
        if error.get("code"):
            console.print(Text(f"      {error['code']}", style="yellow"))
    console.print(Text(f"  {error['message']}"))
    console.print("  Fix this first; every check needs the app to import. Run the grader with --verbose for details.")


def _print_check(check: dict, stage: Stage, sections: dict[str, str], console: Console) -> None:
    """One line per check, with the explanation under a failure (wrapped lines keep their indent)."""
    if check["status"] == "pass":
        console.print(Text.assemble(("  ✓ ", "green"), check["title"]))
        return
    if check["status"] == "skip":
        console.print(Text.assemble(("  - ", "dim"), check["title"], (" (skipped)", "dim")))
        return
    console.print(Text.assemble(("  ✗ ", "bold red"), (check["title"], "bold")))
    details = Table.grid(padding=(0, 1))
    details.add_column(style="dim", no_wrap=True)
    details.add_column(overflow="fold")
    if check.get("expected"):
        details.add_row("expected:", Text(check["expected"]))
        details.add_row("got:", Text(check["got"]))
    else:
        details.add_row("problem:", Text(check.get("message") or "failed"))
    if check.get("detail"):
        details.add_row("note:", Text(check["detail"]))
    hint = hint_text(check, stage, sections)
    if hint:
        details.add_row("hint:", Text(hint, style="cyan"))
    console.print(Padding(details, (0, 0, 0, 6)))


def _print_summary(outcome: Outcome, console: Console) -> None:
    """The closing lines: checks passed, points, bar and the next step."""
    passed, total = outcome.passed, outcome.total
    score, max_score = outcome.score, outcome.max_score
    style = "green" if outcome.status == "pass" else "red"
    percent = round(100 * score / max_score) if max_score else 0
    console.print()
    console.print(Text.assemble((f"{passed}/{total} checks passed", "bold " + style), "  ",
                                (bar(score, max_score), style), f"  {score}/{max_score} points ({percent}%)"))
    if outcome.status == "pass":
        following = _next_stage(outcome.stage)
        tail = f" Next: {following.id} · {following.title}." if following else " That was the last stage."
        console.print(f"All checks pass.{tail}")
    elif not outcome.error:
        console.print(f"Fix the first ✗ above, save, and run `python grade.py {outcome.stage.id}` again.")


def _next_stage(stage: Stage) -> Stage | None:
    """The stage after this one, if any."""
    stages = load_stages()
    ids = [s.id for s in stages]
    position = ids.index(stage.id)
    return stages[position + 1] if position + 1 < len(stages) else None


def to_json(outcome: Outcome) -> dict:
    """The outcome in the results format documented in site/grading.md (Exercism v3 / GitHub Classroom)."""
    sections = chapter_sections(outcome.stage)
    tests = []
    for number, check in enumerate(outcome.checks, start=1):
        message = check.get("message")
        hint = hint_text(check, outcome.stage, sections) if check["status"] != "pass" else None
        if hint:
            message = f"{message}\nHint: {hint}"
        tests.append({
            "name": check["title"],
            "status": check["status"] if check["status"] in ("pass", "fail") else "error",
            "message": message,
            "score": check["weight"] if check["status"] == "pass" else 0,
            "max_score": check["weight"],
            "test_code": check.get("code"),
            "task_id": number,
            "filename": f"checks/{outcome.stage.id}/{check['file']}",
            "line_no": check.get("line"),
            "check_id": check["id"],
        })
    message = None
    if outcome.error:
        error = outcome.error
        where = f" ({error['file']}, line {error['line']})" if error.get("file") else ""
        message = f"{error['message']}{where}"
    return {
        "version": 3,
        "status": outcome.status,
        "message": message,
        "stage": outcome.stage.id,
        "score": outcome.score,
        "max_score": outcome.max_score,
        "tests": tests,
        "environment": environment(),
    }


def environment() -> dict:
    """Versions that explain 'passes here, fails there'."""
    packages = {}
    for name in REPORTED_PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {"python": platform.python_version(), "platform": platform.platform(), "grader": __version__,
            "packages": packages}
