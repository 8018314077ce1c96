"""Stage 10 · gunicorn: its configuration file, its check of the app, and a real gunicorn with two workers on a
loopback port serving the app on a SQLite database brought up with flask db upgrade."""

import re
import time

import pytest

import expect
from deployment import COLLECTION, PASSWORD, production_env, upgraded
from grader.plugin import CheckFailed

# A request that fails on a database without tables: the answer production gives to any unexpected error.
BROKEN_REQUEST = ("POST", "/auth/register")
LOGGED = "Exception on /auth/register [POST]"
GUNICORN_LINE = re.compile(r"\[\d+\] \[ERROR\] Exception on /auth/register \[POST\]")


def printed_settings(output: str) -> dict[str, str]:
    """The settings gunicorn --print-config printed, by name."""
    settings = {}
    for line in output.splitlines():
        name, sep, value = line.partition("=")
        if sep and re.fullmatch(r"[a-z_]+", name.strip()):
            settings[name.strip()] = value.strip()
    return settings


@pytest.fixture
def server(gunicorn_runs):
    """The app under gunicorn, started when the first check began (conftest.py)."""
    if gunicorn_runs.live is None:
        raise CheckFailed("gunicorn to be started for this check", "it was not started")
    return gunicorn_runs.live


@pytest.mark.hint("gunicorn.conf.py: bind = \"127.0.0.1:8000\", workers from WEB_CONCURRENCY (else 2 x cores + 1), "
                  "accesslog and errorlog \"-\".", section="configuring-gunicorn",
                  todo="todo-gunicorn-settings")
def test_gunicorn_conf_settings(gunicorn_runs):
    """gunicorn --print-config, in the stage folder, shows the settings of gunicorn.conf.py and loads the app"""
    code, output = gunicorn_runs.result("print_config")
    settings = printed_settings(output)
    last = " | ".join(output.strip().splitlines()[-3:])[:400]
    expect.that(code == 0 and settings, "gunicorn --print-config (with the production variables set) to exit 0",
                f"exit code {code}: {last}")
    wanted = {"wsgi_app": "wsgi:application", "bind": "['127.0.0.1:8000']", "workers": "3", "accesslog": "-",
              "errorlog": "-"}
    for name, value in wanted.items():
        expect.that(settings.get(name) == value, f"gunicorn.conf.py to set {name} = {value}"
                    + (" (workers from WEB_CONCURRENCY=3)" if name == "workers" else ""),
                    f"{name} = {settings.get(name)}")


@pytest.mark.hint("With FLASK_CONFIG unset, wsgi.py builds the production app, which refuses to start without its "
                  "secrets.", section="the-wsgi-entry-point")
def test_check_config_refuses_without_secret(gunicorn_runs):
    """gunicorn --check-config fails when JWT_SECRET_KEY is missing, and its output names it"""
    code, output = gunicorn_runs.result("check_config")
    expect.that(code not in (0, None), "gunicorn --check-config wsgi:application to fail without JWT_SECRET_KEY",
                f"exit code {code}")
    expect.that("JWT_SECRET_KEY" in output, "the error to name JWT_SECRET_KEY",
                " | ".join(output.strip().splitlines()[-2:])[:300])


@pytest.mark.hint("gunicorn imports wsgi.py and serves wsgi:application; run it as the check does, from the stage "
                  "folder, and read its output.", section="the-wsgi-entry-point")
def test_gunicorn_serves_health(server):
    """A real gunicorn (2 workers, FLASK_CONFIG=production) answers GET /health with 200 {"status": "ok"}"""
    server.wait_until_ready()
    answer = server.send("GET", "/health")
    expect.that(answer.status_code == 200 and answer.get_json() == {"status": "ok"},
                'GET /health through gunicorn to answer 200 {"status": "ok"}', answer.describe())
    expect.that(answer.headers.get("server", "").startswith("gunicorn"), "a Server: gunicorn header",
                answer.headers.get("server", "none"))


@pytest.mark.hint("Production answers an unexpected error with the generic 500 envelope: keep the InternalServerError "
                  "handler, and DEBUG off.", section="production-configuration")
