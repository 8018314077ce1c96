# --- hostile: kill the process that runs the checks, after starting a daemon that should outlive it and then
# rewrite the gradebook and JUnit file that grade.py writes once it has noticed -------------------------------------
import builtins as _k_builtins
import os as _k_os
import signal as _k_signal
import sys as _k_sys

_K_DAEMON = """
import os, sys, time


def targets(under):
    # The files grade.py was asked to write (--junit, --out), from every command line in sight.
    found = set()
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                args = handle.read().decode("utf-8", "replace").split(chr(0))
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except (OSError, ValueError):
            continue
        found.update(os.path.join(cwd, args[index + 1]) for index, arg in enumerate(args[:-1])
                     if arg in ("--junit", "--out") and os.path.join(cwd, args[index + 1]).startswith(under))
    return found


marker, under, ready = sys.argv[1], sys.argv[2], int(sys.argv[3])
end = looked = time.monotonic()
end += 60
while time.monotonic() < end:
    if time.monotonic() >= looked:
        paths, looked = targets(under), time.monotonic() + 0.5
        if ready >= 0:
            os.write(ready, b"!")  # watching: the app may kill its parent now
            os.close(ready)
            ready = -1
    for path in paths:
        try:
            with open(path, errors="replace") as handle:
                if marker in handle.read():
                    continue
            with open(path, "w") as handle:
                handle.write(f"every check passed {marker}")
        except OSError:
            pass
    time.sleep(0.0005)
"""

if not getattr(_k_builtins, "_k_started", False):
    _k_builtins._k_started = True
    _k_ready, _k_write = _k_os.pipe()
    if _k_os.fork() == 0:
        _k_os.setsid()
        if _k_os.fork() == 0:
            _k_os.set_inheritable(_k_write, True)
            _k_os.execv(_k_sys.executable, [_k_sys.executable, "-c", _K_DAEMON, HOSTILE["marker"], HOSTILE["under"],
                                            str(_k_write)])
        _k_os._exit(0)
    _k_os.wait()
    _k_os.close(_k_write)
    _k_os.read(_k_ready, 1)  # until the daemon watches the files grade.py will write
    _k_os.kill(_k_os.getppid(), _k_signal.SIGKILL)
