"""Tests of the stage 15 example: who may reach which bookmark, the migration that
gave bookmarks an owner, the headers on every reply, production's secrets, and
a clean bandit run."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from flask_jwt_extended import decode_token
from openapi_spec_validator import validate
from sqlalchemy import inspect

from app import create_app
from app.extensions import db

FOLDER = Path(__file__).resolve().parent
BOOKMARK = {"url": "https://example.org/", "title": "Example"}
MISSING = 99
# Before this stage's revision: the bookmarks table of stage 14.
BEFORE_OWNERS = "4188acceb2c9"
STRONG = {
    "SECRET_KEY": "a-long-random-looking-secret-for-the-tests-0123",
    "JWT_SECRET_KEY": "another-long-random-looking-secret-for-tests-4567",
    "DATABASE_URL": "sqlite://",
}

# --8<-- [start:matrix]
# The body each method sends.
BODIES = {
    "GET": None,
    "PUT": {"url": "https://example.com/", "title": "Replaced"},
    "PATCH": {"title": "Renamed"},
    "DELETE": None,
}
# Who asks about the owner's bookmark, and what they get.
MATRIX = {
    "owner": {"GET": 200, "PUT": 200, "PATCH": 200, "DELETE": 204},
    "stranger": {"GET": 404, "PUT": 404, "PATCH": 404, "DELETE": 404},
    "admin": {"GET": 200, "PUT": 403, "PATCH": 403, "DELETE": 204},
}
CASES = [(who, method) for who in MATRIX for method in BODIES]
# --8<-- [end:matrix]


def send(client, method, bookmark_id, headers):
    """One request of the matrix."""
    body = BODIES[method]
    extra = {} if body is None else {"json": body}
    path = f"/api/bookmarks/{bookmark_id}"
    return client.open(path, method=method, headers=headers, **extra)


@pytest.fixture
def people(client, auth):
    """Authorization headers of an owner, a stranger and an admin, and the id of
    a bookmark the owner saved."""
    owner = auth.headers("owner@example.com")
    saved = client.post("/api/bookmarks/", json=BOOKMARK, headers=owner)
    callers = {
        "owner": owner,
        "stranger": auth.headers("stranger@example.com"),
        "admin": auth.headers(auth.make_admin()),
    }
    return callers, saved.get_json()["data"]["id"]


# --8<-- [start:matrix-tests]
@pytest.mark.parametrize(("who", "method"), CASES)
def test_who_may_do_what(client, people, who, method):
    callers, bookmark_id = people
    reply = send(client, method, bookmark_id, callers[who])
    assert reply.status_code == MATRIX[who][method]


@pytest.mark.parametrize(("who", "method"), CASES)
def test_a_missing_bookmark_is_404_for_everyone(client, people, who, method):
    callers, _ = people
    assert send(client, method, MISSING, callers[who]).status_code == 404


def test_someone_elses_bookmark_looks_missing(client, people):
    """A stranger cannot tell "not yours" from "not there": same code, same words."""
    callers, bookmark_id = people
    theirs = client.get(f"/api/bookmarks/{bookmark_id}", headers=callers["stranger"])
    missing = client.get(f"/api/bookmarks/{MISSING}", headers=callers["stranger"])
    message = missing.get_json()["error"]["message"]
    same = message.replace(str(MISSING), str(bookmark_id))
    assert theirs.get_json()["error"]["message"] == same
# --8<-- [end:matrix-tests]


def test_a_strangers_attempts_change_nothing(client, people):
    callers, bookmark_id = people
    for method in ("PUT", "PATCH", "DELETE"):
        send(client, method, bookmark_id, callers["stranger"])
    mine = client.get(f"/api/bookmarks/{bookmark_id}", headers=callers["owner"])
    assert mine.get_json()["data"]["title"] == "Example"


# --8<-- [start:list-and-owner]
def test_each_list_holds_its_owners_bookmarks(client, people):
    callers, _ = people
    client.post("/api/bookmarks/", json={**BOOKMARK, "title": "Other"},
                headers=callers["stranger"])

    def titles(who):
        reply = client.get("/api/bookmarks/", headers=callers[who])
        return sorted(item["title"] for item in reply.get_json()["data"])

    assert titles("owner") == ["Example"]
    assert titles("stranger") == ["Other"]
    assert titles("admin") == ["Example", "Other"]


def test_the_owner_comes_from_the_token_never_the_body(client, auth):
    body = {**BOOKMARK, "user_id": 1}
    reply = client.post("/api/bookmarks/", json=body, headers=auth.headers())
    assert reply.status_code == 422
    assert reply.get_json()["error"]["details"] == {"user_id": ["Unknown field."]}


def test_the_tokens_subject_is_a_string(app, auth):
    with app.app_context():
        claims = decode_token(auth.tokens()["access_token"])
    assert claims["sub"] == "1" and claims["sub"] != 1  # hence int(...)
    # RFC 7519's claims, and Flask-JWT-Extended's own bookkeeping.
    standard = {"sub", "iat", "nbf", "exp", "jti", "type", "fresh", "csrf"}
    assert set(claims) == standard | {"role"}  # no email, no hash
# --8<-- [end:list-and-owner]


def test_odd_input_is_refused_not_a_500(client, auth):
    headers = auth.headers()
    huge = client.get(f"/api/bookmarks/{2**64}", headers=headers)
    assert huge.status_code == 404
    bracket = {"url": "http://[x", "title": "Broken"}
    reply = client.post("/api/bookmarks/", json=bracket, headers=headers)
    assert reply.status_code == 422


def test_reading_needs_a_token_now(client):
    assert client.get("/api/bookmarks/").status_code == 401


# --8<-- [start:migration-tests]
@pytest.fixture
def on_disk(tmp_path, monkeypatch):
    """A development app on a SQLite file, and a runner for its flask commands."""
    path = tmp_path / "bookmarks.db"
    monkeypatch.setenv("DEV_DATABASE_URL", f"sqlite:///{path}")
    app = create_app("development")
    return app, app.test_cli_runner(), path


def bookmark_columns(app):
    """The bookmarks table's columns, as the database has them."""
    with app.app_context():
        columns = inspect(db.engine).get_columns("bookmarks")
    return {column["name"] for column in columns}


