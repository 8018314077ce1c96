"""The stage 02 example answers as the chapter says."""

import json

import pytest


def ids(response):
    return [bookmark["id"] for bookmark in response.json]


def test_list_starts_with_three(client):
    response = client.get("/api/bookmarks")
    assert response.status_code == 200
    assert ids(response) == [1, 2, 3]
    assert response.json[1] == {
        "id": 2,
        "url": "https://www.rfc-editor.org/rfc/rfc9110",
        "title": "HTTP Semantics (RFC 9110)",
        "notes": None,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [("q=http", [2, 3]), ("q=MDN", [3]), ("q=nothing", []), ("q=", [1, 2, 3])],
)
def test_q_filters_titles_in_any_case(client, query, expected):
    assert ids(client.get(f"/api/bookmarks?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("limit=2", [1, 2]),
        ("limit=abc", [1, 2, 3]),
        ("limit=-1", []),
        ("q=http&limit=1", [2]),
    ],
)
def test_limit_is_a_number_with_a_default(client, query, expected):
    assert ids(client.get(f"/api/bookmarks?{query}")) == expected


def test_get_one(client):
    response = client.get("/api/bookmarks/3")
    assert response.status_code == 200
    assert response.json["title"] == "HTTP status codes on MDN"


@pytest.mark.parametrize(
    "path", ["/api/bookmarks/42", "/api/bookmarks/two", "/api/nothing"]
)
def test_not_found_is_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.is_json
    assert response.json["error"]


def test_missing_id_names_it(client):
    response = client.get("/api/bookmarks/42")
    assert response.json == {"error": "No bookmark has the id 42."}


def test_check_url(client):
    url = "https://www.rfc-editor.org/rfc/rfc9110"
    response = client.get(f"/api/bookmarks/check?url={url}")
    assert response.status_code == 200
    assert response.json == {
        "url": "https://www.rfc-editor.org/rfc/rfc9110",
        "bookmarked": True,
        "ids": [2],
    }
    response = client.get(
        "/api/bookmarks/check", query_string={"url": "https://x.org/"}
    )
    assert response.json["bookmarked"] is False


def test_check_needs_a_url(client):
    response = client.get("/api/bookmarks/check")
    assert response.status_code == 400
    assert response.is_json
    assert "url=" in response.json["error"]


def test_create(client):
    response = client.post(
        "/api/bookmarks",
        json={"url": "https://peps.python.org/pep-0008/", "title": "  PEP 8  "},
    )
    assert response.status_code == 201
    assert response.json == {
        "id": 4,
        "url": "https://peps.python.org/pep-0008/",
        "title": "PEP 8",
        "notes": None,
    }
    assert ids(client.get("/api/bookmarks")) == [1, 2, 3, 4]
    assert client.get("/api/bookmarks/4").json["title"] == "PEP 8"
    body = {"url": "http://a.example", "title": "A"}
    second = client.post("/api/bookmarks", json=body)
    assert second.json["id"] == 5


def test_create_keeps_notes(client):
    body = {"url": "https://a.example/", "title": "A", "notes": "read later"}
    assert client.post("/api/bookmarks", json=body).json["notes"] == "read later"


@pytest.mark.parametrize(
    "body",
    [
        ["https://a.example/"],
        "https://a.example/",
        None,
        {"title": "No URL"},
        {"url": "ftp://a.example/", "title": "Wrong scheme"},
        {"url": 42, "title": "Not a string"},
        {"url": "https://a.example/"},
        {"url": "https://a.example/", "title": "   "},
        {"url": "https://a.example/", "title": ["A"]},
        {"url": "https://a.example/", "title": "x" * 101},
        {"url": "https://a.example/", "title": "A", "notes": 7},
    ],
)
def test_bad_bodies_are_400_and_store_nothing(client, body):
    response = client.post(
        "/api/bookmarks", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.is_json
    assert response.json["error"]
    assert ids(client.get("/api/bookmarks")) == [1, 2, 3]


def test_broken_json_is_400(client):
    response = client.post(
        "/api/bookmarks", data='{"url": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.is_json


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ({"url": "https://a.example/", "title": "A"}, None),
        ('{"url": "https://a.example/", "title": "A"}', "text/plain"),
    ],
)
def test_not_json_is_415(client, data, content_type):
    response = client.post("/api/bookmarks", data=data, content_type=content_type)
    assert response.status_code == 415
    assert response.is_json
    assert ids(client.get("/api/bookmarks")) == [1, 2, 3]


def test_client_sees_its_headers(client):
    response = client.get(
        "/api/client",
        headers={
            "User-Agent": "reader/1.0",
            "accept-language": "fr",
            "X-Reading-List": "on",
        },
    )
    assert response.status_code == 200
    assert response.json["agent"] == "reader/1.0"
    assert response.json["language"] == "fr"
    assert response.json["extras"] == {"X-Reading-List": "on"}


def test_language_has_a_default(client):
    assert client.get("/api/client").json["language"] == "not sent"


def test_other_methods_are_405(client):
    assert client.delete("/api/bookmarks").status_code == 405
