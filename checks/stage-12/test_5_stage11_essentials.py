"""Stage 12 · What stage 11 built still holds: the login limit answers 429, and the task API still works end to end."""

import pytest

import expect
from cache_steps import COLLECTION, create, detail, log_in, prepared


@pytest.mark.app_config({"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "2 per minute"})
@pytest.mark.hint("Keep stage 11's limit on POST /auth/login (per address): the request past it answers 429 in the "
                  "error envelope.", section="check-your-work")
def test_login_limit_still_answers_429(app, client):
    """With LOGIN_RATE_LIMIT = "2 per minute", the third login from one address answers 429 in the error envelope"""
    prepared(app)
    body = {"username": "user", "password": "not-the-password"}
    for number in ("first", "second"):
        expect.error(client.post("/auth/login", json=body), 401, f"the {number} login with a wrong password")
    response = client.post("/auth/login", json=body)
    expect.error(response, 429, "the third login within the minute")


@pytest.mark.hint("Keep the task routes of the earlier stages working: create, read, change and (as admin) delete.",
                  section="check-your-work")
def test_task_round_trip(app, client):
    """POST, GET, PATCH and DELETE (as admin) of one task answer 201, 200, 200, 204, then GET answers 404"""
    prepared(app)
    headers = log_in(client, "admin")
    task = create(client, headers, {"title": "Round trip", "description": "there and back"})
    path = detail(task["id"])
    data = expect.success(client.get(path, headers=headers), 200, f"GET {path}")
    expect.equal(data.get("title") if isinstance(data, dict) else data, "Round trip", f"the title GET {path} answers")
    data = expect.success(client.patch(path, json={"status": "completed"}, headers=headers), 200, f"PATCH {path}")
    expect.equal(data.get("status") if isinstance(data, dict) else data, "completed", "the status PATCH answers")
    expect.status(client.delete(path, headers=headers), 204, f'DELETE {path} as "admin"')
    expect.error(client.get(path, headers=headers), 404, f"GET {path} after the DELETE")
    listed = expect.success(client.get(COLLECTION, headers=headers), 200, f"GET {COLLECTION}")
    expect.that(isinstance(listed, list) and task["id"] not in [item.get("id") for item in listed],
                f"GET {COLLECTION} not to list the deleted task", expect.shown(listed, 200))
