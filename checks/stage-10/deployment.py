"""Helpers for the stage 10 checks: production settings, the student's gunicorn run as a process of its own, and
the deployment templates read as data.

gunicorn runs the student's code, so it is started like the worker: through Worker.spawn() (grader/channel.py), with
the same limits and sandbox, in a process group of its own that is killed when the checks are done with it. Under
bubblewrap it has a network of its own: it listens on a loopback port there, and on a unix socket in the scratch
folder, which is how the checks reach it. Without bubblewrap the checks talk to the loopback port itself.
"""

import http.client
import json
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import expect
from grader.channel import stop_process, tail
from grader.plugin import CheckFailed

COLLECTION = "/api/tasks/"
PASSWORD = "correct-horse-battery-staple"
SECRETS = {"SECRET_KEY": "checks-secret-key-of-the-production-app-0123456789",
           "JWT_SECRET_KEY": "checks-jwt-key-of-the-production-app-0123456789ab"}
REQUIRED = ("SECRET_KEY", "JWT_SECRET_KEY", "DATABASE_URL")
BOOT_SECONDS = 40
ANSWER_LIMIT = 1024 * 1024
LOG_KEPT = 200_000


def production_env(monkeypatch, database_url: str | None = None, **more) -> None:
    """The environment of a production deployment, for the worker: the secrets, DATABASE_URL and more."""
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    if database_url:
        monkeypatch.setenv("DATABASE_URL", database_url)
    for name in ("FLASK_CONFIG", "TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in more.items():
        monkeypatch.setenv(name, value)


def production_app(app_module, what: str = 'create_app("production")'):
    """create_app("production") in the worker; a failed check naming the exception when it raises."""
    try:
        return app_module.create_app("production")
    except Exception as exc:
        raise CheckFailed(f"{what} to build an app when SECRET_KEY, JWT_SECRET_KEY and DATABASE_URL are set",
                          f"{type(exc).__name__}: {exc}") from None


def upgraded(app, note: str) -> None:
    """Run flask db upgrade for the app (through its CLI runner, in the worker)."""
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    got = f"exit code {result.exit_code}"
    if result.exception is not None:
        got += f", {type(result.exception).__name__}: {result.exception}"
    expect.that(result.exit_code == 0 and result.exception is None, "flask db upgrade to succeed", got, note)


def redirect_location(client, headers: dict | None = None) -> str:
    """Where GET /api/tasks (no slash) redirects: Flask builds that URL from the scheme and the host it sees."""
    response = client.get(COLLECTION.rstrip("/"), headers=headers or {})
    expect.that(response.status_code in (301, 308) and "Location" in response.headers,
                f"GET {COLLECTION.rstrip('/')} to redirect (308) to {COLLECTION}", expect.describe(response))
    return response.headers["Location"]


# --- Processes ------------------------------------------------------------------------------------------------


def worker_of(request):
    """The grading run's worker: its limits, sandbox and base environment are the ones every process gets."""
    return request.config._worker


def target_of(request) -> Path:
    """The folder being graded, as the student handed it in: the checks read its files here."""
    return Path(request.config.getoption("target")).resolve()


def running_copy(request) -> Path:
    """The copy of the graded folder that the student's code runs from (in the scratch folder)."""
    return Path(request.config.getoption("worker_target", None) or request.config.getoption("target")).resolve()


def process_env(request, **settings) -> dict[str, str]:
    """The allowlisted base environment of the worker, plus settings (a value of None leaves the name out)."""
    env = dict(worker_of(request).base_env)
    env.update({name: value for name, value in settings.items() if value is not None})
    return env


def gunicorn(*args: str) -> list[str]:
    """The command line of the course's gunicorn (from the venv the grader runs in)."""
    return [sys.executable, "-I", "-m", "gunicorn", *args]


def run_gunicorn(request, log: Path, env: dict, *args: str, timeout: float = 30) -> tuple[int | None, str]:
    """Run gunicorn with args in the graded folder until it exits; (exit code or None on timeout, its output)."""
    code = worker_of(request).run(gunicorn(*args), env, running_copy(request), log, timeout)
    return code, tail(log, LOG_KEPT)


class Pending:
    """A gunicorn command started in the background (it loads the student's app), to be waited for later."""

    def __init__(self, request, log: Path, env: dict, *args: str):
        self.log = log
        self.process = worker_of(request).spawn(gunicorn(*args), env, running_copy(request), log)
        self.code: int | None = None
        self.done = False

    def result(self, timeout: float = 30) -> tuple[int | None, str]:
        """(exit code, or None when it ran over timeout seconds; its output)."""
        if not self.done:
            try:
                self.code = self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.code = None
            stop_process(self.process)
            self.done = True
        return self.code, tail(self.log, LOG_KEPT)

    def stop(self) -> None:
        stop_process(self.process)


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class UnixConnection(http.client.HTTPConnection):
    """HTTP over a unix socket."""

    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


class Answer:
    """A response from the live server: status, headers, and the body as data."""

    def __init__(self, status: int, headers: dict, body: bytes):
        self.status_code, self.headers, self.body = status, headers, body

    def get_json(self, silent: bool = True):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def describe(self) -> str:
        text = " ".join(self.body.decode("utf-8", "replace").split())
        return f"{self.status_code}, {self.headers.get('content-type', 'no content type')}: {text[:300]}"


class LiveServer:
    """The student's app under a real gunicorn, with 2 workers, on a free loopback port."""

    def __init__(self, request, database: Path):
        worker = worker_of(request)
        self.via_tcp = not worker.use_sandbox
        self.port = free_port()
        self.socket = Path(worker.scratch) / f"gunicorn-{self.port}.sock"
        self.log = Path(worker.scratch) / f"gunicorn-{self.port}.log"
        self.database_url = f"sqlite:///{database}"
        env = process_env(request, FLASK_CONFIG="production", DATABASE_URL=self.database_url, **SECRETS)
        self.command = ["gunicorn", "--no-control-socket", "--workers", "2", "--bind", f"127.0.0.1:{self.port}",
                        "wsgi:application"]
        args = ["--no-control-socket", "--workers", "2", "--bind", f"127.0.0.1:{self.port}", "--bind",
                f"unix:{self.socket}", "--timeout", "20", "--graceful-timeout", "1", "wsgi:application"]
        self.process = worker.spawn(gunicorn(*args), env, running_copy(request), self.log)
        self.ready: str | None = None
        self.failure: str | None = None

    def connection(self) -> http.client.HTTPConnection:
        if self.via_tcp:
            return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        return UnixConnection(str(self.socket), timeout=10)

    def send(self, method: str, path: str, json_body=None, headers: dict | None = None) -> Answer:
        """One request; the answer, or a failed check saying that gunicorn did not answer."""
        headers = dict(headers or {})
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        connection = self.connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read(ANSWER_LIMIT)
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        except (OSError, http.client.HTTPException) as exc:
            raise CheckFailed(f"gunicorn to answer {method} {path}", f"{type(exc).__name__}: {exc}",
                              self.log_note()) from None
        finally:
            connection.close()

    def wait_until_ready(self) -> None:
        """Wait for the first answer to GET /health; a failed check with gunicorn's output if none comes."""
        if self.ready is not None:
            return
        if self.failure is not None:
            raise CheckFailed("gunicorn to start and answer GET /health", self.failure, self.log_note())
        deadline = time.monotonic() + BOOT_SECONDS
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                self.failure = f"gunicorn exited with code {code} before it answered"
                raise CheckFailed("gunicorn to start and answer GET /health", self.failure, self.log_note())
            try:
                connection = self.connection()
                connection.request("GET", "/health")
                connection.getresponse().read(ANSWER_LIMIT)
                connection.close()
                self.ready = "yes"
                return
            except (OSError, http.client.HTTPException):
                time.sleep(0.1)
        self.failure = f"no answer within {BOOT_SECONDS} seconds"
        raise CheckFailed("gunicorn to start and answer GET /health", self.failure, self.log_note())

    def output(self) -> str:
        return tail(self.log, LOG_KEPT)

    def log_note(self) -> str:
        """The end of gunicorn's output, for a failure's note."""
        lines = [line for line in self.output().splitlines() if line.strip()][-6:]
        shown = " | ".join(line.strip()[:200] for line in lines)
        return f"command: {' '.join(self.command)} (FLASK_CONFIG=production); gunicorn's output ends: {shown}"

    def stop(self) -> None:
        stop_process(self.process)


# --- Templates ------------------------------------------------------------------------------------------------


def read_template(folder: Path, name: str) -> str:
    """A template of the graded folder as text; a failed check when it is missing."""
    path = folder / name
    expect.that(path.is_file(), f"the file {name}", "no such file")
    return path.read_text(encoding="utf-8", errors="replace")


# How many arguments the directives of a proxy's server block take (as nginx -t would say), for the parser.
ARGUMENTS = {"proxy_pass": (1, 1), "proxy_set_header": (2, 2), "include": (1, 1), "listen": (1, 12),
             "server_name": (1, 99), "client_max_body_size": (1, 1), "proxy_read_timeout": (1, 1),
             "proxy_connect_timeout": (1, 1), "proxy_send_timeout": (1, 1), "proxy_redirect": (1, 2),
             "proxy_http_version": (1, 1), "proxy_buffering": (1, 1), "root": (1, 1), "return": (1, 2),
             "access_log": (1, 5), "error_log": (1, 2), "location": (1, 2), "server": (0, 0), "upstream": (1, 1)}
NGINX_TOKEN = re.compile(r"""#[^\n]*|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[{};]|[^\s{};"'#]+""")


def parse_nginx(text: str) -> list[dict]:
    """An nginx configuration as a tree of {"name", "args", "block"} directives; ValueError when it does not
    parse (unbalanced braces, a directive without its semicolon)."""
    stack: list[list] = [[]]
    words: list[str] = []
    for match in NGINX_TOKEN.finditer(text):
        token = match.group(0)
        if token.startswith("#"):
            continue
        if token == ";":
            if not words:
                raise ValueError("a ';' without a directive")
            low, high = ARGUMENTS.get(words[0], (0, 99))
            if not low <= len(words) - 1 <= high:
                # Usually a missing ';' at the end of the line before, which joins two directives into one.
                raise ValueError(f'invalid number of arguments in "{words[0]}" directive: {" ".join(words)[:120]}')
            stack[-1].append({"name": words[0], "args": words[1:], "block": None})
            words = []
        elif token == "{":
            if not words:
                raise ValueError("a '{' without a directive")
            low, high = ARGUMENTS.get(words[0], (0, 99))
            if not low <= len(words) - 1 <= high:
                raise ValueError(f'invalid number of arguments in "{words[0]}" block: {" ".join(words)[:120]}')
            directive = {"name": words[0], "args": words[1:], "block": []}
            stack[-1].append(directive)
            stack.append(directive["block"])
            words = []
        elif token == "}":
            if words:
                raise ValueError(f"'{' '.join(words)}' is missing its ';'")
            if len(stack) == 1:
                raise ValueError("a '}' without its '{'")
            stack.pop()
        else:
            words.append(token.strip("\"'"))
    if words:
        raise ValueError(f"'{' '.join(words)}' is missing its ';'")
    if len(stack) != 1:
        raise ValueError("a '{' is never closed")
    return stack[0]


def directives(tree: list[dict], name: str) -> list[dict]:
    """Every directive of that name, at any depth."""
    found = []
    for directive in tree:
        if directive["name"] == name:
            found.append(directive)
        if directive["block"]:
            found += directives(directive["block"], name)
    return found


def parse_unit(text: str) -> dict[str, list[tuple[str, str]]]:
    """A systemd unit file as {section: [(key, value), ...]}; ValueError for a line that is neither."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        elif "=" in line and current is not None:
            key, _, value = line.partition("=")
            sections[current].append((key.strip(), value.strip()))
        else:
            raise ValueError(f"line {number} is neither [Section] nor Key=value: {line[:80]!r}")
    return sections


def unit_values(unit: dict, section: str, key: str) -> list[str]:
    """Every value of a key in a section."""
    return [value for name, value in unit.get(section, []) if name == key]


def bind_option(command: str) -> str | None:
    """The --bind (or -b) address of a gunicorn command line, if it names one."""
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    for index, word in enumerate(words):
        if word in ("--bind", "-b") and index + 1 < len(words):
            return words[index + 1]
        if word.startswith("--bind="):
            return word.split("=", 1)[1]
    return None


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """A Dockerfile as (INSTRUCTION, arguments) pairs, continuation lines joined, comments left out."""
    instructions, pending = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        word, _, rest = line.partition(" ")
        instructions.append((word.upper(), rest.strip()))
    return instructions
