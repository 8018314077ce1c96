"""What the checks hold instead of the student's app: proxies that reach it only through the worker.

A check keeps its familiar shape — `client.get(...)`, `response.status_code`, `response.get_json()`,
`runner.invoke(args=[...])`, `app.config.get(...)` — but every answer is data that came over the pipe. The
responses are real Werkzeug responses built here, in the trusted process, from that data.
"""

import base64
import datetime
import os
import sys
from types import SimpleNamespace

from werkzeug.wrappers import Response

from .plugin import AppImportError, CheckTimeout
from .channel import WorkerGone, WorkerTimeout


class Session:
    """The connection the checks of one grading run share: the worker, the folder, the environment baseline."""

    def __init__(self, worker, folder: str, spec: str, timeout: float, spare=None):
        self.worker, self.folder, self.spec, self.timeout = worker, folder, spec, timeout
        # A second worker (optional): the two take the checks in turn, each preparing the next check's app while
        # the other answers the current one (grader/worker.py, "Preparing the next check ahead").
        self.spare, self.spare_prepared = spare, False
        self.baseline = dict(os.environ)
        raw = getattr(os.environ, "_data", None)
        self._baseline_raw = dict(raw) if isinstance(raw, dict) and hasattr(os.environ, "decodekey") else None
        self._environment = (None, {}, [])
        self.fresh = True
        # The first request the next check is expected to send: the worker prepares it while this check runs.
        self.upcoming: dict | None = None
        self.crashes: list[dict] = []
        self.apps: dict[int, RemoteApp] = {}
        # Every request of the current check and its answer, for the failure's "blocked by" and "try" lines.
        self.exchanges: list[dict] = []

    def app(self, handle: int, module: "RemoteModule") -> "RemoteApp":
        """The one proxy for an app handle, so that the same app in the worker is the same object here."""
        if handle not in self.apps:
            self.apps[handle] = RemoteApp(self, handle, module)
        return self.apps[handle]

    def new_check(self) -> None:
        """Start a check: the worker forgets the previous check's objects, and no crash is recorded yet."""
        self.fresh = True
        self.crashes = []
        self.apps = {}
        self.exchanges = []

    def ask(self, op: str, **message) -> dict:
        """Send one operation with the check's environment and working folder; return the worker's answer."""
        env, unset = self.environment()
        message.update(op=op, env=env, unset=unset, cwd=os.getcwd())
        first = self.fresh
        if first:
            message["fresh"] = True
            self.fresh = False
            self.take_turns()
        try:
            answer = self.worker.ask(message, self.timeout)
        except WorkerTimeout:
            raise CheckTimeout() from None
        except WorkerGone as exc:
            raise AppImportError(exc.message + last_lines(exc.log)) from None
        if first and self.spare is not None and self.upcoming is not None:
            # Only now: the preparation must not race this check's first import for the files both may create. Only
            # the first post can wait for the spare's start-up (it started with the other, so seldom long).
            self.spare_prepared = self.spare.post({"op": "prepare", "request": self.upcoming})
        if "error" in answer:
            error = answer["error"]
            raise remote_exception(error)
        return answer

    def environment(self) -> tuple[dict, list]:
        """What the check's environment sets and unsets against the baseline, worked out again only when it changed:
        decoding the whole environment for each of a run's hundreds of requests is most of a request's cost here."""
        raw = getattr(os.environ, "_data", None)
        seen, env, unset = self._environment
        if raw is None or self._baseline_raw is None:
            current = dict(os.environ)
            env = {key: value for key, value in current.items() if self.baseline.get(key) != value}
            unset = [key for key in self.baseline if key not in current]
        elif raw != seen:
            # Compared encoded, decoded only where they differ: the encoding is one-to-one.
            base = self._baseline_raw
            decode_key, decode_value = os.environ.decodekey, os.environ.decodevalue
            env = {decode_key(key): decode_value(value) for key, value in raw.items() if base.get(key) != value}
            unset = [decode_key(key) for key in base if key not in raw]
            self._environment = (dict(raw), env, unset)
        return dict(env), list(unset)

    def take_turns(self) -> None:
        """At a check's first request: move to the worker that prepared this check, if one did (the other one
        prepares the next check once this request is answered)."""
        if self.spare is not None and self.spare_prepared:
            self.worker, self.spare = self.spare, self.worker
            self.spare_prepared = False

    def expect_next(self, cwd: str, env: dict, build: bool, test_config: dict | None) -> None:
        """Tell the worker what the next check's first request will be when it loads the app in the usual way
        (conftest.py's fixtures, in the check's folder cwd with the environment env): load(build, test_config)."""
        self.upcoming = self.load_request(build, self.folder, self.spec, test_config)
        self.upcoming.update(op="load", env=env, unset=[], cwd=cwd)

    @staticmethod
    def load_request(build: bool, folder: str, spec: str, test_config: dict | None) -> dict:
        """The fields of a load request."""
        return {"folder": folder, "spec": spec, "build": build, "config_name": "testing", "test_config": test_config}

    def load(self, build: bool = True, folder: str | None = None, spec: str | None = None,
             test_config: dict | None = None):
        """Import the app module afresh (and build the app, with test_config when given); raise AppImportError when
        that fails."""
        spec = spec or self.spec
        answer = self.ask("load", **self.load_request(build, folder or self.folder, spec, test_config))
        show_printed(answer)
        module_name, _, attribute = spec.partition(":")
        if "missing_module" in answer:
            raise AppImportError(f"No {module_name}.py (or {module_name}/ package) was found in the graded folder.")
        if "import_error" in answer:
            raise import_failure(answer["import_error"])
        module = RemoteModule(self, answer["module"])
        if not build:
            return module
        return self.app_from(answer, module, spec)

    def build(self, module: "RemoteModule", test_config: dict | None = None) -> "RemoteApp":
        """Make the app from a module this check has loaded already (no second import), with the check's settings."""
        answer = self.ask("build", module=module._handle, spec=self.spec, config_name="testing",
                          test_config=test_config)
        show_printed(answer)
        return self.app_from(answer, module, self.spec)

    def app_from(self, answer: dict, module: "RemoteModule", spec: str) -> "RemoteApp":
        """The app a load or build answered, or the AppImportError that explains why there is none."""
        module_name, _, attribute = spec.partition(":")
        if "no_attribute" in answer:
            raise AppImportError(f"{module_name} has no module-level `{answer['no_attribute']}`: the checks look for "
                                 "it by that name.")
        if "build_error" in answer:
            raise import_failure(answer["build_error"])
        if "not_flask" in answer:
            raise AppImportError(f"`{module_name}.{attribute}` is a {answer['not_flask']}, not a Flask app.")
        return self.app(answer["app"], module)