def test_gunicorn_error_is_generic_500(server):
    """Through gunicorn, a request that fails (the tables are not made yet) answers the generic 500 envelope"""
    server.wait_until_ready()
    method, path = BROKEN_REQUEST
    answer = server.send(method, path, {"username": "early", "email": "early@example.com", "password": PASSWORD})
    body = answer.get_json()
    expect.that(answer.status_code == 500 and isinstance(body, dict) and body.get("status") == "error"
                and isinstance(body.get("error"), dict),
                f"{method} {path} on a database without tables to answer 500 in the error envelope",
                answer.describe())
    text = answer.body.decode("utf-8", "replace")
    expect.that("Traceback" not in text and "no such table" not in text and "sqlite" not in text.lower(),
                "the 500 answer to say nothing of the exception", answer.describe())


@pytest.mark.hint("In wsgi.py, replace application.logger's handlers with gunicorn.error's (do not add to them) "
                  "and take its level.", section="logging-under-gunicorn", todo="todo-gunicorn-logging")
def test_gunicorn_logs_the_error_once(server):
    """The 500's traceback is in gunicorn's error log exactly once, written by gunicorn's handler"""
    server.wait_until_ready()
    if LOGGED not in server.output():
        method, path = BROKEN_REQUEST
        server.send(method, path, {"username": "early", "email": "early@example.com", "password": PASSWORD})
    for _ in range(20):
        if LOGGED in server.output():
            break
        time.sleep(0.1)
    lines = [line for line in server.output().splitlines() if LOGGED in line]
    expect.that(len(lines) == 1, f'the line "{LOGGED}" once in gunicorn\'s output',
                f"{len(lines)} times" + (f": {' | '.join(line.strip()[:120] for line in lines)}" if lines else ""))
    expect.that(bool(GUNICORN_LINE.search(lines[0])),
                "the app's log line in gunicorn's format ([time] [pid] [ERROR] ...): its handler, not Flask's",
                lines[0].strip()[:200])


@pytest.mark.hint("Register, log in and create through gunicorn: with 2 workers, each request may reach either, so "
                  "nothing may live in one process's memory.", section="workers-and-per-worker-state")
def test_register_login_create_list_through_gunicorn(server, app_module, monkeypatch):
    """After flask db upgrade, register → log in → create → list works through gunicorn's two workers"""
    server.wait_until_ready()
    production_env(monkeypatch, server.database_url)
    upgraded(app_module.create_app("production"),
             "this check runs flask db upgrade on the server's database (DATABASE_URL) first.")
    user = {"username": "deployer", "email": "deployer@example.com", "password": PASSWORD}
    answer = server.send("POST", "/auth/register", user)
    expect.that(answer.status_code == 201, "POST /auth/register through gunicorn to answer 201", answer.describe())
    answer = server.send("POST", "/auth/login", {"username": "deployer", "password": PASSWORD})
    body = answer.get_json() if answer.status_code == 200 else None
    if not isinstance(body, dict):
        raise CheckFailed("POST /auth/login through gunicorn to answer 200 with tokens", answer.describe())
    data = body.get("data") if isinstance(body.get("data"), dict) else {}
    token = body.get("access_token", data.get("access_token"))
    expect.that(isinstance(token, str), 'an "access_token" in the login answer', answer.describe())
    headers = {"Authorization": f"Bearer {token}"}
    for title in ("Ship it", "Watch the logs"):
        answer = server.send("POST", COLLECTION, {"title": title}, headers)
        expect.that(answer.status_code == 201, f'POST {COLLECTION} {{"title": "{title}"}} through gunicorn to '
                    "answer 201", answer.describe())
    answer = server.send("GET", COLLECTION, headers=headers)
    body = answer.get_json()
    tasks = body.get("data") if isinstance(body, dict) else None
    titles = [task.get("title") for task in tasks if isinstance(task, dict)] if isinstance(tasks, list) else None
    expect.that(answer.status_code == 200 and sorted(titles or []) == ["Ship it", "Watch the logs"],
                f"GET {COLLECTION} through gunicorn to list the two new tasks", answer.describe())
