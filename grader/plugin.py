"""A pytest plugin, loaded in the grading subprocess, that records each check's result for a student to read."""

import functools
import gc
import inspect
import json
import os
import sys
import traceback
from pathlib import Path

import pytest

from .safe_output import write_atomically

# Seconds one check may run before it counts as hanging; generous, since a healthy check takes milliseconds.
DEFAULT_CHECK_TIMEOUT = 5.0


class CheckFailed(AssertionError):
    """A check's expectation was not met; carries what was expected and what happened."""

    def __init__(self, expected: str, got: str, detail: str | None = None):
        self.expected, self.got, self.detail = expected, got, detail
        super().__init__(f"Expected {expected}, got {got}.")


class CheckTimeout(BaseException):
    """A check ran past its time limit, almost always because the app never answered.

    A BaseException, so that neither the student's `except Exception` nor the import wrapper can swallow it.
    """


class AppImportError(Exception):
    """The student's app could not be imported or built."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None, code: str | None = None):
        self.message, self.file, self.line, self.code = message, file, line, code
        super().__init__(message)


def pytest_addoption(parser):
    """Register the grader's options."""
    group = parser.getgroup("grader")
    group.addoption("--target", help="folder holding the app to grade (the checks' copy, out of the app's reach)")
    group.addoption("--worker-target", help="the copy of --target that the app runs from (default: --target)")
    group.addoption("--stage", help="stage id, e.g. stage-01")
    group.addoption("--app-spec", default="app:app", help="module:attribute or module:factory()")
    group.addoption("--results", help="file to write the results to (JSON)")
    group.addoption("--check-timeout", type=float, default=DEFAULT_CHECK_TIMEOUT)
    group.addoption("--only", help="keep the checks whose name or title holds every one of these words")
    group.addoption("--scratch", help="the grading run's private folder, shared with the worker")
    group.addoption("--sandbox", action="store_true", help="run the worker under bubblewrap")
    group.addoption("--cpu-seconds", type=int, help="CPU time limit of the worker process")
    group.addoption("--ahead", action="store_true", help="two workers, each preparing the next check's app")


def pytest_configure(config):
    """Start an empty record of results."""
    config.addinivalue_line("markers", "hint(text, section, todo): advice, chapter anchor, solution region")
    config._grader = {"checks": [], "error": None}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """Keep the checks asked for (--only), then note each in collection order, with its title and hint."""
    words = (config.getoption("only") or "").lower().split()
    if words:
        kept = [item for item in items if all(word in _searchable(item) for word in words)]
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
    for item in items:
        doc = inspect.getdoc(getattr(item, "function", None)) or item.name
        marker = item.get_closest_marker("hint")
        hint = {"text": None, "section": None, "todo": None}
        if marker:
            hint["text"] = marker.args[0] if marker.args else marker.kwargs.get("text")
            hint["section"] = marker.kwargs.get("section")
            hint["todo"] = marker.kwargs.get("todo")
        code, line = _source_of(item)
        title = group_title = doc.splitlines()[0].strip()
        callspec = getattr(item, "callspec", None)
        if callspec is not None:
            title += f" [{callspec.id}]"
        item._grader = {
            "id": item.nodeid,
            "title": title,
            "group": item.nodeid.split("[")[0],
            "group_title": group_title,
            "status": "error",
            "message": "The check did not run.",
            "hint": hint,
            "file": str(Path(item.path).name),
            "line": line,
            "code": code,
        }
        config._grader["checks"].append(item._grader)


def _searchable(item) -> str:
    """A check's function name, parameters and title, lower-cased, for --only."""
    doc = inspect.getdoc(getattr(item, "function", None)) or ""
    return f"{item.name} {doc}".lower()


def _source_of(item):
    """Return a check's source code and first line number."""
    try:
        code = item.function.__code__
        span = _function_spans(code.co_filename).get(code.co_firstlineno)
        if span is not None:
            return span
        lines, start = inspect.getsourcelines(item.function)
        return "".join(lines), start
    except (OSError, TypeError, AttributeError, SyntaxError, ValueError):
        return None, None


