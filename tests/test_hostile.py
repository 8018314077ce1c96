"""Hostile submissions: the grader as a trusted judge (issue 8).

Each submission is a copy of the stage-02 starter or solution with attacking code from tests/hostile/ added. Every
test runs twice: under bubblewrap (`bwrap`, skipped where `grader.sandbox.available()` is None) and without it
(`no-sandbox`: only the protections that need no sandbox). What only bubblewrap can promise is asserted in tests
that say "sandbox-only" and skip in the `no-sandbox` run with that reason: that the student's code cannot read the
grader's files (an SSH key), write into the checkout, the venv, the grader's HOME or a classmate's folder, or kill
a classmate's grading. Without a sandbox, the attacks that would succeed trivially or harm the machine are switched
off (see `settings`): reading the reference solution or the grader's environment by path or through /proc,
rewriting results files found by globbing /tmp, and killing every process in sight.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grader.manifest import ROOT, find_stage
from grader.run import grade
from grader.sandbox import available

STAGE = find_stage("stage-02")
PIECES = Path(__file__).with_name("hostile")
SOLUTION = STAGE.solution_dir / "app.py"
TIMEOUT = 2  # seconds per check: healthy checks take milliseconds
MODES = [pytest.param(True, id="bwrap"), pytest.param(False, id="no-sandbox")]
UNSANDBOXED = "unsandboxed, the student's code runs as the grader's user and reaches whatever that user can"


def use_mode(sandbox: bool) -> bool:
    """The mode, or a skip when bubblewrap cannot run here."""
    if sandbox and available() is None:
        pytest.skip("bubblewrap cannot sandbox here (grader.sandbox.available() is None); .ci/run installs it")
    return sandbox


def sandbox_only(sandbox: bool, what: str) -> None:
    """Skip an assertion that only bubblewrap can make true."""
    if not sandbox:
        pytest.skip(f"sandbox-only: {what} ({UNSANDBOXED})")


def settings(sandbox: bool, marker: str, **extra) -> dict:
    """The HOSTILE dict the pieces read: targets, marker, and which attacks run in this mode."""
    hostile = {
        "marker": marker, "checkout": str(ROOT), "solution": str(SOLUTION),
        # Reading the grader's files and /proc, and killing every process in sight, only where a sandbox is promised.
        "reach_checkout": sandbox, "glob_results": sandbox, "reach_host": sandbox, "kill_all": sandbox,
        "plant": [], "planted": "", "create": [], "append": [], "secrets": [], "forks": 0, "under": "/nonexistent/",
    }
    hostile.update(extra)
    return hostile


def submission(folder: Path, base: str, pieces: list[str], hostile: dict) -> Path:
    """A copy of the stage-02 starter or solution with hostile pieces appended to its app.py."""
    shutil.copytree(STAGE.starter_dir if base == "starter" else STAGE.solution_dir, folder,
                    ignore=shutil.ignore_patterns("__pycache__", "instance", "*.db"))
    app = folder / "app.py"
    code = app.read_text(encoding="utf-8") + f"\n\nHOSTILE = {hostile!r}\n"
    code += "".join("\n\n" + (PIECES / f"{piece}.py").read_text(encoding="utf-8") for piece in pieces)
    app.write_text(code, encoding="utf-8")
    return folder


def processes_with(marker: str, wait: float = 3.0) -> list[str]:
    """Command lines of live processes that carry the marker, after giving killed ones a moment to go."""
    deadline = time.monotonic() + wait
    while True:
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == os.getpid():
                continue
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmdline:
                found.append(f"{entry}: {cmdline.replace(bytes(1), b' ')[:200]!r}")
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def tree_state(folder: Path) -> dict:
    """Every entry under folder (bytes paths, links not followed): its kind and, for files, a hash of its bytes."""
    state = {}
    top = os.fsencode(folder)
    for current, dirs, files in os.walk(top):
        for name in dirs + files:
            path = os.path.join(current, name)
            info = os.lstat(path)
            if os.path.islink(path):
                state[os.path.relpath(path, top)] = ("link", os.readlink(path))
            elif os.path.isdir(path):
                state[os.path.relpath(path, top)] = ("dir",)
            elif os.path.isfile(path):
                with open(path, "rb") as handle:
                    state[os.path.relpath(path, top)] = ("file", hashlib.sha256(handle.read()).hexdigest())
            else:
                state[os.path.relpath(path, top)] = ("special", info.st_mode)
    return state


def file_state(path: Path):
    """A file's bytes' hash, or None when it does not exist."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def run_grade(*args: str, tmpdir: Path, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """grade.py as an instructor runs it, from the checkout, with extra environment variables, and its temporary
    folders (the scratch copies, the results) made in tmpdir, so that a test can see that none is left."""
    tmpdir.mkdir(exist_ok=True)
    full = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    full.update(COLUMNS="200", TMPDIR=str(tmpdir), **(env or {}))
    return subprocess.run([sys.executable, "grade.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=full, stdin=subprocess.DEVNULL)


def sandbox_flag(sandbox: bool) -> str:
    """grade.py's option for the mode."""
    return "--require-sandbox" if sandbox else "--no-sandbox"


