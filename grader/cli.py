"""The command students and instructors run: python grade.py [STAGE | hint | reset | doctor | class] [options]."""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .manifest import UnknownStage, find_stage, load_stages

if TYPE_CHECKING:
    from rich.console import Console

# rich is imported once the checks' process has started (load_report); a missing rich is still reported at once.
if find_spec("rich") is None:
    raise ModuleNotFoundError("No module named 'rich'", name="rich")

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
COMMANDS = ("hint", "reset", "doctor", "class")


class UsageError(Exception):
    """The command line asks for something that cannot be done."""


def grade_parser() -> argparse.ArgumentParser:
    """python grade.py [STAGE] [options]."""
    stages = ", ".join(stage.id for stage in load_stages())
    parser = argparse.ArgumentParser(
        prog="grade.py",
        description="Grade a stage of the course: runs its checks against your code and explains each result. "
                    "With no stage: a progress table of every stage.",
        epilog=f"Stages: {stages}. Other commands: grade.py hint STAGE · grade.py reset STAGE [FILE] · "
               "grade.py doctor · grade.py class SUBMISSIONS (each has --help).",
    )
    parser.add_argument("stage", nargs="?", help="the stage to grade: stage-04, 04 or 4")
    add_target_options(parser)
    parser.add_argument("--json", action="store_true", help="print machine-readable results (see the grading page)")
    parser.add_argument("--classroom", action="store_true",
                        help="print the compact result GitHub Classroom's reporter reads (always a valid result)")
    parser.add_argument("--junit", type=Path, metavar="FILE", help="also write the results as JUnit XML")
    parser.add_argument("-k", "--check", metavar="WORDS", help="run only the checks whose name or title contains all these words")
    parser.add_argument("--all", action="store_true", dest="full",
                        help="show every check, and every failure in full (default: the first failure in full)")
    parser.add_argument("--curl", action="store_true", help="write the request to try by hand with curl, not HTTPie")
    parser.add_argument("--list", action="store_true", help="list the stage's checks (names and titles); run none")
    parser.add_argument("--verbose", action="store_true", help="also show pytest's own output and tracebacks")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="time limit for one check (default 5)")
    parser.add_argument("--watch", action="store_true", help="grade again every time you save a file")
    parser.add_argument("--poll", action="store_true", help="with --watch: poll for changes (WSL, network drives)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def add_target_options(parser: argparse.ArgumentParser) -> None:
    """--solution / --path, shared by grading and hints."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--solution", action="store_true", help="use the reference solution instead of stages/")
    where.add_argument("--path", type=Path, help="use this folder instead (e.g. a student's submission)")
    add_sandbox_options(parser)


def add_sandbox_options(parser: argparse.ArgumentParser) -> None:
    """--require-sandbox / --no-sandbox: how the student's code is contained (default: bubblewrap when present)."""
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--require-sandbox", action="store_true",
                     help="refuse to grade unless bubblewrap can sandbox the student's code")
    how.add_argument("--no-sandbox", action="store_true", help="run the student's code without bubblewrap")


def sandbox_choice(args) -> bool | None:
    """True, False, or None (use bubblewrap when it works); raise UsageError when a required sandbox is missing."""
    from .sandbox import available, describe

    if args.no_sandbox:
        return False
    if args.require_sandbox:
        if not available():
            raise UsageError(f"--require-sandbox: student code would run {describe()}.")
        return True
    return None


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the command asked for and return its exit status."""
    from .channel import become_subreaper, kill_descendants

    argv = sys.argv[1:] if argv is None else argv
    # Whatever a graded app leaves running, daemons included, is adopted by this process and ended before it exits.
    become_subreaper()
    try:
        if argv and argv[0] in COMMANDS:
            return COMMAND_RUNNERS[argv[0]](argv[1:], plain_console())
        return grade_command(argv)
    except (UnknownStage, UsageError, ValueError) as exc:
        log_console(stderr=True).print(f"grade.py: {exc}", markup=False)
        return EXIT_USAGE
    except KeyboardInterrupt:
        log_console(stderr=True).print("grade.py: interrupted.")
        return 130
    finally:
        kill_descendants()


def plain_console() -> Console:
    """The console results are printed on."""
    from rich.console import Console

    return Console(highlight=False)


def load_report() -> None:
    """Import the report's modules (rich, mostly) while the checks run, instead of before they start."""
    from . import report  # noqa: F401


