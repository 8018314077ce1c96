"""Render the grader output and the stage table that the site shows, by running the real grader.

    python scripts/render_examples.py          rewrite site/generated/
    python scripts/render_examples.py DIR      render into DIR instead (tests/test_site_examples.py does this)

The site never shows typed-in terminal output: its pages include these files, and a test fails when they differ
from a fresh rendering. Runs that change stages/ happen in a throwaway copy of the course (tests/sandbox.py), and
values that differ between machines or runs (temporary paths, timings, versions, process ids) become placeholders.
"""

import contextlib
import functools
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from grader.hints import todo_regions  # noqa: E402
from grader.manifest import find_stage, load_stages  # noqa: E402
from grader.starters import clean_solution, solution_files  # noqa: E402
from make_class import make_class  # noqa: E402
from sandbox import make_sandbox  # noqa: E402

GENERATED = ROOT / "site" / "generated"
COLUMNS = "80"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Variables that would make rich colour its output or change its width even when stdout is a pipe.
TERMINAL_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE", "LINES")
SUBMISSION_PLACEHOLDER = "/path/to/submission/stage-01"
COURSE_PLACEHOLDER = "/path/to/course"
# The mistake the import-error example makes: a def line without its colon.
BROKEN_LINE = ("def hello():", "def hello()")
CLASS_SIZE = 6
# The line --watch prints when it waits for the next save (it begins "[polling" with --poll).
WATCH_STATUS = "[watching "
# Renderers run side by side; the slow ones (the progress table, the class) grade in parallel themselves too.
WORKERS = 3


def grader_env() -> dict:
    """The environment for a grading run whose output is plain, UTF-8 and wrapped at a fixed width."""
    env = {name: value for name, value in os.environ.items() if name not in TERMINAL_VARIABLES}
    # Hints link the chapter as a student reading the site with `mkdocs serve` sees it.
    env.update(COLUMNS=COLUMNS, NO_COLOR="1", PYTHONIOENCODING="utf-8", TERM="dumb",
               GRADER_SITE_URL="http://127.0.0.1:8000/")
    return env


def run_grader(*args: str, expect_exit: int, cwd: Path = ROOT, grade_py: Path | None = None,
               stream: str = "stdout") -> str:
    """Run grade.py (the repo's, or a sandbox's) with args; return stdout or stderr; fail on a surprising exit."""
    grade_py = grade_py or cwd / "grade.py"
    result = subprocess.run([sys.executable, str(grade_py), *args], cwd=cwd, env=grader_env(),
                            capture_output=True, text=True, encoding="utf-8", timeout=300,
                            stdin=subprocess.DEVNULL)
    if result.returncode != expect_exit:
        raise RuntimeError(f"grade.py {' '.join(args)} exited {result.returncode}, not {expect_exit}:\n"
                           f"{result.stdout}{result.stderr}")
    return getattr(result, stream)


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


@contextlib.contextmanager
def sandbox():
    """A throwaway copy of the course with every starter generated, as a fresh clone has them."""
    with tempfile.TemporaryDirectory(prefix="render-") as scratch:
        course = make_sandbox(Path(scratch))
        subprocess.run([sys.executable, "-m", "grader.starters", "--write"], cwd=course, check=True,
                       capture_output=True, timeout=120)
        yield course


def finish_stage(course: Path, stage_id: str) -> None:
    """Make a sandbox's stage folder look finished: the reference solution without its snippet markers."""
    solution, folder = course / "solutions" / stage_id, course / "stages" / stage_id
    for relative in solution_files(solution):
        text = (solution / relative).read_text(encoding="utf-8")
        (folder / relative).write_text(clean_solution(text), encoding="utf-8")


def first_todo_done(course: Path, stage_id: str) -> tuple[Path, str]:
    """The stage's first starter file with its first TODO replaced by the solution's code: (file, new text)."""
    region = next(iter(todo_regions(course / "solutions" / stage_id).values()))
    path = course / "stages" / stage_id / region["file"]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    todo = next(i for i, line in enumerate(lines) if line.strip() == f"# TODO: {region['text']}")
    lines[todo:todo + 2] = [region["code"] + "\n"]  # the TODO comment and the stub line under it
    return path, "".join(lines)


