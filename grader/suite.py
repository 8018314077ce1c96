"""Grade a student's test suite (a stage whose manifest kind is "tests"): the grader judges the tests, not an app.

The student's `tests/` folder is put next to several apps the grader owns (checks/stage-NN/suite.toml says which)
and run there with pytest:

- the reference app (checks/stage-NN/reference/): every test must pass, twice in a row on the same copy (no
  leftover data) and once more in reverse order on a fresh copy (no test depends on another);
- the alternative correct apps (the reference with other code and the choices the contract leaves open made the
  other way): every test must pass, so a suite that recognises the reference's code, or pins a choice the contract
  leaves open, is not accepted;
- the starter's stubs (the routes answering 501): the suite must fail, so it checks something;
- none of those runs may write under instance/ (the testing configuration keeps the database in memory).
A suite that meets all of that is accepted; its score is the mutants it kills: copies of the reference app, each
with one deliberate bug described by the behaviour it breaks. A mutant is killed when at least one test fails on it.

The student's tests are untrusted code. Each run is its own `python -I -m pytest` process on a scratch copy, with
the worker's protections: bubblewrap when available (grader/sandbox.py), the allowlisted environment, the resource
limits of grader/channel.py, and its whole process group killed when it ends or overruns. Nothing of the student's
runs in this process: each run's verdict comes back as data, pytest's JUnit XML read with a size cap, no DTD.
"""

import json
import os
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import sandbox
from .channel import CAP_SYS_RESOURCE, LIMITS, PR_CAPBSET_DROP, _libc, open_log, tail
from .copying import CopyRefused, remove_tree, safe_copy
from .manifest import Stage, tomllib
from .safe_output import clean

# One run of the student's suite: it should take a second or two; a hanging test is stopped at this wall time.
RUN_SECONDS = 60
RUN_CPU_SECONDS = 60
PARALLEL = 2
JUNIT_LIMIT = 4 * 1024 * 1024
OUTPUT_KEPT = 20_000
TESTS_FOLDER = "tests"
GATE_FILE = "suite.toml"

# The pytest configuration of every run, owned by the grader (the student's own pytest.ini is not used): the
# project folder on sys.path, so that the tests import the app as `from app import create_app`.
INI = "[pytest]\npythonpath = {project}\njunit_family = xunit2\nconsole_output_style = classic\n"
# A conftest of the grader's at the run's root: reverses the order of the collected tests when asked.
ORDER_CONFTEST = '''"""Written by the grader for one run of a student's suite: the order the tests run in."""

REVERSE = {reverse}


def pytest_collection_modifyitems(session, config, items):
    if REVERSE:
        items.reverse()
'''


@dataclass
class Variant:
    """One app the suite runs against: the reference with an overlay folder and find/replace edits applied."""

    name: str
    description: str
    edits: list[dict] = field(default_factory=list)
    overlay: str | None = None
    hint: dict = field(default_factory=dict)


@dataclass
class SuitePlan:
    """What checks/stage-NN/suite.toml declares."""

    folder: Path
    reference: Path
    stubs: Variant
    alternatives: list[Variant]
    mutants: list[Variant]
    hints: dict


@dataclass
class RunResult:
    """What one run of the suite found: pytest's exit status and each test's outcome, read from its JUnit XML."""

    exit_code: int | None
    tests: dict[str, dict] = field(default_factory=dict)
    problem: str | None = None
    output: str = ""
    instance_touched: bool = False
    seconds: float = 0.0

    @property
    def green(self) -> bool:
        """Every test ran and passed (a skipped test is a test not written yet)."""
        return (self.problem is None and self.exit_code == 0 and bool(self.tests)
                and all(test["status"] == "pass" for test in self.tests.values()))

    @property
    def red(self) -> bool:
        """At least one test failed or errored (a run that could not start at all is not red: it is broken)."""
        return self.problem is None and any(test["status"] in ("fail", "error") for test in self.tests.values())

    def not_passing(self) -> list[str]:
        """The tests that did not pass, with the first line of why."""
        return [f"{name} ({test['status']}{': ' + test['message'] if test['message'] else ''})"
                for name, test in self.tests.items() if test["status"] != "pass"]


