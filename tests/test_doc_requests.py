"""Every curl and HTTPie request shown on the site runs against the stage's solution and gets the status it shows.

The requests live in solutions/<stage>/requests.sh, in snippet sections the chapter pages include. Each section
holds one command and an "# expect: CODE" line. Sections run in file order against one fresh server.
A section may also hold "# save: NAME=key": the JSON answer's "key" (at the top level or under "data") is kept,
and later commands use it as $NAME, as a reader would after `export NAME=...` (a token from a login, say).
"""

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import STAGES
from server import serving, wait_for

SECTION = re.compile(r"# --8<-- \[start:(?P<name>[a-z][-_0-9a-z]*)\]\n(?P<body>.*?)# --8<-- \[end:(?P=name)\]", re.S)
EXPECT = re.compile(r"^# expect: (\d{3})$", re.M)
SAVE = re.compile(r"^# save: ([A-Z_][A-Z0-9_]*)=([A-Za-z_][A-Za-z0-9_]*)$", re.M)
VARIABLE = re.compile(r"\$\{?([A-Z_][A-Z0-9_]*)\}?")
HTTPIE_EXIT = {2: 0, 3: 3, 4: 4, 5: 5}


def request_sections(path: Path) -> list[tuple[str, str, int, list[tuple[str, str]]]]:
    """(name, command, expected status, values to save) for each section of a requests.sh file."""
    found = []
    for match in SECTION.finditer(path.read_text(encoding="utf-8")):
        body = match["body"]
        expected = EXPECT.search(body)
        assert expected, f"{path}: section {match['name']} has no '# expect: CODE' line"
        command = " ".join(line.rstrip("\\").strip() for line in body.splitlines()
                           if line.strip() and not line.lstrip().startswith("#"))
        found.append((match["name"], command, int(expected.group(1)), SAVE.findall(body)))
    return found


def run_request(command: str, port: int, expected: int, env: dict, saved: dict[str, str]) -> str:
    """Run one documented command against the server on port, compare its status with the expected one, and
    return the response body."""
    missing = [name for name in VARIABLE.findall(command) if name not in saved]
    assert not missing, f"{command!r} uses {missing} before a section saves them"
    command = VARIABLE.sub(lambda match: saved[match.group(1)], command)
    command = command.replace("127.0.0.1:5000", f"127.0.0.1:{port}").replace(" :5000", f" :{port}")
    command = command.replace('":5000', f'":{port}')
    words = shlex.split(command)
    if words[0] == "curl":
        assert "-i" in words, f"show the status line: use curl -i in {command!r}"
        result = subprocess.run(words + ["-sS"], capture_output=True, text=True, timeout=30, env=env)
        assert result.returncode == 0, result.stderr
        status_line = result.stdout.splitlines()[0]
        assert status_line.split()[1] == str(expected), f"{command}: {result.stdout[:500]}"
        return re.split(r"\r?\n\r?\n", result.stdout, maxsplit=1)[-1]
    elif words[0] == "http":
        result = subprocess.run([sys.executable, "-m", "httpie", "--ignore-stdin", "--check-status"] + words[1:],
                                capture_output=True, text=True, timeout=30, env=env)
        assert result.returncode == HTTPIE_EXIT[expected // 100], f"{command}: {result.stdout[:500]}{result.stderr}"
        return result.stdout
    else:
        raise AssertionError(f"only curl and http commands belong in requests.sh, not {command!r}")


def json_value(body: str, key: str, section: str) -> str:
    """The value of key in a JSON answer, at the top level or inside the success envelope's data."""
    answer = json.loads(body)
    for place in (answer, answer.get("data") if isinstance(answer.get("data"), dict) else {}):
        if key in place:
            return str(place[key])
    raise AssertionError(f"section {section}: no {key!r} in the answer {body[:300]}")


STAGES_WITH_REQUESTS = [pytest.param(s, id=s.id) for s in STAGES if (s.solution_dir / "requests.sh").exists()]


@pytest.mark.parametrize("stage", STAGES_WITH_REQUESTS)
def test_documented_requests_work(stage, tmp_path):
    """Each documented request answers as the page says, curl and HTTPie alike."""
    sections = request_sections(stage.solution_dir / "requests.sh")
    assert sections
    with serving(stage, stage.solution_dir, tmp_path) as (port, env, _):
        assert wait_for(f"http://127.0.0.1:{port}{stage.smoke}") is not None
        saved: dict[str, str] = {}
        for name, command, expected, saves in sections:
            body = run_request(command, port, expected, env, saved)
            for variable, key in saves:
                saved[variable] = json_value(body, key, name)
