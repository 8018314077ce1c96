"""The stage 03 example answers in envelopes, with the status codes it promises."""

import pytest


def test_list_in_success_envelope(client):
    """GET /api/bookmarks answers 200 with the list as the envelope's data."""
    response = client.get("/api/bookmarks")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "success"
    assert [b["id"] for b in body["data"]] == [1, 2, 3]


def test_search_by_title(client):
    """?q= keeps the bookmarks whose title contains the term, in any case."""
    body = client.get("/api/bookmarks?q=http").get_json()
    assert [b["id"] for b in body["data"]] == [2, 3]


def test_blank_search_is_400(client):
    """A blank ?q= is a client error, not a search for everything."""
    response = client.get("/api/bookmarks?q=%20")
    assert response.status_code == 400
    assert response.get_json()["status"] == "error"


def test_one_bookmark(client):
    """GET /api/bookmarks/<id> answers the bookmark inside the envelope."""
    body = client.get("/api/bookmarks/2").get_json()
    assert body == {
        "status": "success",
        "data": {"id": 2, "url": "https://www.rfc-editor.org/rfc/rfc9110",
                 "title": "HTTP Semantics (RFC 9110)", "notes": None},
    }


def test_create_answers_201_with_location(client):
    """POST answers 201, the stripped bookmark, and a Location leading to it."""
    response = client.post("/api/bookmarks", json={
        "url": "https://werkzeug.palletsprojects.com/", "title": "  Werkzeug  "})
    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data == {"id": 4, "url": "https://werkzeug.palletsprojects.com/",
                    "title": "Werkzeug", "notes": None}
    assert response.headers["Location"] == "http://localhost/api/bookmarks/4"
    assert client.get("/api/bookmarks/4").get_json()["data"] == data


@pytest.mark.parametrize("body", [
    {"title": "No address"},
    {"url": "ftp://example.com/file", "title": "Not the web"},
    {"url": "https://", "title": "No host"},
    {"url": "https://example.com/"},
    {"url": "https://example.com/", "title": "   "},
    {"url": "https://example.com/", "title": "x" * 101},
    {"url": "https://example.com/", "title": "Example", "notes": 5},
    ["not", "an", "object"],
])
def test_bad_bookmark_is_400(client, body):
    """A bad field or a body that is not an object is a 400 that stores nothing."""
    response = client.post("/api/bookmarks", json=body)
    assert response.status_code == 400
    assert response.get_json()["status"] == "error"
    assert response.get_json()["error"]["message"]
    assert len(client.get("/api/bookmarks").get_json()["data"]) == 3


def test_form_body_is_415(client):
    """A body that is not JSON is a 415 in the error envelope."""
    response = client.post("/api/bookmarks", data={"url": "https://example.com/"})
    assert response.status_code == 415
    assert response.get_json()["status"] == "error"


def test_broken_json_is_400_envelope(client):
    """JSON that cannot be parsed is Flask's 400, in the error envelope."""
    response = client.post("/api/bookmarks", data='{"url": ',
                           content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["status"] == "error"


@pytest.mark.parametrize("path", ["/api/bookmarks/99", "/nowhere", "/api/bookmarks/x"])
def test_not_found_is_404_envelope(client, path):
    """Unknown ids and unknown URLs answer a JSON 404."""
    response = client.get(path)
    assert response.status_code == 404
    assert response.is_json
    assert response.get_json()["status"] == "error"


def test_wrong_method_is_405_with_allow(client):
    """A method the URL does not take is a JSON 405 that keeps Allow."""
    response = client.delete("/api/bookmarks")
    assert response.status_code == 405
    assert response.get_json()["status"] == "error"
    assert {"GET", "POST"} <= set(response.headers["Allow"].split(", "))
    assert response.content_type == "application/json"


# --8<-- [start:crash]
def test_crash_is_500_without_details(app, client):
    """An unexpected exception is a 500 that tells the client no more."""
    # TESTING lets exceptions reach the test; switch that off to see what a client sees.
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret database password")

    response = client.get("/boom")
    assert response.status_code == 500
    assert response.get_json()["status"] == "error"
    assert "secret" not in response.get_data(as_text=True)
    assert "RuntimeError" not in response.get_data(as_text=True)
# --8<-- [end:crash]


def test_delete_is_204_and_id_is_not_reused(client):
    """DELETE answers an empty 204, and the next bookmark gets a new id."""
    response = client.delete("/api/bookmarks/3")
    assert response.status_code == 204
    assert response.get_data() == b""
    assert client.get("/api/bookmarks/3").status_code == 404
    assert client.delete("/api/bookmarks/3").status_code == 404
    created = client.post("/api/bookmarks", json={
        "url": "https://example.com/", "title": "Example"}).get_json()["data"]
    assert created["id"] == 4


@pytest.mark.parametrize("notes", ["Read section 15 first.", None])
def test_put_notes(client, notes):
    """PUT .../notes replaces the notes, or clears them with null."""
    response = client.put("/api/bookmarks/2/notes", json={"notes": notes})
    assert response.status_code == 200
    assert response.get_json()["data"]["notes"] == notes
    assert client.get("/api/bookmarks/2").get_json()["data"]["notes"] == notes


@pytest.mark.parametrize(("body", "code"), [
    ({}, 400), ({"notes": 42}, 400), ([], 400), ("text", 400), (None, 415),
])
def test_bad_put_changes_nothing(client, body, code):
    """A refused PUT leaves the notes as they were."""
    if body is None:
        response = client.put("/api/bookmarks/1/notes", data={"notes": "form"})
    else:
        response = client.put("/api/bookmarks/1/notes", json=body)
    assert response.status_code == code
    notes = client.get("/api/bookmarks/1").get_json()["data"]["notes"]
    assert notes == "Start with the quickstart."


def test_put_unknown_bookmark_is_404(client):
    """PUT on a bookmark that does not exist is a 404."""
    response = client.put("/api/bookmarks/99/notes", json={"notes": None})
    assert response.status_code == 404
