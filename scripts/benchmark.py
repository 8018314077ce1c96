"""Time the grader. A measurement, not a test: nothing here asserts a time.

    python scripts/benchmark.py [--runs 5] [STAGE ...]   each stage's grade time against the floor (a bare pytest
                                                        run importing the same libraries), and the ratio
    python scripts/benchmark.py --cpu [STAGE ...]        the same in CPU seconds (user+sys of every process, the
                                                        worker's included: graded with --no-sandbox); steadier
                                                        than wall time on a shared machine
    python scripts/benchmark.py --work [STAGE ...]       the seconds the workers spend preparing (one fresh import
                                                        per check) and answering the checks' requests: work that
                                                        no grader can save, and the ratio it alone implies
    python scripts/benchmark.py --overview               `grade.py` (all stages, in parallel) against one stage
    python scripts/benchmark.py --watch                  --watch latency: from a save to the new result on screen
    python scripts/benchmark.py --class 30               class grading throughput on a made-up class
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.manifest import find_stage, load_stages  # noqa: E402

# The floor of a stage: pytest's start, that stage's imports (its solution's app) and one test-client request.
FLOOR_TEST = '''
import importlib
import sys

sys.path.insert(0, {folder!r})


def test_floor():
    module = importlib.import_module({module!r})
    target = getattr(module, {name!r})
    app = target("testing") if {factory!r} else target
    assert app.test_client().get({smoke!r}).status_code < 500
'''


def floor_seconds(stage, runs: int, cpu: bool = False) -> float:
    """Median wall time of the stage's floor test under bare pytest (no plugins autoloaded, like the grader).

    For a stage whose student writes tests (kind "tests"), the floor is one bare run of the reference suite in the
    solution's folder: grading runs it once per app (the reference three times, the alternatives, the stubs and
    every mutant), two at a time."""
    if stage.kind == "tests":
        env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1")
        return median_seconds([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], runs,
                              stage.solution_dir, env, cpu)
    module, _, attribute = stage.app.partition(":")
    source = FLOOR_TEST.format(folder=str(stage.solution_dir), module=module, name=attribute.removesuffix("()"),
                               factory=attribute.endswith("()"), smoke=stage.smoke)
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "test_floor.py").write_text(source, encoding="utf-8")
        database = f"sqlite:///{Path(scratch) / 'floor.db'}"
        env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", DATABASE_URL=database, DEV_DATABASE_URL=database,
                   PYTHONDONTWRITEBYTECODE="1")
        return median_seconds([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_floor.py"],
                              runs, Path(scratch), env, cpu)


def median_seconds(command: list[str], runs: int, cwd: Path, env: dict | None = None, cpu: bool = False) -> float:
    """Median wall time of a command over several runs (with cpu: its user+sys seconds, children included)."""
    times = []
    for _ in range(runs):
        started, used = time.perf_counter(), cpu_seconds()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        times.append(cpu_seconds() - used if cpu else time.perf_counter() - started)
    return statistics.median(times)


def cpu_seconds() -> float:
    """User+sys seconds of every waited-for child process so far (grandchildren count once their parent waited)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def checks_work(stages, runs: int) -> None:
    """Per stage: the workers' own seconds (preparing each check's fresh import, answering its requests) against the
    floor. On two cores the two can at best share both cores, so a grading takes at least about the floor plus half
    their sum: the ratio printed as "at least". Waits a stage's contract makes the checks do (sleeps in the checks'
    process) come on top, and are not in it."""
    from grader.run import grade

    print(f"each figure is the median of {runs} gradings of the solution (two workers), in seconds")
    print(f"{'stage':10} {'checks':>6} {'floor':>7} {'preparing':>10} {'answering':>10} {'at least':>9}")
    for stage in stages:
        if stage.kind == "tests":
            continue
        floor = floor_seconds(stage, runs)
        outcomes = [grade(stage, stage.solution_dir, ahead=True) for _ in range(runs)]
        if any(outcome.prepared is None for outcome in outcomes):
            print(f"{stage.id:10} (no figures from the workers)")
            continue
        preparing, answering = (statistics.median(outcome.prepared["seconds"][what] for outcome in outcomes)
                                for what in ("preparing", "answering"))
        least = 1 + (preparing + answering) / 2 / floor
        print(f"{stage.id:10} {outcomes[0].total:>6} {floor:>6.2f}s {preparing:>9.2f}s {answering:>9.2f}s "
              f"{least:>8.2f}x")