def test_the_owner_migration_goes_up_and_down(on_disk):
    app, runner, path = on_disk
    assert runner.invoke(args=["db", "upgrade", BEFORE_OWNERS]).exit_code == 0
    with sqlite3.connect(path) as database:  # a stage 14 table, with a row
        database.execute("INSERT INTO bookmarks (url, title) VALUES (?, ?)",
                         ("https://example.org/", "Saved before owners"))
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert "user_id" in bookmark_columns(app)
    with sqlite3.connect(path) as database:
        rows = database.execute("SELECT title, user_id FROM bookmarks").fetchall()
    assert rows == [("Saved before owners", None)]  # kept, and nobody's
    assert runner.invoke(args=["db", "downgrade", BEFORE_OWNERS]).exit_code == 0
    assert "user_id" not in bookmark_columns(app)


def test_models_and_migrations_agree(on_disk):
    _, runner, _ = on_disk
    runner.invoke(args=["db", "upgrade"])
    assert runner.invoke(args=["db", "check"]).exit_code == 0


def test_not_null_without_a_default_fails_on_rows(tmp_path):
    """What nullable=True avoids: SQLite refuses, and so would PostgreSQL."""
    with sqlite3.connect(tmp_path / "plain.db") as database:
        database.execute("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY)")
        database.execute("INSERT INTO bookmarks DEFAULT VALUES")
        with pytest.raises(sqlite3.OperationalError, match="NOT NULL"):
            database.execute(
                "ALTER TABLE bookmarks ADD COLUMN user_id INTEGER NOT NULL"
            )
