"""Stage 13 · What stages 11 and 12 built still holds: a repeated read is served from the cache, and logins are
limited per address."""

import pytest

import expect
from jobs_steps import COLLECTION, create, ready

CACHE_ON = {"CACHE_TYPE": "SimpleCache"}
LOGIN_LIMITED = {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute", "API_RATE_LIMIT": "100 per minute"}


@pytest.mark.app_config(CACHE_ON)
@pytest.mark.hint("Keep stage 12's cached reads: the list goes through cached_read, which answers a hit with "
                  "X-Cache: HIT.", section="check-your-work")
def test_second_read_is_a_hit(app):
    """With the cache on, the second GET /api/tasks/ answers X-Cache: HIT with the same tasks"""
    client, headers = ready(app)
    create(client, headers, "Cached")
    first = client.get(COLLECTION, headers=headers)
    tasks = expect.success(first, 200, f"the first GET {COLLECTION}")
    second = client.get(COLLECTION, headers=headers)
    expect.equal(expect.success(second, 200, f"the second GET {COLLECTION}"), tasks,
                 f"the data of the second GET {COLLECTION}")
    got = second.headers.get("X-Cache")
    expect.that((got or "").strip().upper() == "HIT", f"the second GET {COLLECTION} to say X-Cache: HIT",
                f"X-Cache: {got}" if got is not None else "no X-Cache header")


@pytest.mark.app_config(LOGIN_LIMITED)
@pytest.mark.hint("Keep stage 11's login limit (LOGIN_RATE_LIMIT, per address) and its 429 in the error envelope.",
                  section="check-your-work")
def test_login_limit_answers_429(app):
    """With the limiter on and LOGIN_RATE_LIMIT "3 per minute", the 4th login from one address answers 429"""
    client, _ = ready(app)
    body = {"username": "ada", "password": "not-the-password"}
    for attempt in range(1, 3):
        response = client.post("/auth/login", json=body)
        expect.that(response.status_code == 401, f"wrong login {attempt} to answer 401 (within the limit)",
                    expect.describe(response))
    expect.error(client.post("/auth/login", json=body), 429, "the 4th POST /auth/login within a minute")