def overview(runs: int) -> None:
    """Wall time of the progress table against grading the slowest single stage."""
    with tempfile.TemporaryDirectory() as scratch:
        sys.path.insert(0, str(ROOT / "tests"))
        from sandbox import make_sandbox

        course = make_sandbox(Path(scratch))
        table = median_seconds([sys.executable, "grade.py"], runs, course)
        singles = {stage.id: median_seconds([sys.executable, "grade.py", stage.id], runs, course)
                   for stage in load_stages() if stage.solution_dir.is_dir()}
    slowest = max(singles, key=singles.get)
    print(f"overview of {len(singles)} stages: {table:.2f}s; one stage: {min(singles.values()):.2f}s "
          f"to {singles[slowest]:.2f}s ({slowest}); sum of all: {sum(singles.values()):.2f}s")


def watch_latency(runs: int) -> None:
    """Save a file under --watch and read the latency the watcher reports."""
    import re
    import shutil

    stage = find_stage("stage-01")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "work"
        shutil.copytree(stage.starter_dir, folder)
        process = subprocess.Popen([sys.executable, "grade.py", stage.id, "--watch", "--path", str(folder)],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   env=dict(os.environ, COLUMNS="200"))
        latencies = []
        sources = [(stage.solution_dir / "app.py").read_text(), (stage.starter_dir / "app.py").read_text()]
        try:
            _read_until(process, "save a file")
            for run in range(runs):
                (folder / "app.py").write_text(sources[run % 2])
                line = _read_until(process, "after the save")
                latencies.append(float(re.search(r"result ([0-9.]+)s after the save", line).group(1)))
        finally:
            process.terminate()
            process.wait()
    floor = median_seconds([sys.executable, "grade.py", stage.id], runs, ROOT)
    print(f"watch: save → result {statistics.median(latencies):.2f}s median over {runs} saves "
          f"(min {min(latencies):.2f}s, max {max(latencies):.2f}s); one plain grade of {stage.id}: {floor:.2f}s")


def _read_until(process, text: str) -> str:
    """Read the watcher's output until a line contains text; return that line."""
    for line in process.stdout:
        if text in line:
            return line
    raise RuntimeError(f"the watcher stopped before printing {text!r}")


def class_throughput(students: int) -> None:
    """Grade a made-up class of stage-01 submissions and print the throughput."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_class import make_class

    with tempfile.TemporaryDirectory() as scratch:
        made = make_class(Path(scratch) / "subs", "stage-01", students)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "grade.py", "class", str(Path(scratch) / "subs"), "--stage",
                                 "stage-01", "--out", str(Path(scratch) / "book.csv")], cwd=ROOT,
                                capture_output=True, text=True)
        seconds = time.perf_counter() - started
    kinds = sorted({kind for _, kind in made})
    print(f"class: {len(made)} submissions ({', '.join(kinds)}) in {seconds:.1f}s = "
          f"{60 * len(made) / seconds:.0f} per minute on {os.cpu_count()} cores (exit {result.returncode})")


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stages", nargs="*", help="stages to time (default: all with a solution)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--overview", action="store_true")
    parser.add_argument("--work", action="store_true", help="the workers' own seconds per stage (see checks_work)")
    parser.add_argument("--watch", action="store_true")
    parser.add_argument("--class", dest="students", type=int)
    parser.add_argument("--cpu", action="store_true", help="CPU seconds instead of wall time (graded --no-sandbox)")
    args = parser.parse_args()
    if args.overview:
        overview(args.runs)
        return 0
    stages = [find_stage(name) for name in args.stages] or [s for s in load_stages() if s.solution_dir.is_dir()]
    if args.work:
        checks_work(stages, args.runs)
        return 0
    if args.watch:
        watch_latency(args.runs)
        return 0
    if args.students:
        class_throughput(args.students)
        return 0
    unit = "CPU seconds (user+sys, worker included)" if args.cpu else "wall seconds"
    print(f"each figure is the median of {args.runs} runs, in {unit}; floor = pytest + that stage's imports + one "
          "request")
    print(f"{'stage':10} {'checks':>6} {'floor':>7} {'grade':>7} {'ratio':>6}")
    unsandboxed = ["--no-sandbox"] if args.cpu else []
    for stage in stages:
        floor = floor_seconds(stage, args.runs, args.cpu)
        seconds = median_seconds([sys.executable, "grade.py", stage.id, "--solution", *unsandboxed], args.runs, ROOT,
                                 cpu=args.cpu)
        count = subprocess.run([sys.executable, "grade.py", stage.id, "--solution", "--json"], cwd=ROOT,
                               capture_output=True, text=True).stdout.count('"check_id"')
        print(f"{stage.id:10} {count:>6} {floor:>6.2f}s {seconds:>6.2f}s {seconds / floor:>5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
