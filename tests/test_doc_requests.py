"""Every request and shell snippet shown on the site runs against the stage's solution and answers as shown.

The snippets live in solutions/<stage>/requests*.sh, in snippet sections the chapter pages include. They run in
file order against one fresh `flask run` of the solution (after the manifest's `prepare` commands and the file's
own "# prepare: <flask command>" lines, e.g. init-db).

- A section holding one curl or http command must also hold "# expect: CODE"; the harness checks the status.
  It may hold "# save: NAME=key": the JSON answer's "key" (top level or under "data") becomes $NAME later on.
- Any other section is shell (e.g. `TOKEN=$(http ... | python3 -c ...)`, or a command that reads $TOKEN): it runs
  with bash, must succeed, and the variables it assigns are kept for the sections after it.
"""

import json
import os
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
PREPARE = re.compile(r"^# prepare: (.+)$", re.M)
ASSIGNED = re.compile(r"^([A-Z_][A-Z0-9_]*)=", re.M)
VARIABLE = re.compile(r"\$\{?([A-Z_][A-Z0-9_]*)\}?")
# httpie reads stdin as the body whenever stdin is not a terminal, as in these tests; a reader's terminal is one.
HTTPIE_CALL = re.compile(r"(^|\$\(|\|\s*)http\s")
HTTPIE_EXIT = {2: 0, 3: 3, 4: 4, 5: 5}


def sections_of(path: Path) -> list[dict]:
    """Each section of a requests file: name, command text, expected status (or None for shell), saves."""
    found = []
    for match in SECTION.finditer(path.read_text(encoding="utf-8")):
        body = match["body"]
        code_lines = [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        expected = EXPECT.search(body)
        command = " ".join(line.rstrip("\\").strip() for line in code_lines)
        request = command.split(" ", 1)[0] in ("curl", "http") and "$(" not in command
        assert not request or expected, f"{path.name}: section {match['name']} has no '# expect: CODE' line"
        found.append({"name": match["name"], "command": command, "script": "\n".join(code_lines),
                      "expected": int(expected.group(1)) if request else None, "saves": SAVE.findall(body)})
    return found


def with_port(text: str, port: int) -> str:
    """Point a command written for port 5000 at the test server."""
    return re.sub(r"(127\.0\.0\.1|localhost)?:5000\b", lambda m: f"{m.group(1) or ''}:{port}", text)


def run_request(command: str, port: int, expected: int, env: dict, saved: dict[str, str]) -> str:
    """Run one documented request, compare its status with the expected one, and return the response body."""
    missing = [name for name in VARIABLE.findall(command) if name not in saved]
    assert not missing, f"{command!r} uses {missing} before a section sets them"
    command = with_port(VARIABLE.sub(lambda match: saved[match.group(1)], command), port)
    words = shlex.split(command)
    if words[0] == "curl":
        assert "-i" in words, f"show the status line: use curl -i in {command!r}"
        result = subprocess.run(words + ["-sS"], capture_output=True, text=True, timeout=30, env=env)
        assert result.returncode == 0, result.stderr
        status_line = result.stdout.splitlines()[0]
        assert status_line.split()[1] == str(expected), f"{command}: {result.stdout[:500]}"
        return re.split(r"\r?\n\r?\n", result.stdout, maxsplit=1)[-1]
    result = subprocess.run([sys.executable, "-m", "httpie", "--ignore-stdin", "--check-status"] + words[1:],
                            capture_output=True, text=True, timeout=30, env=env)
    assert result.returncode == HTTPIE_EXIT[expected // 100], f"{command}: {result.stdout[:500]}{result.stderr}"
    return result.stdout


def run_shell(script: str, port: int, env: dict, saved: dict[str, str], section: str) -> None:
    """Run a shell section with the variables set so far; keep the variables it assigns."""
    assigned = ASSIGNED.findall(script)
    script = HTTPIE_CALL.sub(lambda m: f"{m.group(1)}http --ignore-stdin ", with_port(script, port))
    script = "set -eu\n" + script + "".join(f'\nprintf "%s\\0" "${name}"' for name in assigned)
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60,
                            env={**env, **saved}, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, f"section {section} failed: {result.stderr[-1000:]}"
    values = result.stdout.split("\0")[-len(assigned) - 1:-1] if assigned else []
    for name, value in zip(assigned, values):
        assert value, f"section {section} set {name} to nothing"
        saved[name] = value


def json_value(body: str, key: str, section: str) -> str:
    """The value of key in a JSON answer, at the top level or inside the success envelope's data."""
    answer = json.loads(body)
    for place in (answer, answer.get("data") if isinstance(answer.get("data"), dict) else {}):
        if key in place:
            return str(place[key])
    raise AssertionError(f"section {section}: no {key!r} in the answer {body[:300]}")


REQUEST_FILES = [pytest.param(stage, path, id=f"{stage.id}:{path.name}") for stage in STAGES
                 for path in sorted(stage.solution_dir.glob("requests*.sh"))]


@pytest.mark.parametrize(("stage", "path"), REQUEST_FILES)
def test_documented_requests_work(stage, path, tmp_path):
    """Each documented request answers as the page says, curl and HTTPie alike; shell snippets succeed."""
    sections = sections_of(path)
    assert sections
    with serving(stage, stage.solution_dir, tmp_path) as (port, env, _):
        assert wait_for(f"http://127.0.0.1:{port}{stage.smoke}") is not None
        env = dict(env, PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]))
        for command in PREPARE.findall(path.read_text(encoding="utf-8")):
            subprocess.run([sys.executable, "-m", "flask", "--app", stage.flask_app, *command.split()],
                           cwd=stage.solution_dir, env=env, check=True, capture_output=True, timeout=120)
        saved: dict[str, str] = {}
        for section in sections:
            if section["expected"] is None:
                run_shell(section["script"], port, env, saved, section["name"])
                continue
            body = run_request(section["command"], port, section["expected"], env, saved)
            for variable, key in section["saves"]:
                saved[variable] = json_value(body, key, section["name"])
