"""Every curl and HTTPie request shown on the site runs against the stage's solution and gets the status it shows.

The requests live in solutions/<stage>/requests.sh, in snippet sections the chapter pages include. Each section
holds one command and an "# expect: CODE" line. Sections run in file order against one fresh server.
"""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import STAGES
from test_starters import free_port, wait_for

SECTION = re.compile(r"# --8<-- \[start:(?P<name>[a-z][-_0-9a-z]*)\]\n(?P<body>.*?)# --8<-- \[end:(?P=name)\]", re.S)
EXPECT = re.compile(r"^# expect: (\d{3})$", re.M)
HTTPIE_EXIT = {2: 0, 3: 3, 4: 4, 5: 5}


def request_sections(path: Path) -> list[tuple[str, str, int]]:
    """(name, command, expected status) for each section of a requests.sh file."""
    found = []
    for match in SECTION.finditer(path.read_text(encoding="utf-8")):
        body = match["body"]
        expected = EXPECT.search(body)
        assert expected, f"{path}: section {match['name']} has no '# expect: CODE' line"
        command = " ".join(line.rstrip("\\").strip() for line in body.splitlines()
                           if line.strip() and not line.lstrip().startswith("#"))
        found.append((match["name"], command, int(expected.group(1))))
    return found


def run_request(command: str, port: int, expected: int, env: dict) -> None:
    """Run one documented command against the server on port and compare its status with the expected one."""
    command = command.replace("127.0.0.1:5000", f"127.0.0.1:{port}").replace(" :5000", f" :{port}")
    command = command.replace('":5000', f'":{port}')
    words = shlex.split(command)
    if words[0] == "curl":
        assert "-i" in words, f"show the status line: use curl -i in {command!r}"
        result = subprocess.run(words + ["-sS"], capture_output=True, text=True, timeout=30, env=env)
        assert result.returncode == 0, result.stderr
        status_line = result.stdout.splitlines()[0]
        assert status_line.split()[1] == str(expected), f"{command}: {result.stdout[:500]}"
    elif words[0] == "http":
        result = subprocess.run([sys.executable, "-m", "httpie", "--ignore-stdin", "--check-status"] + words[1:],
                                capture_output=True, text=True, timeout=30, env=env)
        assert result.returncode == HTTPIE_EXIT[expected // 100], f"{command}: {result.stdout[:500]}{result.stderr}"
    else:
        raise AssertionError(f"only curl and http commands belong in requests.sh, not {command!r}")


STAGES_WITH_REQUESTS = [pytest.param(s, id=s.id) for s in STAGES if (s.solution_dir / "requests.sh").exists()]


@pytest.mark.parametrize("stage", STAGES_WITH_REQUESTS)
def test_documented_requests_work(stage, tmp_path):
    """Each documented request answers as the page says, curl and HTTPie alike."""
    sections = request_sections(stage.solution_dir / "requests.sh")
    assert sections
    port = free_port()
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'docs.db'}",
               DEV_DATABASE_URL=f"sqlite:///{tmp_path / 'docs.db'}", PYTHONDONTWRITEBYTECODE="1",
               HOME=str(tmp_path))
    server = subprocess.Popen([sys.executable, "-m", "flask", "--app", stage.flask_app, "run", "--port", str(port)],
                              cwd=stage.solution_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              stdin=subprocess.DEVNULL)
    try:
        assert wait_for(f"http://127.0.0.1:{port}{stage.smoke}") is not None
        for name, command, expected in sections:
            run_request(command, port, expected, env)
    finally:
        server.terminate()
        server.wait(timeout=10)
