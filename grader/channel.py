"""The trusted side of the worker: start it (sandboxed when possible), talk to it, and kill it on time.

Each message is 4 bytes of length, then JSON. The worker's answers are size-capped and parsed as data only; a worker
that answers late, too much, or not at all is killed (with every process it started) and started again for the next
check.
"""

import json
import os
import resource
import select
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

from . import sandbox

WORKER_SOURCE = (Path(__file__).with_name("worker.py")).read_text(encoding="utf-8")
ANSWER_LIMIT = 16 * 1024 * 1024
# What the student's process may use: generous for a Flask app, small enough to protect the machine.
LIMITS = {
    resource.RLIMIT_AS: 3 * 1024 ** 3,
    resource.RLIMIT_FSIZE: 64 * 1024 ** 2,
    resource.RLIMIT_NOFILE: 512,
    resource.RLIMIT_CORE: 0,
}
LOG_KEPT = 20_000


class WorkerGone(Exception):
    """The worker ended (crashed, exited, or was killed) before it answered."""

    def __init__(self, message: str, log: str = ""):
        self.message, self.log = message, log
        super().__init__(message)


class WorkerTimeout(Exception):
    """The worker did not answer in time; it has been killed."""


class Worker:
    """One worker process for a grading run, restarted after it is killed or dies."""

    def __init__(self, scratch: Path, base_env: dict[str, str], use_sandbox: bool, cpu_seconds: int | None = None):
        self.scratch, self.base_env, self.use_sandbox = scratch, base_env, use_sandbox
        self.cpu_seconds = cpu_seconds
        self.process: subprocess.Popen | None = None
        self.log_path = scratch / "worker-output.txt"
        self.starts = 0
        self.preload: list[str] = []

    def start(self) -> None:
        """Start the worker process, its pipe ends named on its command line."""
        to_worker_read, self.to_worker = os.pipe()
        self.from_worker, from_worker_write = os.pipe()
        command = [sys.executable, "-I", "-c", WORKER_SOURCE, str(to_worker_read), str(from_worker_write),
                   *self.preload]
        if self.use_sandbox:
            command = sandbox.wrap(command, self.scratch, self.base_env)
        log = open(self.log_path, "ab")
        limits = dict(LIMITS)
        if self.cpu_seconds:
            limits[resource.RLIMIT_CPU] = self.cpu_seconds

        def prepare():
            """In the child: limits that its code cannot raise again."""
            for which, value in limits.items():
                try:
                    resource.setrlimit(which, (value, value))
                except (ValueError, OSError):
                    pass

        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=self.scratch,
                                        env=self.base_env, preexec_fn=prepare, pass_fds=(to_worker_read,
                                                                                        from_worker_write),
                                        start_new_session=True)
        log.close()
        os.close(to_worker_read)
        os.close(from_worker_write)
        self.starts += 1

    def ask(self, message: dict, timeout: float) -> dict:
        """Send one request and wait for its answer; kill the worker if it takes longer than timeout seconds."""
        if self.process is None or self.process.poll() is not None:
            self.stop()
            self.start()
        data = json.dumps(message).encode()
        try:
            os.write(self.to_worker, struct.pack(">I", len(data)) + data)
        except OSError:
            self.stop()
            raise WorkerGone("The app's process ended before the request could be sent.", self.log_tail()) from None
        deadline = time.monotonic() + timeout
        header = self._read(4, deadline)
        (size,) = struct.unpack(">I", header)
        if size > ANSWER_LIMIT:
            self.stop()
            raise WorkerGone(f"The app's process sent an answer of {size} bytes, over the limit.")
        try:
            answer = json.loads(self._read(size, deadline))
        except ValueError:
            self.stop()
            raise WorkerGone("The app's process sent an answer that is not valid JSON.") from None
        if not isinstance(answer, dict):
            self.stop()
            raise WorkerGone("The app's process sent an answer of the wrong shape.")
        return answer

    def _read(self, count: int, deadline: float) -> bytes:
        """Read count bytes from the worker before the deadline."""
        data = b""
        while len(data) < count:
            left = deadline - time.monotonic()
            ready = select.select([self.from_worker], [], [], max(left, 0))[0] if left > 0 else []
            if not ready:
                self.stop()
                raise WorkerTimeout()
            chunk = os.read(self.from_worker, min(count - len(data), 1 << 20))
            if not chunk:
                code = self.process.wait() if self.process else None
                self.stop()
                raise WorkerGone(describe_exit(code), self.log_tail())
            data += chunk
        return data

    def log_tail(self) -> str:
        """The end of what the student's code printed."""
        try:
            with open(self.log_path, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                handle.seek(max(handle.tell() - LOG_KEPT, 0))
                return handle.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self) -> None:
        """Kill the worker and its whole process group; close the pipes."""
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            self.process = None
            for fd in (self.to_worker, self.from_worker):
                try:
                    os.close(fd)
                except OSError:
                    pass


def describe_exit(code: int | None) -> str:
    """Why the worker ended, in a student's terms."""
    if code is None:
        return "The app's process ended unexpectedly."
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        more = {"SIGXCPU": " (its CPU time limit)", "SIGKILL": " (a memory or time limit)",
                "SIGXFSZ": " (it wrote a file over the size limit)"}.get(name, "")
        return f"The app's process was stopped by {name}{more}."
    return f"The app's process exited with code {code} (does the code call exit() or os._exit()?)."


def kill_descendants() -> int:
    """Kill every process below this one (a grading run's leftovers, daemons included); return how many."""
    killed = 0
    for _ in range(5):
        children = descendants(os.getpid())
        if not children:
            break
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except (ProcessLookupError, PermissionError):
                pass
        for pid in children:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
        time.sleep(0.05)
    return killed


def descendants(root: int) -> list[int]:
    """The ids of every live process whose parent chain leads to root."""
    parents = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                if fields[0] != b"Z":
                    parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent:
                found.append(pid)
                frontier.append(pid)
    return found


def become_subreaper() -> None:
    """Adopt every orphan below this process (a daemon that double-forks), so kill_descendants still finds it."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass
