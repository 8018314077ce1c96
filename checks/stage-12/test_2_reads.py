"""Stage 12 · Reads served from the cache: the second identical GET is a hit, keyed per user and per query string,
never without a token, and only for as long as CACHE_DEFAULT_TIMEOUT allows."""

import math
import time

import pytest

import expect
from api_steps import into_next_second
from cache_steps import (CACHE_ON, COLLECTION, behind_the_api, create, detail, detail_title, fresh, list_titles,
                         log_in, ready, says, stale)


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("Serve the list through cached_read (below @tasks_bp.get, so the registered view is the cached one): "
                  "a miss runs the view and keeps its 200 answer; a hit answers it again with X-Cache: HIT.",
                  section="flask-caching-and-its-backends", todo="todo-cache-list")
def test_second_list_is_a_hit(app, client):
    """GET /api/tasks/ twice: MISS, then HIT with the same body, even after a row changed behind the API"""
    headers = ready(app, client)
    task = create(client, headers, {"title": "Before"})
    first, response = list_titles(client, headers, request="the first GET /api/tasks/")
    says(response, "MISS", "the first GET /api/tasks/ (nothing cached yet)")
    behind_the_api(app, task["id"], title="After")
    second, response = list_titles(client, headers, request="the second GET /api/tasks/")
    says(response, "HIT", "the second GET /api/tasks/")
    stale(second, "Before", "the second GET /api/tasks/", "a HIT must be the answer kept from the first GET.")
    expect.equal(second, first, "the titles of the second GET /api/tasks/ (a hit)")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("Serve the task detail through cached_read too (below @tasks_bp.get(\"/<int:task_id>\")).",
                  section="flask-caching-and-its-backends", todo="todo-cache-detail")
def test_second_detail_is_a_hit(app, client):
    """GET /api/tasks/<id> twice: MISS, then HIT with the cached task, even after a row changed behind the API"""
    headers = ready(app, client)
    task = create(client, headers, {"title": "Before"})
    path = detail(task["id"])
    _, response = detail_title(client, headers, task["id"], f"the first GET {path}")
    says(response, "MISS", f"the first GET {path} (nothing cached yet)")
    behind_the_api(app, task["id"], title="After")
    title, response = detail_title(client, headers, task["id"], f"the second GET {path}")
    says(response, "HIT", f"the second GET {path}")
    stale(title, "Before", f"the second GET {path}", "a HIT must be the answer kept from the first GET.")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("The key holds the query string (sorted, so the order of the parameters does not matter): "
                  "?status=completed and the unfiltered list are two questions with two answers. Flask-Caching's "
                  "@cache.cached leaves the query string out unless query_string=True.",
                  section="what-goes-in-the-key", todo="todo-cache-key")
def test_query_string_is_in_the_key(app, client):
    """?status=completed is never answered from the unfiltered list's entry, nor the other way round"""
    headers = ready(app, client)
    everything, _ = list_titles(client, headers)
    completed, _ = list_titles(client, headers, "?status=completed")
    pending, _ = list_titles(client, headers, "?status=pending")
    expect.that(len(completed) < len(everything) and len(pending) < len(everything),
                "?status=completed and ?status=pending to list fewer tasks than the unfiltered list (the seeded "
                "tasks are both completed and pending)",
                f"{len(everything)} unfiltered, {len(completed)} completed, {len(pending)} pending",
                "a filtered list as long as the unfiltered one came from the unfiltered list's cache entry.")
    again, _ = list_titles(client, headers, request="GET /api/tasks/ again")
    expect.equal(again, everything, "the titles of GET /api/tasks/ after the filtered lists")
    again, response = list_titles(client, headers, "?status=completed",
                                  request="GET /api/tasks/?status=completed again")
    expect.equal(again, completed, "the titles of GET /api/tasks/?status=completed again")
    says(response, "HIT", "the second GET /api/tasks/?status=completed")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("The key holds the user (get_jwt_identity()): each user has an entry of their own, so nobody is "
                  "ever answered with what was cached for somebody else.", section="what-goes-in-the-key",
                  todo="todo-cache-key")
