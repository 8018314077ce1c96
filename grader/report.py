"""Present a grading outcome: for a person (rich text) or for machines (JSON)."""

import functools
import os
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from . import __version__
from .diagnose import reproduce
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
        # attr_list's "Heading {#anchor}" names the anchor itself (a slug would drop the dot of "SECURITY.md").
        explicit = re.search(r"\s*\{\s*#([\w-]+)[^}]*\}$", heading)
        if explicit:
            sections[explicit.group(1)] = heading[:explicit.start()]
        else:
            sections[slugify(heading, "-")] = heading
    return sections


def hint_text(check: dict, stage: Stage, sections: dict[str, str]) -> str | None:
    """The hint line for a failed check: what blocks it (a part not written yet), or else its advice and the
    chapter section to read."""
    if check.get("blocked"):
        return check["blocked"]["text"][:1].upper() + check["blocked"]["text"][1:] + "."
    hint = check.get("hint") or {}
    parts = []
    if hint.get("text"):
        parts.append(hint["text"])
    if hint.get("section"):
        parts.append(f"See {section_reference(stage, hint['section'], sections)}.")
    return " ".join(parts) or None


def section_reference(stage: Stage, section: str, sections: dict[str, str]) -> str:
    """'"Heading": http://…/chapters/stage-04/#anchor' on the served site, or else
    '"Heading" in site/chapters/….md#anchor'."""
    heading = sections.get(section, section)
    address = site_address()
    if address:
        page = stage.chapter.removesuffix(".md").removesuffix("index").rstrip("/") + "/"
        return f'"{heading}": {address}{page}#{section}'
    return f'"{heading}" in {(Path("site") / stage.chapter).as_posix()}#{section}'


@functools.cache
def site_address() -> str | None:
    """Where the course site is read, ending in "/": GRADER_SITE_URL when set (empty: none), else the site_url of
    mkdocs.yml (SITE_URL overrides it), which counts only while something serves it when it is this machine."""
    forced = os.environ.get("GRADER_SITE_URL")
    if forced is not None:
        return forced.rstrip("/") + "/" if forced.strip() else None
    address = os.environ.get("SITE_URL") or configured_site_url()
    if not address:
        return None
    parts = urlsplit(address)
    if parts.hostname in ("127.0.0.1", "localhost", "::1"):
        import socket

        try:
            with socket.create_connection((parts.hostname, parts.port or 80), timeout=0.2):
                pass
        except OSError:
            return None
    return address.rstrip("/") + "/"


def configured_site_url() -> str | None:
    """The site_url of mkdocs.yml (the default of its !ENV form), read as text."""
    try:
        text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return None
    match = re.search(r"^site_url:\s*(?:!ENV\s*\[\s*\w+\s*,\s*)?[\"']?([^\"'\]\s]+)", text, flags=re.MULTILINE)
    return match.group(1) if match else None


def bar(passed: int, total: int) -> str:
    """A text progress bar."""
    filled = round(BAR_WIDTH * passed / total) if total else 0
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def print_outcome(outcome: Outcome, console: Console, *, verbose: bool = False, full: bool = False,
                  curl: bool = False, selected: str | None = None) -> None:
    """Print the outcome the way a student reads it. Short by default: how many pass, the first failing check in
    full, one line per other failing check (variants of one check and checks blocked by the same missing part
    folded); `full` shows every check and every failure in full. The last lines say what to do next."""
    stage = outcome.stage
    console.print(Text.assemble((f"{stage.id} · {stage.title}", "bold"), f"  ({_shown_path(outcome.target)})"))
    if outcome.error:
        _print_error(outcome, console)
    elif full:
        sections = chapter_sections(stage)
        for check in outcome.checks:
            _print_check(check, stage, sections, console, curl)
    else:
        _print_short(outcome, console, curl)
    if verbose and outcome.output.strip():
        console.rule("pytest output")
        console.print(outcome.output, markup=False, highlight=False)
    _print_summary(outcome, console, full=full, selected=selected)


