"""Copy a submission into a scratch folder without trusting it: no links followed, no special files, bounded size."""

import os
import shutil
import stat
from pathlib import Path

# What never belongs in a graded copy: caches, version control, virtual environments, the student's own data.
SKIPPED_NAMES = {"__pycache__", ".git", ".venv", "venv", "instance", ".grade-backups", "node_modules",
                 ".pytest_cache", ".mypy_cache"}
SKIPPED_SUFFIXES = (".db", ".sqlite3", ".sqlite", ".pyc")
MAX_DEPTH = 12
MAX_FILES = 3000
MAX_BYTES = 64 * 1024 * 1024


class CopyRefused(Exception):
    """The submission is too large or too deep to grade."""


def safe_copy(source: Path, destination: Path) -> list[str]:
    """Copy source into destination (created); return the names of what was left out and why."""
    left_out: list[str] = []
    counts = {"files": 0, "bytes": 0}
    destination.mkdir(parents=True)
    _copy_folder(source, destination, 0, counts, left_out)
    return left_out


def _copy_folder(source: Path, destination: Path, depth: int, counts: dict, left_out: list[str]) -> None:
    """Copy one folder's regular files and folders, recursively, within the limits."""
    if depth > MAX_DEPTH:
        raise CopyRefused(f"folders nested deeper than {MAX_DEPTH} levels")
    with os.scandir(source) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name in SKIPPED_NAMES or entry.name.endswith(SKIPPED_SUFFIXES):
                continue
            info = entry.stat(follow_symlinks=False)
            target = destination / entry.name
            if stat.S_ISDIR(info.st_mode):
                target.mkdir()
                _copy_folder(Path(entry.path), target, depth + 1, counts, left_out)
            elif stat.S_ISREG(info.st_mode):
                counts["files"] += 1
                counts["bytes"] += info.st_size
                if counts["files"] > MAX_FILES:
                    raise CopyRefused(f"more than {MAX_FILES} files")
                if counts["bytes"] > MAX_BYTES:
                    raise CopyRefused(f"more than {MAX_BYTES // 1024 // 1024} MB of files")
                _copy_file(entry.path, target)
            else:
                kind = "a link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
                left_out.append(f"{printable(os.path.relpath(entry.path, source))} ({kind})")


def _copy_file(source: str, target: Path) -> None:
    """Copy one regular file's bytes without following a link that replaced it meanwhile."""
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return
        with os.fdopen(fd, "rb", closefd=False) as reader, open(target, "wb") as writer:
            shutil.copyfileobj(reader, writer)
    finally:
        os.close(fd)


def printable(name: str) -> str:
    """A file or folder name safe to print or write: undecodable bytes escaped, control characters replaced."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(char if char.isprintable() else "?" for char in text)


def remove_tree(path: Path) -> None:
    """Remove a scratch folder, even the parts the graded code made read-only."""
    def retry(function, failed, _exc):
        """Make the parent writable and try once more."""
        try:
            os.chmod(os.path.dirname(failed), 0o700)
            os.chmod(failed, 0o700)
            function(failed)
        except OSError:
            pass

    shutil.rmtree(path, onerror=retry)
