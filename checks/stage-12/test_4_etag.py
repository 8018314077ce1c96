"""Stage 12 · Conditional requests on a task: an ETag on every 200 answer (cached or not), 304 to a matching
If-None-Match, and a new ETag once the task changed."""

import pytest

import expect
from cache_steps import CACHE_ON, create, detail, ready, says


def etag_of(response, request: str) -> str:
    """The answer's ETag header; fail when it has none."""
    etag = response.headers.get("ETag")
    expect.that(bool(etag), f"{request} to answer with an ETag header", expect.describe(response))
    return etag


def not_modified(response, request: str) -> None:
    """The answer is 304 Not Modified, without a body."""
    expect.status(response, 304, request)
    expect.equal(response.get_data(as_text=True), "", f"the body of the 304 answer to {request}")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("The detail gets an ETag of its body (response.add_etag()), and the cache keeps it with the body: "
                  "a hit answers with the same ETag, and with 304 when If-None-Match names it.",
                  section="conditional-requests-etag", todo="todo-cached-read")
def test_cached_detail_keeps_its_etag(app, client):
    """GET /api/tasks/<id> has an ETag; the cached answer has the same one, and If-None-Match with it answers 304"""
    headers = ready(app, client)
    path = detail(create(client, headers, {"title": "Tagged"})["id"])
    first = client.get(path, headers=headers)
    expect.success(first, 200, f"GET {path}")
    etag = etag_of(first, f"GET {path}")
    second = client.get(path, headers=headers)
    says(second, "HIT", f"the second GET {path}")
    expect.equal(second.headers.get("ETag"), etag, f"the ETag of the second GET {path} (a hit)")
    request = f"GET {path} with If-None-Match: {etag} (its answer is cached)"
    not_modified(client.get(path, headers={**headers, "If-None-Match": etag}), request)


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("The view itself answers 304 too: response.add_etag(), then return "
                  "response.make_conditional(request). The cache only helps; it must not be the only one to know.",
                  section="conditional-requests-etag", todo="todo-etag")
def test_304_when_the_answer_is_built_again(app, client):
    """After another task changed (the cache forgot everything), If-None-Match with the unchanged task's ETag → 304"""
    headers = ready(app, client)
    kept = create(client, headers, {"title": "Unchanged"})
    other = create(client, headers, {"title": "Will change"})
    path = detail(kept["id"])
    first = client.get(path, headers=headers)
    expect.success(first, 200, f"GET {path}")
    etag = etag_of(first, f"GET {path}")
    other_path = detail(other["id"])
    expect.success(client.patch(other_path, json={"title": "Changed"}, headers=headers), 200, f"PATCH {other_path}")
    response = client.get(path, headers={**headers, "If-None-Match": etag})
    not_modified(response, f"GET {path} with If-None-Match: {etag} after PATCH {other_path} (built again)")


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("An ETag made from the body changes when the task does: after a write, the old ETag no longer "
                  "matches, so the client gets 200 with the new task and its new ETag.",
                  section="conditional-requests-etag", todo="todo-etag")
def test_changed_task_gets_a_new_etag(app, client):
    """After PATCH, If-None-Match with the old ETag answers 200 with the new title and a new ETag (then 304 with it)"""
    headers = ready(app, client)
    task = create(client, headers, {"title": "Version one"})
    path = detail(task["id"])
    old = etag_of(client.get(path, headers=headers), f"GET {path}")
    expect.success(client.patch(path, json={"title": "Version two"}, headers=headers), 200, f"PATCH {path}")
    request = f"GET {path} with the old If-None-Match after the PATCH"
    response = client.get(path, headers={**headers, "If-None-Match": old})
    data = expect.success(response, 200, request)
    expect.equal(isinstance(data, dict) and data.get("title"), "Version two", f"the title {request} answers")
    new = etag_of(response, request)
    expect.that(new != old, f"{request} to answer with a new ETag", f"the old one again: {old}")
    not_modified(client.get(path, headers={**headers, "If-None-Match": new}), f"GET {path} with the new ETag")
