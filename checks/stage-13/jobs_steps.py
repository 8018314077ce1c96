"""Helpers for the stage 13 checks: an app with its own outbox, users and tasks through the API, the outbox and a
SQLite broker read as data, and the student's Celery worker as a process of its own.

The outbox (a JSON-lines file) and the broker (kombu's SQLite tables) are written by the student's code: the checks
read them here, in the trusted process, as data only, opened without following links.
"""

import base64
import json
import os
import re
import sqlite3
import stat
import sys
import time
from pathlib import Path

import api_steps
import expect
from grader.channel import tail
from grader.plugin import CheckFailed

COLLECTION = "/api/tasks/"
PASSWORD = "correct-horse-battery-staple"
OUTBOX_KEPT = 200_000
# A broker that needs no server: jobs wait in a SQLite file, and no worker takes them during the check.
QUEUE_ONLY = {"CELERY_TASK_ALWAYS_EAGER": False}
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


# --- The app ----------------------------------------------------------------------------------------------------


def testing_app(app_module, settings: dict, note: str = ""):
    """create_app("testing", settings) in the worker; a failed check naming the exception when it raises."""
    try:
        return app_module.create_app("testing", settings)
    except Exception as exc:
        shown = ", ".join(f"{name}: {value!r}" for name, value in settings.items())
        raise CheckFailed(f'create_app("testing", {{{shown}}}) to build an app{note}',
                          f"{type(exc).__name__}: {exc}") from None


def outbox_app(app_module, tmp_path: Path, **settings):
    """create_app("testing") writing its confirmations to this check's own outbox file; (app, outbox path)."""
    outbox = tmp_path / "outbox.jsonl"
    return testing_app(app_module, {"OUTBOX_PATH": str(outbox), **settings}), outbox


def queueing_app(app_module, tmp_path: Path):
    """An app whose jobs wait in a SQLite broker of this check (eager mode off, no worker); (app, outbox, broker)."""
    broker = tmp_path / "broker.sqlite"
    app, outbox = outbox_app(app_module, tmp_path, CELERY_BROKER_URL=f"sqla+sqlite:///{broker}", **QUEUE_ONLY)
    return app, outbox, broker


def upgraded(app) -> None:
    """Build the tables of the app's database with flask db upgrade."""
    api_steps.upgraded(app.test_cli_runner())


def step(response, code: int, request: str, note: str) -> None:
    """A request a check makes on its way answers with code; otherwise fail, noting what the check was doing."""
    expect.that(response.status_code == code, f"{request} to answer with status {code}", expect.describe(response),
                note)


def email_of(username: str) -> str:
    """The address a check's user registers with."""
    return f"{username}@example.com"


def signed_up(client, username: str) -> dict:
    """Register username (email username@example.com) and log in: the headers for requests as that user."""
    account = {"username": username, "email": email_of(username), "password": PASSWORD}
    step(client.post("/auth/register", json=account), 201, f'POST /auth/register as "{username}"',
         "this check registers its users first.")
    request = f'POST /auth/login as "{username}"'
    response = client.post("/auth/login", json={"username": username, "password": PASSWORD})
    step(response, 200, request, "this check logs in to get a token first.")
    body = expect.json_object(response, request)
    data = body.get("data") if isinstance(body.get("data"), dict) else {}
    token = body.get("access_token", data.get("access_token"))
    expect.that(isinstance(token, str), f'an "access_token" in the answer to {request}', f"keys {sorted(body)}")
    return {"Authorization": f"Bearer {token}"}


def ready(app, username: str = "ada"):
    """A migrated database, a client and one signed-up user: (client, headers)."""
    upgraded(app)
    client = app.test_client()
    return client, signed_up(client, username)


def create(client, headers: dict, title: str, note: str | None = None) -> dict:
    """POST a task, expect 201 with the new task in the success envelope; return it."""
    request = f'POST {COLLECTION} {{"title": "{title}"}}'
    task = expect.success(client.post(COLLECTION, json={"title": title}, headers=headers), 201, request)
    expect.that(isinstance(task, dict), f"the data of {request} to be the new task", expect.shown(task), note)
    expect.key(task, "id", int, where=f"the task {request} answers")
    return task


def listed(client, headers: dict) -> list:
    """GET the task list; its tasks."""
    tasks = expect.success(client.get(COLLECTION, headers=headers), 200, f"GET {COLLECTION}")
    expect.that(isinstance(tasks, list), f'the "data" of GET {COLLECTION} to be a list', expect.shown(tasks))
    return tasks


