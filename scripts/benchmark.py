"""Time grade.py on each stage against the floor: a bare pytest run that imports the same libraries.

    python scripts/benchmark.py [--runs 5] [STAGE ...]

Prints the median wall time of each and the ratio. A measurement, not a test: nothing here asserts a time.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.manifest import find_stage, load_stages  # noqa: E402

FLOOR_TEST = '''
import flask, flask_sqlalchemy, flask_marshmallow, flask_jwt_extended, flask_migrate, pytest_flask


def test_nothing():
    assert flask.Flask(__name__)
'''


def median_seconds(command: list[str], runs: int, cwd: Path) -> float:
    """Median wall time of a command over several runs."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stages", nargs="*", help="stages to time (default: all with a solution)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    stages = [find_stage(name) for name in args.stages] or [s for s in load_stages() if s.solution_dir.is_dir()]
    with tempfile.TemporaryDirectory() as scratch:
        floor_file = Path(scratch) / "test_floor.py"
        floor_file.write_text(FLOOR_TEST, encoding="utf-8")
        floor = median_seconds([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(floor_file)],
                               args.runs, Path(scratch))
    print(f"floor (pytest + the course's libraries, one trivial test): {floor:.2f}s  (median of {args.runs})")
    print(f"{'stage':10} {'checks':>6} {'grade':>8} {'ratio':>6}")
    for stage in stages:
        seconds = median_seconds([sys.executable, "grade.py", stage.id, "--solution"], args.runs, ROOT)
        count = subprocess.run([sys.executable, "grade.py", stage.id, "--solution", "--json"], cwd=ROOT,
                               capture_output=True, text=True).stdout.count('"check_id"')
        print(f"{stage.id:10} {count:>6} {seconds:>7.2f}s {seconds / floor:>5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