@functools.lru_cache(maxsize=None)
def _function_spans(filename: str) -> dict[int, tuple[str, int]]:
    """Every function of a check file by its first line (its first decorator's): (source, first line), as
    inspect.getsourcelines gives them, from one parse of the file instead of one tokenizing pass per check."""
    import ast
    import linecache

    lines = linecache.getlines(filename)
    spans = {}
    for node in ast.walk(ast.parse("".join(lines))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])
            spans[start] = ("".join(lines[start - 1:node.end_lineno]), start)
    return spans


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Turn the outcome of each phase into a student-readable result."""
    report = yield
    record = getattr(item, "_grader", None)
    if record is None:
        return report
    if call.when == "call" and report.passed:
        record.update(status="pass", message=None)
    elif report.failed and call.excinfo is not None:
        target = item.config.getoption("target")
        status = "fail" if call.when == "call" else "error"
        if call.excinfo.errisinstance(AppImportError):
            status = "error"
        record.update(status=status, **explain(call.excinfo.value, target, item.config))
        session = getattr(item, "remote_session", None)
        if session is not None and session.crashes and not record.get("detail"):
            record["detail"] = crash_note(session.crashes[-1])
        if session is not None and status == "fail" and not call.excinfo.errisinstance(CheckTimeout):
            note_requests(record, session.exchanges, target)
    elif report.skipped and call.when in ("setup", "call"):
        record.update(status="skip", message=str(call.excinfo.value) if call.excinfo else "skipped")
    return report


def explain(exc: BaseException, target: str | None, config) -> dict:
    """Describe an exception raised during a check in terms a student can act on."""
    if isinstance(exc, CheckFailed):
        return {"message": str(exc), "expected": exc.expected, "got": exc.got, "detail": exc.detail}
    if isinstance(exc, CheckTimeout):
        seconds = config.getoption("check_timeout")
        return {"message": f"No answer within {seconds:g} seconds: the request seems to hang. "
                           "Look for a loop that never ends in the code this route runs."}
    if isinstance(exc, AppImportError):
        return {"message": exc.message, "file": exc.file, "line": exc.line, "code": exc.code}
    if isinstance(exc, AssertionError):
        text = str(exc).split("\nassert ")[0].strip() or "An expectation of the check was not met."
        return {"message": text}
    where = getattr(exc, "where", None) or student_frame(exc, target)
    message = f"Your code raised {type(exc).__name__}: {exc}"
    if where:
        message += f" ({where[0]}, line {where[1]})"
    return {"message": message}


def note_requests(record: dict, exchanges: list[dict], target: str | None) -> None:
    """Add to a failure what its requests show: the part not written yet that blocked it, and the request to try
    by hand (the blocking one, or else the check's last)."""
    from .diagnose import blocked_by

    blocked = blocked_by(exchanges, target, record.get("expected") or record.get("message"))
    if blocked:
        record["blocked"] = {key: blocked[key] for key in ("request", "status", "text", "todo")}
        record["request"] = blocked["sent"]
    elif exchanges:
        record["request"] = exchanges[-1]["request"]


def crash_note(crash: dict) -> str:
    """One line saying which exception the app raised while answering, and where (as the worker described it)."""
    where = crash.get("where")
    place = f" ({where[0]}, line {where[1]}: {where[2]})" if where else ""
    return f"while answering, your app raised {crash.get('type')}: {crash.get('message')}{place}"


def student_frame(exc: BaseException, target: str | None):
    """Return (relative file, line, code) of the deepest traceback frame inside the target folder."""
    if not target:
        return None
    root = Path(target).resolve()
    found = None
    if isinstance(exc, SyntaxError) and exc.filename:
        path = Path(exc.filename).resolve()
        if path.is_relative_to(root):
            return str(path.relative_to(root)), exc.lineno, (exc.text or "").strip()
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(root):
            found = (str(path.relative_to(root)), frame.lineno, (frame.line or "").strip())
    return found


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """Write the results file for the grader to read: last (the checks' conftest has stopped the student's
    processes by then), and whole, replacing whatever was put at its path."""
    config = session.config
    path = config.getoption("results")
    config._grader_exit = int(exitstatus)
    if path:
        write_atomically(Path(path), json.dumps(config._grader, indent=1))


def pytest_collection_finish(session):
    """Keep everything loaded so far out of the garbage collector's way for the rest of the run."""
    gc.freeze()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """In a grading run, leave as soon as everything is written: the interpreter's own teardown (full garbage
    collections of every module) would cost a few hundred milliseconds and change nothing."""
    if config.getoption("results", None) and hasattr(config, "_grader_exit"):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(config._grader_exit)
