"""Grade your work on a stage of the course: python grade.py stage-01 (see python grade.py --help)."""

import sys

if sys.version_info < (3, 10):
    sys.exit("grade.py needs Python 3.10 or newer; run ./setup.sh and use .venv/bin/python grade.py.")

try:
    from grader.cli import main
except ModuleNotFoundError as exc:
    sys.exit(f"grade.py: {exc.name} is not installed. Run ./setup.sh, then use .venv/bin/python grade.py.")

if __name__ == "__main__":
    sys.exit(main())
