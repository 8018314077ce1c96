"""Feedback that names the cause and fits on a screen: blocked-by diagnosis, the short form, the request to try by
hand, -k and --list, reset --undo, hints that never cut lines and point at the served chapter (issue 10)."""

import json
import os
import re
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest

from grader.diagnose import blocked_by, reproduce, stub_functions
from grader.manifest import ROOT, find_stage
from grader.report import other_failures
from grader.watch import changes
from sandbox import make_sandbox

STUB = '{"error": "Not implemented yet: see the TODO in app.py."}'
SCREEN = 40


def run(*args: str, columns: int = 100, cwd=ROOT, **env) -> subprocess.CompletedProcess:
    """grade.py as a student runs it, without a terminal, at a given width, links to the chapter files."""
    environment = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    environment.update({"COLUMNS": str(columns), "GRADER_SITE_URL": "", **env})
    return subprocess.run([sys.executable, "grade.py", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=environment, stdin=subprocess.DEVNULL)


class App:
    """Just enough of a RemoteApp for the route matching: its rules."""

    def __init__(self, *rules):
        self.url_map = SimpleNamespace(iter_rules=lambda: iter(
            [SimpleNamespace(rule=rule, endpoint=endpoint, methods=set(methods)) for rule, endpoint, methods in rules]))


APP = App(("/api/tasks", "list_tasks", ["GET", "HEAD", "OPTIONS"]),
          ("/api/tasks/<int:task_id>", "tasks.get_task", ["GET", "HEAD", "OPTIONS"]))


def exchange(method, path, status, body="{}", **sent):
    """A recorded request and the start of its answer, as grader/remote.py keeps them."""
    return {"request": {"method": method, "path": path, **sent}, "status": status, "body": body, "app": APP}


def test_a_stub_answer_names_the_todo_and_its_function(tmp_path):
    """A 501 stub: "this check needs GET /api/tasks, which still answers 501 (TODO in app.py: list_tasks)"."""
    (tmp_path / "app.py").write_text(f"def list_tasks():\n    # TODO: list them\n    return {STUB}, 501\n\n"
                                     f"def get_task(task_id):\n    return {STUB}, 501\n", encoding="utf-8")
    assert stub_functions(tmp_path / "app.py") == ["list_tasks", "get_task"]
    found = blocked_by([exchange("GET", "/api/tasks", 501, STUB)], str(tmp_path), "200")
    assert found["text"] == "this check needs GET /api/tasks, which still answers 501 (TODO in app.py: list_tasks)"
    found = blocked_by([exchange("GET", "/api/tasks/7", 501, STUB), exchange("GET", "/api/tasks", 200)],
                       str(tmp_path), "the task")
    assert found["request"] == "GET /api/tasks/<task_id>" and found["todo"] == "app.py: get_task"


def test_a_missing_route_blocks_unless_the_check_wanted_that_status():
    """A 404 for a path no rule takes (or a 405 for a method none takes) blocks; a 404 of an existing route, or one
    the check expected, does not."""
    missing = exchange("POST", "/api/tags", 404)
    assert "no route matches it yet" in blocked_by([missing], None, "201")["text"]
    assert "no route takes DELETE" in blocked_by([exchange("DELETE", "/api/tasks", 405)], None, "204")["text"]
    assert blocked_by([missing], None, "to answer with status 404") is None
    assert blocked_by([exchange("GET", "/api/tasks/999", 404)], None, "200") is None
    assert blocked_by([exchange("GET", "/api/tasks", 500)], None, "200") is None


def test_reproduce_writes_httpie_and_curl_commands():
    """The request as HTTPie items (strings with =, others with :=) or a piped body, and as curl."""
    request = {"method": "POST", "path": "/api/tasks", "json": {"title": "Write tests", "description": None},
               "headers": {"Authorization": "Bearer abc"}}
    assert reproduce(request) == ("http POST :5000/api/tasks 'Authorization:Bearer abc' 'title=Write tests' "
                                  "description:=null")
    assert reproduce({"method": "PUT", "path": "/api/tasks/1", "json": ["x"]}) == \
        "http --json PUT :5000/api/tasks/1 <<< '[\"x\"]'"
    assert reproduce({"method": "GET", "path": "/api/tasks", "query_string": {"status": "done"}}) == \
        "http GET :5000/api/tasks status==done"
    assert reproduce(request, curl=True) == (
        "curl -i -X POST http://127.0.0.1:5000/api/tasks -H 'Authorization: Bearer abc' "
        "-H 'Content-Type: application/json' -d '{\"title\": \"Write tests\", \"description\": null}'")
    assert reproduce({"method": "POST", "path": "/x", "too_large": True}) is None


def check(title, status="fail", group=None, blocked=None, expected=None, got=None):
    """A check's result as the plugin records it."""
    base = title.split(" [")[0]
    return {"id": f"t.py::{group or base}" + (title[len(base):] if group else ""), "title": title,
            "group": f"t.py::{group or base}", "group_title": base, "status": status,
            "blocked": {"text": blocked} if blocked else None, "expected": expected, "got": got}


def test_other_failures_fold_variants_and_shared_causes():
    """After the first failure: variants of one check fold into "3 of 8 fail", checks blocked by the same part
    into one line, a lone failure keeps its title."""
    first = check("first")
    checks = [first, check("a passing one", status="pass")]
    checks += [check(f"8 bad titles refused [{n}]", status="fail" if n < 3 else "pass", group="bad")
               for n in range(8)]
    checks += [check(f"needs list {n}", blocked="this check needs GET /api/tasks, which …") for n in range(4)]
    checks += [check("lonely")]
    assert other_failures(checks, first) == ["8 bad titles refused: 3 of 8 fail",
                                             "4 more checks: this check needs GET /api/tasks, which …", "lonely"]


def test_watch_names_changed_checks_by_title():
    """"now passing:" names the check as the report does, not by its pytest id."""
    titles = {"t.py::test_x[no title]": "PUT refuses a bad body [no title]"}
    assert changes({"t.py::test_x[no title]": "fail"}, {"t.py::test_x[no title]": "pass"}, titles) == [
        "now passing: PUT refuses a bad body [no title]"]


def test_untouched_starter_fits_on_a_screen_and_says_what_blocks_it():
    """The stage-07 starter: the first failure in full with what blocks it and a command to try, one line per
    other cause, and the next step on the last lines."""
    result = run("stage-07")
    assert result.returncode == 1
    lines = result.stdout.rstrip().splitlines()
    assert len(lines) <= SCREEN, result.stdout
    out = " ".join(result.stdout.split())
    assert "blocked: this check needs POST /auth/register, which still answers 501 (TODO in app/auth/routes.py: " \
           "register)" in out
    assert "try: http POST :5000/auth/register" in out
    assert "more checks fail the same way" in out
    assert "Next: do the TODO in app/auth/routes.py: register" in " ".join(" ".join(lines[-4:]).split())
    full = run("stage-07", "--all", "--curl")
    assert len(full.stdout.splitlines()) > 3 * len(lines) and "curl -i -X POST" in full.stdout


def test_k_that_selects_nothing_is_a_usage_error():
    """-k with words no check holds exits 2 and says so."""
    result = run("stage-01", "-k", "no-check-is-called-this")
    assert result.returncode == 2
    assert "selects no check of stage-01" in result.stderr and "--list" in result.stderr


def test_watch_with_k_that_selects_nothing_stops(tmp_path):
    """--watch with -k that selects nothing says so and exits 2 instead of watching nothing."""
    result = run("stage-01", "--watch", "-k", "no-check-is-called-this")
    assert result.returncode == 2 and "selects no check of stage-01" in result.stdout


def test_a_subset_never_claims_the_stage_is_done():
    """A run of some checks that all pass says to grade the whole stage, not "All checks pass. Next: …"."""
    result = run("stage-05", "-k", "999")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks pass" not in result.stdout and "Next: stage-06" not in result.stdout
    assert "python grade.py stage-05`" in result.stdout


def test_list_prints_names_and_titles():
    """--list names each check (what -k matches) beside its title, and runs none."""
    result = run("stage-01", "--list")
    assert result.returncode == 0
    assert re.search(r"test_hello_fields\s+\S", result.stdout)
    assert "-k" in result.stdout.splitlines()[-1]
    assert run("stage-01", "--list", "-k", "no-check-is-called-this").returncode == 2


def test_reset_undo_puts_the_latest_backup_back(tmp_path):
    """reset moves the student's version aside; reset --undo puts it back, for a file and for the whole stage."""
    course = make_sandbox(tmp_path)
    app = course / "stages" / "stage-01" / "app.py"
    app.write_text("# my work\n", encoding="utf-8")
    (course / "stages" / "stage-01" / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert run("reset", "stage-01", "app.py", cwd=course).returncode == 0
    assert app.read_text(encoding="utf-8") != "# my work\n"
    undone = run("reset", "--undo", "stage-01", cwd=course)
    assert undone.returncode == 0, undone.stderr
    assert app.read_text(encoding="utf-8") == "# my work\n"
    assert run("reset", "stage-01", cwd=course).returncode == 0
    assert not (course / "stages" / "stage-01" / "notes.txt").exists()
    assert run("reset", "--undo", "stage-01", cwd=course).returncode == 0
    assert app.read_text(encoding="utf-8") == "# my work\n"
    assert (course / "stages" / "stage-01" / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert run("reset", "--undo", "stage-02", cwd=course).returncode == 2


def test_show_solution_never_cuts_a_line():
    """On a narrow terminal every character of the reference code is still printed (wrapped, not cut)."""
    result = run("hint", "stage-04", "--show-solution", columns=50)
    assert result.returncode == 1
    printed = "".join(result.stdout.split())
    reference = (find_stage("stage-04").solution_dir / "app.py").read_text(encoding="utf-8")
    long_lines = [line.strip() for line in reference.splitlines() if len(line.strip()) > 60 and "--8<--" not in line]
    assert any("".join(line.split()) in printed for line in long_lines)
    assert all(len(line.rstrip()) <= 50 for line in result.stdout.splitlines())


def test_hints_link_the_served_chapter():
    """With a site address, the section is a link to the chapter page; without one, the chapter's file."""
    served = run("stage-01", GRADER_SITE_URL="http://127.0.0.1:8000/")
    assert "http://127.0.0.1:8000/chapters/stage-01/#" in " ".join(served.stdout.split())
    assert "site/chapters/stage-01.md#" in run("stage-01").stdout


def test_messages_speak_json():
    """Values in a failure are written as JSON (null, {"status": "ok"}), not as Python reprs."""
    sys.path.insert(0, str(ROOT / "checks"))
    import expect
    from grader.plugin import CheckFailed

    with pytest.raises(CheckFailed) as failed:
        expect.equal({"status": "ok", "done": True}, None, 'the "data"')
    assert failed.value.expected == 'the "data" to be null'
    assert failed.value.got == '{"status": "ok", "done": true}'
    assert expect.shown(object()).startswith("<object")


@pytest.mark.parametrize("uri", [
    "sqlite://", "sqlite:///:memory:", "sqlite:///", "sqlite:////tmp/x.db", "sqlite+pysqlite:///:memory:",
    "sqlite:///%3Amemory%3A", "postgresql://u:p@h:5432/db", "sqlite://:/", "sqlite://h:x/:memory:",
    "sqlite://h:1/:memory:", "sqlite:///:memory:?cache=shared", "sqlite:///file::memory:?uri=true",
    "SQLITE:///:memory:", "sqlite:/:memory:", "", None, 3, "sqlite://u@/:memory:", "sqlite://[::1]:5/",
    "sqlite:///:memory:#x", "sqlite://:memory:", " sqlite://", "+sqlite://", "sqlite://h: 5/", "sqlite://?a=b",
    "sqlite:///:memory:\n",
])
def test_in_memory_reads_urls_as_sqlalchemy_does(uri):
    """expect.is_in_memory parses without SQLAlchemy (a quarter of a second in the checks' process), and agrees
    with SQLAlchemy's make_url on every URL."""
    sys.path.insert(0, str(ROOT / "checks"))
    import expect
    from sqlalchemy.engine import make_url

    try:
        url = make_url(uri)
        expected = url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")
    except Exception:  # noqa: BLE001 - make_url refusing it means "not in memory"
        expected = False
    assert expect.is_in_memory(uri) is expected


@pytest.mark.filterwarnings("ignore::pytest.PytestUnknownMarkWarning")
def test_check_sources_match_inspect():
    """The plugin's one-parse-per-file source of each check is exactly what inspect.getsourcelines gives."""
    import importlib.util
    import inspect

    from grader.plugin import _function_spans

    sys.path.insert(0, str(ROOT / "checks"))
    checked = 0
    for path in sorted((ROOT / "checks").glob("stage-*/test_*.py")):
        sys.path.insert(0, str(path.parent))
        try:
            spec = importlib.util.spec_from_file_location(f"source_probe_{path.parent.name}_{path.stem}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(path.parent))
        spans = _function_spans(str(path))
        for name, function in vars(module).items():
            if name.startswith("test") and inspect.isfunction(function) and function.__module__ == module.__name__:
                lines, start = inspect.getsourcelines(function)
                assert spans[function.__code__.co_firstlineno] == ("".join(lines), start), (path, name)
                checked += 1
    assert checked > 300
