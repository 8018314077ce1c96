"""Generate the starters (stages/) from the marked solutions (solutions/).

In a solution, a region the student writes is a snippet section whose name starts with "todo-":

    # --8<-- [start:todo-hello] Return JSON with "message", "version" and "status".
    return jsonify(...)
    # --8<-- [end:todo-hello]

The starter gets "# TODO: <text>" and a stub in its place: by default a 501 JSON answer, or the code written after
"stub:" on the end line (e.g. "# --8<-- [end:todo-x] stub: pass"). Every other snippet marker is dropped, so the
site can include any section of a solution while the starter stays clean.

    python -m grader.starters          exit 1 if a committed starter differs from what would be generated
    python -m grader.starters --write  regenerate every starter (authors only: it replaces stages/ entirely)

--write refuses to replace a starter folder that holds changes not committed to git (a student's work); with
--force it moves that folder to .grade-backups/ first, as `grade.py reset` does.
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .manifest import ROOT, Stage, load_stages

MARKER = re.compile(r"^(?P<indent>\s*)#\s*-{1,}8<-{1,}\s+\[\s*(?P<kind>start|end)\s*:\s*(?P<name>[a-z][-_0-9a-z]*)\s*\]"
                    r"(?P<post>.*)$")
SKIPPED = {"__pycache__", "instance", ".pytest_cache"}
SKIPPED_SUFFIXES = {".pyc", ".db", ".sqlite", ".sqlite3"}
# Python and shell files, and the deployment templates: nginx and systemd files and a Dockerfile (no suffix), all
# of which take "#" comments. A region of a template gives its stub after "stub:" (the default stub is Python).
MARKED_SUFFIXES = {".py", ".sh", ".conf", ".service", ""}
DEFAULT_STUB = 'return {{"error": "Not implemented yet: see the TODO in {file}."}}, 501'


class MarkerError(ValueError):
    """A solution's markers are unbalanced or malformed."""


def starter_source(source: str, file: str) -> str:
    """Turn one marked solution file into its starter text."""
    out, open_todo = [], None
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        match = MARKER.match(line)
        if not match:
            if open_todo is None:
                out.append(line)
            continue
        name, kind, indent = match["name"], match["kind"], match["indent"]
        if not name.startswith("todo-"):
            continue
        if kind == "start":
            if open_todo is not None:
                raise MarkerError(f"{file}:{number}: {name} starts inside {open_todo}")
            open_todo = name
            out.append(f"{indent}# TODO: {match['post'].strip()}\n")
        else:
            if open_todo != name:
                raise MarkerError(f"{file}:{number}: end of {name} without its start")
            open_todo = None
            post = match["post"].strip()
            stub = post.removeprefix("stub:").strip() if post.startswith("stub:") else DEFAULT_STUB.format(file=file)
            out.append(f"{indent}{stub}\n")
    if open_todo is not None:
        raise MarkerError(f"{file}: {open_todo} is never closed")
    return "".join(out)


def clean_solution(source: str) -> str:
    """A marked solution file as a reader should see it: every snippet marker line removed."""
    return "".join(line for line in source.splitlines(keepends=True) if not MARKER.match(line))


def solution_files(folder: Path):
    """Every file of a solution that belongs in its starter, as paths relative to the folder."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not SKIPPED.intersection(relative.parts) and path.suffix not in SKIPPED_SUFFIXES:
            yield relative


def generate(stage: Stage) -> dict[str, str]:
    """The starter for a stage, as relative path → text."""
    files = {}
    for relative in solution_files(stage.solution_dir):
        text = (stage.solution_dir / relative).read_text(encoding="utf-8")
        if relative.suffix in MARKED_SUFFIXES:
            text = starter_source(text, relative.as_posix())
        files[relative.as_posix()] = text
    return files


def committed(stage: Stage) -> dict[str, str]:
    """The starter as it is on disk."""
    folder = stage.starter_dir
    if not folder.is_dir():
        return {}
    # A student may save a file in another encoding; it then simply differs from the starter.
    return {rel.as_posix(): (folder / rel).read_bytes().decode("utf-8", errors="replace")
            for rel in solution_files(folder)}


def write(stage: Stage) -> None:
    """Replace the stage's starter folder with freshly generated files."""
    files = generate(stage)
    if not files:
        return
    if stage.starter_dir.exists():
        shutil.rmtree(stage.starter_dir)
    for relative, text in files.items():
        path = stage.starter_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def uncommitted_changes(stage: Stage) -> bool:
    """Whether the starter folder differs from what git has committed (edited, added or deleted files)."""
    try:
        result = subprocess.run(["git", "status", "--porcelain", "--", str(stage.starter_dir)], cwd=ROOT,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        result = None
    if result is None or result.returncode != 0:
        # No git to ask: anything other than the generated starter may be someone's work.
        return stage.starter_dir.exists() and committed(stage) != generate(stage)
    return bool(result.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    """Regenerate or check every starter."""
    parser = argparse.ArgumentParser(prog="python -m grader.starters", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace stages/ with freshly generated starters")
    parser.add_argument("--force", action="store_true", help="with --write: replace folders with uncommitted "
                        "changes too, after moving them to .grade-backups/")
    parser.add_argument("--stage", help="only this stage (e.g. stage-02)")
    args = parser.parse_args(argv)
    stale, refused = [], []
    for stage in load_stages():
        if args.stage and stage.id != args.stage:
            continue
        if args.write and uncommitted_changes(stage):
            if not args.force:
                refused.append(stage.id)
                continue
            from .reset import backup_folder

            backup = backup_folder(stage)
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(stage.starter_dir), backup)
            print(f"{stage.starter_dir} had uncommitted changes: moved to {backup}")
        if args.write:
            write(stage)
            print(f"wrote {stage.starter_dir}" if stage.solution_dir.is_dir() else f"no solution yet: {stage.id}")
        elif generate(stage) != committed(stage):
            stale.append(stage.id)
    if refused:
        print(f"not replaced, they hold uncommitted changes (someone's work?): {', '.join(refused)}. Commit them, "
              "or run again with --force to move them to .grade-backups/ first.", file=sys.stderr)
    if stale:
        print(f"out of date: {', '.join(stale)}; run python -m grader.starters --write", file=sys.stderr)
    return 1 if stale or refused else 0


if __name__ == "__main__":
    sys.exit(main())
