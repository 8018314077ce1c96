"""The worker: the only process that runs a student's code. Started by grader/channel.py as `python -I -c SOURCE`.

It reads length-prefixed JSON requests on the pipe named by its first argument and answers on the second. It imports nothing of the course, so a
student's code finds neither the checks nor the grader in its process: whatever it changes here changes only what
its own app answers, and every verdict is made on the other side of the pipe. Standard library only at start-up;
Flask and the student's libraries are imported when the first app is loaded.
"""

import base64
import datetime
import gc
import importlib
import io
import json
import os
import struct
import sys
import time
import traceback
import warnings
from contextlib import redirect_stdout

BASE_ENVIRONMENT = dict(os.environ)
handles: dict[int, object] = {}
crashes: dict[int, list] = {}
state = {"folder": None, "next": 1, "frozen": False, "paths": set()}
REQUESTS, REPLIES = int(sys.argv[1]), int(sys.argv[2])


def read_message(fd: int) -> bytes | None:
    """One length-prefixed message from a pipe, or None when the other side has gone."""
    header = read_exactly(fd, 4)
    if header is None:
        return None
    return read_exactly(fd, struct.unpack(">I", header)[0])


def read_exactly(fd: int, count: int) -> bytes | None:
    """Read count bytes from a pipe; None at its end."""
    chunks = b""
    while len(chunks) < count:
        chunk = os.read(fd, count - len(chunks))
        if not chunk:
            return None
        chunks += chunk
    return chunks


