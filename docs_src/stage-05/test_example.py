"""The stage 05 example behaves as the chapter says."""

import pytest

from app import create_app
from app.config import config_by_name


def add(client, title="Flask documentation", url="https://flask.palletsprojects.com/"):
    """POST a bookmark and return the answer."""
    return client.post("/api/bookmarks/", json={"url": url, "title": title})


# --- Configuration -------------------------------------------------------------------


def test_testing_config(app):
    assert app.config["TESTING"] is True
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"


def test_development_reads_the_environment_when_built(monkeypatch, tmp_path):
    monkeypatch.setenv("DEV_DATABASE_URL", f"sqlite:///{tmp_path / 'one.db'}")
    first = create_app()
    monkeypatch.setenv("DEV_DATABASE_URL", f"sqlite:///{tmp_path / 'two.db'}")
    second = create_app("development")
    assert first.config["DEBUG"] is True
    assert first.config["SQLALCHEMY_DATABASE_URI"].endswith("one.db")
    assert second.config["SQLALCHEMY_DATABASE_URI"].endswith("two.db")


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")


def test_production_refuses_to_start_without_a_database(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-the-environment")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="DATABASE_URL"):
        create_app("production")


def test_production_takes_both_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-the-environment")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    app = create_app("production")
    assert app.config["SECRET_KEY"] == "s3cret-from-the-environment"
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("prod.db")
    assert not app.config["DEBUG"] and not app.config["TESTING"]


@pytest.mark.parametrize("name", ["staging", "Testing", ""])
def test_unknown_configuration_names_are_refused(name):
    with pytest.raises(ValueError) as error:
        create_app(name)
    for known in config_by_name:
        assert known in str(error.value)


# --- The factory ---------------------------------------------------------------------


# --8<-- [start:independent-apps]
def test_each_app_has_its_own_database(client):
    assert add(client).status_code == 201
    other = create_app("testing")
    assert other is not client.application
    answer = other.test_client().get("/api/bookmarks/")
    assert answer.json["data"] == []
# --8<-- [end:independent-apps]


def test_blueprint_is_registered(app):
    assert "bookmarks" in app.blueprints
    rules = {(rule.rule, rule.endpoint) for rule in app.url_map.iter_rules()}
    assert ("/api/bookmarks/", "bookmarks.list_bookmarks") in rules
    assert ("/api/bookmarks/<int:bookmark_id>", "bookmarks.get_bookmark") in rules


def test_building_an_app_prints_nothing(capsys):
    create_app("testing")
    assert capsys.readouterr().out == ""


def test_health(client):
    answer = client.get("/health")
    assert answer.status_code == 200
    assert answer.json == {"status": "ok"}


def test_collection_without_slash_redirects(client):
    answer = client.get("/api/bookmarks")
    assert answer.status_code == 308
    assert answer.location.endswith("/api/bookmarks/")


# --- The command ---------------------------------------------------------------------


# --8<-- [start:init-db-test]
def test_init_db_starts_over_with_three_bookmarks(client, runner):
    add(client, title="Gone after init-db")
    for _ in range(2):
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0
        assert "3 sample bookmarks" in result.output
    titles = [b["title"] for b in client.get("/api/bookmarks/").json["data"]]
    assert len(titles) == 3
    assert "Gone after init-db" not in titles
# --8<-- [end:init-db-test]


# --- The blueprint's routes ----------------------------------------------------------


def test_create_answers_201_with_location(client):
    answer = add(client, title="  Padded title  ")
    assert answer.status_code == 201
    bookmark = answer.json["data"]
    assert bookmark["title"] == "Padded title"
    assert bookmark["notes"] is None
    assert set(bookmark) == {"id", "url", "title", "notes", "created_at", "updated_at"}
    assert answer.location == f"http://localhost/api/bookmarks/{bookmark['id']}"


def test_list_is_newest_first_and_searchable(client):
    for title in ("Flask documentation", "SQLAlchemy documentation", "Click"):
        add(client, title=title)
    listed = client.get("/api/bookmarks/").json["data"]
    assert [b["title"] for b in listed] == [
        "Click", "SQLAlchemy documentation", "Flask documentation"]
    found = client.get("/api/bookmarks/?q=DOCUMENTATION").json["data"]
    assert [b["title"] for b in found] == [
        "SQLAlchemy documentation", "Flask documentation"]
    assert client.get("/api/bookmarks/?q=%20").status_code == 400


@pytest.mark.parametrize("body", [
    {"title": "No url"},
    {"url": "ftp://example.com/file", "title": "Wrong scheme"},
    {"url": "https://example.com/", "title": "   "},
    {"url": "https://example.com/", "title": "x" * 101},
    {"url": "https://example.com/", "title": "Fine", "notes": 5},
    ["https://example.com/"],
])
def test_bad_bodies_are_400(client, body):
    answer = client.post("/api/bookmarks/", json=body)
    assert answer.status_code == 400
    assert answer.json["status"] == "error"


def test_a_form_is_415(client):
    answer = client.post("/api/bookmarks/", data={"url": "https://example.com/"})
    assert answer.status_code == 415


def test_put_replaces_and_patch_changes(client):
    url = add(client).location
    client.patch(url, json={"notes": "Read the tutorial"})
    replaced = client.put(url, json={"url": "https://example.com/", "title": "Example"})
    assert replaced.status_code == 200
    assert replaced.json["data"]["notes"] is None
    patched = client.patch(url, json={"title": "Example site"})
    assert patched.json["data"]["url"] == "https://example.com/"
    assert patched.json["data"]["title"] == "Example site"
    assert client.patch(url, json={}).status_code == 400
    assert client.put(url, json={"title": "No url"}).status_code == 400


def test_delete_then_404(client):
    url = add(client).location
    answer = client.delete(url)
    assert answer.status_code == 204
    assert answer.data == b""
    for method in ("get", "put", "patch", "delete"):
        assert getattr(client, method)(url, json={"title": "x"}).status_code == 404


# --- Errors for the whole app ---------------------------------------------------------


def test_unknown_url_answers_in_the_envelope(client):
    answer = client.get("/api/nothing-here")
    assert answer.status_code == 404
    assert answer.json["status"] == "error"


def test_wrong_method_keeps_allow(client):
    answer = client.post("/health")
    assert answer.status_code == 405
    assert answer.json["status"] == "error"
    assert "GET" in answer.allow