class PlanError(ValueError):
    """The stage's suite.toml is broken (an author's mistake, never a student's)."""


def load_plan(stage: Stage) -> SuitePlan:
    """Read checks/stage-NN/suite.toml."""
    folder = stage.checks_dir
    data = tomllib.loads((folder / GATE_FILE).read_text(encoding="utf-8"))

    def variant(entry: dict) -> Variant:
        edits = entry.get("edit") or ([{"file": entry["file"], "find": entry["find"], "replace": entry["replace"]}]
                                      if "find" in entry else [])
        hint = dict(entry.get("hint", {}))
        if entry.get("todo"):
            hint["todo"] = entry["todo"]
        return Variant(entry["name"], entry["description"], edits, entry.get("overlay"), hint)

    return SuitePlan(folder=folder, reference=folder / data.get("reference", "reference"),
                     stubs=variant(data["stubs"]), alternatives=[variant(e) for e in data.get("alternative", [])],
                     mutants=[variant(e) for e in data.get("mutant", [])], hints=data.get("hints", {}))


def build_app(plan: SuitePlan, variant: Variant | None, destination: Path) -> Path:
    """Copy the reference app to destination and apply the variant: overlay files first, then each edit."""
    shutil.copytree(plan.reference, destination, ignore=shutil.ignore_patterns("__pycache__", "instance", "*.pyc"))
    if variant is None:
        return destination
    if variant.overlay:
        shutil.copytree(plan.folder / variant.overlay, destination, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for edit in variant.edits:
        path = destination / edit["file"]
        text = path.read_text(encoding="utf-8")
        if text.count(edit["find"]) != 1:
            raise PlanError(f"{variant.name}: the text to find occurs {text.count(edit['find'])} times in "
                            f"{edit['file']} (once expected)")
        path.write_text(text.replace(edit["find"], edit["replace"]), encoding="utf-8")
    return destination


RUNNER_SOURCE = (Path(__file__).with_name("suite_runner.py")).read_text(encoding="utf-8")
# What the runner imports once, before any student code, so that each run starts with them loaded.
PRELOAD = ("pytest", "_pytest.junitxml", "xml.etree.ElementTree", "werkzeug.security", "flask", "flask.testing",
           "sqlalchemy", "sqlalchemy.dialects.sqlite", "flask_sqlalchemy", "marshmallow", "flask_marshmallow",
           "marshmallow_sqlalchemy", "jwt", "flask_jwt_extended", "alembic", "flask_migrate")
MESSAGE_LIMIT_BYTES = 64 * 1024
RUNNER_CPU_SECONDS = 1800


class RunnerGone(Exception):
    """The runner process ended or sent something it should not have."""


class Runner:
    """The trusted side of grader/suite_runner.py: start it in the sandbox, ask for runs, kill it at the end."""

    def __init__(self, scratch: Path, use_sandbox: bool):
        self.scratch, self.use_sandbox = scratch, use_sandbox
        self.lock = threading.Lock()
        self.waiting: dict[int, dict] = {}
        self.next = 1
        self.gone = False
        to_runner_read, self.to_runner = os.pipe()
        self.from_runner, from_runner_write = os.pipe()
        env = sandbox.base_environment(scratch)
        env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        command = [sys.executable, "-I", "-B", "-c", RUNNER_SOURCE, str(to_runner_read), str(from_runner_write),
                   *PRELOAD]
        if use_sandbox:
            command = sandbox.wrap(command, scratch, env)
        libc = _libc() if not use_sandbox and os.geteuid() == 0 else None

        def prepare():
            """In the child: the worker's limits, which its code cannot raise again (each run lowers the CPU one)."""
            for which, value in {**LIMITS, resource.RLIMIT_CPU: RUNNER_CPU_SECONDS}.items():
                try:
                    resource.setrlimit(which, (value, value))
                except (ValueError, OSError):
                    pass
            if libc is not None:
                libc.prctl(PR_CAPBSET_DROP, CAP_SYS_RESOURCE, 0, 0, 0)

        log = open_log(scratch / "runner-output.txt")
        self.process = subprocess.Popen(command, cwd=scratch, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                        stderr=log, preexec_fn=prepare, start_new_session=True,
                                        pass_fds=(to_runner_read, from_runner_write))
        os.close(log)
        os.close(to_runner_read)
        os.close(from_runner_write)
        self.reader = threading.Thread(target=self._read_replies, daemon=True)
        self.reader.start()

    def _read_replies(self) -> None:
        """Hand each reply to the run waiting for it; on EOF or nonsense, fail every run still waiting."""
        buffer = b""
        try:
            while True:
                chunk = os.read(self.from_runner, 1 << 16)
                if not chunk:
                    break
                buffer += chunk
                while len(buffer) >= 4:
                    (size,) = struct.unpack(">I", buffer[:4])
                    if size > MESSAGE_LIMIT_BYTES:
                        raise RunnerGone("a reply over the size limit")
                    if len(buffer) < 4 + size:
                        break
                    message, buffer = json.loads(buffer[4:4 + size]), buffer[4 + size:]
                    if not isinstance(message, dict) or not isinstance(message.get("id"), int):
                        raise RunnerGone("a reply of the wrong shape")
                    with self.lock:
                        record = self.waiting.get(message["id"])
                    if record is None:
                        continue
                    if message.get("op") == "started" and isinstance(message.get("pid"), int):
                        record["pid"] = message["pid"]
                    elif message.get("op") == "done" and isinstance(message.get("status"), int):
                        record["status"] = message["status"]
                        record["event"].set()
        except (OSError, ValueError, RunnerGone):
            pass
        with self.lock:
            self.gone = True
            for record in self.waiting.values():
                record["event"].set()

    def run(self, cwd: Path, args: list[str], output: Path, timeout: float) -> tuple[int | None, str | None]:
        """Run pytest with args in cwd; (exit status, None), or (None, why it has no status)."""
        with self.lock:
            if self.gone:
                return None, "the process that runs the tests has stopped"
            number = self.next
            self.next += 1
            record = self.waiting[number] = {"event": threading.Event(), "status": None, "pid": None}
            data = json.dumps({"op": "run", "id": number, "cwd": str(cwd), "args": args, "output": str(output),
                               "cpu_seconds": RUN_CPU_SECONDS}).encode()
            try:
                os.write(self.to_runner, struct.pack(">I", len(data)) + data)
            except OSError:
                return None, "the process that runs the tests has stopped"
        problem = None
        if not record["event"].wait(timeout):
            problem = f"the tests did not finish within {timeout:g} seconds (a test that hangs?)"
            self._send({"op": "kill", "id": number})
            record["event"].wait(10)
        with self.lock:
            self.waiting.pop(number, None)
        if problem is None and record["status"] is None:
            problem = "the process that runs the tests has stopped"
        return (record["status"] if problem is None else None), problem

    def _send(self, message: dict) -> None:
        """Send one request, ignoring a runner that has gone."""
        data = json.dumps(message).encode()
        with self.lock:
            try:
                os.write(self.to_runner, struct.pack(">I", len(data)) + data)
            except OSError:
                pass

    def close(self) -> None:
        """Kill the runner, its process group and (without the sandbox's process namespace) every run's group."""
        pids = [record["pid"] for record in self.waiting.values() if record.get("pid")]
        for fd in (self.to_runner,):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            # Told by the closed pipe, the runner kills what is left of its runs and exits; whatever remains is killed.
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if not self.use_sandbox:
            for pid in pids:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        self.process.wait()
        self.reader.join(timeout=5)
        try:
            os.close(self.from_runner)
        except OSError:
            pass


def run_suite(runner: Runner, tests: Path, plan: SuitePlan, variant: Variant | None, folder: Path, *,
              reverse: bool = False, twice: bool = False, stop_first: bool = False) -> list[RunResult]:
    """Run the student's tests against one app in a folder of its own; twice: run again on the same copy."""
    try:
        project = build_app(plan, variant, folder / "project")
        shutil.copytree(tests, project / TESTS_FOLDER)
        (folder / "pytest.ini").write_text(INI.format(project=project), encoding="utf-8")
        (folder / "conftest.py").write_text(ORDER_CONFTEST.format(reverse=reverse), encoding="utf-8")
        results = [_one_run(runner, folder, project, stop_first, 1)]
        if twice and results[0].green:
            results.append(_one_run(runner, folder, project, stop_first, 2))
        return results
    finally:
        remove_tree(folder)


def _one_run(runner: Runner, folder: Path, project: Path, stop_first: bool, number: int) -> RunResult:
    """One pytest run over the project's tests; the verdict read from its JUnit file."""
    started = time.perf_counter()
    junit = folder / f"junit-{number}.xml"
    log = folder / f"output-{number}.txt"
    args = [str(project / TESTS_FOLDER), "-c", str(folder / "pytest.ini"), "--rootdir", str(folder),
            "-p", "no:cacheprovider", "-q", "--tb=line", "-rN", "--junit-xml", str(junit)]
    if stop_first:
        args.append("-x")
    instance_before = _instance_state(project)
    status, problem = runner.run(folder, args, log, RUN_SECONDS)
    result = RunResult(exit_code=status, problem=problem, output=tail(log, OUTPUT_KEPT),
                       seconds=time.perf_counter() - started)
    if problem is None:
        if status < 0:
            result.problem = f"pytest was stopped by signal {-status} (a memory or CPU limit?)"
        elif status == 5:
            result.problem = "pytest collected no tests (are the files named test_*.py, the functions test_*?)"
        elif status not in (0, 1):
            result.problem = f"pytest could not run the tests (exit status {status}): {_last_lines(result.output)}"
        else:
            tests = read_junit(junit)
            if tests is None:
                result.problem = "pytest's report of the run could not be read"
            else:
                result.tests = tests
    result.instance_touched = _instance_state(project) != instance_before
    return result


def _last_lines(text: str, count: int = 3) -> str:
    """The last few non-empty lines of pytest's output, joined."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return clean(" / ".join(lines[-count:]), 600)


def _instance_state(project: Path):
    """What is under the project's instance/ folder (names, sizes, times), to see whether a run wrote there."""
    folder = project / "instance"
    if not os.path.lexists(folder):
        return None
    state = []
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = os.path.join(root, name)
            info = os.lstat(path)
            state.append((path, info.st_size, info.st_mtime_ns))
    return state or "empty"


def read_junit(path: Path) -> dict[str, dict] | None:
    """Each test's outcome from a JUnit XML file written in the sandbox: a regular file, size-capped, no DTD."""
    text = tail(path, JUNIT_LIMIT + 1)
    if not text or len(text.encode("utf-8")) > JUNIT_LIMIT or "<!DOCTYPE" in text or "<!ENTITY" in text:
        return None
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    tests = {}
    for case in root.iter("testcase"):
        module = (case.get("classname") or "").rsplit(".", 1)[-1]
        name = clean(f"{module}::{case.get('name', '?')}" if module else case.get("name", "?"), 200)
        status, message = "pass", None
        for child in case:
            kind = {"failure": "fail", "error": "error", "skipped": "skip"}.get(child.tag)
            if kind:
                status = kind
                message = clean((child.get("message") or child.text or "").strip().splitlines()[0]
                                if (child.get("message") or child.text or "").strip() else "", 300)
                break
        # A test that fails in its teardown after passing is listed twice: keep the worse outcome.
        if tests.get(name, {}).get("status") in ("fail", "error"):
            continue
        tests[name] = {"status": status, "message": message}
    return tests


def grade_suite(stage: Stage, target: Path, *, check_filter: str | None = None, verbose: bool = False,
                sandbox_choice: bool | None = None, show_progress: bool | None = None):
    """Grade the tests/ folder of target; return an Outcome whose checks are the gates, then one per mutant."""
    from .run import Outcome

    target = target.resolve()
    outcome = Outcome(stage=stage, target=target)
    started = time.perf_counter()
    use_sandbox = bool(sandbox.available()) if sandbox_choice is None else sandbox_choice
    plan = load_plan(stage)
    private = Path(tempfile.mkdtemp(prefix="grade-suite-")).resolve()
    try:
        copy = private / "submission"
        try:
            outcome.left_out = safe_copy(target, copy)
        except (CopyRefused, OSError) as exc:
            outcome.error = {"message": f"The folder could not be copied for grading: {exc}."}
            return outcome
        tests = copy / TESTS_FOLDER
        if not tests.is_dir():
            outcome.error = {"message": f"There is no {TESTS_FOLDER}/ folder in {target}: this stage grades your "
                                        "tests, which live in tests/ (tests/conftest.py, tests/test_*.py)."}
            # Every check is still listed (not run), so that the stage's maximum is known, e.g. to a gradebook.
            outcome.checks = [_check(check["id"], check["title"], False, "Not run: there is no tests/ folder.",
                                     {}, weight=1 if check["id"].startswith("mutant::") else 0)
                              for check in listed_checks(stage)]
            return outcome
        # The runs happen in a folder of their own: the student's code never sees the copy the tests are taken from.
        scratch = Path(tempfile.mkdtemp(prefix="grade-suite-runs-")).resolve()
        runner = Runner(scratch, use_sandbox)
        try:
            outcome.checks = _grade(plan, tests, runner, verbose, outcome, _progress_wanted(show_progress))
        finally:
            runner.close()
            remove_tree(scratch)
    finally:
        remove_tree(private)
        outcome.seconds = time.perf_counter() - started
    if check_filter:
        words = check_filter.lower().split()
        outcome.checks = [check for check in outcome.checks
                          if all(word in f"{check['id']} {check['title']}".lower() for word in words)]
    return outcome


def _progress_wanted(show: bool | None) -> bool:
    """Show a progress bar when asked, or by default when this is the main thread at a terminal."""
    if show is not None:
        return show
    return threading.current_thread() is threading.main_thread() and sys.stderr.isatty()


def _grade(plan: SuitePlan, tests: Path, runner: Runner, verbose: bool, outcome, show: bool) -> list[dict]:
    """Run the gates and the mutants (two at a time) and turn what they found into checks."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    runs = runner.scratch / "runs"
    runs.mkdir()
    jobs = {"reference": lambda: run_suite(runner, tests, plan, None, runs / "reference", twice=True),
            "reverse": lambda: run_suite(runner, tests, plan, None, runs / "reverse", reverse=True),
            "stubs": lambda: run_suite(runner, tests, plan, plan.stubs, runs / "stubs")}
    for number, alternative in enumerate(plan.alternatives):
        jobs[f"alternative:{alternative.name}"] = (
            lambda alternative=alternative, number=number: run_suite(runner, tests, plan, alternative,
                                                                     runs / f"alternative-{number}"))
    for number, mutant in enumerate(plan.mutants):
        jobs[f"mutant:{mutant.name}"] = (
            lambda mutant=mutant, number=number: run_suite(runner, tests, plan, mutant, runs / f"mutant-{number}",
                                                           stop_first=True))
    results: dict[str, list[RunResult]] = {}
    refused = threading.Event()
    columns = (TextColumn("testing your tests"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=Console(stderr=True), transient=True, disable=not show) as progress:
        task = progress.add_task("", total=len(jobs))

        def run(name):
            """One job; mutants are not run once the suite is known to be refused."""
            if name.startswith("mutant:") and refused.is_set():
                progress.advance(task)
                return name, None
            progress.update(task, description=name.split(":")[-1])
            found = jobs[name]()
            if not name.startswith("mutant:") and not _gate_ok(name, found):
                refused.set()
            progress.advance(task)
            return name, found

        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            results = dict(pool.map(run, jobs))
    outcome.output = "\n".join(f"--- {name}, run {number} ---\n{run.output}" for name, runs in results.items()
                               if runs for number, run in enumerate(runs, start=1)) if verbose else ""
    return _checks(plan, results)


def _gate_ok(name: str, runs: list[RunResult]) -> bool:
    """Whether a gate's runs are what an accepted suite gives."""
    if any(run.instance_touched for run in runs):
        return False
    if name == "stubs":
        return runs[0].red
    return all(run.green for run in runs) and (name != "reference" or len(runs) == 2)


TITLES = {
    "reference": "Your tests all pass on the reference app",
    "again": "They pass again on the same copy (no test leaves data behind that breaks the next run)",
    "reverse": "They pass in reverse order (no test depends on another)",
    "alternative": "They pass on another correct app: {}",
    "stubs": "They fail on the starter's stubs (the suite tests something)",
    "instance": "They never write under instance/ (the testing configuration is used)",
    "mutant": "Catches an app where {}",
}


def listed_checks(stage: Stage) -> list[dict]:
    """The checks a grading of the stage reports, in order, with their ids and titles, without running anything."""
    plan = load_plan(stage)
    listed = [{"id": f"suite::{name}", "title": TITLES[name]} for name in ("reference", "again", "reverse")]
    listed += [{"id": f"suite::alternative:{alternative.name}",
                "title": TITLES["alternative"].format(alternative.description)} for alternative in plan.alternatives]
    listed += [{"id": f"suite::{name}", "title": TITLES[name]} for name in ("stubs", "instance")]
    listed += [{"id": f"mutant::{mutant.name}", "title": TITLES["mutant"].format(mutant.description)}
               for mutant in plan.mutants]
    return listed


def _check(check_id: str, title: str, passed: bool, message: str | None, hint: dict, *, weight: int = 0,
           detail: str | None = None) -> dict:
    """One check record, in the shape grader/plugin.py writes for an app's checks."""
    return {"id": check_id, "title": title, "status": "pass" if passed else "fail",
            "message": None if passed else message, "detail": detail,
            "hint": {"text": hint.get("text"), "section": hint.get("section"), "todo": hint.get("todo")},
            "file": GATE_FILE, "line": None, "code": None, "weight": weight}


def _why(run: RunResult) -> str:
    """Why a run that should be green is not."""
    if run.problem:
        return run.problem[0].upper() + run.problem[1:] + "."
    outcomes = {(test["status"], test["message"]) for test in run.tests.values() if test["status"] != "pass"}
    count = sum(1 for test in run.tests.values() if test["status"] != "pass")
    if len(outcomes) == 1 and count > 1:
        status, message = outcomes.pop()
        verb = {"skip": "are skipped", "fail": "fail", "error": "end in an error"}[status]
        return f"{count} of {len(run.tests)} tests {verb}" + (f": {message}." if message else ".")
    failing = run.not_passing()
    shown = "; ".join(failing[:5]) + (f"; and {len(failing) - 5} more" if len(failing) > 5 else "")
    return f"Not passing: {shown}."


def _checks(plan: SuitePlan, results: dict[str, list[RunResult]]) -> list[dict]:
    """The gates, in a fixed order, then one check per mutant."""
    hints = plan.hints
    checks = []
    reference = results["reference"]
    first = reference[0]
    checks.append(_check("suite::reference", TITLES["reference"], first.green, _why(first),
                         hints.get("reference", {})))
    if first.green:
        second = reference[1]
        checks.append(_check("suite::again", TITLES["again"], second.green, _why(second), hints.get("again", {})))
    else:
        checks.append(_check("suite::again", TITLES["again"], False, "Not run: the tests do not pass on the "
                             "reference app yet.", hints.get("again", {})))
    reverse = results["reverse"][0]
    checks.append(_check("suite::reverse", TITLES["reverse"], reverse.green,
                         _why(reverse), hints.get("reverse", {})))
    for alternative in plan.alternatives:
        run = results[f"alternative:{alternative.name}"][0]
        checks.append(_check(f"suite::alternative:{alternative.name}",
                             TITLES["alternative"].format(alternative.description), run.green, _why(run),
                             {**hints.get("alternative", {}), **alternative.hint}))
    stubs = results["stubs"][0]
    passing_on_stubs = [name for name, test in stubs.tests.items() if test["status"] == "pass"]
    note = (f"These tests pass even on the stubs, so they check nothing the app does: {', '.join(passing_on_stubs)}."
            if passing_on_stubs and stubs.red else None)
    stub_message = stubs.problem or "Every test passes on the starter's stubs (routes answering 501): the tests " \
                                    "check nothing the app does."
    checks.append(_check("suite::stubs", TITLES["stubs"], stubs.red,
                         stub_message, hints.get("stubs", {}), detail=note))
    touched = [name for name, runs in results.items() if runs and any(run.instance_touched for run in runs)]
    checks.append(_check("suite::instance", TITLES["instance"], not touched, "A run wrote under instance/, where the development database lives: build "
                         "the app with create_app(\"testing\").", hints.get("instance", {})))
    accepted = all(check["status"] == "pass" for check in checks)
    refusal = next((check["title"] for check in checks if check["status"] != "pass"), None)
    for mutant in plan.mutants:
        runs = results[f"mutant:{mutant.name}"]
        title = TITLES["mutant"].format(mutant.description)
        check_id = f"mutant::{mutant.name}"
        hint = {**hints.get("mutant", {}), **mutant.hint}
        if not accepted or runs is None:
            checks.append(_check(check_id, title, False, "Not counted: your suite is not accepted yet; the first "
                                 f"rule it does not meet: {refusal or 'its runs did not finish'}.", hint, weight=1))
            continue
        run = runs[0]
        # Killed: the suite does not pass on the mutant (a failing test, or a run that breaks or hangs).
        killed = not run.green
        failed = [name for name, test in run.tests.items() if test["status"] in ("fail", "error")]
        check = _check(check_id, title, killed, f"No test failed on an app where {mutant.description}: this "
                       "behaviour is not tested yet.", hint, weight=1)
        if killed:
            check["message"] = f"Caught by {failed[0]}." if failed else "Caught: the run did not pass."
        check["caught_by"] = failed
        checks.append(check)
    return checks


def kill_matrix(stage: Stage, target: Path, use_sandbox: bool | None = None) -> dict[str, list[str]]:
    """For each mutant, every test of target's suite that fails on it (all tests run, not only up to the first)."""
    plan = load_plan(stage)
    use_sandbox = bool(sandbox.available()) if use_sandbox is None else use_sandbox
    scratch = Path(tempfile.mkdtemp(prefix="grade-suite-runs-")).resolve()
    runner = Runner(scratch, use_sandbox)
    try:
        runs = scratch / "runs"
        runs.mkdir()

        def one(numbered):
            number, mutant = numbered
            found = run_suite(runner, target.resolve() / TESTS_FOLDER, plan, mutant, runs / f"mutant-{number}")[0]
            return mutant.name, sorted(name for name, test in found.tests.items() if test["status"] != "pass")

        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            return dict(pool.map(one, enumerate(plan.mutants)))
    finally:
        runner.close()
        remove_tree(scratch)


def main(argv: list[str] | None = None) -> int:
    """python -m grader.suite matrix STAGE [FOLDER]: the kill matrix of a suite (the reference suite by default)."""
    import argparse

    from .manifest import find_stage

    parser = argparse.ArgumentParser(prog="python -m grader.suite", description=main.__doc__)
    parser.add_argument("command", choices=["matrix"])
    parser.add_argument("stage")
    parser.add_argument("folder", nargs="?", type=Path, help="a folder with tests/ (default: the stage's solution)")
    args = parser.parse_args(argv)
    stage = find_stage(args.stage)
    matrix = kill_matrix(stage, args.folder or stage.solution_dir)
    tests = sorted({name for names in matrix.values() for name in names})
    width = max(len(name) for name in matrix)
    print(f"{'mutant':<{width}}  killed by")
    for name, killers in matrix.items():
        print(f"{name:<{width}}  {', '.join(killers) if killers else 'SURVIVES'}")
    print(f"\n{sum(1 for k in matrix.values() if k)}/{len(matrix)} mutants killed; "
          f"{len(tests)} tests kill at least one.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