def grade_command(argv: list[str]) -> int:
    """Grade one stage (or show progress over all of them)."""
    from .run import grade

    args = grade_parser().parse_args(argv)
    if args.stage is None:
        console = plain_console()
        if args.solution or args.path or args.json or args.watch or args.classroom:
            raise UsageError("name a stage for --solution, --path, --json, --classroom or --watch, "
                             "e.g. grade.py stage-01 --json")
        from .progress import show_progress

        return show_progress(console)
    if args.classroom:
        return classroom_command(args)
    if args.list:
        from .listing import collected_checks, print_listing

        console = plain_console()
        stage = find_stage(args.stage)
        checks = collected_checks(stage, args.check)
        if not checks:
            raise UsageError(f"-k {args.check} selects no check of {stage.id}.")
        print_listing(stage, checks, console, args.check)
        return EXIT_PASS
    stage, target = resolve(args)
    display = {"full": args.full, "curl": args.curl, "selected": args.check}
    options = {"check_filter": args.check, "verbose": args.verbose, "check_timeout": args.timeout,
               "sandbox": sandbox_choice(args)}
    if args.watch:
        from .watch import watch

        return watch(stage, target, plain_console(), poll=args.poll, display=display, **options)
    outcome = grade(stage, target, meanwhile=load_report, **options)
    from .report import print_outcome, to_json

    # Anything the graded app left running (adopted by this process if it killed the checks' process) ends before a
    # single result is written, so that it cannot rewrite them.
    from .channel import kill_descendants

    kill_descendants()
    if args.check and not outcome.checks and not outcome.error:
        raise UsageError(f"-k {args.check} selects no check of {stage.id}: "
                         f"`python grade.py {stage.id} --list` shows their names and titles.")
    if args.junit:
        from .junit import write_junit

        write_junit([outcome], args.junit)
    if args.json:
        sys.stdout.write(json.dumps(to_json(outcome), indent=2) + "\n")
    else:
        print_outcome(outcome, plain_console(), verbose=args.verbose, **display)
    if outcome.error:
        return EXIT_USAGE
    return EXIT_PASS if outcome.status == "pass" else EXIT_FAIL


def classroom_command(args) -> int:
    """grade.py STAGE --classroom: a valid Classroom result whatever happens (an error result with 0 points when
    the stage cannot be graded), so that the reporter always reports every stage."""
    from .channel import kill_descendants
    from .classroom import classroom_result, encode, error_result, stage_max
    from .run import grade

    stage = find_stage(args.stage)
    try:
        sandbox = sandbox_choice(args)
        stage, target = resolve(args)
        outcome = grade(stage, target, check_filter=args.check, check_timeout=args.timeout, sandbox=sandbox)
        kill_descendants()
        result, status = classroom_result(outcome), (EXIT_USAGE if outcome.error else
                                                     EXIT_PASS if outcome.status == "pass" else EXIT_FAIL)
    except Exception as exc:  # noqa: BLE001 - a deleted folder or a grader failure is still a result
        kill_descendants()
        result, status = error_result(stage, str(exc), stage_max(stage)), EXIT_USAGE
    sys.stdout.buffer.write(encode(result))
    sys.stdout.flush()
    return status


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
        hint = f" (restore it with: python grade.py reset {stage.id})" if target == stage.starter_dir else ""
        raise UsageError(f"{target} is not a folder: nothing to grade for {stage.id}{hint}.")
    if not stage.checks_dir.is_dir():
        raise UsageError(f"The checks for {stage.id} are missing ({stage.checks_dir}).")
    return stage, target


def hint_command(argv: list[str], console: Console) -> int:
    """python grade.py hint STAGE [--more] [--show-solution]."""
    from .hints import show_hint
    from .run import grade

    parser = argparse.ArgumentParser(prog="grade.py hint", description="Help with the first failing check, in tiers.")
    parser.add_argument("stage")
    parser.add_argument("--more", action="store_true", help="also the chapter section and where in your files to work")
    parser.add_argument("--show-solution", action="store_true", help="also the reference code for that part")
    add_target_options(parser)
    args = parser.parse_args(argv)
    stage, target = resolve(args)
    return show_hint(grade(stage, target, sandbox=sandbox_choice(args)), console, more=args.more,
                     show_solution=args.show_solution)


def reset_command(argv: list[str], console: Console) -> int:
    """python grade.py reset STAGE [FILE] · python grade.py reset --undo STAGE."""
    from .reset import reset, undo

    parser = argparse.ArgumentParser(prog="grade.py reset", description="Put back the starter of a stage or of one "
                                     "file; your current version is moved to a backup folder first.")
    parser.add_argument("stage")
    parser.add_argument("file", nargs="?", help="one file of the stage, e.g. app.py (default: the whole stage)")
    parser.add_argument("--undo", action="store_true", help="put the latest backup of the stage back (what is "
                        "there now is backed up first)")
    args = parser.parse_args(argv)
    if args.undo:
        if args.file:
            raise UsageError("reset --undo takes a stage only: it puts back whatever the latest reset moved aside.")
        return undo(find_stage(args.stage), console)
    return reset(find_stage(args.stage), args.file, console)


def doctor_command(argv: list[str], console: Console) -> int:
    """python grade.py doctor."""
    from .doctor import run_doctor

    argparse.ArgumentParser(prog="grade.py doctor", description="Check this machine's set-up for the course.") \
        .parse_args(argv)
    return run_doctor(console)


def class_command(argv: list[str], console: Console) -> int:
    """python grade.py class SUBMISSIONS (--stage STAGE | --all) [options]: see grader/cohort.py."""
    from .cohort import CohortError, class_main

    try:
        return class_main(argv, log_console)
    except CohortError as exc:
        raise UsageError(str(exc)) from None


def log_console(stderr: bool = False) -> Console:
    """A console for logs: as wide as the terminal, or not wrapped at all when the output is a file or a pipe."""
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console = Console(stderr=stderr, highlight=False, width=100_000)
    return console


COMMAND_RUNNERS = {"hint": hint_command, "reset": reset_command, "doctor": doctor_command, "class": class_command}
