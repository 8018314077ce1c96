"""The stage 01 example answers as the chapter says."""

import pytest


def test_root_is_text(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "Bookmarks API" in response.get_data(as_text=True)


def test_about_is_json(client):
    response = client.get("/api/about")
    assert response.status_code == 200
    assert response.is_json
    assert response.json == {
        "name": "Bookmarks API",
        "version": "0.1",
        "routes": ["/api/about", "/api/tags/<tag>"],
    }


def test_tag_comes_from_the_url(client):
    response = client.get("/api/tags/python")
    assert response.status_code == 200
    assert response.json == {
        "tag": "python",
        "length": 6,
        "message": "Nothing is tagged python yet.",
    }


def test_tag_is_decoded(client):
    response = client.get("/api/tags/read%20later")
    assert response.json["tag"] == "read later"
    assert response.json["length"] == 10


@pytest.mark.parametrize("path", ["/api/about", "/api/tags/python"])
def test_other_methods_are_405(client, path):
    response = client.post(path)
    assert response.status_code == 405
    assert set(response.allow) == {"GET", "HEAD", "OPTIONS"}


def test_tag_is_required(client):
    assert client.get("/api/tags").status_code == 404
    assert client.get("/api/tags/").status_code == 404

