"""Stage 15 · Every task has an owner: a user reaches only their own tasks, an admin reaches all, and someone
else's task looks exactly like a missing one (404)."""

import pytest

import expect
from security_steps import COLLECTION, admin, create, listed_titles, log_in, register, upgraded, user

# What each method sends, and what it answers when it is allowed.
METHODS = {
    "GET": (None, 200),
    "PUT": ({"title": "Replaced", "status": "completed"}, 200),
    "PATCH": ({"status": "completed"}, 200),
    "DELETE": (None, 204),
}
MISSING_ID = 9999


def send(client, method: str, task_id: int, headers: dict):
    """Send one method of the matrix to a task."""
    body, _ = METHODS[method]
    return client.open(f"{COLLECTION}{task_id}", method=method, headers=headers,
                       **({"json": body} if body is not None else {}))


def untouched(client, task_id: int, owner: dict, title: str, after: str) -> None:
    """The owner still sees the task as it was made."""
    data = expect.success(client.get(f"{COLLECTION}{task_id}", headers=owner), 200,
                          f"GET {COLLECTION}{task_id} as its owner {after}")
    expect.that(isinstance(data, dict) and data.get("title") == title and data.get("status") == "pending",
                f"the task to be unchanged {after}", expect.shown(data))


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.hint("find_task: load the task, and unless the token's role is admin, treat a task whose user_id is not "
                  "int(get_jwt_identity()) as missing (404). Use it in every route that takes a task id.",
                  section="not-found-not-forbidden", todo="todo-own-task")
def test_a_user_reaches_only_their_own_tasks(runner, client, method):
    """A user can reach their own task, and gets 404 for someone else's task and for a missing one"""
    upgraded(runner)
    alice, bob = user(client, "alice"), user(client, "bob")
    mine, theirs = create(client, alice, "Alice's"), create(client, bob, "Bob's")
    _, allowed = METHODS[method]
    expect.status(send(client, method, mine, alice), allowed,
                  f"{method} {COLLECTION}{mine} by its owner (the token's sub is a string: compare it as the owner's "
                  "id)")
    expect.error(send(client, method, theirs, alice), 404, f"{method} {COLLECTION}{theirs}, another user's task")
    untouched(client, theirs, bob, "Bob's", f"after another user's {method}")
    expect.error(send(client, method, MISSING_ID, alice), 404, f"{method} {COLLECTION}{MISSING_ID}, a missing task")


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.hint("An admin's token (role admin) skips the owner test in find_task; a missing task is still a 404.",
                  section="who-owns-a-task", todo="todo-own-task")
def test_an_admin_reaches_every_task(app, runner, client, method):
    """An admin can reach any user's task, and still gets 404 for a missing one"""
    upgraded(runner)
    alice = user(client, "alice")
    root = admin(app, client)
    theirs = create(client, alice, "Alice's")
    _, allowed = METHODS[method]
    expect.status(send(client, method, theirs, root), allowed, f"{method} {COLLECTION}{theirs} (a user's task) "
                  "by an admin")
    expect.error(send(client, method, MISSING_ID, root), 404, f"{method} {COLLECTION}{MISSING_ID} by an admin")


@pytest.mark.hint("list_tasks: unless the user is an admin, add .where(Task.user_id == the token's user id).",
                  section="who-owns-a-task", todo="todo-own-list")
def test_the_list_shows_only_your_tasks(app, runner, client):
    """GET /api/tasks/ lists only the user's own tasks; an admin's list has everyone's"""
    upgraded(runner)
    alice, bob = user(client, "alice"), user(client, "bob")
    root = admin(app, client)
    create(client, alice, "Alice's")
    create(client, bob, "Bob's")
    expect.equal(listed_titles(client, alice, "alice"), ["Alice's"], f"the titles of GET {COLLECTION} as alice")
    expect.equal(listed_titles(client, bob, "bob"), ["Bob's"], f"the titles of GET {COLLECTION} as bob")
    expect.equal(sorted(listed_titles(client, root, "an admin")), ["Alice's", "Bob's"],
                 f"the titles of GET {COLLECTION} as an admin")


@pytest.mark.hint("create_task: Task(**json_data, user_id=<the token's user id as an int>); the owner never comes "
                  "from the body.", section="who-owns-a-task", todo="todo-set-owner")
def test_a_new_task_belongs_to_the_token_user(app, runner, client):
    """A new task is stored with the token's user as its owner (tasks.user_id)"""
    upgraded(runner)
    register(client, "someone")
    alice_id = register(client, "alice")
    alice = log_in(client, "alice")
    task_id = create(client, alice, "Mine")
    rows = app.select("SELECT user_id FROM tasks WHERE id = :id", {"id": task_id})
    expect.that(bool(rows) and rows[0].get("user_id") == alice_id,
                f"tasks.user_id of the new task to be alice's id ({alice_id})",
                expect.shown(rows[0].get("user_id") if rows else "no such row"))


@pytest.mark.hint("The schema has no user_id field: a body that sends one is refused (422) or the field is ignored; "
                  "either way the task is the sender's.", section="who-owns-a-task", todo="todo-set-owner")
def test_a_client_cannot_choose_the_owner(app, runner, client):
    """A user_id sent in the body never makes a task someone else's"""
    upgraded(runner)
    alice = user(client, "alice")
    bob_id = register(client, "bob")
    response = client.post(COLLECTION, json={"title": "Planted", "user_id": bob_id}, headers=alice)
    expect.that(response.status_code in (201, 422), f'POST {COLLECTION} with "user_id": {bob_id} to answer 201 '
                "(field ignored) or 422 (field refused)", expect.describe(response))
    owners = {row.get("user_id") for row in app.select("SELECT user_id FROM tasks")}
    expect.that(bob_id not in owners, f"no task owned by bob (id {bob_id}) after alice sent his id",
                f"owners {sorted(map(str, owners))}")


@pytest.mark.hint("Register ignores everything but username, email and password: a sent role never makes an admin.",
                  section="who-owns-a-task")
def test_register_ignores_a_sent_role(app, runner, client):
    """Registering with "role": "admin" in the body still makes a plain user"""
    upgraded(runner)
    response = client.post("/auth/register", json={"username": "mallory", "email": "mallory@example.com",
                                                    "password": "correct-horse-battery-staple", "role": "admin"})
    expect.that(response.status_code in (201, 400, 422), 'POST /auth/register with "role": "admin" to answer 201 '
                "(role ignored) or refuse the body", expect.describe(response))
    roles = [row.get("role") for row in app.select("SELECT role FROM users WHERE username = 'mallory'")]
    expect.that("admin" not in roles, 'the account "mallory" not to be an admin', f"roles {roles}")
