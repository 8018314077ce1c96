"""The trusted side of the worker: start it (sandboxed when possible), talk to it, and kill it on time.

Each message is 4 bytes of length, then JSON. The worker's answers are size-capped and parsed as data only; a worker
that answers late, too much, or not at all is killed (with every process it started) and started again for the next
check.
"""

import json
import os
import resource
import select
import shutil
import signal
import stat
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
STARTUP_SECONDS = 60


class WorkerGone(Exception):
    """The worker ended (crashed, exited, or was killed) before it answered."""

    def __init__(self, message: str, log: str = ""):
        self.message, self.log = message, log
        super().__init__(message)


class WorkerTimeout(Exception):
    """The worker did not answer in time; it has been killed."""


# Workers that grader/launch.py started before pytest was imported, for the checks' conftest to take.
STARTED: list["Worker"] = []


class Worker:
    """One worker process for a grading run, restarted after it is killed or dies."""

    def __init__(self, scratch: Path, base_env: dict[str, str], use_sandbox: bool, cpu_seconds: int | None = None):
        self.scratch, self.base_env, self.use_sandbox = scratch, base_env, use_sandbox
        self.cpu_seconds = cpu_seconds
        self.process: subprocess.Popen | None = None
        self.log_path = scratch / "worker-output.txt"
        self.starts = 0
        self.preload: list[str] = []
        self.ready = False

    def start(self) -> None:
        """Start the worker process, its pipe ends named on its command line."""
        to_worker_read, self.to_worker = os.pipe()
        self.from_worker, from_worker_write = os.pipe()
        command = [sys.executable, "-I", "-c", WORKER_SOURCE, str(to_worker_read), str(from_worker_write),
                   *self.preload]
        if self.use_sandbox:
            command = sandbox.wrap(command, self.scratch, self.base_env)
        log = open_log(self.log_path)
        self.ready = False
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=self.scratch,
                                        env=self.base_env, preexec_fn=self.limiter(), pass_fds=(to_worker_read,
                                                                                               from_worker_write),
                                        start_new_session=True)
        os.close(log)
        os.close(to_worker_read)
        os.close(from_worker_write)
        self.starts += 1

    def limiter(self):
        """The function a child runs before the student's code: limits that its code cannot raise again."""
        limits = dict(LIMITS)
        if self.cpu_seconds:
            limits[resource.RLIMIT_CPU] = self.cpu_seconds
        # Root may raise its own hard limits; without bubblewrap (which drops every capability), take that away.
        libc = _libc() if not self.use_sandbox and os.geteuid() == 0 else None

        def prepare():
            """In the child: set the limits, drop the capability to raise them."""
            for which, value in limits.items():
                try:
                    resource.setrlimit(which, (value, value))
                except (ValueError, OSError):
                    pass
            if libc is not None:
                libc.prctl(PR_CAPBSET_DROP, CAP_SYS_RESOURCE, 0, 0, 0)

        return prepare

    def spawn(self, command: list[str], env: dict[str, str], cwd: Path, log_path: Path) -> subprocess.Popen:
        """Start another process that runs the student's code (a WSGI server, a command-line tool) under the
        worker's protections: the same limits and sandbox, exactly env as its environment (start from base_env),
        cwd (inside scratch) as its folder, its output appended to log_path, in a process group of its own. Stop it
        with stop_process(); kill_descendants() at the end of the run takes any that is left, and it is killed
        when the process that started it dies (a grading run stopped from outside)."""
        if self.use_sandbox:
            command = sandbox.wrap(command, self.scratch, env, cwd)
        log = open_log(log_path)
        limit, libc = self.limiter(), _libc()

        def prepare():
            """In the child: the limits, and death with its parent."""
            limit()
            if libc is not None:
                libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

        try:
            return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=cwd, env=env,
                                    preexec_fn=prepare, start_new_session=True)
        finally:
            os.close(log)

    def run(self, command: list[str], env: dict[str, str], cwd: Path, log_path: Path,
            timeout: float) -> int | None:
        """spawn() a command and wait for it to end; its exit code, or None when it ran over timeout seconds (it is
        killed then, with everything it started). Its output is in log_path: read it with tail()."""
        process = self.spawn(command, env, cwd, log_path)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            stop_process(process)

    def ask(self, message: dict, timeout: float) -> dict:
        """Send one request and wait for its answer; kill the worker if it takes longer than timeout seconds."""
        if self.process is None or self.process.poll() is not None:
            self.stop()
            self.start()
        self._wait_until_ready()
        try:
            self._write(message)
        except OSError:
            self.stop()
            raise WorkerGone("The app's process ended before the request could be sent.", self.log_tail()) from None
        return self._receive(time.monotonic() + timeout)

    def post(self, message: dict) -> bool:
        """Send a request that has no answer (the worker works on it while the checks go on) if the worker is up,
        once it is ready; whether it was sent. Whatever goes wrong shows at the next ask()."""
        if self.process is None or self.process.poll() is not None:
            return False
        try:
            self._wait_until_ready()
            self._write(message)
            return True
        except (OSError, WorkerGone, WorkerTimeout):
            self.stop()
            return False

    def _wait_until_ready(self) -> None:
        """Read the worker's "ready" once its libraries are imported: that start-up, however slow the machine, is
        not charged to a check's time limit."""
        if not self.ready:
            self._receive(time.monotonic() + STARTUP_SECONDS)
            self.ready = True

    def _write(self, message: dict) -> None:
        """Write one length-prefixed request."""
        data = json.dumps(message).encode()
        os.write(self.to_worker, struct.pack(">I", len(data)) + data)

    def _receive(self, deadline: float) -> dict:
        """Read one answer before the deadline; kill the worker if it comes late, too large or malformed."""
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
            # In short steps: a worker that died while processes it started still hold the pipe open sends no EOF.
            ready = select.select([self.from_worker], [], [], min(max(left, 0), 0.1))[0] if left > 0 else []
            if not ready:
                code = self.process.poll() if self.process else None
                if code is not None:
                    self.stop()
                    raise WorkerGone(describe_exit(code), self.log_tail())
                if left > 0.1:
                    continue
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
        return tail(self.log_path, LOG_KEPT)

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


