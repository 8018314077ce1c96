"""python grade.py hint STAGE: tiered help for the first failing check, never the solution unless asked."""

import difflib
from pathlib import Path

from rich.console import Console
from rich.padding import Padding
from rich.syntax import Syntax
from rich.text import Text

from .report import chapter_sections, section_reference
from .run import Outcome
from .starters import MARKED_SUFFIXES, MARKER, clean_solution, solution_files


def todo_regions(folder: Path) -> dict[str, dict]:
    """Every todo-… region of a solution: name → file, TODO text and the solution's code for it."""
    regions = {}
    for relative in solution_files(folder):
        if relative.suffix not in MARKED_SUFFIXES:
            continue
        open_name, lines = None, []
        for line in (folder / relative).read_text(encoding="utf-8").splitlines():
            match = MARKER.match(line)
            if match and match["name"].startswith("todo-"):
                if match["kind"] == "start":
                    open_name, lines = match["name"], []
                    regions[open_name] = {"file": relative.as_posix(), "text": match["post"].strip(), "code": ""}
                else:
                    regions[match["name"]]["code"] = "\n".join(lines)
                    open_name = None
            elif open_name and not match:
                lines.append(line)
    return regions


def open_todos(target: Path) -> list[tuple[str, int, str]]:
    """(file, line, text) of every TODO comment still in the student's folder."""
    found = []
    for relative in solution_files(target):
        if relative.suffix != ".py":
            continue
        try:
            text = (target / relative).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if "# TODO:" in line:
                found.append((relative.as_posix(), number, line.split("# TODO:", 1)[1].strip()))
    return found


def first_failure(outcome: Outcome) -> dict | None:
    """The first check that did not pass."""
    return next((check for check in outcome.checks if check["status"] in ("fail", "error")), None)


def show_hint(outcome: Outcome, console: Console, *, more: bool = False, show_solution: bool = False) -> int:
    """Print the tiers the student asked for; exit 0 when nothing fails, 1 otherwise."""
    stage = outcome.stage
    if outcome.error:
        console.print(Text("Your app cannot be imported yet, so the first hint is that error:", style="bold"))
        where = f" ({outcome.error['file']}, line {outcome.error['line']})" if outcome.error.get("file") else ""
        console.print(f"  {outcome.error['message']}{where}", markup=False)
        return 1
    check = first_failure(outcome)
    if check is None:
        console.print(f"Every check of {stage.id} passes: no hint needed.")
        return 0
    console.print(Text.assemble(("First failing check: ", "bold"), check["title"]))
    console.print(Padding(Text(check.get("message") or ""), (0, 0, 0, 2)))
    hint = check.get("hint") or {}
    advice = hint.get("text") or "Read the check's message above."
    if check.get("blocked"):
        advice = check["blocked"]["text"][:1].upper() + check["blocked"]["text"][1:] + ": write that part first."
    console.print(Padding(Text.assemble(("hint: ", "dim"), (advice, "cyan")), (0, 0, 0, 2)))
    if not more and not show_solution:
        console.print(Text("Still stuck? python grade.py hint " + stage.id + " --more", style="dim"))
        return 1
    console.print()
    reading = f"site/{stage.chapter}"
    if hint.get("section"):
        reading = section_reference(stage, hint["section"], chapter_sections(stage))
    console.print(Text.assemble(("Read: ", "bold"), reading))
    regions = todo_regions(stage.solution_dir)
    region = regions.get(hint.get("todo") or "")
    todos = open_todos(outcome.target)
    if region:
        todos = [todo for todo in todos if todo[0] == region["file"] and todo[2] == region["text"]] or todos
    if todos:
        console.print(Text("Where to work (TODOs still in your files):", style="bold"))
        for file, line, text in todos:
            console.print(Padding(Text(f"{file}, line {line}: {text}"), (0, 0, 0, 2)))
    if not show_solution:
        console.print(Text("Want to see the reference code? python grade.py hint " + stage.id + " --show-solution",
                           style="dim"))
        return 1
    _print_solution(outcome.target, stage.solution_dir, region, console)
    return 1


def _print_solution(target: Path, solution: Path, region: dict | None, console: Console) -> None:
    """Show the reference code for the part, or else the difference between the student's file and the solution."""
    console.print()
    if region:
        console.print(Text(f"The reference solution for this part ({region['file']}):", style="bold"))
        console.print(Syntax(region["code"], "python", dedent=True, word_wrap=True))
        files = [region["file"]]
    else:
        files = [rel.as_posix() for rel in solution_files(solution) if rel.suffix == ".py"]
    for file in files:
        mine = _lines(target / file)
        reference = clean_solution("".join(_lines(solution / file))).splitlines(keepends=True)
        diff = list(difflib.unified_diff(mine, reference, f"yours/{file}", f"solution/{file}", n=2))
        if region:
            diff = _hunks_about(diff, region)
        if diff:
            console.print(Text(f"Your {file} compared with the solution (- yours, + solution):", style="bold"))
            console.print(Syntax("".join(diff), "diff", word_wrap=True))


def _hunks_about(diff: list[str], region: dict) -> list[str]:
    """Keep the diff's header and only the hunks that touch the region (its TODO line or its code)."""
    clues = [region["text"]] + [line.strip() for line in region["code"].splitlines() if line.strip()][:1]
    header, hunks = diff[:2], []
    for line in diff[2:]:
        if line.startswith("@@"):
            hunks.append([line])
        elif hunks:
            hunks[-1].append(line)
    kept = [hunk for hunk in hunks if any(clue and clue in "".join(hunk) for clue in clues)]
    return header + [line for hunk in kept for line in hunk] if kept else []


def _lines(path: Path) -> list[str]:
    """A file's lines, or none if it is missing."""
    try:
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        return []
