"""The stage 08 example: tables from migrations, a column that comes and goes with a
revision, and visited_on through the API."""

from datetime import date, timedelta

import pytest
from sqlalchemy import inspect

from app.extensions import db

BOOKMARK = {"url": "https://alembic.sqlalchemy.org/", "title": "Alembic"}


def columns(app, table):
    """The columns the database really has, by name."""
    with app.app_context():
        found = inspect(db.engine).get_columns(table)
    return {column["name"]: column for column in found}


def tables(app):
    with app.app_context():
        return set(inspect(db.engine).get_table_names())


def test_the_factory_creates_no_table(dev_app):
    assert tables(dev_app) == set()


def test_upgrade_builds_the_schema(dev_app, dev_runner):
    result = dev_runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert {"bookmarks", "users", "alembic_version"} <= tables(dev_app)
    visited_on = columns(dev_app, "bookmarks")["visited_on"]
    assert str(visited_on["type"]) == "DATE" and visited_on["nullable"]


# --8<-- [start:migration-tests]
def test_downgrade_drops_the_column_and_keeps_the_rows(dev_app, dev_runner):
    dev_runner.invoke(args=["db", "upgrade"])
    dev_runner.invoke(args=["init-db"])
    assert dev_runner.invoke(args=["db", "downgrade"]).exit_code == 0
    assert "visited_on" not in columns(dev_app, "bookmarks")
    with dev_app.app_context():
        count = db.session.execute(db.text("SELECT count(*) FROM bookmarks")).scalar()
    assert count == 3
    assert dev_runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert "visited_on" in columns(dev_app, "bookmarks")


def test_models_match_the_migrations(dev_runner):
    dev_runner.invoke(args=["db", "upgrade"])
    result = dev_runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output
# --8<-- [end:migration-tests]


def test_init_db_wants_an_upgraded_database(dev_app, dev_runner):
    result = dev_runner.invoke(args=["init-db"])
    assert result.exit_code == 1
    assert "db upgrade" in result.output and "Traceback" not in result.output
    assert tables(dev_app) == set()


def test_init_db_can_run_again(client, runner, auth):
    runner.invoke(args=["init-db"])
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert len(client.get("/api/bookmarks/").get_json()["data"]) == 3
    assert auth.login("admin@example.com", "example-password").status_code == 200


def test_visited_on_round_trip(client, auth):
    headers = auth.headers()
    body = {**BOOKMARK, "visited_on": "2024-05-02"}
    created = client.post("/api/bookmarks/", json=body, headers=headers)
    assert created.status_code == 201
    assert created.get_json()["data"]["visited_on"] == "2024-05-02"
    shown = client.get(created.headers["Location"]).get_json()["data"]
    assert shown["visited_on"] == "2024-05-02"


def test_visited_on_is_optional(client, auth):
    created = client.post("/api/bookmarks/", json=BOOKMARK, headers=auth.headers())
    assert created.get_json()["data"]["visited_on"] is None


@pytest.mark.parametrize(
    "value",
    ["2024-02-30", "yesterday", "02/05/2024", 20240502, "2024-05-02T10:00:00",
     (date.today() + timedelta(days=1)).isoformat()],
)
def test_visited_on_must_be_a_past_day(client, auth, value):
    body = {**BOOKMARK, "visited_on": value}
    response = client.post("/api/bookmarks/", json=body, headers=auth.headers())
    assert response.status_code == 422
    assert "visited_on" in response.get_json()["error"]["details"]


def test_null_and_put_clear_visited_on(client, auth):
    headers = auth.headers()
    body = {**BOOKMARK, "visited_on": "2024-05-02"}
    created = client.post("/api/bookmarks/", json=body, headers=headers)
    location = created.headers["Location"]
    patched = client.patch(location, json={"visited_on": None}, headers=headers)
    assert patched.get_json()["data"]["visited_on"] is None
    client.patch(location, json={"visited_on": "2024-05-03"}, headers=headers)
    replaced = client.put(location, json=BOOKMARK, headers=headers)
    assert replaced.get_json()["data"]["visited_on"] is None


def test_writes_still_need_a_token(client):
    assert client.post("/api/bookmarks/", json=BOOKMARK).status_code == 401