def stop_process(process: subprocess.Popen) -> None:
    """Kill a process that spawn() started, and its whole process group; wait for it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


PR_CAPBSET_DROP, CAP_SYS_RESOURCE, PR_SET_PDEATHSIG = 24, 24, 1


def _libc():
    """The C library, for prctl; None where it cannot be loaded."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True)
    except (OSError, ImportError):
        return None


# The worker's output file sits in the scratch folder, where the student's code can replace it with a link (to the
# grader's ~/.bashrc, to /proc/self/environ) or a named pipe: the trusted side opens it without following links or
# waiting on pipes, and only ever as a regular file.
SAFE_OPEN = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def open_log(path: Path) -> int:
    """The worker's output file opened for appending: a regular file, made afresh if something else took its name."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | SAFE_OPEN, 0o600)
    except OSError:
        fd = None
    if fd is not None and stat.S_ISREG(os.fstat(fd).st_mode):
        return fd
    if fd is not None:
        os.close(fd)
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        os.unlink(path)
    return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL | SAFE_OPEN, 0o600)


def tail(path: Path, limit: int) -> str:
    """The last limit bytes of a regular file, as text; nothing for a link, a named pipe or a missing file."""
    try:
        fd = os.open(path, os.O_RDONLY | SAFE_OPEN)
    except OSError:
        return ""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return ""
        os.lseek(fd, max(info.st_size - limit, 0), os.SEEK_SET)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)[-limit:].decode("utf-8", "replace")
    except OSError:
        return ""
    finally:
        os.close(fd)


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


def kill_descendants() -> None:
    """Kill every process below this one (a grading run's leftovers, daemons included)."""
    # A killed process's own children are handed to this one (a subreaper) only as it dies: look again, briefly.
    deadline = time.monotonic() + 0.25
    while True:
        children = descendants(os.getpid())
        if not children:
            break
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        for pid in children:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
        if time.monotonic() > deadline:
            break
        time.sleep(0.005)


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