def statuses(outcome) -> dict[str, str]:
    """Check id → status."""
    return {check["id"]: check["status"] for check in outcome.checks}


# --- Scores it does not deserve --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def starter_outcomes():
    """The untouched starter's outcome in each mode (graded once per mode): the baseline an attacker must not beat."""
    cache = {}

    def outcome(sandbox: bool):
        if sandbox not in cache:
            cache[sandbox] = grade(STAGE, STAGE.starter_dir, sandbox=sandbox, check_timeout=TIMEOUT)
        return cache[sandbox]

    return outcome


@pytest.mark.parametrize("sandbox", MODES)
def test_cheating_starter_scores_what_the_starter_scores(sandbox, tmp_path, starter_outcomes):
    """Patching the checks' helpers and pytest's session, modules beside app.py named like the grader's and the
    standard library's, modules planted where the checks' process might import them, rewriting the results file (at
    exit, and from a detached process that polls for it) or putting a named pipe in its place, serving the reference
    solution (by path, through the grader package, from the grader's command lines, through a link): the starter's
    score, check for check, and nothing left running."""
    use_mode(sandbox)
    marker = f"hostile-{uuid.uuid4().hex}"
    planted = tmp_path / "planted.txt"
    hostile = settings(sandbox, marker, plant=["sqlalchemy", "difflib", "pprint", "expect"], planted=str(planted))
    folder = submission(tmp_path / "cheater", "starter", ["score", "plant"], hostile)
    shadow = (PIECES / "shadow.py").read_text(encoding="utf-8")
    for name in ("json", "inspect", "expect", "conftest", "pytest", "sitecustomize", "usercustomize", "grader/__init__",
                 "grader/plugin", "checks/__init__"):
        (folder / f"{name}.py").parent.mkdir(exist_ok=True)
        (folder / f"{name}.py").write_text(shadow, encoding="utf-8")
    (folder / "solution.py").symlink_to(SOLUTION)
    (folder / "reference").symlink_to(SOLUTION.parent, target_is_directory=True)

    outcome = grade(STAGE, folder, sandbox=sandbox, check_timeout=TIMEOUT)
    baseline = starter_outcomes(sandbox)

    assert outcome.error is None, outcome.error
    assert (outcome.score, outcome.max_score) == (baseline.score, baseline.max_score)
    assert statuses(outcome) == statuses(baseline)
    assert {"solution.py (a link)", "reference (a link)"} <= set(outcome.left_out)
    assert not planted.exists(), f"the checks' process imported a planted module: {planted.read_text()}"
    assert processes_with(marker) == []


@pytest.mark.parametrize("sandbox", MODES)
def test_modules_planted_for_the_checks_are_never_imported(sandbox, tmp_path):
    """Stage 05's checks import SQLAlchemy late; an app that writes a `sqlalchemy` package into every folder around
    its copy (the grading run's scratch folder included) must not get it run by the checks' process."""
    use_mode(sandbox)
    stage = find_stage("stage-05")
    folder = tmp_path / "planter"
    shutil.copytree(stage.solution_dir, folder, ignore=shutil.ignore_patterns("__pycache__", "instance", "*.db"))
    planted = tmp_path / "planted.txt"
    hostile = settings(sandbox, "unused", plant=["sqlalchemy"], planted=str(planted))
    package = folder / "app" / "__init__.py"
    package.write_text(package.read_text(encoding="utf-8") + f"\n\nHOSTILE = {hostile!r}\n\n"
                       + (PIECES / "plant.py").read_text(encoding="utf-8"), encoding="utf-8")

    outcome = grade(stage, folder, sandbox=sandbox, check_filter="memory", check_timeout=5)

    assert not planted.exists(), f"the checks' process imported a planted module: {planted.read_text()}"
    assert outcome.error is None and outcome.total >= 1 and outcome.score == outcome.max_score, outcome.checks


@pytest.mark.parametrize("sandbox", MODES)
def test_links_made_in_the_apps_copy_never_lead_the_checks_out(sandbox, tmp_path):
    """An app that turns a file of its own copy into a link to the grader's SSH key while it runs: the checks read
    the graded folder from a copy of their own, so the key appears nowhere and the checks grade the real app."""
    use_mode(sandbox)
    stage = find_stage("stage-04")
    secret = tmp_path / "id_rsa"
    secret.write_text("ssh-canary private key line\n")
    folder = tmp_path / "relinker"
    (folder / "app").mkdir(parents=True)
    code = (stage.solution_dir / "app.py").read_text(encoding="utf-8")
    (folder / "app.py").write_text(code, encoding="utf-8")
    hostile = settings(sandbox, "unused", secrets=[str(secret)])
    (folder / "app" / "__init__.py").write_text(code + f"\n\nHOSTILE = {hostile!r}\n\n"
                                                + (PIECES / "relink.py").read_text(encoding="utf-8"), encoding="utf-8")

    outcome = grade(stage, folder, sandbox=sandbox, check_filter="instance", check_timeout=5)

    assert "ssh-canary" not in json.dumps(outcome.checks) + outcome.output
    assert outcome.error is None and outcome.total >= 1 and outcome.score == outcome.max_score, outcome.checks


# --- Damage ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=MODES)
def damage(request, tmp_path_factory):
    """One damaging submission graded with grade.py --path under a fake grader HOME holding an SSH key, with a
    token in the environment; what it did is recorded, and whatever it wrote outside its folder removed at once."""
    sandbox = use_mode(request.param)
    tmp = tmp_path_factory.mktemp("damage")
    marker = f"hostile-{uuid.uuid4().hex}"
    home = tmp / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_rsa").write_text(f"-----BEGIN KEY-----\nssh-canary-{marker}\n-----END KEY-----\n")
    (home / ".bashrc").write_text("# the grader's shell start-up file\n")
    venv = Path(sys.prefix)
    created = [ROOT / f"{marker}.txt", ROOT / "checks" / f"{marker}.txt", venv / f"{marker}.txt", home / marker]
    hostile = settings(sandbox, marker, create=[str(path) for path in created], append=[str(home / ".bashrc")],
                       secrets=[str(home / ".ssh" / "id_rsa")], forks=40)
    folder = submission(tmp / "mallory", "solution", ["damage"], hostile)
    before = {"folder": tree_state(folder), "bashrc": file_state(home / ".bashrc"),
              "grade.py": file_state(ROOT / "grade.py")}
    junit = tmp / "junit.xml"
    token = f"env-canary-{marker}"
    try:
        result = run_grade("stage-02", "--path", str(folder), "--timeout", str(TIMEOUT), "--verbose", "--all",
                           "--junit", str(junit), sandbox_flag(sandbox), tmpdir=tmp / "tmpdir",
                           env={"HOME": str(home), "GITHUB_TOKEN": token})
        left = processes_with(marker)
        files_left = sorted(str(path) for path in (tmp / "tmpdir").iterdir())
    finally:
        written = [path for path in created if path.exists()]
        for path in written:
            path.unlink()
    yield {
        "sandbox": sandbox, "result": result, "marker": marker, "token": token, "left": left, "written": written,
        "files_left": files_left,
        "junit": junit.read_text(encoding="utf-8") if junit.exists() else "", "before": before, "folder": folder,
        "after": {"folder": tree_state(folder), "bashrc": file_state(home / ".bashrc"),
                  "grade.py": file_state(ROOT / "grade.py")},
        "bashrc": (home / ".bashrc").read_text(encoding="utf-8", errors="replace"),
    }


