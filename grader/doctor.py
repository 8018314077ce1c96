"""python grade.py doctor: check that this machine can run the course, and say how to fix what is wrong."""

import os
import re
import shutil
import socket
import sys
from importlib import metadata
from pathlib import Path

from rich.console import Console
from rich.text import Text

from .manifest import ROOT, load_stages

MIN_PYTHON = (3, 11)
PIN = re.compile(r"^\s*([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;\s*(.+))?$")


def pinned_packages(path: Path = ROOT / "requirements.txt") -> dict[str, str]:
    """Name → version for every exact pin in requirements.txt that applies to this Python."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.split("#", 1)[0]) if not line.lstrip().startswith("#") else None
        if not match:
            continue
        name, version, marker = match.groups()
        if marker and not _marker_applies(marker):
            continue
        pins[name] = version
    return pins


def _marker_applies(marker: str) -> bool:
    """Evaluate an environment marker such as python_version < "3.11"."""
    from packaging.markers import Marker

    return Marker(marker).evaluate()


def checks() -> list[tuple[bool, str, str | None]]:
    """Every check as (ok, what was found, the command that fixes it)."""
    results = []
    version = ".".join(map(str, sys.version_info[:3]))
    results.append((sys.version_info[:2] >= MIN_PYTHON, f"Python {version}",
                    "install Python 3.11 or newer, then run ./setup.sh"))
    in_venv = Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()
    results.append((in_venv, f"running in {sys.prefix}",
                    "use the project's environment: .venv/bin/python grade.py ... (or source .venv/bin/activate)"))
    wrong = []
    for name, wanted in pinned_packages().items():
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            found = None
        if found != wanted:
            wrong.append(f"{name} {found or 'missing'} (wants {wanted})")
    results.append((not wrong, "all pinned packages at their versions" if not wrong else "; ".join(wrong),
                    "./setup.sh (or .venv/bin/pip install -r requirements.txt)"))
    missing = [stage.id for stage in load_stages() if not stage.starter_dir.is_dir()]
    results.append((not missing, "stage folders present" if not missing else f"missing: {', '.join(missing)}",
                    "restore them from the repository: git checkout -- stages/"))
    results.append(_stage_folders_writable())
    results.append(_port_free(5000))
    results.append(_httpie())
    results.append(_sandbox())
    return results


def _stage_folders_writable() -> tuple[bool, str, str | None]:
    """Flask creates instance/ folders (and SQLite files) inside the stage folders: they must be writable."""
    blocked = [stage.id for stage in load_stages()
               if stage.starter_dir.is_dir() and not os.access(stage.starter_dir, os.W_OK | os.X_OK)]
    if blocked:
        return (False, f"cannot write in: {', '.join(blocked)} (instance folders and databases go there)",
                f"chmod -R u+w {ROOT / 'stages'}")
    return (True, "stage folders writable (instance folders and databases)", None)


def _httpie() -> tuple[bool, str, str | None]:
    """httpie's `http` command, used on every chapter page."""
    found = shutil.which("http", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found:
        return (True, f"httpie available ({found})", None)
    return (False, "httpie's `http` command not found", "./setup.sh (it installs httpie into .venv)")


def _sandbox() -> tuple[bool, str, str | None]:
    """Report how grading contains student code; only advice, since a student grades their own code."""
    from .sandbox import available, describe

    note = "" if available() else " (fine for your own code; to grade others' submissions: apt install bubblewrap)"
    return True, f"student code runs {describe()}{note}", None


def _port_free(port: int) -> tuple[bool, str, str | None]:
    """Whether flask run can listen on the port, and if not, which process holds it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            holder = port_holder(port)
            who = f" by {holder}" if holder else ""
            fix = f"stop that server (kill {holder.split()[1]})" if holder else "stop the other server"
            return (False, f"port {port} is in use{who}", f"{fix}, or run on another port: flask run --port 5001")
    return (True, f"port {port} is free", None)


def port_holder(port: int) -> str | None:
    """'pid N (command)' of the process listening on a TCP port, read from /proc (Linux); None if unknown."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # 0A: LISTEN
                inodes.add(fields[9])
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd).removeprefix("socket:[").removesuffix("]") in inodes:
                    command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
                    return f"pid {proc.name} ({command[:80]})"
        except OSError:
            continue
    return None


def run_doctor(console: Console) -> int:
    """Print each check with its fix; return 0 when all pass, 1 otherwise."""
    console.print(Text("Checking your set-up for the course", style="bold"))
    problems = 0
    for ok, found, fix in checks():
        if ok:
            console.print(Text.assemble(("  ✓ ", "green"), found))
        else:
            problems += 1
            console.print(Text.assemble(("  ✗ ", "bold red"), found))
            console.print(Text.assemble(("      fix: ", "dim"), (fix or "", "cyan")))
    console.print("All good." if not problems else f"{problems} problem(s) found.")
    return 0 if not problems else 1
