"""Stage 14 · What stages 11 to 13 built still holds under APIFlask: the login limit, the cached reads, the jobs."""

import pytest

import expect
from docs_steps import COLLECTION, create, detail, prepared, ready


@pytest.mark.app_config({"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "2 per minute"})
@pytest.mark.hint("Keep stage 11's limit on POST /auth/login (per address), below the route decorator: the request "
                  "past it answers 429 in the error envelope.", section="check-your-work")
def test_login_limit_still_answers_429(app, client):
    """With LOGIN_RATE_LIMIT = "2 per minute", the third login from one address answers 429 in the error envelope"""
    prepared(app)
    body = {"username": "user", "password": "not-the-password"}
    for number in ("first", "second"):
        expect.error(client.post("/auth/login", json=body), 401, f"the {number} login with a wrong password")
    expect.error(client.post("/auth/login", json=body), 429, "the third login within the minute")


@pytest.mark.app_config({"CACHE_TYPE": "SimpleCache"})
@pytest.mark.hint("Keep stage 12's cached reads: @cached_read sits between the route decorator and @output, so a "
                  "hit answers the kept response again with X-Cache: HIT.", section="check-your-work")
def test_second_read_is_a_hit(app, client):
    """With the cache on, the second GET /api/tasks/<id> answers X-Cache: HIT with the same task"""
    headers = ready(app, client)
    task, _ = create(client, headers, {"title": "Cached"})
    path = detail(task["id"])
    first = client.get(path, headers=headers)
    expect.success(first, 200, f"the first GET {path}")
    second = client.get(path, headers=headers)
    data = expect.success(second, 200, f"the second GET {path}")
    got = second.headers.get("X-Cache")
    expect.that((got or "").strip().upper() == "HIT", f"the second GET {path} to answer with X-Cache: HIT",
                f"X-Cache: {got}" if got is not None else "no X-Cache header")
    expect.equal(data.get("title") if isinstance(data, dict) else data, "Cached", "the title the second GET answers")


@pytest.mark.hint("Keep stage 13's POST /api/tasks/<id>/process: it queues the job and answers 202 at once with "
                  "the job's id and a status URL (run eagerly in testing).", section="check-your-work")
def test_process_answers_202(app, client):
    """POST /api/tasks/<id>/process answers 202 with a job id and a status URL that answers in the envelope"""
    headers = ready(app, client)
    task, _ = create(client, headers, {"title": "Process me"})
    request = f"POST {COLLECTION}{task['id']}/process"
    data = expect.success(client.post(f"{COLLECTION}{task['id']}/process", headers=headers), 202, request)
    expect.that(isinstance(data, dict), f'the "data" of {request} to be an object', expect.shown(data, 200))
    expect.key(data, "job_id", str, where=f"the answer of {request}")
    status_url = expect.key(data, "status_url", str, where=f"the answer of {request}")
    state = expect.success(client.get(status_url, headers=headers), 200, f"GET {status_url}")
    expect.that(isinstance(state, dict) and "state" in state, f'the answer of GET {status_url} to have a "state"',
                expect.shown(state, 200))
