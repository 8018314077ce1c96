"""The sandbox around the student's process: bubblewrap when the machine has it, and the environment it may see.

Under bubblewrap the worker sees only the system's programs and libraries, Python and the venv (read-only), and its
own scratch folder (read-write); it has no network, its own process ids (it cannot see or signal the grader), a
private /tmp, and dies with its parent.
"""

import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

# Variables a Flask app may legitimately need; nothing else of the grader's environment reaches the student's code.
ALLOWED_VARIABLES = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")
SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc/alternatives", "/etc/ssl",
                  "/etc/localtime")
TMP_SIZE = str(256 * 1024 * 1024)


def base_environment(scratch: Path) -> dict[str, str]:
    """The worker's environment: an allowlist of the grader's, an empty HOME and a private TMPDIR in scratch."""
    env = {name: os.environ[name] for name in ALLOWED_VARIABLES if name in os.environ}
    home, tmp = scratch / "home", scratch / "tmp"
    home.mkdir(exist_ok=True)
    tmp.mkdir(exist_ok=True)
    env.update(HOME=str(home), TMPDIR=str(tmp), PYTHONHASHSEED="0", PATH=env.get("PATH", "/usr/bin:/bin"))
    return env


@lru_cache(maxsize=1)
def available() -> str | None:
    """The path of a bubblewrap that works on this machine, or None."""
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return None
    try:
        probe = subprocess.run([bwrap, *binds(None), "--", "/bin/true"],
                               capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return bwrap if probe.returncode == 0 else None


def binds(scratch: Path | None) -> list[str]:
    """bubblewrap's arguments: namespaces, read-only system and Python, the scratch folder read-write."""
    args = ["--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--die-with-parent",
            "--new-session", "--proc", "/proc", "--dev", "/dev", "--size", TMP_SIZE, "--tmpfs", "/tmp"]
    for folder in SYSTEM_FOLDERS:
        args += ["--ro-bind-try", folder, folder]
    for prefix in sorted({sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable))}):
        args += ["--ro-bind", prefix, prefix]
    if scratch is not None:
        args += ["--bind", str(scratch), str(scratch), "--chdir", str(scratch)]
    return args


def wrap(command: list[str], scratch: Path, env: dict[str, str], cwd: Path | None = None) -> list[str]:
    """The command run inside the sandbox, with exactly env as its environment (and cwd, inside scratch, as its
    working folder; scratch by default)."""
    bwrap = available()
    if bwrap is None:
        raise RuntimeError("bubblewrap is not available")
    args = [bwrap, *binds(scratch), "--clearenv"]
    if cwd is not None:
        args[args.index("--chdir") + 1] = str(cwd)
    # Inside the sandbox /tmp is a private tmpfs of bounded size: temporary files go there.
    for name, value in {**env, "TMPDIR": "/tmp"}.items():
        args += ["--setenv", name, value]
    return args + ["--", *command]


def describe() -> str:
    """One line for doctor and for class runs: sandboxed or not, and why."""
    if available():
        return f"sandboxed with bubblewrap ({available()})"
    if shutil.which("bwrap"):
        return "NOT sandboxed: bubblewrap is installed but cannot create namespaces on this machine"
    return "NOT sandboxed: bubblewrap is not installed (Debian/Ubuntu: apt install bubblewrap)"
