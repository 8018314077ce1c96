"""The stage 06 example behaves as the chapter says."""

from datetime import datetime

import pytest
from marshmallow import ValidationError, fields

from app import create_app
from app.bookmarks.schemas import BookmarkSchema
from app.models import Bookmark

FLASK = {"url": "https://flask.palletsprojects.com/", "title": "Flask documentation"}
FIELDS = {"id", "url", "title", "notes", "created_at", "updated_at"}


def add(client, **changes):
    """POST a bookmark (FLASK, with changes) and return the answer."""
    return client.post("/api/bookmarks/", json={**FLASK, **changes})


def details(answer, status=422):
    """The per-field details of an error answer with the given status."""
    assert answer.status_code == status, answer.json
    assert answer.json["status"] == "error"
    return answer.json["error"]["details"]


# --- The schema on its own -----------------------------------------------------------


# --8<-- [start:generated]
def test_fields_come_from_the_model():
    schema_fields = BookmarkSchema().fields
    assert set(schema_fields) == FIELDS
    assert isinstance(schema_fields["id"], fields.Integer)
    assert isinstance(schema_fields["created_at"], fields.DateTime)
    assert schema_fields["id"].dump_only
# --8<-- [end:generated]


# --8<-- [start:load-and-dump]
def test_load_checks_every_field_at_once():
    with pytest.raises(ValidationError) as error:
        BookmarkSchema().load({"url": "ftp://example.com/", "title": " ", "notes": 5})
    assert set(error.value.messages) == {"url", "title", "notes"}


def test_load_cleans_and_dump_formats():
    loaded = BookmarkSchema().load({**FLASK, "title": "  Flask  "})
    assert loaded == {**FLASK, "title": "Flask", "notes": None}
    stamp = datetime(2025, 1, 31, 9, 30)
    bookmark = Bookmark(id=7, **loaded, created_at=stamp, updated_at=stamp)
    assert BookmarkSchema().dump(bookmark)["created_at"] == "2025-01-31T09:30:00"
# --8<-- [end:load-and-dump]


# --8<-- [start:partial]
def test_partial_lifts_requirements_not_rules():
    schema = BookmarkSchema()
    assert schema.load({"notes": "Later"}, partial=True) == {"notes": "Later"}
    # A tuple lifts the requirement for the fields it names, and only for them.
    assert schema.load({"url": FLASK["url"]}, partial=("title",)) == {
        "url": FLASK["url"], "notes": None}
    with pytest.raises(ValidationError, match="url"):
        schema.load({"title": "No url"}, partial=("title",))
    with pytest.raises(ValidationError, match="title"):
        schema.load({"title": ""}, partial=True)
# --8<-- [end:partial]


# --- Requests ------------------------------------------------------------------------


def test_create_trims_and_answers_201(client):
    answer = add(client, title="  Flask  ", url=" https://flask.palletsprojects.com/ ")
    assert answer.status_code == 201
    bookmark = answer.json["data"]
    assert set(bookmark) == FIELDS
    assert bookmark["title"] == "Flask"
    assert bookmark["url"] == FLASK["url"]
    assert bookmark["notes"] is None
    assert answer.location.endswith(f"/api/bookmarks/{bookmark['id']}")
    assert client.get(answer.location).json["data"] == bookmark


@pytest.mark.parametrize(("body", "fields_named"), [
    ({}, {"url", "title"}),
    ({"url": "ftp://x.org/", "title": "   ", "notes": 5}, {"url", "title", "notes"}),
    ({"url": "example.com", "title": "No scheme"}, {"url"}),
    ({**FLASK, "title": "x" * 101}, {"title"}),
    ({**FLASK, "id": 99}, {"id"}),
    ({**FLASK, "created_at": "2020-01-01T00:00:00"}, {"created_at"}),
    ({**FLASK, "tags": ["python"]}, {"tags"}),
    (["https://flask.palletsprojects.com/"], {"_schema"}),
])
def test_bad_input_is_422_with_details(client, body, fields_named):
    answer = client.post("/api/bookmarks/", json=body)
    assert set(details(answer)) == fields_named
    assert client.get("/api/bookmarks/").json["data"] == []


def test_a_form_is_415(client):
    assert client.post("/api/bookmarks/", data=FLASK).status_code == 415


def test_put_needs_every_required_field_and_clears_notes(client):
    url = add(client, notes="Read the quickstart").location
    assert set(details(client.put(url, json={"title": "Only a title"}))) == {"url"}
    replaced = client.put(url, json={**FLASK, "title": "Flask"})
    assert replaced.status_code == 200
    assert replaced.json["data"]["title"] == "Flask"
    assert replaced.json["data"]["notes"] is None


def test_patch_changes_only_what_it_names(client):
    url = add(client, notes="Read the quickstart").location
    patched = client.patch(url, json={"title": "  Flask  "})
    assert patched.status_code == 200
    assert patched.json["data"]["title"] == "Flask"
    assert patched.json["data"]["notes"] == "Read the quickstart"
    assert set(details(client.patch(url, json={"url": "nowhere"}))) == {"url"}
    assert client.patch(url, json={}).status_code == 400


def test_list_dumps_every_bookmark_newest_first(client):
    add(client)
    add(client, title="Click documentation", url="https://click.palletsprojects.com/")
    listed = client.get("/api/bookmarks/").json["data"]
    assert [b["title"] for b in listed] == [
        "Click documentation", "Flask documentation"]
    assert all(set(b) == FIELDS for b in listed)
    assert len(client.get("/api/bookmarks/?q=click").json["data"]) == 1


def test_delete_then_404(client):
    url = add(client).location
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


# --8<-- [start:any-view]
def test_a_validation_error_from_any_view_is_422():
    app = create_app("testing")

    @app.get("/checked")
    def checked():
        raise ValidationError("Not today.")

    answer = app.test_client().get("/checked")
    assert answer.status_code == 422
    assert answer.json["error"]["details"] == {"_schema": ["Not today."]}
# --8<-- [end:any-view]
