"""The checks' process: start the student's workers first, then pytest.

`python -m grader.launch PYTEST-ARGUMENTS` is what `grade()` runs. A worker needs a few hundred milliseconds to
start (the sandbox, Python, Flask and the app's other libraries) and pytest about as long to import itself and
collect the checks; started here, before pytest is imported, the two happen side by side instead of one after the
other. The workers are children of this process, exactly as if the checks' conftest had started them: it takes them
from `channel.STARTED` (and starts its own when there are none, as in a run of pytest on the checks alone).
"""

import argparse
import re
import sys
from pathlib import Path

from .channel import STARTED, Worker, become_subreaper
from .sandbox import base_environment

# Libraries the worker imports while the checks are collected, when the graded code mentions them.
LIBRARIES = ("flask_sqlalchemy", "sqlalchemy", "marshmallow", "flask_marshmallow", "marshmallow_sqlalchemy",
             "flask_jwt_extended", "flask_migrate", "alembic", "flask_limiter", "flask_caching", "celery",
             "apiflask")
IMPORTED = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_][A-Za-z0-9_]*)", re.M)


def libraries_used(folder: Path) -> list[str]:
    """The preloadable libraries that the folder's Python files import."""
    names = {"flask"}
    for path in list(folder.glob("*.py")) + list(folder.glob("*/*.py")):
        try:
            names.update(IMPORTED.findall(path.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return ["flask"] + [name for name in LIBRARIES if name in names]


def start_workers(scratch: Path, target: Path, sandbox: bool, cpu_seconds: int | None, count: int) -> list[Worker]:
    """Start count workers for a grading run of target (the checks' copy of the student's folder)."""
    become_subreaper()
    environment, preload = base_environment(scratch), libraries_used(target)
    workers = []
    for _ in range(count):
        worker = Worker(scratch, dict(environment), use_sandbox=sandbox, cpu_seconds=cpu_seconds)
        worker.preload = list(preload)
        worker.start()
        workers.append(worker)
    return workers


def worker_options(arguments: list[str]) -> argparse.Namespace:
    """The pytest options (grader/plugin.py) that say how to start the workers; every other one is left to pytest."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--target")
    parser.add_argument("--scratch")
    parser.add_argument("--sandbox", action="store_true")
    parser.add_argument("--cpu-seconds", type=int)
    parser.add_argument("--ahead", action="store_true")
    return parser.parse_known_args(arguments)[0]


def main() -> None:
    """Start the workers, then run pytest with this process's arguments."""
    options = worker_options(sys.argv[1:])
    if options.target:
        target = Path(options.target).resolve()
        scratch = Path(options.scratch or target.parent).resolve()
        STARTED.extend(start_workers(scratch, target, options.sandbox, options.cpu_seconds,
                                     2 if options.ahead else 1))
    import pytest

    sys.argv[0] = "pytest"
    raise SystemExit(pytest.console_main())


if __name__ == "__main__":
    main()
