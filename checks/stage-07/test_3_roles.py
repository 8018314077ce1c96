"""Stage 07 · Roles: only an admin may delete a task; everyone logged in may do the rest."""

import pytest

import expect
from auth_requests import COLLECTION, SEEDED_PASSWORD, answer_field, bearer, create, seeded, tokens


@pytest.mark.hint('In delete_task, abort(403) unless get_jwt().get("role") == "admin"; the seeded "admin" then '
                  "deletes with 204.", section="admin-only", todo="todo-admin-only")
def test_only_admin_deletes(runner, client):
    """DELETE /api/tasks/<id> answers 403 for a user (the task stays) and 204 for an admin (the task is gone)"""
    user = seeded(runner, client, "user")
    admin = bearer(tokens(client, "admin", SEEDED_PASSWORD)[0])
    task = create(client, user)
    path = f"{COLLECTION}{task['id']}"
    expect.error(client.delete(path, headers=user), 403, f'DELETE {path} as "user" (role user)')
    expect.success(client.get(path, headers=user), 200, f"GET {path} after the refused DELETE")
    response = client.delete(path, headers=admin)
    expect.status(response, 204, f'DELETE {path} as "admin" (role admin)')
    expect.error(client.get(path, headers=user), 404, f"GET {path} after the admin deleted it")


@pytest.mark.hint("Check the role before you look the task up: whether a task exists is none of a non-admin's "
                  "business, and the contract answers 403 to them for every id.", section="admin-only",
                  todo="todo-admin-only")
def test_delete_checks_the_role_before_the_task(runner, client):
    """DELETE /api/tasks/<id> of a task that does not exist answers 403 for a user and 404 for an admin"""
    user = seeded(runner, client, "user")
    admin = bearer(tokens(client, "admin", SEEDED_PASSWORD)[0])
    path = f"{COLLECTION}424242"
    expect.error(client.delete(path, headers=user), 403, f'DELETE {path} (no such task) as "user" (role user)')
    expect.error(client.delete(path, headers=admin), 404, f'DELETE {path} (no such task) as "admin" (role admin)')


@pytest.mark.hint("Only DELETE needs the admin role: a user's token may list, read, create, replace and change.",
                  section="admin-only", todo="todo-admin-only")
def test_user_may_do_everything_but_delete(runner, client):
    """A user (role user) may list, read, create, PUT and PATCH tasks with their token"""
    user = seeded(runner, client, "user")
    task = create(client, user)
    path = f"{COLLECTION}{task['id']}"
    expect.success(client.get(COLLECTION, headers=user), 200, f'GET {COLLECTION} as "user"')
    expect.success(client.get(path, headers=user), 200, f'GET {path} as "user"')
    expect.success(client.put(path, json={"title": "Final", "status": "completed"}, headers=user), 200,
                   f'PUT {path} as "user"')
    expect.success(client.patch(path, json={"status": "pending"}, headers=user), 200, f'PATCH {path} as "user"')


@pytest.mark.hint('The refresh route makes its access token with the same additional_claims={"role": user.role} '
                  "as login.", section="refreshing", todo="todo-refresh")
def test_refreshed_admin_token_still_deletes(runner, client):
    """An admin's access token from /auth/refresh still carries the role: DELETE with it answers 204"""
    user = seeded(runner, client, "user")
    _, refresh = tokens(client, "admin", SEEDED_PASSWORD)
    request = "POST /auth/refresh with the admin's refresh token"
    response = client.post("/auth/refresh", headers=bearer(refresh))
    expect.status(response, 200, request)
    admin = bearer(answer_field(response, "access_token", str, request))
    path = f"{COLLECTION}{create(client, user)['id']}"
    expect.status(client.delete(path, headers=admin), 204, f"DELETE {path} with the admin's refreshed access token")