def saved_once(client, headers: dict, title: str, note: str) -> None:
    """The list holds exactly one task with that title."""
    titles = [task.get("title") for task in listed(client, headers) if isinstance(task, dict)]
    expect.that(titles.count(title) == 1, f"GET {COLLECTION} to list the task {title!r} exactly once",
                f"{titles.count(title)} times in {expect.shown(titles)}", note)


def task_status(client, headers: dict, task_id: int) -> str | None:
    """The status of one task, read through the API."""
    path = f"{COLLECTION}{task_id}"
    task = expect.success(client.get(path, headers=headers), 200, f"GET {path}")
    return task.get("status") if isinstance(task, dict) else None


def start_processing(client, headers: dict, task_id: int) -> tuple[dict, object]:
    """POST /api/tasks/<id>/process, expect 202 with job_id and status_url; return (data, response)."""
    request = f"POST {COLLECTION}{task_id}/process"
    response = client.post(f"{COLLECTION}{task_id}/process", headers=headers)
    data = expect.success(response, 202, request)
    expect.that(isinstance(data, dict), f'the "data" of {request} to be {{"job_id", "status_url"}}',
                expect.shown(data))
    job_id = expect.key(data, "job_id", str, where=f'the "data" of {request}')
    expect.that(bool(job_id.strip()), f'a non-empty "job_id" in the answer to {request}', expect.shown(job_id))
    expect.key(data, "status_url", str, where=f'the "data" of {request}')
    return data, response


def url_path(url: str) -> str:
    """The path of an absolute URL (what the test client requests)."""
    from urllib.parse import urlsplit

    return urlsplit(url).path or "/"


def job_state(client, headers: dict, path: str) -> dict:
    """GET a job's status URL, expect 200 with {"job_id", "state", ...}; return the data."""
    request = f"GET {path}"
    data = expect.success(client.get(path, headers=headers), 200, request)
    expect.that(isinstance(data, dict), f'the "data" of {request} to be {{"job_id", "state", ...}}',
                expect.shown(data))
    expect.key(data, "state", str, where=f'the "data" of {request}')
    return data


# --- The outbox and the broker, read as data ---------------------------------------------------------------------


def outbox_lines(path: Path) -> list:
    """The outbox's lines, each parsed as JSON (a line that is not JSON is kept as its text)."""
    lines = []
    for line in tail(path, OUTBOX_KEPT).splitlines():
        if not line.strip():
            continue
        try:
            lines.append(json.loads(line))
        except ValueError:
            lines.append(line)
    return lines


def confirmation_of(outbox: Path, title: str, username: str, task_id: int, what: str) -> None:
    """The outbox holds exactly one line, the confirmation of this task for this user."""
    lines = outbox_lines(outbox)
    expect.that(len(lines) == 1, f"exactly one line in the outbox (OUTBOX_PATH) after {what}",
                f"{len(lines)} lines" + (f": {expect.shown(lines)}" if lines else ""),
                "the confirmation job writes one JSON line to current_app.config[\"OUTBOX_PATH\"].")
    message = lines[0]
    expect.that(isinstance(message, dict), "the outbox line to be a JSON object", expect.shown(message))
    expect.equal(message.get("to"), email_of(username), f'"to" of the confirmation (the email of "{username}")')
    expect.equal(message.get("subject"), f"Task created: {title}", '"subject" of the confirmation')
    expect.equal(message.get("task_id"), task_id, '"task_id" of the confirmation (the id the create answered)')


def regular_file(path: Path) -> bool:
    """Whether path is a regular file (not a link, a folder or a pipe)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def queued(broker: Path) -> list[dict]:
    """The messages waiting in a kombu SQLite broker: [{"task", "args", "kwargs"}] in the order they were sent."""
    if not regular_file(broker):
        return []
    try:
        connection = sqlite3.connect(f"file:{broker}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        rows = connection.execute("SELECT payload FROM kombu_message ORDER BY id").fetchall()
    except sqlite3.Error:
        rows = []
    finally:
        connection.close()
    return [message_of(row[0]) for row in rows]


def message_of(payload: str) -> dict:
    """A kombu message's task name and arguments (its body is [args, kwargs, embed], as JSON in base64)."""
    try:
        envelope = json.loads(payload)
        task = envelope.get("headers", {}).get("task")
        body = envelope.get("body", "")
        if envelope.get("properties", {}).get("body_encoding") == "base64":
            body = base64.b64decode(body).decode("utf-8", "replace")
        args, kwargs = json.loads(body)[:2]
    except (ValueError, TypeError, AttributeError, KeyError):
        return {"task": None, "args": None, "kwargs": None}
    return {"task": task, "args": args, "kwargs": kwargs}


def named(messages: list[dict], ending: str) -> list[dict]:
    """The messages of jobs whose name ends with ending."""
    return [message for message in messages if str(message.get("task") or "").endswith(ending)]


