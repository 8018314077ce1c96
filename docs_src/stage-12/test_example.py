"""Tests of the stage 12 example: cached reads, forgetting on write, ETags."""

import pytest
from flask_migrate import upgrade

from app import create_app
from app.bookmarks.caching import GENERATION
from app.extensions import cache
from conftest import AuthActions

BOOKMARK = {"url": "https://flask.palletsprojects.com/", "title": "Flask docs"}
OTHER = {"url": "https://peps.python.org/pep-0008/", "title": "PEP 8"}


def titles(response):
    """The titles of a list answer, in order."""
    return [item["title"] for item in response.get_json()["data"]]


def test_the_testing_config_caches_nothing(client, auth):
    writer = auth.headers()
    client.post("/api/bookmarks/", json=BOOKMARK, headers=writer)
    assert client.get("/api/bookmarks/").headers["X-Cache"] == "MISS"
    assert client.get("/api/bookmarks/").headers["X-Cache"] == "MISS"


# --8<-- [start:hit-test]
def test_the_second_read_is_a_hit(cached_client, cached_auth):
    cached_client.post("/api/bookmarks/", json=BOOKMARK, headers=cached_auth.headers())
    first = cached_client.get("/api/bookmarks/1")
    second = cached_client.get("/api/bookmarks/1")
    assert first.headers["X-Cache"] == "MISS"
    assert second.headers["X-Cache"] == "HIT"
    assert second.get_json() == first.get_json()
# --8<-- [end:hit-test]


def test_each_query_string_has_its_own_answer(cached_client, cached_auth):
    writer = cached_auth.headers()
    for body in (BOOKMARK, OTHER):
        cached_client.post("/api/bookmarks/", json=body, headers=writer)
    assert titles(cached_client.get("/api/bookmarks/")) == ["PEP 8", "Flask docs"]
    assert titles(cached_client.get("/api/bookmarks/?q=flask")) == ["Flask docs"]
    # The same question in another order is the same entry.
    cached_client.get("/api/bookmarks/?q=pep&page=1")
    again = cached_client.get("/api/bookmarks/?page=1&q=pep")
    assert again.headers["X-Cache"] == "HIT" and titles(again) == ["PEP 8"]


# --8<-- [start:write-test]
@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_change_is_seen_at_once(cached_client, cached_auth, method):
    writer = cached_auth.headers()
    cached_client.post("/api/bookmarks/", json=BOOKMARK, headers=writer)
    cached_client.get("/api/bookmarks/1")
    cached_client.get("/api/bookmarks/")
    change = {**BOOKMARK, "title": "Flask 3 docs"}
    getattr(cached_client, method)("/api/bookmarks/1", json=change, headers=writer)
    detail = cached_client.get("/api/bookmarks/1")
    assert detail.headers["X-Cache"] == "MISS"
    assert detail.get_json()["data"]["title"] == "Flask 3 docs"
    assert titles(cached_client.get("/api/bookmarks/")) == ["Flask 3 docs"]
# --8<-- [end:write-test]


def test_a_delete_is_seen_at_once(cached_client, cached_auth):
    writer = cached_auth.headers()
    cached_client.post("/api/bookmarks/", json=BOOKMARK, headers=writer)
    cached_client.get("/api/bookmarks/1")
    cached_client.get("/api/bookmarks/")
    cached_client.delete("/api/bookmarks/1", headers=writer)
    assert cached_client.get("/api/bookmarks/1").status_code == 404
    assert titles(cached_client.get("/api/bookmarks/")) == []


# --8<-- [start:not-found-test]
def test_a_404_is_not_kept(cached_client, cached_auth):
    assert cached_client.get("/api/bookmarks/1").status_code == 404
    cached_client.post("/api/bookmarks/", json=BOOKMARK, headers=cached_auth.headers())
    assert cached_client.get("/api/bookmarks/1").status_code == 200
# --8<-- [end:not-found-test]


def test_a_write_is_never_served_from_the_cache(cached_client, cached_auth):
    writer = cached_auth.headers()
    for _ in range(2):
        created = cached_client.post("/api/bookmarks/", json=BOOKMARK, headers=writer)
        assert created.status_code == 201 and "X-Cache" not in created.headers
    assert len(titles(cached_client.get("/api/bookmarks/"))) == 2


def test_each_caller_has_entries_of_its_own(cached_client, cached_auth):
    reader = cached_auth.headers()
    cached_client.get("/api/bookmarks/")
    assert cached_client.get("/api/bookmarks/").headers["X-Cache"] == "HIT"
    signed_in = cached_client.get("/api/bookmarks/", headers=reader)
    assert signed_in.headers["X-Cache"] == "MISS"