def test_damaging_app_is_graded_to_the_end(damage):
    """The grading finishes with a score: the checks the attacks broke fail, every other check passes."""
    result = damage["result"]
    assert result.returncode == 1, result.stdout + result.stderr
    assert "26/31 checks passed" in result.stdout, result.stdout
    # Its forty sleepers still hold the worker's pipe open: the end of the process is noticed all the same.
    assert "exited with code 7" in result.stdout, result.stdout
    suites = ET.fromstring(damage["junit"]).findall("testsuite")
    assert [suite.get("tests") for suite in suites] == ["31"]


def test_damaging_app_stays_within_its_limits(damage):
    """Memory runs out at the address-space limit and a big file stops at the file-size limit, even after the app
    tries to lift both limits (as root without a sandbox it could, unless the grader drops that privilege)."""
    out = damage["result"].stdout
    assert "MemoryError" in out, out
    assert "File too large" in out, out


def test_damaging_app_leaves_no_process_and_no_file(damage):
    """The daemon (double fork, own session) and forty forked sleepers are gone when grade.py returns, and so are
    the grading's temporary folders (with the gigabyte file the app tried to write)."""
    assert damage["left"] == []
    assert damage["files_left"] == []


def test_damaging_app_never_gets_the_graders_environment(damage):
    """A token in the grader's environment appears nowhere: not in the output (--verbose, which shows what the app
    printed), not in the JUnit file — though the app prints, answers and raises everything it can read."""
    result, token = damage["result"], damage["token"]
    for text in (result.stdout, result.stderr, damage["junit"]):
        assert token not in text
    assert damage["marker"] in result.stdout + damage["junit"], "the app's exfiltration channels did not run"


def test_damaging_app_reads_no_secret_file(damage):
    """The grader's ~/.ssh key appears nowhere in the output or the JUnit file."""
    sandbox_only(damage["sandbox"], "the grader's files are hidden from the student's code")
    result, secret = damage["result"], f"ssh-canary-{damage['marker']}"
    for text in (result.stdout, result.stderr, damage["junit"]):
        assert secret not in text


def test_damaging_app_writes_nothing_outside_its_copy(damage):
    """The student's folder, the grader's HOME (~/.bashrc), the checkout and the venv are unchanged: no new file."""
    assert damage["after"]["folder"] == damage["before"]["folder"]
    sandbox_only(damage["sandbox"], "the checkout, the venv and the grader's HOME are out of the student's reach")
    assert damage["written"] == []
    assert damage["after"] == damage["before"], damage["bashrc"]


# --- A student's own data -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sandbox", MODES)
def test_app_that_keeps_data_beside_itself_leaves_the_folder_as_it_was(sandbox, tmp_path):
    """An app that ignores DATABASE_URL and, on every import, writes tasks.json, instance/tasks.db, a log and a
    __pycache__ folder beside itself (the student's own tasks.json and tasks.db already there): it is graded in
    full (so its writes succeeded, in the copy), and the student's folder is byte for byte as it was, with no new
    entry."""
    use_mode(sandbox)
    folder = submission(tmp_path / "hank", "solution", ["data"], settings(sandbox, "unused"))
    (folder / "instance").mkdir()
    (folder / "instance" / "tasks.db").write_bytes(b"the student's own data")
    (folder / "tasks.json").write_text('[{"id": 1, "title": "mine", "status": "pending"}]')
    before = tree_state(folder)

    result = run_grade("stage-02", "--path", str(folder), sandbox_flag(sandbox), tmpdir=tmp_path / "tmpdir")

    assert result.returncode == 0 and "31/31 checks passed" in result.stdout, result.stdout
    assert tree_state(folder) == before
    assert list((tmp_path / "tmpdir").iterdir()) == []


# --- Crashes, and a whole class ------------------------------------------------------------------------------------


