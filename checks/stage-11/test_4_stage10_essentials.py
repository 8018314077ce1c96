"""Stage 11 · What stage 10 built still works with the limiter on: accounts, tokens and the task routes."""

import pytest

import expect
from limiting import COLLECTION, bearer, register, tokens, upgraded

ON = {"RATELIMIT_ENABLED": True}


@pytest.mark.app_config(ON)
@pytest.mark.hint("Keep stage 10's routes; the limiter only adds headers to their answers (and 429 past a limit).",
                  section="check-your-work")
def test_task_routes_work_with_the_limiter_on(runner, client):
    """With the limiter on, a user creates, reads, changes and lists a task; DELETE is still 403"""
    upgraded(runner)
    register(client, "tester")
    headers = bearer(tokens(client, "tester")["access_token"])
    task = expect.success(client.post(COLLECTION, json={"title": "Write the report"}, headers=headers), 201,
                          f"POST {COLLECTION} with a token")
    expect.that(isinstance(task, dict) and isinstance(task.get("id"), int), f"the answer to POST {COLLECTION} to be "
                "the new task, with its id", expect.shown(task, 200))
    path = f"{COLLECTION}{task['id']}"
    expect.success(client.get(path, headers=headers), 200, f"GET {path}")
    changed = expect.success(client.patch(path, json={"status": "completed"}, headers=headers), 200, f"PATCH {path}")
    expect.equal(changed.get("status") if isinstance(changed, dict) else changed, "completed",
                 f'"status" in the answer to PATCH {path}')
    listed = expect.success(client.get(COLLECTION, headers=headers), 200, f"GET {COLLECTION}")
    expect.that(isinstance(listed, list) and len(listed) == 1, f"GET {COLLECTION} to list the one task",
                expect.shown(listed, 200))
    expect.error(client.delete(path, headers=headers), 403, f'DELETE {path} as a user whose role is "user"')


@pytest.mark.app_config(ON)
@pytest.mark.hint("The key function reads the token optionally and never refuses it: POST /auth/refresh, whose "
                  "token is a refresh token, must still reach its view.", section="check-your-work",
                  todo="todo-user-key")
def test_login_and_refresh_work_with_the_limiter_on(runner, client):
    """With the limiter on, login and POST /auth/refresh answer tokens at the top level"""
    upgraded(runner)
    register(client, "tester")
    answer = tokens(client, "tester")
    refresh = answer.get("refresh_token")
    expect.that(isinstance(refresh, str), '"refresh_token" at the top level of the login answer',
                f"keys {sorted(answer)}")
    request = "POST /auth/refresh with the refresh token"
    response = client.post("/auth/refresh", headers=bearer(refresh))
    expect.status(response, 200, request)
    body = expect.json_object(response, request)
    expect.that(isinstance(body.get("access_token"), str), f'an "access_token" at the top level of the answer to '
                f"{request}", f"keys {sorted(body)}")
    expect.status(client.get(COLLECTION, headers=bearer(body["access_token"])), 200,
                  f"GET {COLLECTION} with the refreshed access token")