# --8<-- [end:migration-tests]


# --8<-- [start:header-tests]
def crashing_app():
    """A testing app with a route that raises, answered as a server answers it."""
    app = create_app(config_name="testing")
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/crash")
    def crash():
        raise RuntimeError("nobody caught this")

    return app


@pytest.mark.parametrize("kind", ["200", "401", "404", "405", "422", "500"])
def test_every_answer_carries_the_headers(client, auth, kind):
    if kind == "200":
        reply = client.get("/health")
    elif kind == "401":
        reply = client.get("/api/bookmarks/")
    elif kind == "404":
        reply = client.get("/nothing-here")
    elif kind == "405":
        reply = client.delete("/health")
    elif kind == "422":
        reply = client.post("/api/bookmarks/", json={}, headers=auth.headers())
    else:
        reply = crashing_app().test_client().get("/crash")
    assert str(reply.status_code) == kind
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.headers["X-Frame-Options"] == "DENY"
    assert reply.headers["Referrer-Policy"] == "no-referrer"
    assert reply.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/health").headers
    secure = client.get("/health", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_behind_a_trusted_proxy_https_is_what_the_proxy_says(monkeypatch):
    for name, value in {**STRONG, "PROXY_COUNT": "1"}.items():
        monkeypatch.setenv(name, value)
    client = create_app("production").test_client()
    forwarded = client.get("/health", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in forwarded.headers
    assert forwarded.status_code == 200  # answered, never redirected


def test_the_docs_page_has_a_policy_of_its_own(client):
    reply = client.get("/docs")
    policy = reply.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "cdn" not in policy  # the files come from this app


def test_the_cdn_option_widens_the_docs_policy(monkeypatch):
    monkeypatch.setenv("SWAGGER_UI_FROM", "cdn")
    reply = create_app("testing").test_client().get("/docs")
    assert "https://cdn.jsdelivr.net" in reply.headers["Content-Security-Policy"]
# --8<-- [end:header-tests]


# --8<-- [start:secret-tests]
@pytest.mark.parametrize(("value", "why"), [
    ("short-but-secret", "fewer than 32"),
    ("bookmarks-dev-jwt-key-known-to-everyone-too", "sample key"),
])
def test_production_refuses_weak_secrets(monkeypatch, value, why):
    for name, good in {**STRONG, "JWT_SECRET_KEY": value}.items():
        monkeypatch.setenv(name, good)
    with pytest.raises(RuntimeError, match=f"JWT_SECRET_KEY.*{why}"):
        create_app("production")


def test_production_starts_with_strong_secrets(monkeypatch):
    for name, value in STRONG.items():
        monkeypatch.setenv(name, value)
    assert create_app("production").config["DEBUG"] is False


def test_init_db_refuses_production(monkeypatch):
    for name, value in STRONG.items():
        monkeypatch.setenv(name, value)
    result = create_app("production").test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code != 0 and "published password" in result.output
# --8<-- [end:secret-tests]


# --8<-- [start:error-test]
def test_a_500_says_nothing_of_the_exception():
    reply = crashing_app().test_client().get("/crash")
    assert reply.status_code == 500
    assert "nobody caught this" not in reply.get_data(as_text=True)
    assert reply.get_json()["status"] == "error"
# --8<-- [end:error-test]


def test_the_document_is_still_valid(spec):
    validate(spec)
    assert spec["paths"]["/api/bookmarks/"]["get"]["security"] == [{"AccessToken": []}]


# --8<-- [start:bandit-test]
def test_bandit_finds_nothing_of_medium_severity_or_more():
    """Static analysis of app/: -ll leaves out the low-severity findings."""
    found = subprocess.run(
        [sys.executable, "-m", "bandit", "-q", "-r", "app", "-ll"],
        cwd=FOLDER, capture_output=True, text=True,
    )
    assert found.returncode == 0, found.stdout
# --8<-- [end:bandit-test]