@pytest.mark.parametrize("sandbox", MODES)
def test_killing_the_checks_process_is_that_gradings_error(sandbox, tmp_path):
    """An app that kills its parent after starting a daemon that rewrites grade.py's JUnit file: without a sandbox
    the parent (the checks' process) dies and the grading ends as an error whose JUnit file stays as grade.py wrote
    it; under bubblewrap the parent is out of sight and the app is graded as it is. No process is left either way."""
    use_mode(sandbox)
    marker = f"hostile-{uuid.uuid4().hex}"
    folder = submission(tmp_path / "carol", "solution", ["kill_parent"],
                        settings(sandbox, marker, under=str(tmp_path) + os.sep))
    junit = tmp_path / "junit.xml"

    result = run_grade("stage-02", "--path", str(folder), "--junit", str(junit), sandbox_flag(sandbox),
                       tmpdir=tmp_path / "tmpdir")

    assert processes_with(marker) == []
    assert list((tmp_path / "tmpdir").iterdir()) == []
    written = junit.read_text(encoding="utf-8")
    assert marker not in written
    if sandbox:
        assert result.returncode == 0 and "31/31 checks passed" in result.stdout, result.stdout
    else:
        assert result.returncode == 2 and "stopped by signal 9" in result.stdout, result.stdout
        assert "stopped by signal 9" in written and 'tests="0"' in written


@pytest.mark.parametrize("sandbox", MODES)
def test_views_that_crash_or_hang_fail_only_their_checks(sandbox, tmp_path):
    """A view that ends the process, one that loops forever and one whose loop swallows every exception with a bare
    except: each fails only its own check (the hangs with the timeout message); every other check passes."""
    use_mode(sandbox)
    folder = submission(tmp_path / "dave", "solution", ["views"], settings(sandbox, "unused"))

    outcome = grade(STAGE, folder, sandbox=sandbox, check_timeout=TIMEOUT)

    failed = {check["id"].split("::")[1]: check["message"] for check in outcome.checks if check["status"] != "pass"}
    assert set(failed) == {"test_unknown_id_is_404", "test_search_non_integer_limit_falls_back",
                           "test_show_headers_includes_custom_header"}, failed
    assert "No answer within 2 seconds" in failed["test_unknown_id_is_404"]
    assert "No answer within 2 seconds" in failed["test_search_non_integer_limit_falls_back"]
    assert "exited with code 5" in failed["test_show_headers_includes_custom_header"]
    assert outcome.error is None and outcome.score == outcome.max_score - 3


CLASS = {
    # student: the hostile pieces added to a copy of the solution
    "alice": [],
    "bob": ["crash_import"],
    "carol": ["kill_parent"],
    "dave": ["views"],
    "frank": [],  # plus folders 40 deep
    "mallory": ["damage"],
    "zed": [],  # mallory's target
}
NOT_UTF8 = b"gr\xe9ta"  # a correct solution in a Latin-1 folder name, with a FIFO, a Latin-1 file name, deep folders


@pytest.fixture(scope="module", params=MODES)
def graded_class(request, tmp_path_factory):
    """A class of correct, crashing, hanging, oddly named and damaging submissions, graded once per mode with
    grade.py class --json --junit; every submission's tree is recorded before and after."""
    sandbox = use_mode(request.param)
    tmp = tmp_path_factory.mktemp("class")
    marker = f"hostile-{uuid.uuid4().hex}"
    subs = tmp / "submissions"
    subs.mkdir()
    zed = subs / "zed"
    hostile = settings(sandbox, marker, create=[str(zed / f"{marker}.txt")], append=[str(zed / "app.py")], forks=10,
                       under=str(tmp) + os.sep)
    for student, pieces in CLASS.items():
        submission(subs / student, "solution", pieces, hostile)
    (subs / "frank" / Path(*["d"] * 40)).mkdir(parents=True)
    greta = subs / os.fsdecode(NOT_UTF8)
    shutil.copytree(STAGE.solution_dir, greta, ignore=shutil.ignore_patterns("__pycache__"))
    os.mkfifo(greta / "pipe")
    (greta / os.fsdecode(b"notes-\xff.txt")).write_text("not UTF-8\n")
    (greta / Path(*["d"] * 10)).mkdir(parents=True)
    (greta / Path(*["d"] * 10) / "deep.txt").write_text("deep\n")
    folders = sorted(path for path in subs.iterdir())
    before = {path.name: tree_state(path) for path in folders}
    book, junit = tmp / "gradebook.json", tmp / "class.xml"
    token = f"env-canary-{marker}"
    started = time.perf_counter()
    result = run_grade("class", str(subs), "--stage", "stage-02", "--json", "--out", str(book), "--junit",
                       str(junit), sandbox_flag(sandbox), tmpdir=tmp / "tmpdir", env={"GITHUB_TOKEN": token})
    seconds = time.perf_counter() - started
    return {
        "sandbox": sandbox, "result": result, "marker": marker, "token": token, "seconds": seconds,
        "left": processes_with(marker), "files_left": sorted(str(path) for path in (tmp / "tmpdir").iterdir()),
        "before": before,
        "after": {path.name: tree_state(path) for path in folders},
        "book": book.read_text(encoding="utf-8") if book.exists() else "",
        "junit": junit.read_text(encoding="utf-8") if junit.exists() else "",
    }


