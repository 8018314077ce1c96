"""Run the requests files the site shows against a fresh server, one tab at a time, and collect the answers.

A requests file is `solutions/<stage>/requests*.sh` or `docs_src/<stage>/requests*.sh`. It is served from its own
folder exactly as the stage's solution is (the manifest's `flask_app` and `prepare`), after the file's own
"# prepare: <flask command>" lines (e.g. init-db). Its snippet sections are what the chapter pages include:

- A section named NAME-curl belongs to the curl tab, NAME-httpie to the HTTPie tab; a section with neither suffix
  belongs to both. Each tab runs alone, in file order, against its own fresh server and database, as a reader who
  follows only that tab would.
- A section holding one curl or http command must also hold "# expect: CODE"; the run checks the status. It may
  hold "# save: NAME=key": the JSON answer's "key" (top level or under "data") becomes $NAME later on.
- A request section may hold "# show: Header-Name, Other-Name": those headers of the answer are shown too, after
  Location (for headers such as X-Cache that the page is about; never for values that change from run to run).
- A request whose answer shows what the tool itself sent (its User-Agent, say) says so with a line
  "# answers differ: <why>"; its two tabs must then agree on the status only.
- Any other section is shell (e.g. `TOKEN=$(http ... | python3 -c ...)`, or a command that reads $TOKEN): it runs
  with bash, must succeed, and the variables it assigns are kept for the sections after it.

The answer of a request section is its status line, its Location header if any, the headers it shows, and its
body, JSON pretty-printed (`Answer.text`). tests/test_doc_requests.py and scripts/render_answers.py both run the files
through this module.
"""

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from grader.manifest import ROOT, Stage, load_stages
from server import serving, wait_for

TOPS = ("solutions", "docs_src")
TABS = ("curl", "httpie")
ANSWERS = ROOT / "site" / "generated" / "answers"
SHOWN_PORT = 5000

SECTION = re.compile(r"# --8<-- \[start:(?P<name>[a-z][-_0-9a-z]*)\]\n(?P<body>.*?)# --8<-- \[end:(?P=name)\]", re.S)
EXPECT = re.compile(r"^# expect: (\d{3})$", re.M)
SAVE = re.compile(r"^# save: ([A-Z_][A-Z0-9_]*)=([A-Za-z_][A-Za-z0-9_]*)$", re.M)
PREPARE = re.compile(r"^# prepare: (.+)$", re.M)
DIFFERS = re.compile(r"^# answers differ: \S.*$", re.M)
SHOW = re.compile(r"^# show: (.+)$", re.M)
ASSIGNED = re.compile(r"^([A-Z_][A-Z0-9_]*)=", re.M)
VARIABLE = re.compile(r"\$\{?([A-Z_][A-Z0-9_]*)\}?")
# httpie reads stdin as the body whenever stdin is not a terminal, as in these runs; a reader's terminal is one.
HTTPIE_CALL = re.compile(r"(^|\$\(|\|\s*)http\s")
HTTPIE_EXIT = {2: 0, 3: 3, 4: 4, 5: 5}
HEAD_BODY = re.compile(r"\r?\n\r?\n")
JWT = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+|…)")
# A token is cut on the page: a reader's own token differs anyway, and a whole one would scroll sideways.
TOKEN_SHOWN = 60
VOLATILE = [
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"), "<timestamp>"),
    (JWT, "<jwt>"),
    (re.compile(r'("expires_in":\s*)\d+'), r"\1<seconds>"),
    (re.compile(r"\b(curl|HTTPie)/\d[\w.-]*"), r"\1/<version>"),
    # Celery's job ids (and the status URLs that hold them) are new random UUIDs on every run.
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uuid>"),
]


class RequestFailed(AssertionError):
    """A documented request or shell section did not do what its file says."""


def check(condition: object, message: str) -> None:
    """Raise RequestFailed with message unless condition holds."""
    if not condition:
        raise RequestFailed(message)


@dataclass(frozen=True)
class Section:
    """One snippet section of a requests file."""

    name: str
    command: str
    script: str
    expected: int | None
    saves: tuple
    differs: bool
    shows: tuple = ()

    @property
    def tab(self) -> str | None:
        """The tab the section belongs to, or None when it belongs to both."""
        return next((tab for tab in TABS if self.name.endswith(f"-{tab}")), None)

    @property
    def base(self) -> str:
        """The name without its tab suffix: the name of the answer file."""
        return self.name.removesuffix(f"-{self.tab}") if self.tab else self.name


@dataclass(frozen=True)
class RequestFile:
    """A requests file and the stage whose manifest entry says how to serve its folder."""

    stage: Stage
    top: str
    path: Path

    @property
    def id(self) -> str:
        """A short name, e.g. docs_src/stage-04/requests.sh."""
        return f"{self.top}/{self.stage.id}/{self.path.name}"

    @property
    def answers_dir(self) -> Path:
        """Where the answers of this file's requests are kept."""
        return ANSWERS / self.top / self.stage.id / self.path.stem

    def sections(self) -> list[Section]:
        """The file's sections, in order."""
        return sections_of(self.path)

    def prepare(self) -> list[str]:
        """The file's own "# prepare:" flask commands."""
        return PREPARE.findall(self.path.read_text(encoding="utf-8"))


