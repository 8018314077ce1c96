"""grade.py STAGE --watch: re-grades on save, reports what changed, survives a broken save, stops on Ctrl+C."""

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from grader.manifest import ROOT, find_stage
from grader.watch import is_relevant

STAGE = find_stage("stage-01")
READY = "save a file to grade again"


def ctrl_c_works():
    """Let the child take SIGINT as a terminal's would: a shell's background job (CI run with &) ignores it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watcher:
    """A running `grade.py --watch` whose output lines can be awaited."""

    def __init__(self, folder, *extra):
        env = dict(os.environ, COLUMNS="200")
        self.process = subprocess.Popen(
            [sys.executable, "grade.py", STAGE.id, "--watch", "--path", str(folder), *extra],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, stdin=subprocess.DEVNULL,
            preexec_fn=ctrl_c_works)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        """Forward every output line to the queue."""
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, seconds: float = 30) -> str:
        """Collect output until a line containing text arrives; return what was collected."""
        seen, deadline = [], time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return "".join(seen)
        raise AssertionError(f"never saw {text!r}; output was:\n{''.join(seen)}")

    def stop(self) -> int:
        """Press Ctrl+C and return the exit status."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=20)


@pytest.mark.parametrize("mode", [[], ["--poll"]], ids=["events", "polling"])
def test_watch_regrades_on_save(tmp_path, mode):
    """A save triggers a new grade that names the checks that changed; a broken save shows the error and
    watching goes on; Ctrl+C stops cleanly."""
    folder = tmp_path / "work"
    shutil.copytree(STAGE.starter_dir, folder)
    watcher = Watcher(folder, *mode)
    try:
        first = watcher.wait_for(READY)
        assert "✗" in first
        (folder / "app.py").write_text((STAGE.solution_dir / "app.py").read_text(encoding="utf-8"), encoding="utf-8")
        second = watcher.wait_for(READY)
        assert "now passing" in second and "All checks pass" in second
        assert "after the save" in second
        (folder / "app.py").write_text("def broken(:\n", encoding="utf-8")
        third = watcher.wait_for(READY)
        assert "could not be loaded" in third and "SyntaxError" in third
    finally:
        status = watcher.stop()
    assert status == 0
    assert "Stopped watching" in watcher.wait_for("Stopped watching", seconds=5)


def test_ignored_files_do_not_trigger_grading():
    """Caches, databases and editor temp files are not the student's work."""
    for path in ["x/__pycache__/app.cpython-311.pyc", "x/instance/tasks.db", "x/.app.py.swp", "x/app.py~",
                 "x/.#app.py", "x/4913", "x/tasks.sqlite3"]:
        assert not is_relevant(path), path
    for path in ["x/app.py", "x/app/models.py", "x/requests.sh"]:
        assert is_relevant(path), path
