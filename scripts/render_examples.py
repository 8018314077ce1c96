"""Render the grader output and the stage table that the site shows, by running the real grader.

    python scripts/render_examples.py          rewrite site/generated/
    python scripts/render_examples.py DIR      render into DIR instead (tests/test_site_examples.py does this)

The site never shows typed-in terminal output: its pages include these files, and a test fails when they differ
from a fresh rendering.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.manifest import find_stage, load_stages  # noqa: E402

GENERATED = ROOT / "site" / "generated"
COLUMNS = "100"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Variables that would make rich colour its output or change its width even when stdout is a pipe.
TERMINAL_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE", "LINES")
SUBMISSION_PLACEHOLDER = "/path/to/submission/stage-01"
# The mistake the import-error example makes: a def line without its colon.
BROKEN_LINE = ("def hello():", "def hello()")


def grader_env() -> dict:
    """The environment for a grading run whose output is plain, UTF-8 and wrapped at a fixed width."""
    env = {name: value for name, value in os.environ.items() if name not in TERMINAL_VARIABLES}
    env.update(COLUMNS=COLUMNS, NO_COLOR="1", PYTHONIOENCODING="utf-8", TERM="dumb")
    return env


def run_grader(*args: str, expect_exit: int) -> str:
    """Run grade.py with args and return its stdout; fail loudly on an unexpected exit status."""
    result = subprocess.run([sys.executable, str(ROOT / "grade.py"), *args], cwd=ROOT, env=grader_env(),
                            capture_output=True, text=True, encoding="utf-8", timeout=300,
                            stdin=subprocess.DEVNULL)
    if result.returncode != expect_exit:
        raise RuntimeError(f"grade.py {' '.join(args)} exited {result.returncode}, not {expect_exit}:\n"
                           f"{result.stdout}{result.stderr}")
    return result.stdout


def tidy(text: str) -> str:
    """Drop colour codes and the trailing spaces rich leaves where it wraps a line."""
    lines = [line.rstrip() for line in ANSI.sub("", text).splitlines()]
    return "\n".join(lines).strip("\n") + "\n"


def stable_json(text: str) -> str:
    """The --json output with the machine-specific environment values replaced by placeholders."""
    data = json.loads(text)
    data["environment"]["python"] = "<python version>"
    data["environment"]["platform"] = "<platform>"
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def starter_output() -> str:
    """What a student sees when grading the untouched stage-01 starter."""
    return tidy(run_grader("stage-01", expect_exit=1))


def starter_json() -> str:
    """The stage-01 starter's results in the --json format."""
    return stable_json(run_grader("stage-01", "--json", expect_exit=1))


def import_error_output() -> str:
    """What a student sees when the app has a syntax error: a copy of the starter with one colon missing."""
    starter = find_stage("stage-01").starter_dir
    with tempfile.TemporaryDirectory(prefix="render-") as scratch:
        folder = Path(scratch) / "stage-01"
        shutil.copytree(starter, folder, ignore=shutil.ignore_patterns("__pycache__"))
        app = folder / "app.py"
        source = app.read_text(encoding="utf-8")
        if source.count(BROKEN_LINE[0]) != 1:
            raise RuntimeError(f"the stage-01 starter no longer has exactly one {BROKEN_LINE[0]!r} to break")
        app.write_text(source.replace(*BROKEN_LINE), encoding="utf-8")
        output = run_grader("stage-01", "--path", str(folder), expect_exit=2)
        return tidy(output.replace(str(folder), SUBMISSION_PLACEHOLDER))


def stage_table() -> str:
    """A Markdown table of the stages in course.toml, linking each chapter (the home page includes it)."""
    rows = ["| Stage | What you build |", "|---|---|"]
    for stage in load_stages():
        rows.append(f"| [{stage.number:02d} · {stage.title}]({stage.chapter}) | {stage.builds} |")
    return "\n".join(rows) + "\n"


# File name → how to render it. The stage table is .txt, not .md, so mkdocs does not publish it as a page.
RENDERERS = {
    "grade-stage-01.txt": starter_output,
    "grade-stage-01.json": starter_json,
    "grade-import-error.txt": import_error_output,
    "stage-table.txt": stage_table,
}


def render(folder: Path) -> list[Path]:
    """Write every generated file into folder and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, renderer in RENDERERS.items():
        path = folder / name
        path.write_text(renderer(), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    """Render into the folder given on the command line, or into site/generated/."""
    folder = Path(argv[0]) if argv else GENERATED
    for path in render(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