def last_lines(log: str) -> str:
    """The last lines the app printed, as a note after a message (empty when it printed nothing)."""
    lines = [line for line in log.strip().splitlines() if line.strip()][-3:]
    return (" Its last output: " + " | ".join(line[:200] for line in lines)) if lines else ""


def show_printed(answer: dict) -> None:
    """Print what the student's code printed, so a check can look at it with capsys."""
    if answer.get("printed"):
        sys.stdout.write(answer["printed"])


def import_failure(error: dict) -> AppImportError:
    """An AppImportError from the worker's description of an exception."""
    message = f"{error['type']}: {error['message']}"
    where = error.get("where")
    if where:
        return AppImportError(message, file=where[0], line=where[1], code=where[2])
    return AppImportError(message)


class RemoteError(Exception):
    """An exception raised by the student's code in the worker; its class is named like the original."""

    where = None


def remote_exception(error: dict) -> RemoteError:
    """A RemoteError subclass named after the student's exception type, with its message."""
    name = str(error.get("type", "Exception"))[:100]
    if not name.isidentifier():
        name = "Exception"
    exc = type(name, (RemoteError,), {})(str(error.get("message", ""))[:2000])
    exc.where = error.get("where")
    return exc


def encoded(value):
    """Values for the worker: datetimes become {"$datetime": iso}."""
    if isinstance(value, (datetime.datetime, datetime.date)):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dict):
        return {key: encoded(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encoded(item) for item in value]
    return value


class RemoteModule:
    """The student's app module (or package) as the checks see it: its factory and its database."""

    def __init__(self, session: Session, handle: int):
        self._session, self._handle = session, handle

    def __getattr__(self, name: str):
        """A module attribute is reachable only as a factory to call."""
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args):
            """Call module.name(*args) in the worker; an app comes back as a RemoteApp."""
            answer = self._session.ask("call_factory", module=self._handle, name=name, args=list(args))
            show_printed(answer)
            if "no_attribute" in answer:
                raise AttributeError(f"the app module has no `{name}`")
            if "raised" in answer:
                raise remote_exception(answer["raised"])
            if "not_flask" in answer:
                raise TypeError(f"{name}() returned a {answer['not_flask']}, not a Flask app")
            return self._session.app(answer["app"], self)

        return call

    def tables(self, app=None) -> dict[str, list[str]] | None:
        """The tables the models declare, with their columns; None when there is no db with metadata."""
        answer = self._session.ask("tables", module=self._handle, app=getattr(app, "_handle", None))
        return answer.get("tables")

    def insert(self, table: str, rows: list[dict], app=None) -> list[int]:
        """Insert rows straight into a table through the app's session; return their ids."""
        answer = self._session.ask("insert", module=self._handle, app=getattr(app, "_handle", None), table=table,
                                   rows=encoded(rows))
        return answer["ids"]

    def update(self, table: str, row_id: int, values: dict, app=None) -> None:
        """Change columns of one row straight in the database."""
        self._session.ask("update", module=self._handle, app=getattr(app, "_handle", None), table=table, id=row_id,
                          values=encoded(values))

    def delete(self, table: str, row_id: int, app=None) -> None:
        """Delete one row straight in the database."""
        self._session.ask("delete", module=self._handle, app=getattr(app, "_handle", None), table=table, id=row_id)

    def fail_next_flush(self, moment: str, text: str, app=None) -> None:
        """Make the next flush of the app's session raise a database error once."""
        self._session.ask("fail_next_flush", module=self._handle, app=getattr(app, "_handle", None),
                          moment=moment, text=text)

    def select(self, sql: str, params: dict | None = None, app=None) -> list[dict]:
        """The rows of one read-only SELECT on the app's database, as dicts (bytes arrive as text)."""
        return self._session.ask("select", module=self._handle, app=getattr(app, "_handle", None), sql=sql,
                                 params=params or {})["rows"]


