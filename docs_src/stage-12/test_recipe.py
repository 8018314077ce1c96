"""What @cache.cached does with the example's own views, as many tutorials use it.

Each test mounts a copy of a view under /recipe/, wrapped the tutorial way, next
to the example's real routes, and shows where it goes wrong with Flask-Caching 2.5.
"""

import pytest

from app.auth import routes as auth_routes
from app.bookmarks import routes
from app.extensions import cache

BOOKMARK = {"url": "https://flask.palletsprojects.com/", "title": "Flask docs"}
OTHER = {"url": "https://peps.python.org/pep-0008/", "title": "PEP 8"}


@pytest.fixture
def recipe_app(cached_app):
    """The cached example app plus the tutorial's version of three views."""
    # __wrapped__: the view as written, without the example's cached_answer.
    list_view = routes.list_bookmarks.__wrapped__
    detail_view = routes.get_bookmark.__wrapped__
    # --8<-- [start:recipe]
    cached_list = cache.cached(timeout=60)(list_view)
    cached_detail = cache.cached(timeout=300)(detail_view)
    # Above the access check: the cache answers before anyone is checked.
    cached_users = cache.cached(timeout=60)(auth_routes.list_users)
    # --8<-- [end:recipe]
    cached_app.add_url_rule("/recipe/bookmarks/", view_func=cached_list)
    cached_app.add_url_rule("/recipe/bookmarks/<int:bookmark_id>",
                            view_func=cached_detail)
    cached_app.add_url_rule("/recipe/users", view_func=cached_users)
    cached_app.recipe_detail = cached_detail
    return cached_app


@pytest.fixture
def recipe_client(recipe_app):
    return recipe_app.test_client()


def titles(response):
    """The titles of a list answer, in order."""
    return [item["title"] for item in response.get_json()["data"]]


# --8<-- [start:query-string]
def test_the_query_string_is_not_in_the_key(recipe_client, cached_auth):
    writer = cached_auth.headers()
    for body in (BOOKMARK, OTHER):
        recipe_client.post("/api/bookmarks/", json=body, headers=writer)
    recipe_client.get("/recipe/bookmarks/")
    filtered = recipe_client.get("/recipe/bookmarks/?q=flask")
    assert titles(filtered) == ["PEP 8", "Flask docs"]  # not filtered at all
# --8<-- [end:query-string]


# --8<-- [start:cached-404]
def test_a_404_is_kept_and_outlives_the_create(recipe_client, cached_auth):
    assert recipe_client.get("/recipe/bookmarks/1").status_code == 404
    recipe_client.post("/api/bookmarks/", json=BOOKMARK, headers=cached_auth.headers())
    cache.delete("view//recipe/bookmarks/")  # what the recipe forgets on create
    assert recipe_client.get("/recipe/bookmarks/1").status_code == 404
# --8<-- [end:cached-404]


# --8<-- [start:delete-memoized]
def test_delete_memoized_fails_on_a_cached_view(recipe_app):
    # In a view that has just committed, this exception is a 500 for a change
    # that was saved: the client sees an error and may well send it again.
    with recipe_app.test_request_context("/recipe/bookmarks/1", method="PUT"):
        with pytest.raises(TypeError):
            cache.delete_memoized(recipe_app.recipe_detail, 1)
# --8<-- [end:delete-memoized]


# --8<-- [start:delete-many]
def test_delete_many_takes_names_not_patterns(recipe_app, recipe_client):
    recipe_client.get("/recipe/bookmarks/")
    with recipe_app.app_context():
        cache.delete_many("view//recipe/bookmarks/*")
        assert cache.get("view//recipe/bookmarks/") is not None  # still there
# --8<-- [end:delete-many]


# --8<-- [start:caller]
def test_the_key_does_not_know_the_caller(recipe_client, cached_auth):
    admin = cached_auth.make_admin()
    recipe_client.get("/recipe/users", headers=cached_auth.headers(admin))
    anonymous = recipe_client.get("/recipe/users")  # no token at all
    assert anonymous.status_code == 200
    assert anonymous.get_json()["data"][0]["email"] == admin
# --8<-- [end:caller]
