"""Make a pretend class of submissions for one stage: correct, partial and broken work in both layouts.

    python scripts/make_class.py DEST [--stage stage-01] [--students 30]

Used by the repo's tests and for measuring class-grading throughput (see grade.py class).
"""

import argparse
import shutil
import sys
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
    args = parser.parse_args()
    for student, kind in make_class(args.destination, args.stage, args.students):
        print(f"{student}: {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
