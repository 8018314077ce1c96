"""python grade.py STAGE --watch: grade again each time a file in the stage folder is saved."""

import threading
import time
from pathlib import Path

from rich.console import Console
from rich.text import Text
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from .report import print_outcome
from .run import grade

IGNORED_PARTS = {"__pycache__", ".pytest_cache", "instance", ".git"}
IGNORED_SUFFIXES = {".pyc", ".db", ".sqlite", ".sqlite3", ".db-journal", ".swp", ".swo", ".swx", ".tmp", ".bak"}
CHANGE_EVENTS = {"created", "modified", "moved", "deleted", "closed"}
# Editors save in bursts (temp file, rename, touch); wait this long after the last event before grading.
DEBOUNCE_SECONDS = 0.15


def is_relevant(path: str) -> bool:
    """Whether a changed path is the student's work rather than a cache, a database or an editor's temp file."""
    candidate = Path(path)
    name = candidate.name
    if IGNORED_PARTS.intersection(candidate.parts) or candidate.suffix in IGNORED_SUFFIXES:
        return False
    return not (name.endswith("~") or name.startswith(".#") or name == "4913" or name.startswith(".goutputstream"))


class SaveListener(FileSystemEventHandler):
    """Collects relevant file events and remembers when the last one arrived."""

    def __init__(self):
        self.changed = threading.Event()
        self.last_event = 0.0

    def on_any_event(self, event):
        """Note a save; ignore opens, reads and irrelevant files."""
        if event.event_type not in CHANGE_EVENTS or event.is_directory:
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        if any(path and is_relevant(path) for path in paths):
            self.last_event = time.monotonic()
            self.changed.set()

    def wait_for_quiet_save(self) -> None:
        """Block until a save happened and no further event came for the debounce interval."""
        self.changed.wait()
        while time.monotonic() - self.last_event < DEBOUNCE_SECONDS:
            time.sleep(DEBOUNCE_SECONDS / 3)
        self.changed.clear()


def changes(before: dict[str, str], after: dict[str, str], titles: dict[str, str] | None = None) -> list[str]:
    """Lines describing checks whose state changed between two runs, each named by its title."""
    lines = []
    titles = titles or {}
    for check_id, status in after.items():
        previous = before.get(check_id)
        if previous is not None and previous != status:
            name = titles.get(check_id) or check_id.split("::")[-1]
            lines.append(f"{'now passing' if status == 'pass' else 'now failing'}: {name}")
    return lines


def watch(stage, target: Path, console: Console, *, poll: bool = False, display: dict | None = None,
          **options) -> int:
    """Grade, then re-grade on every save until Ctrl+C: each run on a cleared screen, in the short form (or as
    `display` asks: full, curl, selected)."""
    listener = SaveListener()
    observer = PollingObserver(timeout=0.5) if poll else Observer()
    observer.schedule(listener, str(target), recursive=True)
    observer.start()
    previous: dict[str, str] = {}
    saved_at = None
    try:
        while True:
            outcome = grade(stage, target, **options)
            if options.get("check_filter") and not outcome.checks and not outcome.error:
                console.print(f"grade.py: -k {options['check_filter']} selects no check of {stage.id}: "
                              f"`python grade.py {stage.id} --list` shows their names and titles.", markup=False)
                return 2
            console.clear()
            print_outcome(outcome, console, **(display or {}))
            current = {check["id"]: check["status"] for check in outcome.checks} if not outcome.error else {}
            titles = {check["id"]: check["title"] for check in outcome.checks}
            for line in changes(previous, current, titles):
                console.print(Text(f"  {line}", style="green" if line.startswith("now passing") else "red"))
            previous = current or previous
            mode = "polling" if poll else "watching"
            took = f" · result {time.monotonic() - saved_at:.2f}s after the save" if saved_at else ""
            console.print(Text(f"[{mode} {target} — save a file to grade again, Ctrl+C to stop{took}]", style="dim"))
            listener.wait_for_quiet_save()
            saved_at = listener.last_event
    except KeyboardInterrupt:
        console.print("\nStopped watching.")
        return 0
    finally:
        observer.stop()
        observer.join(timeout=2)