@dataclass
class Answer:
    """What the server answered to one request section."""

    status_line: str
    location: str | None
    body: str
    differs: bool = False
    headers: list[str] = field(default_factory=list)

    @property
    def status(self) -> int:
        """The status code."""
        return int(self.status_line.split()[1])

    def text(self) -> str:
        """The answer as the site shows it: status line, Location, shown headers, a blank line, then the body."""
        head = [self.status_line] + ([f"Location: {self.location}"] if self.location else []) + self.headers
        return "\n".join(head) + "\n\n" + pretty_body(self.body) + "\n"


@dataclass
class TabRun:
    """The answers of one tab of a requests file, by section base name; error says where the run stopped."""

    file: RequestFile
    tab: str
    answers: dict[str, Answer] = field(default_factory=dict)
    error: str | None = None


def request_files(tops: tuple[str, ...] = TOPS) -> list[RequestFile]:
    """Every requests file of every stage in the manifest, solutions/ first."""
    found = []
    for top in tops:
        for stage in load_stages():
            found += [RequestFile(stage, top, path) for path in sorted((ROOT / top / stage.id).glob("requests*.sh"))]
    return found


def sections_of(path: Path) -> list[Section]:
    """Each section of a requests file; a request without '# expect: CODE' is an error."""
    found = []
    for match in SECTION.finditer(path.read_text(encoding="utf-8")):
        body = match["body"]
        code_lines = [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        expected = EXPECT.search(body)
        command = " ".join(line.rstrip("\\").strip() for line in code_lines)
        request = command.split(" ", 1)[0] in ("curl", "http") and "$(" not in command
        check(not request or expected, f"{path.name}: section {match['name']} has no '# expect: CODE' line")
        found.append(Section(match["name"], command, "\n".join(code_lines),
                             int(expected.group(1)) if request else None, tuple(SAVE.findall(body)),
                             bool(DIFFERS.search(body)),
                             tuple(name.strip() for line in SHOW.findall(body) for name in line.split(",")
                                   if name.strip())))
    return found


def pretty_body(body: str) -> str:
    """A JSON body indented by two spaces with long tokens cut; any other body as it is; '(no body)' if empty."""
    body = body.strip()
    if not body:
        return "(no body)"
    try:
        text = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        return body
    return JWT.sub(lambda m: m[0] if len(m[0]) <= TOKEN_SHOWN else m[0][:TOKEN_SHOWN] + "…", text)


def mask(text: str) -> str:
    """The text with values that change from run to run (timestamps, tokens, lifetimes, job ids) as placeholders."""
    for pattern, placeholder in VOLATILE:
        text = pattern.sub(placeholder, text)
    return text


def with_port(text: str, port: int) -> str:
    """Point a command written for port 5000 at the running server."""
    return re.sub(rf"(127\.0\.0\.1|localhost)?:{SHOWN_PORT}\b", lambda m: f"{m.group(1) or ''}:{port}", text)


def parse_response(raw: str, port: int, shows: tuple = ()) -> Answer:
    """An Answer from a status line, headers, a blank line and a body; the port shown is put back to 5000; the
    headers named in shows are kept, in that order, as "Name: value" (or "Name: (not sent)")."""
    raw = re.sub(rf"(127\.0\.0\.1|localhost):{port}\b", rf"\1:{SHOWN_PORT}", raw)
    parts = HEAD_BODY.split(raw, maxsplit=1)
    lines, body = parts[0].splitlines(), parts[1] if len(parts) > 1 else ""
    location = next((line.split(":", 1)[1].strip() for line in lines[1:] if line.lower().startswith("location:")),
                    None)
    values = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        values.setdefault(name.strip().lower(), value.strip())
    shown = [f"{name}: {values.get(name.lower(), '(not sent)')}" for name in shows]
    return Answer(lines[0].strip() if lines else "", location, body, headers=shown)


def run_request(section: Section, port: int, env: dict, saved: dict[str, str]) -> Answer:
    """Send one documented request and check its status against the section's "# expect"."""
    command = section.command
    missing = [name for name in VARIABLE.findall(command) if name not in saved]
    check(not missing, f"{command!r} uses {missing} before a section sets them")
    command = with_port(VARIABLE.sub(lambda match: saved[match.group(1)], command), port)
    words = shlex.split(command)
    if words[0] == "curl":
        check("-i" in words, f"show the status line: use curl -i in {command!r}")
        result = subprocess.run(words + ["-sS"], capture_output=True, text=True, timeout=30, env=env,
                                stdin=subprocess.DEVNULL)
        check(result.returncode == 0, f"{command}: {result.stderr}")
    else:
        result = subprocess.run([sys.executable, "-m", "httpie", "--ignore-stdin", "--check-status", "--print=hb",
                                 *words[1:]], capture_output=True, text=True, timeout=30, env=env)
        check(result.returncode == HTTPIE_EXIT.get(section.expected // 100),
              f"{command}: exit {result.returncode}\n{result.stdout[:500]}{result.stderr[-500:]}")
    answer = parse_response(result.stdout, port, section.shows)
    check(answer.status_line.startswith("HTTP/") and answer.status == section.expected,
          f"section {section.name}: expected {section.expected}, got:\n{result.stdout[:500]}")
    return answer


def run_shell(section: Section, port: int, env: dict, saved: dict[str, str]) -> None:
    """Run a shell section with the variables set so far; keep the variables it assigns."""
    assigned = ASSIGNED.findall(section.script)
    script = HTTPIE_CALL.sub(lambda m: f"{m.group(1)}http --ignore-stdin ", with_port(section.script, port))
    script = "set -eu\n" + script + "".join(f'\nprintf "%s\\0" "${name}"' for name in assigned)
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60,
                            env={**env, **saved}, stdin=subprocess.DEVNULL)
    check(result.returncode == 0, f"section {section.name} failed: {result.stderr[-1000:]}")
    values = result.stdout.split("\0")[-len(assigned) - 1:-1] if assigned else []
    for name, value in zip(assigned, values):
        check(value, f"section {section.name} set {name} to nothing")
        saved[name] = value


def json_value(body: str, key: str, section: str) -> str:
    """The value of key in a JSON answer, at the top level or inside the success envelope's data."""
    try:
        answer = json.loads(body)
    except ValueError:
        raise RequestFailed(f"section {section}: the answer is not JSON: {body[:300]}") from None
    for place in (answer, answer.get("data") if isinstance(answer.get("data"), dict) else {}):
        if key in place:
            return str(place[key])
    raise RequestFailed(f"section {section}: no {key!r} in the answer {body[:300]}")


def run_sections(file: RequestFile, tab: str, port: int, env: dict, run: TabRun) -> None:
    """Run the file's prepare commands, then every section of the tab in order, into run.answers."""
    for command in file.prepare():
        result = subprocess.run([sys.executable, "-m", "flask", "--app", file.stage.flask_app, *command.split()],
                                cwd=file.path.parent, env=env, capture_output=True, text=True, timeout=120,
                                stdin=subprocess.DEVNULL)
        check(result.returncode == 0, f"# prepare: {command} failed: {result.stderr[-1000:]}")
    saved: dict[str, str] = {}
    for section in file.sections():
        if section.tab not in (None, tab):
            continue
        if section.expected is None:
            run_shell(section, port, env, saved)
            continue
        answer = run_request(section, port, env, saved)
        answer.differs = section.differs
        run.answers.setdefault(section.base, answer)
        for variable, key in section.saves:
            saved[variable] = json_value(answer.body, key, section.name)


def run_tab(file: RequestFile, tab: str) -> TabRun:
    """Serve the file's folder on a fresh database and run one tab's sections; never raises RequestFailed."""
    run = TabRun(file, tab)
    with tempfile.TemporaryDirectory(prefix=f"requests-{tab}-") as scratch:
        try:
            with serving(file.stage, file.path.parent, Path(scratch)) as (port, env, _):
                started = wait_for(f"http://127.0.0.1:{port}{file.stage.smoke}")
                check(started is not None, f"the app in {file.path.parent} did not start")
                env = dict(env, PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]))
                run_sections(file, tab, port, env, run)
        except (RequestFailed, subprocess.SubprocessError) as exc:
            run.error = f"{file.id}, {tab} tab: {exc}"
    return run


