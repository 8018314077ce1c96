"""Tests of the stage 10 example: production settings, proxies, logging, gunicorn."""

import importlib
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app

HERE = Path(__file__).resolve().parent
SECRETS = {
    "SECRET_KEY": "a-production-secret-for-the-tests",
    "JWT_SECRET_KEY": "a-production-jwt-key-of-at-least-32-bytes",
}


# --8<-- [start:production-env]
@pytest.fixture
def production(monkeypatch, tmp_path):
    """The environment of a production server, pointed at a file of the test's own."""
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    monkeypatch.delenv("PROXY_COUNT", raising=False)
    return monkeypatch
# --8<-- [end:production-env]


@pytest.mark.parametrize("name", ["SECRET_KEY", "JWT_SECRET_KEY", "DATABASE_URL"])
def test_production_names_the_missing_setting(production, name):
    production.delenv(name)
    with pytest.raises(RuntimeError, match=name):
        create_app("production")


def test_production_is_not_debug(production):
    app = create_app("production")
    assert not app.debug and not app.testing
    assert app.config["SECRET_KEY"] == SECRETS["SECRET_KEY"]


FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "bookmarks.example.org"}


# --8<-- [start:proxy-tests]
def redirect_to(app):
    """Where the list URL without its slash redirects: built from scheme and host."""
    response = app.test_client().get("/api/bookmarks", headers=FORWARDED)
    assert response.status_code == 308
    return response.headers["Location"]


def test_one_trusted_proxy(production):
    production.setenv("PROXY_COUNT", "1")
    url = redirect_to(create_app("production"))
    assert url == "https://bookmarks.example.org/api/bookmarks/"


def test_no_proxy_trusted_by_default(production):
    assert redirect_to(create_app("production")).startswith("http://localhost/")


def test_development_believes_no_proxy(monkeypatch):
    monkeypatch.setenv("PROXY_COUNT", "1")
    assert redirect_to(create_app("development")).startswith("http://localhost/")
# --8<-- [end:proxy-tests]


def test_proxy_count_must_be_a_number(production):
    production.setenv("PROXY_COUNT", "one")
    with pytest.raises(RuntimeError, match="PROXY_COUNT"):
        create_app("production")


def test_production_hides_the_exception(production):
    app = create_app("production")

    @app.get("/fail")
    def fail():
        raise RuntimeError("database password is hunter2")

    response = app.test_client().get("/fail")
    assert response.status_code == 500
    assert "hunter2" not in response.get_data(as_text=True)
    assert response.get_json()["status"] == "error"


# --8<-- [start:logging-test]
def import_wsgi():
    """Import wsgi.py again, as a freshly started server process would."""
    sys.modules.pop("wsgi", None)
    return importlib.import_module("wsgi")


def test_wsgi_takes_over_gunicorns_handlers(monkeypatch):
    monkeypatch.setenv("FLASK_CONFIG", "testing")
    server_log = logging.getLogger("gunicorn.error")
    handler = logging.StreamHandler()
    monkeypatch.setattr(server_log, "handlers", [handler])
    monkeypatch.setattr(server_log, "level", logging.INFO)
    application = import_wsgi().application
    assert application.logger.handlers == [handler]  # replaced, not added to
    assert application.logger.level == logging.INFO
# --8<-- [end:logging-test]


def test_wsgi_keeps_flasks_handler_elsewhere(monkeypatch):
    monkeypatch.setenv("FLASK_CONFIG", "testing")
    monkeypatch.setattr(logging.getLogger("gunicorn.error"), "handlers", [])
    application = import_wsgi().application
    assert application.logger.handlers  # Flask's own default handler


def test_gunicorn_reads_the_settings(tmp_path):
    env = dict(os.environ, **SECRETS, DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}")
    env.pop("FLASK_CONFIG", None)
    command = [sys.executable, "-m", "gunicorn", "--print-config"]
    done = subprocess.run(command, cwd=HERE, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    pairs = (line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    printed = {name.strip(): value.strip() for name, value in pairs}
    assert printed["wsgi_app"] == "wsgi:application"
    assert printed["bind"] == "['unix:/run/bookmarks/gunicorn.sock']"


def test_the_image_runs_gunicorn_in_exec_form():
    lines = (HERE / "Dockerfile").read_text().splitlines()
    command = next(line for line in lines if line.startswith("CMD "))
    assert json.loads(command[4:])[0] == "gunicorn"
