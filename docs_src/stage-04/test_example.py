"""The stage 04 example keeps its bookmarks in a database and offers full CRUD."""

import importlib.util
import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError

FLASK_DOCS = {"url": "https://flask.palletsprojects.com/", "title": "Flask docs"}


def create(client, **fields):
    """POST a bookmark and return the created bookmark."""
    response = client.post("/api/bookmarks", json={**FLASK_DOCS, **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["data"]


def listed(client, query=""):
    """The bookmarks GET /api/bookmarks answers."""
    response = client.get(f"/api/bookmarks{query}")
    assert response.status_code == 200
    return response.get_json()["data"]


def test_default_database_is_in_the_instance_folder(tmp_path, monkeypatch):
    """Without DATABASE_URL, the data goes to instance/bookmarks.db next to app.py."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    shutil.copy(Path(__file__).with_name("app.py"), tmp_path / "app.py")
    spec = importlib.util.spec_from_file_location("app_copy", tmp_path / "app.py")
    copy = importlib.util.module_from_spec(spec)
    # Flask finds the instance folder through sys.modules, so the copy must be there.
    monkeypatch.setitem(sys.modules, "app_copy", copy)
    spec.loader.exec_module(copy)
    assert (tmp_path / "instance" / "bookmarks.db").is_file()
    with copy.app.app_context():
        copy.db.engine.dispose()


def test_database_url_is_used_and_no_instance_folder_made(example, tmp_path):
    """DATABASE_URL names the database; the instance folder is then not created."""
    assert example.app.config["SQLALCHEMY_DATABASE_URI"].endswith("test.db")
    assert (tmp_path / "test.db").is_file()
    assert not Path(example.app.instance_path).exists()


def test_import_adds_nothing(client):
    """A new database starts empty: importing the app seeds nothing."""
    assert listed(client) == []


def test_seed_command_fills_an_empty_table_once(client, runner):
    """flask seed adds the starter bookmarks once; a second run adds none."""
    assert "Added 3" in runner.invoke(args=["seed"]).output
    assert "nothing added" in runner.invoke(args=["seed"]).output
    assert len(listed(client)) == 3


def test_create_answers_201_and_location(client):
    """POST stores the bookmark, answers it with 201, and Location leads to it."""
    response = client.post("/api/bookmarks", json={**FLASK_DOCS, "title": "  Flask  "})
    assert response.status_code == 201
    bookmark = response.get_json()["data"]
    assert bookmark["title"] == "Flask"
    assert bookmark["notes"] is None
    assert datetime.fromisoformat(bookmark["created_at"])
    location = response.headers["Location"]
    assert location == f"http://localhost/api/bookmarks/{bookmark['id']}"
    assert client.get(location).get_json()["data"] == bookmark


@pytest.mark.parametrize("body", [
    {"title": "No address"},
    {"url": "example.com", "title": "No scheme"},
    {"url": "https://example.com/" + "x" * 2000, "title": "Too long"},
    {"url": "https://example.com/"},
    {"url": "https://example.com/", "title": " "},
    {"url": "https://example.com/", "title": "x" * 101},
    {"url": "https://example.com/", "title": "Example", "notes": ["a list"]},
    ["a", "list"],
])
def test_bad_bookmark_is_400_and_stores_nothing(client, restart, body):
    """A bookmark that breaks a rule is a 400, and nothing reaches the database."""
    response = client.post("/api/bookmarks", json=body)
    assert response.status_code == 400
    assert response.get_json()["status"] == "error"
    assert listed(restart().test_client()) == []


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
def test_write_without_json_is_415(client, method):
    """A body that is not JSON is a 415, whatever the method."""
    bookmark = create(client)
    path = "/api/bookmarks" if method == "POST" else f"/api/bookmarks/{bookmark['id']}"
    response = client.open(path, method=method, data="url=https://example.com/")
    assert response.status_code == 415


def test_list_is_newest_first_then_highest_id(client, example):
    """The list sorts by created_at, newest first, and by id when two are equal."""
    ids = [create(client, title=f"Bookmark {n}")["id"] for n in range(3)]
    with example.app.app_context():
        table = example.Bookmark.__table__
        moved = table.update().where(table.c.id == ids[2])
        example.db.session.execute(moved.values(created_at=datetime(2000, 1, 1)))
        example.db.session.commit()
    assert [b["id"] for b in listed(client)] == [ids[1], ids[0], ids[2]]


def test_q_filters_by_title_and_refuses_a_blank_term(client):
    """?q= keeps titles that contain the term in any case; a blank ?q= is a 400."""
    create(client)
    kept = create(client, url="https://docs.sqlalchemy.org/", title="SQLAlchemy docs")
    assert [b["id"] for b in listed(client, "?q=sqlALCHEMY")] == [kept["id"]]
    assert client.get("/api/bookmarks?q=%20").status_code == 400


def test_get_and_unknown_ids(client):
    """GET answers one bookmark; an unknown id is a 404 for every method."""
    bookmark = create(client)
    assert client.get(f"/api/bookmarks/{bookmark['id']}").get_json()["data"] == bookmark
    for method in ("GET", "PUT", "PATCH", "DELETE"):
        response = client.open("/api/bookmarks/999", method=method, json=FLASK_DOCS)
        assert response.status_code == 404
        assert response.get_json()["status"] == "error"


def test_put_replaces_and_clears_what_it_leaves_out(client):
    """PUT needs url and title; notes left out become null."""
    bookmark = create(client, notes="Read later")
    body = {"url": "https://flask.palletsprojects.com/en/stable/", "title": "Flask"}
    response = client.put(f"/api/bookmarks/{bookmark['id']}", json=body)
    assert response.status_code == 200
    replaced = response.get_json()["data"]
    assert (replaced["url"], replaced["title"]) == (body["url"], body["title"])
    assert replaced["notes"] is None
    assert client.put(f"/api/bookmarks/{bookmark['id']}",
                      json={"title": "No url"}).status_code == 400


def test_patch_changes_only_what_it_is_sent(client):
    """PATCH changes the fields in the body and keeps the others."""
    bookmark = create(client, notes="Read later")
    response = client.patch(f"/api/bookmarks/{bookmark['id']}", json={"notes": None})
    patched = response.get_json()["data"]
    assert patched == {**bookmark, "notes": None, "updated_at": patched["updated_at"]}


@pytest.mark.parametrize("body", [{}, {"tags": ["x"]}, {"title": ""}, {"url": "nope"}])
def test_patch_refuses_nothing_known_or_a_bad_value(client, body):
    """A PATCH that names no known field, or breaks a rule, is a 400."""
    bookmark = create(client)
    response = client.patch(f"/api/bookmarks/{bookmark['id']}", json=body)
    assert response.status_code == 400


def test_update_moves_updated_at_only(client, example):
    """A change moves updated_at and never created_at."""
    bookmark = create(client)
    long_ago = datetime(2000, 1, 1)
    with example.app.app_context():
        stored = example.db.session.get(example.Bookmark, bookmark["id"])
        stored.created_at = stored.updated_at = long_ago
        example.db.session.commit()
    response = client.patch(f"/api/bookmarks/{bookmark['id']}", json={"title": "Flask"})
    patched = response.get_json()["data"]
    assert patched["created_at"] == long_ago.isoformat()
    assert patched["updated_at"] != long_ago.isoformat()


def test_delete_answers_204_and_the_row_is_gone(client, example):
    """DELETE answers an empty 204, and the row is no longer in the database."""
    bookmark = create(client)
    response = client.delete(f"/api/bookmarks/{bookmark['id']}")
    assert (response.status_code, response.get_data()) == (204, b"")
    with example.app.app_context():
        assert example.db.session.get(example.Bookmark, bookmark["id"]) is None


# --8<-- [start:restart]
def test_changes_survive_a_restart(client, restart):
    """What was committed is there for a new start of the app on the same database."""
    kept = create(client, title="Kept")
    gone = create(client, title="Gone")
    client.patch(f"/api/bookmarks/{kept['id']}", json={"notes": "Still here"})
    client.delete(f"/api/bookmarks/{gone['id']}")
    after = listed(restart().test_client())
    assert [(b["title"], b["notes"]) for b in after] == [("Kept", "Still here")]
# --8<-- [end:restart]


# --8<-- [start:rollback]
@pytest.mark.parametrize("hook", ["before_flush", "after_flush"])
def test_a_failed_commit_is_rolled_back(app, client, example, hook):
    """A database error answers 500 without details, and the next request works."""
    calls = []

    def fail_once(session, *args):
        calls.append(hook)
        if len(calls) == 1:
            raise SQLAlchemyError("disk I/O error at /srv/secret/path")

    # One app context around both requests: they share one session, as a CLI would.
    with app.app_context():
        event.listen(example.db.session, hook, fail_once)
        response = client.post("/api/bookmarks", json=FLASK_DOCS)
        assert response.status_code == 500
        assert "secret" not in response.get_data(as_text=True)
        assert create(client, title="Next")["title"] == "Next"
        assert [b["title"] for b in listed(client)] == ["Next"]
# --8<-- [end:rollback]


@pytest.mark.parametrize(("method", "path", "code"), [
    ("GET", "/nowhere", 404), ("DELETE", "/api/bookmarks", 405)])
def test_errors_stay_in_the_envelope(client, method, path, code):
    """Unknown URLs and wrong methods answer in the error envelope."""
    response = client.open(path, method=method)
    assert response.status_code == code
    assert response.get_json()["status"] == "error"
