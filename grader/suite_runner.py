"""The suite runner: the process that runs a student's test suite, many times, for grader/suite.py.

Started by grader/suite.py as `python -I -B -c SOURCE REQUESTS REPLIES MODULE...` inside the same protections as the
app worker (bubblewrap when available, the allowlisted environment, resource limits, its own session). It imports
the libraries the suites need once (pytest, Flask, SQLAlchemy, ...), never any student code, then waits for
requests. Each "run" request forks a child that closes both pipes, takes its own process group and CPU limit, and
runs pytest.main() in the run's folder with its output in a file: the student's tests run only in that child, which
starts from the clean, already-imported state of this process. This process reports each child's pid when it
starts and its exit status when it ends, and kills a child's process group when asked. Standard library only, apart
from the preloaded modules.
"""

import json
import os
import resource
import select
import signal
import struct
import sys

REQUESTS, REPLIES = int(sys.argv[1]), int(sys.argv[2])
for _name in sys.argv[3:]:
    try:
        __import__(_name)
    except Exception:  # noqa: BLE001 - a library that cannot be imported is imported (and fails) in the run
        pass
try:
    # As in the app worker: Werkzeug's default scrypt costs ~0.1 s per hash, in every run of every register test.
    # The hashes stay real (the cost is written into each); only the time changes.
    import werkzeug.security as _security

    _security.generate_password_hash.__defaults__ = ("scrypt:1024:8:1",
                                                     _security.generate_password_hash.__defaults__[1])
except Exception:  # noqa: BLE001
    pass
children: dict[int, int] = {}
pending = b""


def send(message: dict) -> None:
    """Write one length-prefixed JSON message to the reply pipe."""
    data = json.dumps(message).encode()
    data = struct.pack(">I", len(data)) + data
    while data:
        data = data[os.write(REPLIES, data):]


def run_child(request: dict) -> None:
    """In the forked child: cut every tie to this process, then run pytest and exit with its status."""
    code = 3
    try:
        os.close(REQUESTS)
        os.close(REPLIES)
        os.setpgid(0, 0)
        cpu = int(request.get("cpu_seconds") or 60)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        output = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.close(output)
        os.environ.update(request.get("env") or {})
        import tempfile

        tempfile.tempdir = None
        os.chdir(request["cwd"])
        import pytest

        sys.argv = ["pytest", *request["args"]]
        code = int(pytest.main(request["args"]))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - whatever happened, the child must end here, never return to the loop
        code = 3
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def handle(request: dict) -> None:
    """Start a run, or kill one."""
    if request.get("op") == "run":
        pid = os.fork()
        if pid == 0:
            run_child(request)
        children[pid] = request["id"]
        send({"op": "started", "id": request["id"], "pid": pid})
    elif request.get("op") == "kill":
        for pid, number in children.items():
            if number == request["id"]:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass


def reap() -> None:
    """Report every child that has ended."""
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        number = children.pop(pid, None)
        if number is not None:
            # Anything the run left behind in its process group goes with it.
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            code = os.waitstatus_to_exitcode(status)
            send({"op": "done", "id": number, "status": code})


def main() -> None:
    """Serve requests until the grader closes the pipe; then kill every run still going."""
    global pending
    import gc

    gc.freeze()
    while True:
        ready = select.select([REQUESTS], [], [], 0.02)[0]
        if ready:
            chunk = os.read(REQUESTS, 1 << 16)
            if not chunk:
                break
            pending += chunk
            while len(pending) >= 4:
                (size,) = struct.unpack(">I", pending[:4])
                if len(pending) < 4 + size:
                    break
                message, pending = pending[4:4 + size], pending[4 + size:]
                handle(json.loads(message))
        reap()
    for pid in list(children):
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    os._exit(0)


main()