class RemoteApp:
    """The student's Flask app as the checks see it."""

    def __init__(self, session: Session, handle: int, module: RemoteModule):
        self._session, self._handle, self.module = session, handle, module
        self._config = None
        self._routes = None

    @property
    def config(self) -> dict:
        """The app's configuration (values JSON cannot carry arrive as their repr)."""
        if self._config is None:
            self._config = self._session.ask("config", app=self._handle)["values"]
        return self._config

    def _route_data(self) -> dict:
        """URL rules, blueprint names and the instance folder, fetched once."""
        if self._routes is None:
            self._routes = self._session.ask("routes", app=self._handle)
        return self._routes

    @property
    def blueprints(self) -> dict:
        """The names of the registered blueprints (as keys)."""
        return dict.fromkeys(self._route_data()["blueprints"])

    @property
    def url_map(self):
        """An object with iter_rules(), like Flask's URL map."""
        rules = [SimpleNamespace(rule=r["rule"], endpoint=r["endpoint"], methods=set(r["methods"]))
                 for r in self._route_data()["rules"]]
        return SimpleNamespace(iter_rules=lambda: iter(rules))

    @property
    def instance_path(self) -> str:
        """The app's instance folder."""
        return self._route_data()["instance_path"]

    def test_client(self) -> "RemoteClient":
        """A client that sends requests to the app in the worker."""
        return RemoteClient(self)

    def test_cli_runner(self) -> "RemoteRunner":
        """A runner for the app's flask commands."""
        return RemoteRunner(self)

    def app_context(self):
        """A context manager that keeps one app context open in the worker (requests share its session)."""
        return AppContext(self)

    def add_raising_route(self, path: str, kind: str, argument) -> None:
        """Add a route that raises RuntimeError(argument) (kind "runtime_error") or marshmallow's
        ValidationError(argument) (kind "validation_error"), to test the app's error handlers."""
        self._session.ask("raising_route", app=self._handle, path=path, kind=kind, argument=argument)

    def tables(self):
        """The tables of the app's database models."""
        return self.module.tables(self)

    def insert(self, table: str, rows: list[dict]) -> list[int]:
        """Insert rows straight into a table; return their ids."""
        return self.module.insert(table, rows, self)

    def update(self, table: str, row_id: int, values: dict) -> None:
        """Change columns of one row straight in the database."""
        self.module.update(table, row_id, values, self)

    def delete(self, table: str, row_id: int) -> None:
        """Delete one row straight in the database."""
        self.module.delete(table, row_id, self)

    def fail_next_flush(self, moment: str, text: str) -> None:
        """Make the next flush of the app's session raise a database error once."""
        self.module.fail_next_flush(moment, text, self)

    def select(self, sql: str, params: dict | None = None) -> list[dict]:
        """The rows of one read-only SELECT on the app's database."""
        return self.module.select(sql, params, self)

    def access_token(self, identity: str, claims: dict | None = None, expires_seconds: float = 3600) -> str:
        """An access token made by the app's Flask-JWT-Extended (its key, its settings); a negative lifetime makes
        one that has already expired."""
        return self._session.ask("access_token", app=self._handle, identity=identity, claims=claims or {},
                                 expires_seconds=expires_seconds)["token"]

    def extension(self, name: str, attributes: list[str] | tuple = ()) -> dict:
        """What app.extensions[name] is: {"present", "type", "values": {dotted attribute: value}} (a mapping arrives
        as its sorted keys, other values JSON cannot carry as their repr, a failing attribute as {"$error": text});
        when it is missing, {"present": False, "names": [the extensions there are]}."""
        return self._session.ask("extension", app=self._handle, name=name, attributes=list(attributes))

    def run_job(self, name: str, args: list | tuple = ()) -> dict:
        """Run one job of app.extensions["celery"] in the worker, outside any request or app context, as a Celery
        worker would: {"state": "SUCCESS", "result": ...} or {"state": ..., "error": "Type: message"}."""
        return self._session.ask("run_job", app=self._handle, name=name, args=list(args))

    def migration_heads(self) -> list[str]:
        """The head revisions of the app's migrations folder (Flask-Migrate's), as Alembic reads them."""
        return self._session.ask("migration_heads", app=self._handle)["heads"]


