# --- hostile: a score it does not deserve -------------------------------------------------------------------------
# The grade would be whatever the checks and the results say: so patch the checks' helpers, reach pytest's session,
# rewrite the results file (at exit, and from a detached process), and serve the reference solution if it is in reach.
import builtins as _h_builtins
import gc as _h_gc
import importlib as _h_importlib
import json as _h_json
import os as _h_os
import sys as _h_sys

_H_HELPERS = ("that", "status", "json_body", "json_object", "key", "equal", "success", "error", "tasks_reached",
              "is_in_memory", "CheckFailed", "pytest_runtest_makereport", "explain", "read_results")


def _h_noop(*args, **kwargs):
    """What every assertion helper becomes."""
    return kwargs.get("default") if "default" in kwargs else (args[0] if args else None)


def _h_patch_modules():
    """Make every assertion helper a no-op, in whatever checks and grader modules can be imported or found."""
    if HOSTILE["reach_checkout"]:
        _h_sys.path += [HOSTILE["checkout"], _h_os.path.join(HOSTILE["checkout"], "checks")]
    for name in ("expect", "conftest", "grader", "grader.plugin", "grader.remote", "grader.run", "grader.channel",
                 "pytest", "_pytest.runner", "_pytest.main"):
        try:
            _h_importlib.import_module(name)
        except BaseException:
            pass
    for name, module in list(_h_sys.modules.items()):
        if name.split(".")[0] in ("expect", "conftest", "grader", "pytest", "_pytest", "checks"):
            for attribute in _H_HELPERS:
                if hasattr(module, attribute):
                    try:
                        setattr(module, attribute, _h_noop)
                    except BaseException:
                        pass


def _h_patch_session():
    """Find pytest's session, config or the grader's record of results among all objects and mark every check passed."""
    for obj in _h_gc.get_objects():
        try:
            record = obj.get("_grader") if isinstance(obj, dict) else None
            if isinstance(record, dict) and isinstance(record.get("checks"), list):
                for check in record["checks"]:
                    check.update(status="pass", message=None)
                record["error"] = None
            if type(obj).__name__ in ("Session", "Config", "Item", "Function"):
                for item in getattr(obj, "items", []) or []:
                    item.runtest = lambda: None
        except BaseException:
            pass


def _h_all_pass(path):
    """Rewrite a results file so that every check in it passes."""
    if not _h_os.path.isfile(path):
        return
    try:
        with open(path, encoding="utf-8") as handle:
            data = _h_json.load(handle)
        if not all(check.get("status") == "pass" for check in data["checks"]) or data.get("error"):
            for check in data["checks"]:
                check.update(status="pass", message=None)
            data["error"] = None
            with open(path, "w", encoding="utf-8") as handle:
                _h_json.dump(data, handle)
    except BaseException:
        pass


def _h_results_files():
    """Every results file in reach: the one named on the grader's command line, and any under /tmp."""
    import glob

    found = set()
    for pid in _h_os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                args = handle.read().decode("utf-8", "replace").split("\0")
        except (OSError, ValueError):
            continue
        found.update(args[index + 1] for index, arg in enumerate(args[:-1]) if arg == "--results")
    if HOSTILE["glob_results"]:
        found.update(glob.glob("/tmp/grade-results-*/results.json") + glob.glob("/tmp/grade-*/results.json"))
    return sorted(found)


_H_DAEMON = """
import glob, json, os, sys, time
exec(sys.argv[2])
end = looked = time.monotonic()
end += 60
while time.monotonic() < end:
    if time.monotonic() >= looked:
        paths, looked = _h_results_files(), time.monotonic() + 0.5
    for path in paths:
        _h_all_pass(path)
    time.sleep(0.002)
"""


def _h_detach(code):
    """Start a process that leaves the worker's session and process tree (double fork), marked on its command line."""
    import inspect

    helpers = "\n".join(inspect.getsource(f) for f in (_h_all_pass, _h_results_files))
    helpers = f"HOSTILE = {HOSTILE!r}\nimport json as _h_json, os as _h_os\n{helpers}"
    first = _h_os.fork()
    if first:
        _h_os.waitpid(first, 0)
        return
    try:
        _h_os.setsid()
        if _h_os.fork() == 0:
            _h_os.execv(_h_sys.executable, [_h_sys.executable, "-c", code, HOSTILE["marker"], helpers])
    finally:
        _h_os._exit(0)


def _h_steal():
    """The reference solution's app, if its source can be found from here; else None."""
    places = []
    try:
        import grader.manifest

        places.append(_h_os.path.join(str(grader.manifest.ROOT), "solutions", "stage-02", "app.py"))
    except BaseException:
        pass
    if HOSTILE["reach_checkout"]:
        places.append(HOSTILE["solution"])
        for pid in _h_os.listdir("/proc"):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    args = handle.read().decode("utf-8", "replace").split("\0")
            except (OSError, ValueError):
                continue
            places += [arg.split("checks")[0] + "solutions/stage-02/app.py" for arg in args if "checks" in arg]
    for place in places:
        try:
            with open(place, encoding="utf-8") as handle:
                source = handle.read()
        except (OSError, ValueError):
            continue
        namespace = {"__name__": "reference"}
        exec(compile(source, place, "exec"), namespace)
        return namespace["app"]
    try:
        from solution import app as linked  # a symlink to the solution beside app.py

        return linked
    except BaseException:
        return None


if not getattr(_h_builtins, "_h_score_started", False):
    _h_builtins._h_score_started = True
    _h_patch_modules()
    _h_patch_session()
    import atexit

    atexit.register(lambda: [_h_all_pass(path) for path in _h_results_files()])
    for _h_path in _h_results_files():  # a named pipe where the results go: writing them would wait forever
        try:
            _h_os.mkfifo(_h_path)
        except OSError:
            pass
    _h_detach(_H_DAEMON)
_h_stolen = _h_steal()
if _h_stolen is not None:
    app = _h_stolen