def class_rows(graded_class) -> dict[str, dict]:
    """Gradebook rows by student."""
    return {row["student"]: row for row in json.loads(graded_class["book"])["rows"]}


def test_class_gradebook_has_a_row_per_student(graded_class):
    """The run completes and writes a gradebook with one row per student, the Latin-1 name escaped."""
    result = graded_class["result"]
    assert result.returncode == 0, result.stderr
    assert set(class_rows(graded_class)) == set(CLASS) | {"gr\\xe9ta"}


def test_class_scores_are_deserved(graded_class):
    """Correct work gets full marks whatever its classmates do; a crash at import is an error row; folders too deep
    to copy are an error row that says so; a killed checks process is that student's error row."""
    rows = class_rows(graded_class)
    for student in ("alice", "gr\\xe9ta"):
        assert rows[student]["status"] == "pass" and rows[student]["score"] == rows[student]["max"] == 31, rows[student]
    assert rows["bob"]["status"] == "error" and "exited with code 3" in rows["bob"]["message"], rows["bob"]
    assert rows["frank"]["status"] == "error" and "deeper" in rows["frank"]["message"], rows["frank"]
    assert rows["dave"]["score"] == 28, rows["dave"]
    assert rows["mallory"]["score"] == 26, rows["mallory"]
    if graded_class["sandbox"]:
        assert rows["carol"]["score"] == 31, rows["carol"]  # its parent is out of sight: the kill misses
    else:
        assert rows["carol"]["status"] == "error" and "signal 9" in rows["carol"]["message"], rows["carol"]


def test_class_hangs_fail_with_the_timeout_message(graded_class):
    """In the class's JUnit file, dave's two hanging checks say they hung and the crash says how the process ended."""
    suite = next(suite for suite in ET.fromstring(graded_class["junit"]).findall("testsuite")
                 if suite.get("name") == "dave/stage-02")
    messages = [element.get("message") for element in suite.iter() if element.tag in ("failure", "error")]
    assert sum("seems to hang" in message for message in messages) == 2, messages
    assert sum("exited with code 5" in message for message in messages) == 1, messages


def test_class_submissions_are_unchanged(graded_class):
    """Every submission folder is byte for byte as it was (the FIFO still a FIFO), apart from mallory's target,
    which only the sandbox protects."""
    before, after = graded_class["before"], graded_class["after"]
    for student in before:
        if student != "zed":
            assert after[student] == before[student], student


def test_class_classmates_are_out_of_reach(graded_class):
    """Mallory cannot write into zed's folder or kill zed's grading (or anyone's): zed's folder is unchanged and
    zed gets full marks."""
    sandbox_only(graded_class["sandbox"], "other submissions and other gradings are out of the student's reach")
    assert graded_class["after"]["zed"] == graded_class["before"]["zed"]
    assert class_rows(graded_class)["zed"]["score"] == 31


def test_class_run_leaks_no_secret_and_leaves_nothing_behind(graded_class):
    """The grader's token is in no output, no process started by any submission outlives the run, and no
    temporary folder is left."""
    result, token = graded_class["result"], graded_class["token"]
    for text in (result.stdout, result.stderr, graded_class["book"], graded_class["junit"]):
        assert token not in text
    assert graded_class["left"] == []
    assert graded_class["files_left"] == []