def write_message(fd: int, data: bytes) -> None:
    """Write one length-prefixed message to a pipe."""
    view = memoryview(struct.pack(">I", len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def send(message: dict) -> None:
    """Write one answer to the reply pipe."""
    write_message(REPLIES, json.dumps(message, default=plain).encode())


def plain(value):
    """A JSON form for values JSON does not know (config values, dates): their text."""
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return repr(value)


def decoded(value):
    """Turn {"$datetime": iso} markers sent by the checks back into datetimes."""
    if isinstance(value, dict):
        if set(value) == {"$datetime"}:
            return datetime.datetime.fromisoformat(value["$datetime"])
        return {key: decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decoded(item) for item in value]
    return value


def keep(obj) -> int:
    """Store an object under a new handle number."""
    number = state["next"]
    state["next"] += 1
    handles[number] = obj
    return number


def student_frame(exc: BaseException):
    """(file, line, code) of the deepest frame of the traceback inside the graded folder, or None."""
    root = state["folder"]
    if not root:
        return None
    if isinstance(exc, SyntaxError) and exc.filename and os.path.realpath(exc.filename).startswith(root + os.sep):
        return os.path.relpath(os.path.realpath(exc.filename), root), exc.lineno, (exc.text or "").strip()
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        path = os.path.realpath(frame.filename)
        if path.startswith(root + os.sep):
            found = (os.path.relpath(path, root), frame.lineno, (frame.line or "").strip())
    return found


def failure(exc: BaseException) -> dict:
    """Describe an exception raised by the student's code."""
    detail = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    where = student_frame(exc)
    return {"type": type(exc).__name__, "message": str(detail)[:2000],
            "where": list(where) if where else None}


# Per folder, the modules already seen to live outside it, by name: the same module object under the same name
# needs no second look at its file on the next check.
outside: dict[str, dict[str, object]] = {}


def forget_modules(folder: str) -> None:
    """Drop every module imported from the folder, so the next import starts from the files."""
    prefix = folder + os.sep
    seen = outside.setdefault(prefix, {})
    for name, module in list(sys.modules.items()):
        if seen.get(name) is module:
            continue
        file = getattr(module, "__file__", None)
        if file and file.startswith(prefix):
            del sys.modules[name]
        else:
            seen[name] = module
    forget_celery_state(prefix)


def forget_celery_state(prefix: str) -> None:
    """Forget what Celery kept of the forgotten modules, as a new process would: it remembers every @shared_task
    ever declared and registers the first of each name with every new Celery app (the old import's function, bound
    to the old import's database object), and it keeps the last Celery app as the current one."""
    celery_state = sys.modules.get("celery._state")
    if celery_state is None:
        return
    finalizers = getattr(celery_state, "_on_app_finalizers", None)
    for callback in list(finalizers or ()):
        for cell in getattr(callback, "__closure__", None) or ():
            try:
                code = getattr(cell.cell_contents, "__code__", None)
            except ValueError:
                continue
            if code is not None and os.path.realpath(code.co_filename).startswith(prefix):
                finalizers.discard(callback)
                break
    celery_state.default_app = None
    celery_state._tls.current_app = None


def set_environment(message: dict) -> None:
    """Apply the environment and working folder the checks ask for."""
    # What clear() does (unset every variable), without its popitem() per variable.
    for name in list(os.environ):
        del os.environ[name]
    os.environ.update(BASE_ENVIRONMENT)
    os.environ.update(message.get("env", {}))
    for name in message.get("unset", ()):
        os.environ.pop(name, None)
    if message.get("cwd"):
        os.chdir(message["cwd"])


def op_load(message: dict) -> dict:
    """Import the app module afresh from a folder; with build, also make the app (attribute or factory call)."""
    folder = os.path.realpath(message["folder"])
    if state["folder"] and state["folder"] != folder:
        forget_modules(state["folder"])
    state["folder"] = folder
    forget_modules(folder)
    for loaded in state["paths"]:
        while loaded in sys.path:
            sys.path.remove(loaded)
    sys.path.insert(0, folder)
    state["paths"].add(folder)
    importlib.invalidate_caches()
    module_name, _, attribute = message["spec"].partition(":")
    printed = io.StringIO()
    answer = {}
    try:
        with redirect_stdout(printed):
            module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return {"missing_module": module_name, "printed": printed.getvalue()}
        return {"import_error": failure(exc), "printed": printed.getvalue()}
    except BaseException as exc:  # noqa: B902 - whatever the student's import raises is reported, not fatal
        return {"import_error": failure(exc), "printed": printed.getvalue()}
    answer["module"] = keep(module)
    if message.get("build"):
        answer.update(build(module, attribute, message.get("config_name", "testing"), printed,
                            message.get("test_config")))
    answer["printed"] = printed.getvalue()[:4000]
    if not state["frozen"]:
        # Everything loaded so far (Flask, SQLAlchemy, ...) stays put: later collections skip it.
        gc.freeze()
        state["frozen"] = True
    return answer


def build(module, attribute: str, config_name, printed, test_config=None) -> dict:
    """Make the app from a loaded module: its attribute, or the factory called with config_name (and test_config)."""
    from flask import Flask, got_request_exception

    factory, name = attribute.endswith("()"), attribute.removesuffix("()")
    if not hasattr(module, name):
        return {"no_attribute": name}
    try:
        with redirect_stdout(printed):
            target = getattr(module, name)
            if not factory:
                app = target
            elif test_config is not None:
                # pallets' second argument: settings applied after the configuration class.
                app = target(config_name, test_config)
            else:
                app = target(config_name) if config_name is not None else target()
    except BaseException as exc:  # noqa: B902
        return {"build_error": failure(exc)}
    if not isinstance(app, Flask):
        return {"not_flask": type(app).__name__}
    return {"app": remember(app)}


def op_build(message: dict) -> dict:
    """Make the app from an already loaded module (its attribute, or the factory called with config_name)."""
    module = handles[message["module"]]
    attribute = message["spec"].partition(":")[2]
    printed = io.StringIO()
    answer = build(module, attribute, message.get("config_name", "testing"), printed, message.get("test_config"))
    answer["printed"] = printed.getvalue()[:4000]
    return answer


def remember(app) -> int:
    """Keep an app under a handle and record the exceptions its views raise."""
    from flask import got_request_exception

    number = keep(app)
    crashes[number] = []

    def record(sender, exception, **extra):
        """Flask calls this for every unhandled exception in a view."""
        crashes[number].append(failure(exception))

    got_request_exception.connect(record, app, weak=False)
    app._grader_record = record
    return number


def op_call_factory(message: dict) -> dict:
    """Call the module's factory with the given arguments; answer an app handle or what it raised."""
    module = handles[message["module"]]
    name = message["name"]
    if not hasattr(module, name):
        return {"no_attribute": name}
    printed = io.StringIO()
    try:
        with redirect_stdout(printed):
            app = getattr(module, name)(*message.get("args", []))
    except BaseException as exc:  # noqa: B902
        return {"raised": failure(exc), "printed": printed.getvalue()[:4000]}
    from flask import Flask

    if not isinstance(app, Flask):
        return {"not_flask": type(app).__name__}
    same = [number for number, obj in handles.items() if obj is app]
    return {"app": same[0] if same else remember(app), "printed": printed.getvalue()[:4000]}


def op_request(message: dict) -> dict:
    """Send one request through the app's test client; answer status, headers, body and crashes."""
    app = handles[message["app"]]
    if message.get("new_client"):
        # The check's first request also makes its client (kept for its cookies): one round trip instead of two.
        made = keep(app.test_client())
        client = handles[made]
    else:
        made, client = None, handles.get(message.get("client")) or app.test_client()
    kwargs = dict(message.get("kwargs", {}))
    if "data_b64" in kwargs:
        kwargs["data"] = base64.b64decode(kwargs.pop("data_b64"))
    before = len(crashes.get(message["app"], []))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.open(message["path"], method=message["method"], **kwargs)
        body = response.get_data()
        response.close()
    return {"client": made, "status": response.status, "headers": list(response.headers.items()),
            "body": base64.b64encode(body[: message.get("limit", 4_000_000)]).decode(),
            "crashes": crashes.get(message["app"], [])[before:],
            "warnings": [{"category": w.category.__name__, "message": str(w.message)[:500]} for w in caught[:20]]}


def op_cli(message: dict) -> dict:
    """Run one of the app's flask commands with the test runner; answer exit code, output and exception."""
    import logging

    app = handles[message["app"]]
    lines = []

    class Keep(logging.Handler):
        """Keeps warnings and errors logged while the command runs (Alembic reports errors through logging)."""

        def emit(self, record):
            """Keep one record's text."""
            lines.append(record.getMessage())

    handler = Keep(logging.WARNING)
    logging.getLogger().addHandler(handler)
    try:
        result = app.test_cli_runner().invoke(args=message["args"], input=message.get("input"))
    finally:
        logging.getLogger().removeHandler(handler)
    exception = result.exception
    return {"exit_code": result.exit_code, "output": result.output[-20_000:], "logged": lines[-50:],
            "exception": None if exception is None or isinstance(exception, SystemExit) else failure(exception)}


def op_config(message: dict) -> dict:
    """The app's configuration values for the keys asked for (all keys when none are named)."""
    config = handles[message["app"]].config
    keys = message.get("keys") or list(config)
    return {"values": {key: config[key] for key in keys if key in config}, "keys": list(config)}


def op_routes(message: dict) -> dict:
    """The app's URL rules and blueprint names."""
    app = handles[message["app"]]
    rules = [{"rule": rule.rule, "endpoint": rule.endpoint, "methods": sorted(rule.methods or ())}
             for rule in app.url_map.iter_rules()]
    return {"rules": rules, "blueprints": list(app.blueprints), "instance_path": app.instance_path}


def app_db(message: dict):
    """The Flask-SQLAlchemy object of the app (its extension) or of the module (`db`)."""
    from flask import Flask, current_app, has_app_context

    app = handles.get(message.get("app"))
    if app is None and has_app_context():
        app = current_app._get_current_object()
    if app is not None and "sqlalchemy" in app.extensions:
        return app, app.extensions["sqlalchemy"]
    module = handles.get(message.get("module"))
    db = getattr(module, "db", None)
    if app is None and isinstance(getattr(module, "app", None), Flask):
        app = module.app
    return app, db


def in_context(app, work):
    """Run work inside the app's context (pushed if none is active)."""
    from flask import has_app_context

    if app is None or has_app_context():
        return work()
    with app.app_context():
        return work()


def op_tables(message: dict) -> dict:
    """The tables the app's models declare, with their columns."""
    _, db = app_db(message)
    if db is None or not hasattr(db, "metadata"):
        return {"no_db": type(db).__name__}
    return {"tables": {name: list(table.c.keys()) for name, table in db.metadata.tables.items()}}


def op_insert(message: dict) -> dict:
    """Insert rows into a table through the app's session; answer their ids."""
    app, db = app_db(message)
    table = db.metadata.tables[message["table"]]

    def work():
        """Insert and commit."""
        ids = [db.session.execute(table.insert().values(**row)).inserted_primary_key[0]
               for row in decoded(message["rows"])]
        db.session.commit()
        return ids

    return {"ids": in_context(app, work)}


def op_update(message: dict) -> dict:
    """Change columns of one row through the app's session."""
    app, db = app_db(message)
    table = db.metadata.tables[message["table"]]

    def work():
        """Update and commit."""
        db.session.execute(table.update().where(table.c.id == message["id"]).values(**decoded(message["values"])))
        db.session.commit()

    in_context(app, work)
    return {}


def op_delete(message: dict) -> dict:
    """Delete one row by id straight in the database (as another process or an admin would), and commit."""
    app, db = app_db(message)
    table = db.metadata.tables[message["table"]]

    def work():
        """Delete and commit."""
        db.session.execute(table.delete().where(table.c.id == message["id"]))
        db.session.commit()

    in_context(app, work)
    return {}


def op_fail_next_flush(message: dict) -> dict:
    """Make the next flush of the app's session raise a database error once, before or after its SQL."""
    from sqlalchemy import event
    from sqlalchemy.exc import SQLAlchemyError

    _, db = app_db(message)
    armed = [True]

    def refuse(session, *args):
        """Raise the injected failure the first time only."""
        if armed.pop() if armed else False:
            raise SQLAlchemyError(message["text"])

    event.listen(db.session, "before_flush" if message["moment"] == "before" else "after_flush", refuse)
    return {}


def op_context(message: dict) -> dict:
    """Push or pop an app context, so that several requests share one session as a CLI command's would."""
    app = handles[message["app"]]
    if message["push"]:
        context = app.app_context()
        context.push()
        handles[-message["app"]] = context
    else:
        handles.pop(-message["app"]).pop()
    return {}


def op_raising_route(message: dict) -> dict:
    """Add a route that raises an exception (RuntimeError, or marshmallow's ValidationError) for handler checks."""
    app = handles[message["app"]]
    kind, argument = message["kind"], message["argument"]

    def raise_it():
        """Fail the way a bug or a schema load does."""
        if kind == "validation_error":
            from marshmallow import ValidationError

            raise ValidationError(argument)
        raise RuntimeError(argument)

    app.add_url_rule(message["path"], f"grader_check_only_{message['path']}", raise_it)
    return {}


def op_select(message: dict) -> dict:
    """Run one read-only SELECT on the app's database; answer its rows (bytes as text, at most 1000 rows)."""
    from sqlalchemy import text

    sql = message["sql"]
    if not sql.lstrip().upper().startswith("SELECT"):
        raise ValueError("only a SELECT statement can be run")
    app, db = app_db(message)

    def work():
        """Read the rows on a connection of the app's engine."""
        with db.engine.connect() as connection:
            return connection.execute(text(sql), message.get("params") or {}).mappings().fetchmany(1000)

    return {"rows": [{key: bytes(value) if isinstance(value, memoryview) else value for key, value in row.items()}
                     for row in in_context(app, work)]}


def op_access_token(message: dict) -> dict:
    """Make an access token with Flask-JWT-Extended in the app's context (its key and settings), e.g. an expired one."""
    from flask_jwt_extended import create_access_token

    app = handles[message["app"]]
    with app.app_context():
        token = create_access_token(identity=message["identity"], additional_claims=message.get("claims") or {},
                                    expires_delta=datetime.timedelta(seconds=message["expires_seconds"]))
    return {"token": token}


def op_migration_heads(message: dict) -> dict:
    """The head revisions of the app's Flask-Migrate migrations folder, as Alembic reads them."""
    from alembic.script import ScriptDirectory

    app = handles[message["app"]]
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        return {"heads": list(ScriptDirectory.from_config(config).get_heads())}


def json_value(value):
    """A value as JSON can carry it: scalars as they are, a mapping as its sorted keys, lists item by item, anything
    else as its repr."""
    from collections.abc import Mapping

    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return sorted(str(key) for key in value)
    if isinstance(value, (list, tuple)):
        return [json_value(item) for item in value]
    return repr(value)[:500]


def op_extension(message: dict) -> dict:
    """Describe app.extensions[name]: whether it is there, its type, and the dotted attributes asked for."""
    app = handles[message["app"]]
    if message["name"] not in app.extensions:
        return {"present": False, "names": sorted(str(name) for name in app.extensions)}
    extension = app.extensions[message["name"]]
    values = {}
    for path in message.get("attributes", []):
        value = extension
        try:
            for part in path.split("."):
                value = getattr(value, part)
        except Exception as exc:  # noqa: BLE001 - a missing or failing attribute is an answer, not an error
            values[path] = {"$error": f"{type(exc).__name__}: {exc}"[:500]}
            continue
        values[path] = json_value(value)
    return {"present": True, "type": f"{type(extension).__module__}.{type(extension).__qualname__}",
            "values": values}


def op_run_job(message: dict) -> dict:
    """Run one job of the app's Celery app (app.extensions["celery"].tasks[name]) here and now, outside any request
    and app context, as a worker runs it; answer its state and result, or its error."""
    from flask import has_app_context

    if has_app_context():
        raise RuntimeError("run_job runs a job outside any app context; one is open")
    job = handles[message["app"]].extensions["celery"].tasks[message["name"]]
    try:
        # apply() runs it through Celery's tracer, as a worker does: the task class's __call__ included.
        result = job.apply(args=message.get("args", []))
    except Exception as exc:  # noqa: BLE001 - task_eager_propagates makes a failing job raise here
        return {"state": "FAILURE", "error": f"{type(exc).__name__}: {exc}"[:2000]}
    if result.state == "SUCCESS":
        return {"state": result.state, "result": json_value(result.result)}
    return {"state": result.state, "error": f"{type(result.result).__name__}: {result.result}"[:2000]}


OPERATIONS = {"load": op_load, "build": op_build, "call_factory": op_call_factory, "request": op_request,
              "cli": op_cli, "config": op_config, "routes": op_routes, "tables": op_tables, "insert": op_insert,
              "update": op_update, "delete": op_delete, "fail_next_flush": op_fail_next_flush, "context": op_context,
              "raising_route": op_raising_route, "select": op_select, "access_token": op_access_token,
              "migration_heads": op_migration_heads, "extension": op_extension, "run_job": op_run_job}


def answer_to(message: dict) -> bytes:
    """Run one operation in the environment and folder the message asks for; its answer (or what the student's
    code raised) as JSON."""
    try:
        set_environment(message)
        answer = OPERATIONS[message["op"]](message)
    except BaseException as exc:  # noqa: B902 - the student's code may raise anything, even SystemExit
        answer = {"error": failure(exc)}
    try:
        return json.dumps(answer, default=plain).encode()
    except (TypeError, ValueError) as exc:
        return json.dumps({"error": {"type": type(exc).__name__, "message": f"an answer that is not JSON: {exc}",
                                     "where": None}}).encode()


# --- Preparing the next check ahead ------------------------------------------------------------------------------
#
# The checks run two workers and alternate between them. While one answers a check, the other is told what the next
# check's first request will be (its own folder and database, the usual import and build) and runs it at once: on a
# machine with a second core, the fresh import is paid while the checks run. Its answer is used only if the next
# check's first request is exactly the one predicted and nothing it could have seen changed meanwhile (the graded
# copy, the check's folder); otherwise what the prepared import wrote into the check's folder is removed and the
# request runs as usual. An app whose import writes into the graded copy is never prepared ahead: it would write
# while another check runs.

# A folder with more entries than this is not watched for changes: nothing is prepared ahead for it.
WATCHED_ENTRIES = 2000
ahead = {"request": None, "answer": None, "before": None, "made": None, "used": 0, "unused": {}, "pure": True}
# Seconds this worker spent preparing and answering: what the checks' own work costs (scripts/benchmark.py --work).
busy = {"preparing": 0.0, "answering": 0.0}


def fingerprint(folder: str):
    """The files under a folder with their sizes and change times, and its folders by name (compiled-code caches
    left out: Python writes them beside the code it imports), or None when there are too many entries to watch."""
    seen = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        seen.extend((os.path.relpath(os.path.join(root, name), folder) + os.sep, None, None) for name in folders)
        for name in sorted(files):
            try:
                info = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            seen.append((os.path.relpath(os.path.join(root, name), folder), info.st_size, info.st_mtime_ns))
        if len(seen) > WATCHED_ENTRIES:
            return None
    return seen


def same_request(message: dict, predicted: dict) -> bool:
    """Whether a check's first request is the one prepared for it."""
    return {k: v for k, v in message.items() if k != "fresh"} == {k: v for k, v in predicted.items() if k != "fresh"}


# Audit events that write to a path (their first argument): a prepared import that sends one of these for a path in
# the graded copy wrote there while another check ran.
WRITING_EVENTS = {"os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.truncate", "os.symlink",
                  "os.link", "os.chmod", "os.utime", "shutil.copyfile", "shutil.copytree", "shutil.move",
                  "shutil.rmtree", "sqlite3.connect"}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
watching = {"folder": None, "wrote": False, "hooked": False}


def watch_writes(event: str, args: tuple) -> None:
    """Audit hook: note a write into the watched folder (Python's own compiled-code caches aside)."""
    folder = watching["folder"]
    if folder is None or not args or (event != "open" and event not in WRITING_EVENTS):
        return
    if event == "open":
        mode, flags = (args + (None, 0))[1:3]
        writes = isinstance(mode, str) and any(letter in mode for letter in "wax+")
        if not (writes or isinstance(flags, int) and flags & WRITE_FLAGS):
            return
    path = args[0]
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, (str, os.PathLike)):
        return
    path = os.path.realpath(os.fspath(path))
    if not path.startswith(folder + os.sep) or "__pycache__" in path[len(folder):].split(os.sep):
        return
    if event == "os.mkdir" and os.path.isdir(path):
        return  # os.makedirs(..., exist_ok=True) of a folder that is there: nothing is written
    watching["wrote"] = True


def prepare(predicted: dict) -> None:
    """Run the next check's predicted first request now, as that check would; keep its answer for it."""
    if not ahead["pure"] or predicted.get("op") != "load":
        return
    folder = os.path.realpath(predicted["folder"])
    before = fingerprint(folder)
    if before is None:
        return
    handles.clear()
    crashes.clear()
    os.makedirs(predicted["cwd"], exist_ok=True)
    if not watching["hooked"]:
        # Only a worker that prepares pays for the hook (a call for every audited event, for good).
        sys.addaudithook(watch_writes)
        watching["hooked"] = True
    watching.update(folder=folder, wrote=False)
    try:
        answer = answer_to(predicted)
    finally:
        watching["folder"] = None
    if watching["wrote"]:
        # It wrote into the graded copy while another check ran: never again in this run.
        ahead["pure"] = False
    ahead.update(request=predicted, answer=answer, before=before, made=fingerprint(predicted["cwd"]))


def take_prepared(message: dict) -> bytes | None:
    """The prepared answer to a check's first request, if it was prepared for exactly this; else undo the
    preparation (its files) and answer None."""
    predicted, answer = ahead["request"], ahead["answer"]
    if predicted is None:
        return None
    ahead["request"] = ahead["answer"] = None
    cwd = predicted["cwd"]
    if not ahead["pure"]:
        why = "impure"
    elif (ahead["made"] is None or fingerprint(cwd) != ahead["made"]
          or fingerprint(os.path.realpath(predicted["folder"])) != ahead["before"]):
        why = "files"
    elif not same_request(message, predicted):
        why = "request"
    else:
        ahead["used"] += 1
        return answer
    ahead["unused"][why] = ahead["unused"].get(why, 0) + 1
    undo(cwd, ahead["made"] or [])
    return None


def undo(cwd: str, made: list) -> None:
    """Remove what the preparation wrote into the check's folder (what is unchanged since; then empty folders)."""
    now = {entry[0]: entry for entry in fingerprint(cwd) or []}
    for entry in sorted(made, key=lambda item: -len(item[0])):
        if now.get(entry[0]) != entry:
            continue
        path = os.path.join(cwd, entry[0])
        try:
            os.rmdir(path) if entry[0].endswith(os.sep) else os.unlink(path)
        except OSError:
            pass


def serve() -> None:
    """Answer requests until the pipe closes."""
    while True:
        raw = read_message(REQUESTS)
        if raw is None:
            os._exit(0)
        message = json.loads(raw)
        if message["op"] == "exit":
            os._exit(0)
        if message["op"] == "prepared":
            send({"used": ahead["used"], "unused": ahead["unused"], "seconds": busy})
            continue
        started = time.perf_counter()
        if message["op"] == "prepare":
            # No answer: the checks do not wait for it.
            prepare(message["request"])
            busy["preparing"] += time.perf_counter() - started
            continue
        write_message(REPLIES, reply(message))
        busy["answering"] += time.perf_counter() - started


def reply(message: dict) -> bytes:
    """The answer to one request: the one prepared ahead for it, or one made now."""
    if message.get("fresh"):
        answer = take_prepared(message)
        if answer is not None:
            return answer
        handles.clear()
        crashes.clear()
    return answer_to(message)


def preload(names: list[str]) -> None:
    """Import the libraries the app will need while the checks are still being collected."""
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a library that fails here fails again, visibly, at the app's import
            pass
    if "sqlalchemy" in sys.modules:
        skip_disk_syncs()


def skip_disk_syncs() -> None:
    """Let SQLite skip its waits for the disk: each check's database is thrown away, and grading stays quick."""
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def no_sync(dbapi_connection, connection_record):
        """Runs for every new SQLite connection."""
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.execute("PRAGMA synchronous = OFF")


def cheap_password_hashing() -> None:
    """Make Werkzeug's password hashing cheap while checks run: the default scrypt cost takes ~0.1 s per hash,
    which would dominate the auth stages. Hashes stay real hashes (the cost is written into each one), so
    behaviour is unchanged; only the student's own runs keep the full cost."""
    import werkzeug.security as security

    defaults = security.generate_password_hash.__defaults__
    # n=256: 0.8 ms a hash instead of 3 ms at n=1024 (auth checks hash often). Below 128, Werkzeug's memory limit
    # for scrypt is smaller than what OpenSSL needs and hashing fails.
    security.generate_password_hash.__defaults__ = ("scrypt:256:8:1", defaults[1])
    security.DEFAULT_PBKDF2_ITERATIONS = 1000


def cache_url_builders() -> None:
    """Compile each of Werkzeug's URL-builder functions once per grading run instead of once per check.

    A fresh import per check registers every route again, and Werkzeug builds two small functions per rule from an
    AST each time (most of an app's build time). The function depends only on the rule text, its parsed parts and
    the names of its defaults, so one compiled for the same inputs is copied; a rule whose defaults fill one of its
    variables (Werkzeug calls the converter then) is compiled as before."""
    try:
        from werkzeug.routing.rules import Rule
    except Exception:  # noqa: BLE001 - no Werkzeug: nothing to speed up
        return
    import types

    original = Rule._compile_builder
    made: dict[tuple, types.FunctionType] = {}

    def compile_builder(self, append_unknown: bool = True):
        """Werkzeug's builder for this rule, compiled once per distinct input."""
        defaults = self.defaults or {}
        trace = tuple(self._trace)
        if type(self)._get_func_code is not Rule._get_func_code or any(
                is_dynamic and data in defaults for is_dynamic, data in trace):
            return original(self, append_unknown)
        key = (self.rule, bool(append_unknown), trace, tuple(str(name) for name in defaults))
        function = made.get(key)
        if function is None:
            function = made[key] = original(self, append_unknown)
        copy = types.FunctionType(function.__code__, dict(function.__globals__), function.__name__,
                                  function.__defaults__, function.__closure__)
        copy.__qualname__ = function.__qualname__
        return copy

    Rule._compile_builder = compile_builder


preload(sys.argv[3:])
cheap_password_hashing()
cache_url_builders()
send({"ready": True})
serve()