class AppContext:
    """An app context held open in the worker."""

    def __init__(self, app: RemoteApp):
        self.app = app

    def __enter__(self):
        self.app._session.ask("context", app=self.app._handle, push=True)
        return self

    def __exit__(self, *exc):
        try:
            self.app._session.ask("context", app=self.app._handle, push=False)
        except Exception:
            if exc[0] is None:
                raise
        return False


class RemoteResponse(Response):
    """A response rebuilt from the worker's answer; also carries the exceptions the app raised while answering."""

    crashes: list = []
    warnings: list = []


class RemoteClient:
    """Flask's test client interface, sent through the worker."""

    def __init__(self, app: RemoteApp):
        self.app = app
        self._client = None

    def open(self, path: str = "/", method: str = "GET", **kwargs) -> RemoteResponse:
        """Send one request; return the response."""
        kwargs = dict(kwargs)
        if "data" in kwargs:
            data = kwargs.pop("data")
            if isinstance(data, dict):
                kwargs["data"] = data
            else:
                kwargs["data_b64"] = base64.b64encode(data.encode() if isinstance(data, str) else data).decode()
        if "headers" in kwargs:
            kwargs["headers"] = dict(kwargs["headers"])
        kwargs.pop("buffered", None)
        answer = self.app._session.ask("request", app=self.app._handle, client=self._client, path=path,
                                       method=method.upper(), kwargs=kwargs, new_client=self._client is None)
        if self._client is None:
            if not isinstance(answer.get("client"), int):
                raise WorkerGone("The app's process sent an answer of the wrong shape.")
            self._client = answer["client"]
        response = RemoteResponse(base64.b64decode(answer["body"]), status=answer["status"],
                                  headers=[tuple(pair) for pair in answer["headers"]])
        response.crashes = answer.get("crashes", [])
        response.warnings = answer.get("warnings", [])
        if response.crashes:
            self.app._session.crashes.extend(response.crashes)
        self.app._session.exchanges.append(exchange(self.app, path, method.upper(), kwargs, response))
        return response

    def get(self, path: str = "/", **kwargs) -> RemoteResponse:
        """GET path."""
        return self.open(path, method="GET", **kwargs)

    def post(self, path: str = "/", **kwargs) -> RemoteResponse:
        """POST path."""
        return self.open(path, method="POST", **kwargs)

    def put(self, path: str = "/", **kwargs) -> RemoteResponse:
        """PUT path."""
        return self.open(path, method="PUT", **kwargs)

    def patch(self, path: str = "/", **kwargs) -> RemoteResponse:
        """PATCH path."""
        return self.open(path, method="PATCH", **kwargs)

    def delete(self, path: str = "/", **kwargs) -> RemoteResponse:
        """DELETE path."""
        return self.open(path, method="DELETE", **kwargs)

    def head(self, path: str = "/", **kwargs) -> RemoteResponse:
        """HEAD path."""
        return self.open(path, method="HEAD", **kwargs)

    def options(self, path: str = "/", **kwargs) -> RemoteResponse:
        """OPTIONS path."""
        return self.open(path, method="OPTIONS", **kwargs)


