"""Prove that a change to the grader changes no verdict: grade every solution, starter and mutant with this checkout,
then compare with the same run of another checkout.

    python scripts/compare_verdicts.py record OUT.json [STAGE ...]   grade (two at a time) and write each check's status
    python scripts/compare_verdicts.py compare BEFORE.json AFTER.json   list every grading whose verdicts differ

Run `record` in the old checkout and in the new one (same stages), then `compare`; it exits 1 when anything differs.
Stages whose student writes tests (kind "tests") have no app to grade and are skipped.
"""

import argparse
import json
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from grader.manifest import find_stage, load_stages  # noqa: E402
from grader.run import grade  # noqa: E402
from test_mutants import grade_mutant, load_mutants  # noqa: E402


def gradings(stages) -> list[tuple]:
    """(stage, name, mutant) for each solution, starter and mutant of the stages."""
    jobs = []
    for stage in stages:
        jobs += [(stage, "solution", None), (stage, "starter", None)]
        jobs += [(stage, f"mutant:{mutant['name']}", mutant) for mutant in load_mutants(stage)]
    return jobs


def record(out: Path, stages) -> int:
    """Grade every job and write {"stage/name": {"error": ..., "checks": {id: status}}} to out."""
    work = Path(tempfile.mkdtemp(prefix="verdicts-"))

    def run(job):
        """Grade one solution, starter or mutant (a mutant in a copy of the solution, as tests/test_mutants.py does)."""
        stage, name, mutant = job
        if mutant:
            place = work / f"{stage.id}-{name.replace(':', '-')}"
            place.mkdir()
            outcome = grade_mutant(stage, mutant, place)
        else:
            outcome = grade(stage, stage.starter_dir if name == "starter" else stage.solution_dir)
        return f"{stage.id}/{name}", {"error": (outcome.error or {}).get("message"),
                                      "checks": {check["id"]: check["status"] for check in outcome.checks}}

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = dict(pool.map(run, gradings(stages)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"{len(results)} gradings, {sum(len(v['checks']) for v in results.values())} verdicts written to {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    """Print each grading whose verdicts or import error differ; 1 if any does."""
    old, new = (json.loads(path.read_text(encoding="utf-8")) for path in (before, after))
    differ = 0
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key, {}), new.get(key, {})
        if a != b:
            differ += 1
            checks = {check: (a.get("checks", {}).get(check), b.get("checks", {}).get(check))
                      for check in set(a.get("checks", {})) | set(b.get("checks", {}))}
            print(key, {check: pair for check, pair in checks.items() if pair[0] != pair[1]},
                  a.get("error"), b.get("error"))
    print(f"{len(old)} gradings before, {len(new)} after; {differ} differ")
    return 1 if differ else 0


def main() -> int:
    """Record or compare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    recording = commands.add_parser("record")
    recording.add_argument("out", type=Path)
    recording.add_argument("stages", nargs="*")
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "compare":
        return compare(args.before, args.after)
    stages = [find_stage(name) for name in args.stages] or [stage for stage in load_stages()
                                                            if stage.solution_dir.is_dir()]
    return record(args.out, [stage for stage in stages if stage.kind != "tests"])


if __name__ == "__main__":
    sys.exit(main())
