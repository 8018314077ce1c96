"""Make a pretend class of submissions for one stage: correct, partial and broken work in both layouts.

    python scripts/make_class.py DEST [--stage stage-01] [--students 30]
    python scripts/make_class.py DEST --stage stage-04 --mixed    the 13 submissions of issue 14, and roster.txt

Used by the repo's tests and for measuring class-grading throughput (see grade.py class).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.manifest import find_stage  # noqa: E402

IGNORED = shutil.ignore_patterns("__pycache__", "instance", "*.db")


def correct(stage, folder):
    """The reference solution."""
    shutil.copytree(stage.solution_dir, folder, ignore=IGNORED)


def untouched(stage, folder):
    """The starter as shipped."""
    shutil.copytree(stage.starter_dir, folder, ignore=IGNORED)


def syntax_error(stage, folder):
    """A solution with a syntax error in its main module."""
    correct(stage, folder)
    main = _main_file(folder)
    main.write_text(main.read_text(encoding="utf-8") + "\ndef oops(:\n", encoding="utf-8")


def not_utf8(stage, folder):
    """A main module saved in Latin-1 with an accented character in a string (Python reads source as UTF-8)."""
    correct(stage, folder)
    main = _main_file(folder)
    main.write_bytes(main.read_bytes() + "\nCAFE = 'café'\n".encode("latin-1"))


def hangs_at_import(stage, folder):
    """An endless loop at import time."""
    correct(stage, folder)
    main = _main_file(folder)
    main.write_text(main.read_text(encoding="utf-8") + "\nwhile True:\n    pass\n", encoding="utf-8")


def noisy(stage, folder):
    """A correct solution that prints megabytes when imported."""
    correct(stage, folder)
    main = _main_file(folder)
    main.write_text(main.read_text(encoding="utf-8") + "\nprint('x' * 2_000_000)\n", encoding="utf-8")


def partly_done(stage, folder):
    """The solution with two of the stage's mutants (tests/mutants/): realistic mistakes, most checks pass."""
    correct(stage, folder)
    mutants = tomllib.loads((ROOT / "tests" / "mutants" / f"{stage.id}.toml").read_text(encoding="utf-8"))["mutant"]
    applied = 0
    for mutant in mutants:
        edits = mutant.get("edit") or [mutant]
        files = [(folder / edit["file"], edit) for edit in edits]
        if all(path.is_file() and path.read_text(encoding="utf-8").count(edit["find"]) == 1 for path, edit in files):
            for path, edit in files:
                path.write_text(path.read_text(encoding="utf-8").replace(edit["find"], edit["replace"]),
                                encoding="utf-8")
            applied += 1
        if applied == 2:
            break


def loops_in_a_view(stage, folder):
    """A correct app whose DELETE requests never end (a loop in a view): only the checks that delete should fail."""
    correct(stage, folder)
    main = _main_file(folder)
    main.write_text(main.read_text(encoding="utf-8") + (
        "\n\n@app.before_request\ndef _stuck():\n    from flask import request\n\n"
        "    if request.method == 'DELETE':\n        while True:\n            pass\n"), encoding="utf-8")


def empty(stage, folder):
    """An empty folder (the student pushed nothing)."""
    folder.mkdir(parents=True, exist_ok=True)


def wrong_layout(stage, folder):
    """The solution one folder too deep (a zip of the project folder): neither layout."""
    correct(stage, folder / "my-project")


def committed(stage, folder):
    """The solution as a git repository with one commit (the gradebook records the commit)."""
    correct(stage, folder)
    env = dict(os.environ, GIT_AUTHOR_NAME="Student", GIT_AUTHOR_EMAIL="student@example.org",
               GIT_COMMITTER_NAME="Student", GIT_COMMITTER_EMAIL="student@example.org")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "My work"]):
        subprocess.run(["git", *command], cwd=folder, env=env, check=True, capture_output=True)


# The class of issue 14: name, kind, repository layout. The name b"jos\xe9" is Latin-1, not UTF-8.
MIXED = [("alice", correct, False), ("bob", correct, True), ("carol", partly_done, False),
         ("dan", partly_done, True), ("erin", untouched, False), ("frank", untouched, True),
         ("grace", syntax_error, False), ("heidi", loops_in_a_view, False), (b"jos\xe9", correct, False),
         ("mallory", not_utf8, False), ("niaj", empty, False), ("olivia", wrong_layout, False),
         ("trent", committed, False)]
MISSING = "peggy"


def make_mixed_class(destination: Path, stage_id: str) -> dict[str, str]:
    """The 13 submissions of issue 14 and a roster that also names a student who submitted nothing.
    Returns {student as the gradebook prints it: kind}."""
    stage = find_stage(stage_id)
    destination.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, kind, repo_layout in MIXED:
        student = destination / (os.fsdecode(name) if isinstance(name, bytes) else name)
        folder = student / "stages" / stage.id if repo_layout else student
        folder.parent.mkdir(parents=True, exist_ok=True)
        kind(stage, folder)
        shown = name.decode("utf-8", "backslashreplace") if isinstance(name, bytes) else name
        made[shown] = kind.__name__
    roster = [name for name in made if name.isascii() and "\\" not in name] + [MISSING]
    (destination.parent / "roster.txt").write_text("\n".join(sorted(roster)) + "\n", encoding="utf-8")
    made[MISSING] = "missing"
    return made


def _main_file(folder: Path) -> Path:
    """The module the stage's app lives in."""
    return folder / "app.py" if (folder / "app.py").exists() else folder / "app" / "__init__.py"


KINDS = [correct, untouched, correct, syntax_error, correct, not_utf8, untouched, hangs_at_import, correct, noisy]


def make_class(destination: Path, stage_id: str, students: int) -> list[tuple[str, str]]:
    """Create one folder per student; every third uses the repo layout. Returns (student, kind) pairs."""
    stage = find_stage(stage_id)
    destination.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(1, students + 1):
        kind = KINDS[(number - 1) % len(KINDS)]
        student = destination / f"student-{number:03d}"
        folder = student / "stages" / stage.id if number % 3 == 0 else student
        folder.parent.mkdir(parents=True, exist_ok=True)
        kind(stage, folder)
        made.append((student.name, kind.__name__))
    (destination / "README.txt").write_text("Submissions exported from the classroom.\n", encoding="utf-8")
    return made


def main() -> int:
    """Parse arguments and make the class."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("destination", type=Path)
    parser.add_argument("--stage", default="stage-01")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--mixed", action="store_true", help="the 13 submissions of issue 14 and DEST/../roster.txt")
    args = parser.parse_args()
    if args.mixed:
        for student, kind in make_mixed_class(args.destination, args.stage).items():
            print(f"{student}: {kind}")
        return 0
    for student, kind in make_class(args.destination, args.stage, args.students):
        print(f"{student}: {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
