"""Run a stage's app with `flask run` on a free port, as a student would, against a temporary database."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 15.0) -> int | None:
    """Poll url until the server answers; return the status code (None if it never does)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            time.sleep(0.1)
    return None


def server_env(scratch: Path) -> dict:
    """The environment for a served app: every database setting points into scratch; HOME too (httpie's config)."""
    database = f"sqlite:///{scratch / 'served.db'}"
    return dict(os.environ, DATABASE_URL=database, DEV_DATABASE_URL=database, PYTHONDONTWRITEBYTECODE="1",
                HOME=str(scratch))


@contextlib.contextmanager
def serving(stage, folder: Path, scratch: Path):
    """Run the manifest's `prepare` flask commands, then `flask run`; yield (port, env, output lines so far)."""
    env = server_env(scratch)
    flask = [sys.executable, "-m", "flask", "--app", stage.flask_app]
    for command in stage.prepare:
        subprocess.run(flask + command.split(), cwd=folder, env=env, check=True, capture_output=True, timeout=120,
                       stdin=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen(flask + ["run", "--port", str(port)], cwd=folder, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    output: list[str] = []
    try:
        yield port, env, output
    finally:
        server.terminate()
        output.append(server.communicate(timeout=10)[0].decode(errors="replace"))
