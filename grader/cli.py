"""The command students and instructors run: python grade.py STAGE [options]."""

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console

from . import __version__
from .manifest import UnknownStage, find_stage, load_stages
from .report import print_outcome, to_json
from .run import grade

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command line asks for something that cannot be done."""


def build_parser() -> argparse.ArgumentParser:
    """The grader's command line."""
    stages = ", ".join(stage.id for stage in load_stages())
    parser = argparse.ArgumentParser(
        prog="grade.py",
        description="Grade a stage of the course: runs its checks against your code and explains each result.",
        epilog=f"Stages: {stages}. Examples: python grade.py stage-01 · python grade.py 3 --json · "
               "python grade.py doctor",
    )
    parser.add_argument("stage", help="the stage to grade: stage-04, 04 or 4; or 'doctor' to check your set-up")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--solution", action="store_true", help="grade the reference solution instead of stages/")
    where.add_argument("--path", type=Path, help="grade this folder instead (e.g. a student's submission)")
    parser.add_argument("--json", action="store_true", help="print machine-readable results (see the grading page)")
    parser.add_argument("-k", "--check", metavar="WORDS", help="run only the checks whose names match (pytest -k)")
    parser.add_argument("--verbose", action="store_true", help="also show pytest's own output and tracebacks")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="time limit for one check (default 5)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, grade, print, and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console(highlight=False)
    errors = Console(stderr=True, highlight=False)
    if args.stage == "doctor":
        from .doctor import run_doctor

        return run_doctor(console)
    try:
        stage, target = resolve(args)
    except (UnknownStage, UsageError) as exc:
        errors.print(f"grade.py: {exc}", markup=False)
        return EXIT_USAGE
    outcome = grade(stage, target, check_filter=args.check, verbose=args.verbose, check_timeout=args.timeout)
    if args.json:
        sys.stdout.write(json.dumps(to_json(outcome), indent=2) + "\n")
    else:
        print_outcome(outcome, console, verbose=args.verbose)
    if outcome.error:
        return EXIT_USAGE
    return EXIT_PASS if outcome.status == "pass" else EXIT_FAIL


def resolve(args):
    """Find the stage and the folder to grade, or raise UsageError."""
    stage = find_stage(args.stage)
    if args.path is not None:
        target = args.path
    elif args.solution:
        target = stage.solution_dir
    else:
        target = stage.starter_dir
    if not target.is_dir():
        raise UsageError(f"{target} is not a folder: nothing to grade for {stage.id}.")
    if not stage.checks_dir.is_dir():
        raise UsageError(f"The checks for {stage.id} are missing ({stage.checks_dir}).")
    return stage, target