def _print_short(outcome: Outcome, console: Console, curl: bool) -> None:
    """The short form: the passes counted, the first failure in full, the others a line each."""
    stage = outcome.stage
    failing = [check for check in outcome.checks if check["status"] in ("fail", "error")]
    skipped = sum(1 for check in outcome.checks if check["status"] == "skip")
    if outcome.passed:
        every = "all " if outcome.passed == outcome.total else ""
        console.print(Text.assemble(("  ✓ ", "green"), f"{every}{outcome.passed} of {outcome.total} checks pass"))
    if skipped:
        console.print(Text.assemble(("  - ", "dim"), f"{skipped} skipped"))
    if not failing:
        return
    _print_check(failing[0], stage, chapter_sections(stage), console, curl)
    lines = other_failures(outcome.checks, failing[0])
    shown, rows, room = [], 0, max(console.width - 6, 20)
    for line in lines:
        needed = -(-len(line) // room)  # the screen lines it wraps to
        if rows + needed > SHORT_LINES:
            break
        shown.append(line)
        rows += needed
    if shown:
        listing = Table.grid(padding=(0, 1))
        listing.add_column(style="red", no_wrap=True)
        listing.add_column(overflow="fold")
        for line in shown:
            listing.add_row("✗", Text(line))
        console.print(Padding(listing, (0, 0, 0, 2)))
    if len(lines) > len(shown):
        console.print(Text(f"  … and {len(lines) - len(shown)} more (--all shows every failure)", style="dim"))


# At most this many screen lines for the other failures, so that the whole report fits on a screen.
SHORT_LINES = 16


def cause(check: dict) -> str | None:
    """What a failure shares with others that fail for the same reason: what blocks it, or its expected/got."""
    if check.get("blocked"):
        return check["blocked"]["text"]
    if check.get("expected"):
        return f"expected {shorten(check['expected'])}, got {shorten(check['got'])}"
    return None


def shorten(text: str, limit: int = 90) -> str:
    """Text cut to a limit, with an ellipsis."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def other_failures(checks: list[dict], first: dict) -> list[str]:
    """One line per failing check other than the first: checks that fail for the same reason fold into one
    ("12 more checks: this check needs POST /api/tasks, which …"), and so do the variants of a parametrized check
    ("…: 3 of 8 fail")."""
    failing = [check for check in checks if check["status"] in ("fail", "error") and check is not first]
    groups: dict[str, list[dict]] = {}
    for check in checks:
        groups.setdefault(check.get("group") or check["id"], []).append(check)
    causes: dict[str, list[dict]] = {}
    for check in failing:
        if cause(check):
            causes.setdefault(cause(check), []).append(check)
    lines, done = [], set()
    for check in failing:
        if id(check) in done:
            continue
        members = causes.get(cause(check) or "", [])
        if len(members) > 1 and len({m.get("group") or m["id"] for m in members}) > 1:
            done.update(id(member) for member in members)
            same = " fail the same way" if cause(check) == cause(first) else ""
            lines.append(f"{len(members)} more checks{same}: {cause(check)}")
            continue
        group = groups[check.get("group") or check["id"]]
        if len(group) > 1:
            members = [member for member in group if member in failing]
            done.update(id(member) for member in members)
            failed = len(members) + (first in group)
            above = " (the first is shown above)" if first in group else ""
            lines.append(f"{check.get('group_title') or check['title']}: {failed} of {len(group)} fail{above}")
            continue
        done.add(id(check))
        lines.append(check["title"])
    return lines


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


def _print_check(check: dict, stage: Stage, sections: dict[str, str], console: Console, curl: bool = False) -> None:
    """One line per check, with the explanation under a failure (wrapped lines keep their indent)."""
    if check["status"] == "pass":
        console.print(Text.assemble(("  ✓ ", "green"), check["title"]))
        return
    if check["status"] == "skip":
        console.print(Text.assemble(("  - ", "dim"), check["title"], (" (skipped)", "dim")))
        return
    heading = Table.grid(padding=(0, 1))
    heading.add_column(style="bold red", no_wrap=True)
    heading.add_column(style="bold", overflow="fold")
    heading.add_row("✗", Text(check["title"]))
    console.print(Padding(heading, (0, 0, 0, 2)))
    details = Table.grid(padding=(0, 1))
    details.add_column(style="dim", no_wrap=True)
    details.add_column(overflow="fold")
    if check.get("blocked"):
        details.add_row("blocked:", Text(check["blocked"]["text"], style="bold"))
    if check.get("expected"):
        details.add_row("expected:", Text(check["expected"]))
        details.add_row("got:", Text(check["got"]))
    else:
        details.add_row("problem:", Text(check.get("message") or "failed"))
    if check.get("detail"):
        details.add_row("note:", Text(check["detail"]))
    section = (check.get("hint") or {}).get("section")
    if not check.get("blocked"):
        hint = hint_text(check, stage, sections)
        if hint:
            details.add_row("hint:", Text(hint, style="cyan"))
    elif section:
        details.add_row("read:", Text(section_reference(stage, section, sections), style="cyan"))
    command = reproduce(check.get("request"), curl=curl)
    if command:
        details.add_row("try:", Text(command))
    console.print(Padding(details, (0, 0, 0, 6)))


def _print_summary(outcome: Outcome, console: Console, *, full: bool = False, selected: str | None = None) -> None:
    """The closing lines: checks passed, points, bar and the next step."""
    passed, total = outcome.passed, outcome.total
    score, max_score = outcome.score, outcome.max_score
    style = "green" if outcome.status == "pass" else "red"
    percent = round(100 * score / max_score) if max_score else 0
    stage_id = outcome.stage.id
    console.print()
    what = "selected checks" if selected else "checks"
    console.print(Text.assemble((f"{passed}/{total} {what} passed", "bold " + style), "  ",
                                (bar(score, max_score), style), f"  {score}/{max_score} points ({percent}%)"))
    if outcome.error:
        console.print(f"Next: fix the error above, save, and run `{grade_again(outcome)}` again.")
    elif outcome.status == "pass" and selected:
        console.print(Text(f"The checks you selected (-k {selected}) pass. Next: grade the whole stage with "
                           f"`python grade.py {stage_id}`."))
    elif outcome.status == "pass":
        following = _next_stage(outcome.stage)
        tail = f" Next: {following.id} · {following.title}." if following else " That was the last stage."
        console.print(f"All checks pass.{tail}")
    else:
        first = next(check for check in outcome.checks if check["status"] in ("fail", "error"))
        blocked = first.get("blocked")
        if blocked:
            count = sum(1 for check in outcome.checks if (check.get("blocked") or {}).get("text") == blocked["text"])
            need = f"{count} failing checks need it" if count > 1 else "the first failing check needs it"
            if blocked.get("todo"):
                step = f"do the TODO in {blocked['todo']} ({blocked['request']} still answers 501; {need})"
            else:
                step = f"add a route for {blocked['request']} (it answers {blocked['status']}; {need})"
        else:
            step = f'fix "{first["title"]}" (shown in full above)'
        console.print(Text(f"Next: {step}, save, and run `{grade_again(outcome)}` again."))
        if not full and outcome.total - passed > 1:
            console.print(f"More: `python grade.py {stage_id} --all` shows every failure in full; "
                          f"`python grade.py hint {stage_id}` helps with the first.")


def grade_again(outcome: Outcome) -> str:
    """The command that grades the same folder again: the stage alone for the student's own stage folder."""
    stage = outcome.stage
    target = Path(outcome.target)
    if target == stage.solution_dir.resolve():
        return f"python grade.py {stage.id} --solution"
    if target == stage.starter_dir.resolve():
        return f"python grade.py {stage.id}"
    return f"python grade.py {stage.id} --path {shlex.quote(_shown_path(target))}"


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
    import platform
    from importlib import metadata

    packages = {}
    for name in REPORTED_PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {"python": platform.python_version(), "platform": platform.platform(), "grader": __version__,
            "packages": packages}