# --- The Celery app, seen through app.extensions ----------------------------------------------------------------


def celery_of(app, *attributes: str) -> dict:
    """What app.extensions["celery"] holds: its values for the attributes (and "tasks"); a failed check if absent."""
    described = app.extension("celery", ["tasks", *attributes])
    expect.that(described.get("present"), 'the Celery app in app.extensions["celery"] (celery_init_app stores it '
                "there)", f"app.extensions has {expect.shown(described.get('names'))}")
    values = described.get("values", {})
    expect.that(isinstance(values.get("tasks"), list), 'app.extensions["celery"] to be a Celery app (with .tasks)',
                f"a {described.get('type')}")
    return values


def job_named(app, ending: str) -> str:
    """The full name of the registered job whose name ends with ending (e.g. "app.tasks.jobs.process_task")."""
    names = [name for name in celery_of(app)["tasks"] if not name.startswith("celery.")]
    found = [name for name in names if name.rsplit(".", 1)[-1] == ending]
    expect.that(len(found) == 1, f"a job named {ending} registered with the Celery app",
                f"jobs {expect.shown(names)}", "@shared_task in app/tasks/jobs.py, imported when the app is built.")
    return found[0]


def sqlite_file(url, scheme: str) -> Path | None:
    """The file a sqla+sqlite:///... or db+sqlite:///... URL names, or None for any other URL."""
    prefix = f"{scheme}:///"
    if not isinstance(url, str) or not url.startswith(prefix):
        return None
    return Path(url[len(prefix):])


# --- The student's worker, a process of its own -------------------------------------------------------------------

WORKER_ARGS = ("-A", "make_celery", "worker", "--pool=solo", "--loglevel=info")
WORKER_LOG_KEPT = 200_000
READY = re.compile(r"celery@\S+ ready\.")


def worker_of(request):
    """The grading run's worker: its limits, sandbox and base environment are the ones every process gets."""
    return request.config._worker


def running_copy(request) -> Path:
    """The copy of the graded folder that the student's code runs from (in the scratch folder)."""
    return Path(request.config.getoption("worker_target", None) or request.config.getoption("target")).resolve()


class CeleryWorker:
    """`celery -A make_celery worker --pool=solo` in the graded folder, on the development configuration."""

    def __init__(self, request, folder: Path):
        worker = worker_of(request)
        self.folder = running_copy(request)
        self.database = folder / "jobs.db"
        self.database_url = f"sqlite:///{self.database}"
        self.log = folder / "celery-worker.log"
        env = dict(worker.base_env)
        for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "DATABASE_URL"):
            env.pop(name, None)
        env.update(FLASK_CONFIG="development", DEV_DATABASE_URL=self.database_url)
        self.command = [sys.executable, "-I", "-m", "celery", *WORKER_ARGS]
        self.started = time.monotonic()
        self.process = worker.spawn(self.command, env, self.folder, self.log)
        self.stopped = False

    def outbox(self) -> Path:
        """The outbox of the development app: outbox.jsonl in the instance folder of the graded copy."""
        return self.folder / "instance" / "outbox.jsonl"

    def output(self) -> str:
        return tail(self.log, WORKER_LOG_KEPT)

    def alive(self) -> None:
        """A failed check with the worker's last lines when it has exited."""
        code = self.process.poll()
        if code is not None:
            raise CheckFailed("celery -A make_celery worker --pool=solo (FLASK_CONFIG=development) to keep running",
                              f"it exited with code {code}", self.log_note())

    def wait_until_ready(self, deadline: float) -> None:
        """Wait until the worker says it is ready (it has made the broker's tables); a failed check if it never does."""
        while not READY.search(self.output()):
            self.alive()
            if time.monotonic() > deadline:
                raise CheckFailed("celery -A make_celery worker --pool=solo (FLASK_CONFIG=development) to say "
                                  '"celery@... ready."', f"not ready after {time.monotonic() - self.started:.0f} s",
                                  self.log_note())
            time.sleep(0.2)

    def log_note(self) -> str:
        """The end of the worker's output, for a failure's note."""
        lines = [line.strip() for line in self.output().splitlines() if line.strip()]
        interesting = [line for line in lines if "ERROR" in line or "Error" in line or "Traceback" in line
                       or "unregistered" in line or "succeeded" in line or "raised" in line]
        shown = " | ".join(line[:200] for line in (interesting or lines)[-6:])
        return f"the worker's output ends: {shown}" if shown else "the worker printed nothing"

    def stop(self) -> None:
        if not self.stopped:
            from grader.channel import stop_process

            stop_process(self.process)
            self.stopped = True