def begin_work(course: Path) -> None:
    """Put a sandbox in the state of a student a little way in: stage-01 finished, stage-02 begun."""
    finish_stage(course, "stage-01")
    path, text = first_todo_done(course, "stage-02")
    path.write_text(text, encoding="utf-8")


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


def one_check_output() -> str:
    """grade.py stage-01 -k greet on the starter: only the checks whose names hold "greet"."""
    return tidy(run_grader("stage-01", "-k", "greet", expect_exit=1))


def hint_output() -> str:
    """The first tier of help on the stage-01 starter."""
    return tidy(run_grader("hint", "stage-01", expect_exit=1))


def hint_more_output() -> str:
    """The second tier: the chapter section and the TODOs still open."""
    return tidy(run_grader("hint", "stage-01", "--more", expect_exit=1))


def progress_output() -> str:
    """The progress table of a course where stage-01 is finished and stage-02 is begun."""
    with sandbox() as course:
        begin_work(course)
        output = run_grader(expect_exit=1, cwd=course)
    return tidy(re.sub(r"graded in \d+\.\ds", "graded in N.Ns", output))


def reset_output() -> str:
    """Two resets in that kind of course: one file of stage-01, then the whole of stage-02."""
    transcript = []
    with sandbox() as course:
        begin_work(course)
        for args in (["reset", "stage-01", "app.py"], ["reset", "stage-02"]):
            transcript.append(f"$ python grade.py {' '.join(args)}")
            transcript.append(run_grader(*args, expect_exit=0, cwd=course).rstrip("\n"))
    return tidy(re.sub(r"(stage-\d+)-\d{8}-\d{6}(-\d+)?", r"\1-YYYYMMDD-HHMMSS", "\n".join(transcript)))