def test_each_user_has_their_own_entry(app, client):
    """User A's cached list is never B's answer: after a change behind the API, B sees it, A still has its entry"""
    headers_a = ready(app, client, "admin")
    headers_b = log_in(client, "user")
    task = create(client, headers_a, {"title": "Seen by A"})
    list_titles(client, headers_a, request='GET /api/tasks/ as "admin"')
    behind_the_api(app, task["id"], title="Changed later")
    seen_b, response = list_titles(client, headers_b, request='GET /api/tasks/ as "user"')
    fresh(seen_b, "Changed later", 'GET /api/tasks/ as "user" (who has nothing cached)',
          'it answered with what was cached for "admin": the key must hold the user.')
    seen_a, response = list_titles(client, headers_a, request='GET /api/tasks/ as "admin" again')
    says(response, "HIT", 'the second GET /api/tasks/ as "admin"')
    stale(seen_a, "Seen by A", 'the second GET /api/tasks/ as "admin"', "admin's own entry is still there.")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("The token is checked before the cache is read (the blueprint's before_request, or cached_read "
                  "below @jwt_required): a cached answer is never a way in.", section="what-goes-in-the-key",
                  todo="todo-cached-read")
def test_no_token_is_401_even_when_cached(app, client):
    """With the list and a task cached, GET without a token (or with a broken one) answers 401"""
    headers = ready(app, client)
    task = create(client, headers, {"title": "Private"})
    for path in (COLLECTION, detail(task["id"])):
        client.get(path, headers=headers)
        response = client.get(path, headers=headers)
        says(response, "HIT", f"the second GET {path} with a token")
        expect.error(client.get(path), 401, f"GET {path} without a token (its answer is cached)")
        broken = {"Authorization": "Bearer not-a-token"}
        expect.error(client.get(path, headers=broken), 401, f"GET {path} with a broken token (its answer is cached)")


@pytest.mark.app_config({**CACHE_ON, "CACHE_DEFAULT_TIMEOUT": 1})
@pytest.mark.hint("Store the answers with the cache's default timeout (cache.set(key, value) without timeout=, or "
                  "CACHE_DEFAULT_TIMEOUT): timeout=0 means forever.", section="flask-caching-and-its-backends",
                  todo="todo-cached-read")
def test_default_timeout_expires(app, client):
    """With CACHE_DEFAULT_TIMEOUT = 1, a cached list is served stale at once and rebuilt a second later"""
    headers = ready(app, client)
    task = create(client, headers, {"title": "Short-lived"})
    # SimpleCache counts whole seconds: with a timeout of 1, an entry lives until the end of the second it was stored
    # in. Store early in a second, so that reading it "at once" cannot fall after that end.
    if time.time() % 1 > 0.8:
        into_next_second()
    stored_in = math.floor(time.time())
    list_titles(client, headers)
    stored_by = time.time()
    behind_the_api(app, task["id"], title="Expired")
    soon, response = list_titles(client, headers, request="GET /api/tasks/ again at once")
    # On a very busy machine the second may be over before "at once": then the entry may rightly be gone already.
    if time.time() < stored_in + 1:
        says(response, "HIT", "GET /api/tasks/ again at once")
        stale(soon, "Short-lived", "GET /api/tasks/ again at once", None)
    time.sleep(max(0.0, stored_by + 1.05 - time.time()))
    later, response = list_titles(client, headers, request="GET /api/tasks/ a second after it was cached")
    fresh(later, "Expired", "GET /api/tasks/ a second after it was cached (CACHE_DEFAULT_TIMEOUT = 1)",
          "the cached answer outlived CACHE_DEFAULT_TIMEOUT.")
    says(response, "MISS", "GET /api/tasks/ a second after it was cached")