EXCHANGE_BODY_LIMIT = 4000


def exchange(app: "RemoteApp", path: str, method: str, kwargs: dict, response) -> dict:
    """One request of a check and the start of its answer, as plain data (a too-large body is left out)."""
    sent = {"method": method, "path": path}
    for name in ("json", "data", "headers", "query_string", "content_type"):
        if name in kwargs:
            sent[name] = kwargs[name]
    if "data_b64" in kwargs:
        sent["data"] = base64.b64decode(kwargs["data_b64"]).decode("utf-8", "replace")
    if len(repr(sent)) > EXCHANGE_BODY_LIMIT:
        sent = {"method": method, "path": path, "too_large": True}
    return {"request": sent, "status": response.status_code,
            "body": response.get_data()[:EXCHANGE_BODY_LIMIT].decode("utf-8", "replace"), "app": app}


class RemoteRunner:
    """Flask's CLI runner interface, sent through the worker."""

    def __init__(self, app: RemoteApp):
        self.app = app

    def invoke(self, cli=None, args=None, input=None, **kwargs):
        """Run a flask command; return an object with exit_code, output, exception and logged lines."""
        answer = self.app._session.ask("cli", app=self.app._handle, args=list(args or []), input=input)
        exception = remote_exception(answer["exception"]) if answer.get("exception") else None
        return SimpleNamespace(exit_code=answer["exit_code"], output=answer["output"], exception=exception,
                               logged=answer.get("logged", []))