def test_a_broken_token_is_refused_even_for_a_kept_answer(cached_client):
    cached_client.get("/api/bookmarks/")
    broken = {"Authorization": "Bearer not-a-token"}
    assert cached_client.get("/api/bookmarks/", headers=broken).status_code == 401


# --8<-- [start:etag-test]
def test_if_none_match_gets_a_304(cached_client, cached_auth):
    writer = cached_auth.headers()
    cached_client.post("/api/bookmarks/", json=BOOKMARK, headers=writer)
    etag = cached_client.get("/api/bookmarks/1").headers["ETag"]
    again = cached_client.get("/api/bookmarks/1", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    cached_client.patch("/api/bookmarks/1", json={"notes": "read"}, headers=writer)
    changed = cached_client.get("/api/bookmarks/1", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
# --8<-- [end:etag-test]


def test_a_304_on_a_miss_too(client, auth):
    client.post("/api/bookmarks/", json=BOOKMARK, headers=auth.headers())
    etag = client.get("/api/bookmarks/").headers["ETag"]
    answer = client.get("/api/bookmarks/", headers={"If-None-Match": etag})
    assert answer.status_code == 304 and answer.headers["X-Cache"] == "MISS"


def test_a_lost_generation_loses_the_answers(cached_app, cached_client):
    cached_client.get("/api/bookmarks/")
    with cached_app.app_context():
        cache.delete(GENERATION)  # as if the backend had evicted it
    assert cached_client.get("/api/bookmarks/").headers["X-Cache"] == "MISS"


def test_a_full_cache_keeps_the_generation(make_app):
    client = make_app(CACHE_TYPE="SimpleCache", CACHE_THRESHOLD=4).test_client()
    for term in ("a", "b", "c", "d", "e"):
        client.get(f"/api/bookmarks/?q={term}")
    assert client.get("/api/bookmarks/?q=e").headers["X-Cache"] == "HIT"


def test_timeout_ends_an_answer(make_app):
    client = make_app(CACHE_TYPE="SimpleCache", CACHE_DEFAULT_TIMEOUT=-1).test_client()
    client.get("/api/bookmarks/")
    assert client.get("/api/bookmarks/").headers["X-Cache"] == "MISS"


# --8<-- [start:workers-test]
def two_workers(tmp_path, **settings):
    """Two apps on one database file, as two gunicorn workers would be."""
    database = f"sqlite:///{tmp_path / 'shared.db'}"
    apps = [create_app("testing", {"SQLALCHEMY_DATABASE_URI": database, **settings})
            for _ in range(2)]
    with apps[0].app_context():
        upgrade()
    return [app.test_client() for app in apps]


def rename_in_one_worker(tmp_path, **settings):
    """The bookmark's title as the other worker reads it after a change."""
    one, other = two_workers(tmp_path, **settings)
    writer = AuthActions(None, one).headers()
    one.post("/api/bookmarks/", json=BOOKMARK, headers=writer)
    other.get("/api/bookmarks/1")  # now in the other worker's cache
    one.patch("/api/bookmarks/1", json={"title": "Renamed"}, headers=writer)
    return other.get("/api/bookmarks/1").get_json()["data"]["title"]


def test_simplecache_is_one_per_worker(tmp_path):
    assert rename_in_one_worker(tmp_path, CACHE_TYPE="SimpleCache") == "Flask docs"


def test_a_shared_folder_is_one_cache(tmp_path):
    folder = str(tmp_path / "cache")
    settings = {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": folder}
    assert rename_in_one_worker(tmp_path, **settings) == "Renamed"
# --8<-- [end:workers-test]


def test_production_reads_the_backend_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-for-the-tests")
    monkeypatch.setenv("JWT_SECRET_KEY", "a-production-jwt-key-of-at-least-32-bytes")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    monkeypatch.setenv("CACHE_TYPE", "FileSystemCache")
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache"))
    app = create_app("production")
    assert app.config["CACHE_TYPE"] == "FileSystemCache"
    assert create_app("development").config["CACHE_TYPE"] == "SimpleCache"


def test_a_cache_that_is_down_only_slows_the_api(make_app):
    # Nothing listens on port 9: every call to the cache fails at once.
    app = make_app(CACHE_TYPE="RedisCache", CACHE_REDIS_URL="redis://127.0.0.1:9/0")
    client = app.test_client()
    writer = AuthActions(app, client).headers()
    assert client.get("/api/bookmarks/").headers["X-Cache"] == "MISS"
    created = client.post("/api/bookmarks/", json=BOOKMARK, headers=writer)
    assert created.status_code == 201
    assert client.get("/api/bookmarks/1").status_code == 200