def run_both_tabs(file: RequestFile) -> dict[str, TabRun]:
    """The curl run and the httpie run of a file, each on its own server, side by side."""
    with ThreadPoolExecutor(max_workers=len(TABS)) as pool:
        return dict(zip(TABS, pool.map(lambda tab: run_tab(file, tab), TABS)))


def tab_differences(runs: dict[str, TabRun]) -> list[str]:
    """Requests whose httpie answer differs from the curl answer (status, Location or masked body)."""
    curl, httpie = runs["curl"].answers, runs["httpie"].answers
    differences = []
    for name in sorted(curl.keys() | httpie.keys()):
        if name not in curl or name not in httpie:
            differences.append(f"{name}: only in the {'curl' if name in curl else 'httpie'} tab")
            continue
        pair = {"curl": curl[name], "httpie": httpie[name]}
        if any(answer.differs for answer in pair.values()):
            pair = {tab: Answer(answer.status_line, None, "", headers=answer.headers) for tab, answer in pair.items()}
        shown = {tab: mask(answer.text()).replace("localhost:", "127.0.0.1:") for tab, answer in pair.items()}
        if shown["curl"] != shown["httpie"]:
            differences.append(f"{name}:\n--- curl\n{shown['curl']}--- httpie\n{shown['httpie']}")
    return differences


def expected_answer_files(file: RequestFile) -> set[Path]:
    """The answer files a file's request sections produce."""
    return {file.answers_dir / f"{section.base}.txt" for section in file.sections() if section.expected is not None}
