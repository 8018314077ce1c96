"""Helpers for the stage 07 checks: register, log in, send requests with a token, and read tokens and answers."""

import json

import jwt as pyjwt

import expect
from grader.plugin import CheckFailed

COLLECTION = "/api/tasks/"
KIND_NAMES = {int: "an integer", str: "a string"}
REGISTER_FIRST = "this check registers its users through POST /auth/register first."
LOGIN_FIRST = "this check logs in through POST /auth/login to get its tokens first."
PASSWORD = "correct-horse-battery-staple"
SEEDED_PASSWORD = "password"


def account(username: str = "tester", **changes) -> dict:
    """A registration body for username, with an email and a password of its own; changes override fields."""
    return {"username": username, "email": f"{username}@example.com", "password": PASSWORD} | changes


def as_json(body) -> str:
    """A request body as the JSON that is sent."""
    return json.dumps(body)


def answer_field(response, name: str, kind, request: str):
    """The value of name in a JSON answer, at its top level or under a success envelope's "data"."""
    body = expect.json_object(response, request)
    data = body.get("data")
    if name in body:
        value = body[name]
    elif isinstance(data, dict) and name in data:
        value = data[name]
    else:
        keys = sorted(body) + [f"data.{key}" for key in sorted(data)] if isinstance(data, dict) else sorted(body)
        raise CheckFailed(f'the answer to {request} to hold "{name}" (at its top level or under "data")',
                          f"keys {keys}")
    expect.that(isinstance(value, kind) and not (kind is int and isinstance(value, bool)),
                f'"{name}" in the answer to {request} to be {KIND_NAMES[kind]}', expect.shown(value, 200))
    return value


def oauth_shape(response, access: str, request: str) -> None:
    """A token answer with the tokens at its top level is the whole OAuth 2.0 shape (RFC 6749, section 5.1):
    "token_type" Bearer and "expires_in" the access token's lifetime in seconds. Tokens under a success envelope's
    "data" are accepted as they are."""
    body = expect.json_object(response, request)
    if "access_token" not in body:
        return
    token_type = body.get("token_type")
    expect.that(isinstance(token_type, str) and token_type.lower() == "bearer",
                f'"token_type": "Bearer" next to the access_token in the answer to {request}',
                expect.shown(token_type, 80),
                "with the tokens at the top level, the answer is the OAuth 2.0 token response; token_response() "
                "in app/responses.py makes it.")
    seconds = body.get("expires_in")
    issued = claims(access, '"access_token"')
    lifetime = issued.get("exp", 0) - issued.get("iat", 0) if isinstance(issued.get("exp"), int) else None
    expect.that(isinstance(seconds, int) and not isinstance(seconds, bool) and lifetime is not None
                and abs(seconds - lifetime) <= 1,
                f'"expires_in" in the answer to {request} to be the access token\'s lifetime in seconds ({lifetime})',
                expect.shown(seconds, 80))


def step(response, code: int, request: str, note: str) -> None:
    """A request a check makes on its way answers with code; otherwise fail, noting what the check was doing."""
    expect.that(response.status_code == code, f"{request} to answer with status {code}", expect.describe(response),
                note)


def register(client, body: dict) -> int:
    """POST /auth/register, expect 201 and a user_id; return the id."""
    request = f"POST /auth/register with {as_json(body)}"
    response = client.post("/auth/register", json=body)
    step(response, 201, request, REGISTER_FIRST)
    return answer_field(response, "user_id", int, request)


def login_response(client, username: str, password: str):
    """POST /auth/login with a username and password; return the response, whatever it is."""
    return client.post("/auth/login", json={"username": username, "password": password})


def tokens(client, username: str, password: str = PASSWORD) -> tuple[str, str]:
    """Log in, expect 200 with both tokens; return (access_token, refresh_token)."""
    request = f'POST /auth/login as "{username}"'
    response = login_response(client, username, password)
    step(response, 200, request, LOGIN_FIRST)
    access = answer_field(response, "access_token", str, request)
    refresh = answer_field(response, "refresh_token", str, request)
    return access, refresh


def bearer(token: str) -> dict:
    """The Authorization header that carries token."""
    return {"Authorization": f"Bearer {token}"}


def logged_in(client, username: str = "tester") -> dict:
    """Register username and log in: the headers for requests as that user."""
    register(client, account(username))
    return bearer(tokens(client, username)[0])


def seeded(runner, client, username: str) -> dict:
    """Run flask init-db, log in as one of the users it seeds ("admin" or "user"); the headers for requests."""
    result = runner.invoke(args=["init-db"])
    got = f"exit code {result.exit_code}, output {result.output.strip()!r:.200}"
    if result.exception is not None:
        got += f", {type(result.exception).__name__}: {result.exception}"
    expect.that(result.exit_code == 0, "flask init-db to succeed (exit code 0)", got,
                "this check runs flask init-db first, to log in as a user it seeds.")
    return bearer(tokens(client, username, SEEDED_PASSWORD)[0])


def claims(token: str, what: str) -> dict:
    """The claims a JWT carries, read without checking its signature (anyone can read them)."""
    try:
        return pyjwt.decode(token, options={"verify_signature": False})
    except pyjwt.PyJWTError as exc:
        raise CheckFailed(f"{what} to be a JWT (header.payload.signature)", f"{token!r:.80}: {exc}") from None


def create(client, headers: dict, title: str = "Write the report") -> dict:
    """POST a task with a token, expect 201 with the new task; return it."""
    request = f'POST {COLLECTION} with {{"title": "{title}"}} and a valid token'
    task = expect.success(client.post(COLLECTION, json={"title": title}, headers=headers), 201, request)
    expect.that(isinstance(task, dict), f"the data of {request} to be the new task", expect.shown(task, 200))
    expect.key(task, "id", int, where=f"the task {request} answers")
    return task


def refused(response, request: str, codes=(401,)) -> int:
    """The answer is one of codes, in the error envelope; return the status."""
    wanted = " or ".join(str(code) for code in codes)
    expect.that(response.status_code in codes, f"{request} to answer {wanted}", expect.describe(response))
    body = response.get_json(silent=True)
    if isinstance(body, dict) and "msg" in body and "error" not in body:
        raise CheckFailed(f'the answer to {request} to use the error envelope {{"status": "error", "error": '
                          '{"message": "..."}}', f"Flask-JWT-Extended's own body {json.dumps(body)[:200]}")
    expect.error(response, response.status_code, request)
    return response.status_code
