"""Helpers for the stage 15 checks: accounts, an admin, tasks of each user, and what every answer must carry."""

import base64
import json

import expect
from api_steps import bearer, upgraded  # noqa: F401 - this stage's checks import them from here
from grader.plugin import CheckFailed

COLLECTION = "/api/tasks/"
PASSWORD = "correct-horse-battery-staple"
# The headers every answer carries, with the values the contract allows.
FRAME_VALUES = ("DENY",)


def register(client, username: str) -> int:
    """POST /auth/register; the new user's id."""
    response = client.post("/auth/register", json={"username": username, "email": f"{username}@example.com",
                                                    "password": PASSWORD})
    expect.that(response.status_code == 201, f'POST /auth/register as "{username}" to answer 201',
                expect.describe(response), "this check registers its users first.")
    return expect.key(expect.key(expect.json_object(response), "data", dict), "user_id", int)


def log_in(client, username: str) -> dict:
    """POST /auth/login; the headers that carry the access token."""
    response = client.post("/auth/login", json={"username": username, "password": PASSWORD})
    expect.that(response.status_code == 200, f'POST /auth/login as "{username}" to answer 200',
                expect.describe(response), "this check logs its users in first.")
    return bearer(expect.key(expect.json_object(response), "access_token", str))


def user(client, username: str) -> dict:
    """Register and log in a user with role "user"; the Authorization headers."""
    register(client, username)
    return log_in(client, username)


def admin(app, client, username: str = "root") -> dict:
    """Register an account, make it an admin in the database, and return headers with a token for it."""
    user_id = register(client, username)
    app.update("users", user_id, {"role": "admin"})
    # A fresh login reads the role again, as stage 07's login puts it in the token.
    return log_in(client, username)


def create(client, headers: dict, title: str) -> int:
    """POST a task as the given user; its id."""
    response = client.post(COLLECTION, json={"title": title}, headers=headers)
    expect.that(response.status_code == 201, f'POST {COLLECTION} {{"title": "{title}"}} to answer 201',
                expect.describe(response), "this check creates its tasks first.")
    return expect.key(expect.key(expect.json_object(response), "data", dict), "id", int)


def listed_titles(client, headers: dict, who: str) -> list[str]:
    """The titles of GET /api/tasks/ for a user."""
    response = client.get(COLLECTION, headers=headers)
    data = expect.success(response, 200, f"GET {COLLECTION} as {who}")
    if not isinstance(data, list):
        raise CheckFailed(f"GET {COLLECTION} as {who} to answer a list under \"data\"", expect.shown(data))
    return [item.get("title") for item in data if isinstance(item, dict)]


def claims(token_headers: dict) -> dict:
    """The claims of the access token in these headers (read, not verified: the checks only look)."""
    token = token_headers["Authorization"].split(" ", 1)[1]
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def security_headers(response, request: str) -> None:
    """The answer carries nosniff, a frame ban, a Referrer-Policy and a Content-Security-Policy."""
    headers = response.headers
    expect.that(headers.get("X-Content-Type-Options") == "nosniff",
                f"X-Content-Type-Options: nosniff on the answer to {request}",
                expect.shown(headers.get("X-Content-Type-Options")))
    policy = headers.get("Content-Security-Policy") or ""
    frames_banned = headers.get("X-Frame-Options") in FRAME_VALUES or "frame-ancestors 'none'" in policy
    expect.that(frames_banned, f"X-Frame-Options: DENY (or a CSP with frame-ancestors 'none') on the answer to "
                f"{request}", f"X-Frame-Options {expect.shown(headers.get('X-Frame-Options'))}, CSP "
                f"{expect.shown(policy or None)}")
    expect.that(bool(headers.get("Referrer-Policy")), f"a Referrer-Policy on the answer to {request}", "none")
    expect.that(bool(policy), f"a Content-Security-Policy on the answer to {request}", "none")