def doctor_output() -> str:
    """grade.py doctor in a fresh clone whose .venv is this one, while another program listens on port 5000."""
    with sandbox() as course, socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        (course / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
        with contextlib.suppress(OSError):  # if something else already holds the port, the doctor names it
            busy.bind(("127.0.0.1", 5000))
            busy.listen()
        output = run_grader("doctor", expect_exit=1, cwd=course)
    output = output.replace(str(Path(sys.prefix)), f"{COURSE_PLACEHOLDER}/.venv")
    output = re.sub(r"Python \d+\.\d+\.\d+\S*", "Python <python version>", output)
    # The holder's command line is as long as the command that rendered this, so it may wrap onto more lines.
    output = re.sub(r"port 5000 is in use.*?\n(?=\s*fix:)", "port 5000 is in use by pid <pid> (<command>)\n", output,
                    flags=re.S)
    output = re.sub(r"fix: stop (that|the other) server[^,]*,", "fix: stop that server (kill <pid>),", output)
    return tidy(output)


def ctrl_c_works() -> None:
    """Let the child take SIGINT as a terminal's would: a shell's background job (CI run with &) ignores it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watcher:
    """A running `grade.py STAGE --watch` whose output can be awaited line by line."""

    def __init__(self, course: Path, stage_id: str):
        self.process = subprocess.Popen(
            [sys.executable, "grade.py", stage_id, "--watch"], cwd=course, env=grader_env(), text=True,
            encoding="utf-8", stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            preexec_fn=ctrl_c_works)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        """Forward every output line to the queue."""
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, seconds: float = 120, quiet: float = 0.0) -> str:
        """Collect output until a line holding text arrives, then until none came for `quiet` seconds."""
        seen, deadline = [], time.monotonic() + seconds
        while time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                seen.append(self.lines.get(timeout=0.2))
                if text in seen[-1]:
                    with contextlib.suppress(queue.Empty):
                        while quiet:
                            seen.append(self.lines.get(timeout=quiet))
                    return "".join(seen)
        raise RuntimeError(f"grade.py --watch never printed {text!r}; it printed:\n{''.join(seen)}")

    def stop(self) -> str:
        """Press Ctrl+C; return the goodbye line."""
        self.process.send_signal(signal.SIGINT)
        goodbye = self.wait_for("Stopped watching", seconds=30)
        self.process.wait(timeout=30)
        return goodbye.strip().splitlines()[-1]


def watch_output() -> str:
    """One cycle of --watch: the screen after saving app.py with its first TODO done, then Ctrl+C."""
    with sandbox() as course:
        watcher = Watcher(course, "stage-01")
        try:
            watcher.wait_for(WATCH_STATUS, quiet=1.0)
            path, text = first_todo_done(course, "stage-01")
            path.write_text(text, encoding="utf-8")
            after_save = watcher.wait_for(WATCH_STATUS, quiet=1.0)
        finally:
            goodbye = watcher.stop()
        screen = after_save.replace(str(course), COURSE_PLACEHOLDER)
    # The status line is wrapped where the temporary path happened to end: wrap it again as the terminal would for
    # the placeholder. Anything after it (a second run, if the save reached the watcher as two events) is not part
    # of this screen.
    outcome, _, rest = screen.partition(WATCH_STATUS)
    status = " ".join(part.strip() for part in (WATCH_STATUS + rest).split("]", 1)[0].splitlines()) + "]"
    status = textwrap.fill(re.sub(r"result \d+\.\d+s after", "result N.NNs after", status), width=int(COLUMNS))
    return tidy(f"{outcome}{status}\n\n{goodbye}")


@functools.cache
def class_run() -> dict[str, str]:
    """A small pretend class (scripts/make_class.py) graded into a gradebook: the folder, the run, the CSV."""
    with tempfile.TemporaryDirectory(prefix="render-class-") as scratch:
        folder = Path(scratch)
        make_class(folder / "submissions", "stage-01", CLASS_SIZE)
        listing = subprocess.run("find submissions -maxdepth 3 | sort", shell=True, cwd=folder, check=True,
                                 capture_output=True, text=True, env=dict(os.environ, LC_ALL="C")).stdout
        output = run_grader("class", "submissions", "--stage", "stage-01", "--out", "gradebook.csv",
                            expect_exit=0, cwd=folder, grade_py=ROOT / "grade.py", stream="stderr")
        gradebook = (folder / "gradebook.csv").read_text(encoding="utf-8")
    output = re.sub(r"in \d+\.\ds:(\s+\d+\s+had\s+an\s+app\s+to\s+grade\s+)\(\d+\.\d(\s+)per",
                    r"in N.Ns:\1(N.N\2per", output)
    return {"listing": tidy(listing), "output": tidy(output), "gradebook": tidy(gradebook)}


_class_lock = threading.Lock()


def class_part(part: str):
    """A renderer for one part of the class run, which runs once however many parts ask for it."""
    def renderer() -> str:
        with _class_lock:
            return class_run()[part]
    renderer.__doc__ = f"The class run's {part}."
    return renderer


def stage_table() -> str:
    """A Markdown table of the stages in course.toml, linking each chapter (the home page includes it)."""
    rows = ["| Stage | What you build |", "|---|---|"]
    for stage in load_stages():
        rows.append(f"| [{stage.number:02d} · {stage.title}]({stage.chapter}) | {stage.builds} |")
    return "\n".join(rows) + "\n"


# File name → how to render it, slowest first (they run side by side). The stage table is .txt, not .md, so
# mkdocs does not publish it as a page.
RENDERERS = {
    "progress.txt": progress_output,
    "class-run.txt": class_part("output"),
    "watch.txt": watch_output,
    "grade-stage-01.txt": starter_output,
    "grade-stage-01.json": starter_json,
    "grade-import-error.txt": import_error_output,
    "grade-stage-01-k-greet.txt": one_check_output,
    "hint-stage-01.txt": hint_output,
    "hint-stage-01-more.txt": hint_more_output,
    "doctor.txt": doctor_output,
    "reset.txt": reset_output,
    "class-submissions.txt": class_part("listing"),
    "class-gradebook.csv.txt": class_part("gradebook"),
    "stage-table.txt": stage_table,
}


def render(folder: Path) -> list[Path]:
    """Write every generated file into folder and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    class_run.cache_clear()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        texts = dict(zip(RENDERERS, pool.map(lambda renderer: renderer(), RENDERERS.values())))
    written = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="\n")
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
