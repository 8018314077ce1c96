"""Helpers for the stage 11 checks: accounts and tokens through the API, requests from an address of the check's
choosing, and what a limited answer must carry (its X-RateLimit-* headers, and a 429's envelope and Retry-After)."""

import time

import expect
from api_steps import bearer, upgraded  # noqa: F401 - this stage's checks import them from here
from grader.plugin import CheckFailed

COLLECTION = "/api/tasks/"
LOGIN = "/auth/login"
PASSWORD = "correct-horse-battery-staple"
WRONG_PASSWORD = "not-the-password"
LIMIT_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")
# Small limits, so that a check reaches them in a few requests (create_app("testing", these settings)).
SMALL = {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute", "API_RATE_LIMIT": "4 per minute"}
LOGIN_BUDGET, API_BUDGET = 3, 4


def sent_from(address: str | None, **kwargs) -> dict:
    """Request arguments that make the request come from address (the test client's REMOTE_ADDR)."""
    if address is not None:
        kwargs["environ_base"] = {"REMOTE_ADDR": address}
    return kwargs


def where(address: str | None) -> str:
    """How a request's address reads in a message."""
    return f" from {address}" if address else ""


def account(username: str) -> dict:
    """A registration body for username."""
    return {"username": username, "email": f"{username}@example.com", "password": PASSWORD}


def step(response, code: int, request: str, note: str) -> None:
    """A request a check makes on its way answers with code; otherwise fail, noting what the check was doing."""
    expect.that(response.status_code == code, f"{request} to answer with status {code}", expect.describe(response),
                note)


def register(client, username: str, address: str | None = None) -> None:
    """POST /auth/register for username; expect 201."""
    response = client.post("/auth/register", **sent_from(address, json=account(username)))
    step(response, 201, f'POST /auth/register as "{username}"{where(address)}', "this check registers its users first.")


def tokens(client, username: str, address: str | None = None) -> dict:
    """POST /auth/login as username; the token answer (the tokens at its top level, as since stage 10)."""
    request = f'POST {LOGIN} as "{username}"{where(address)}'
    response = client.post(LOGIN, **sent_from(address, json={"username": username, "password": PASSWORD}))
    step(response, 200, request, "this check logs in to get a token first.")
    body = expect.json_object(response, request)
    expect.that(isinstance(body.get("access_token"), str), f'an "access_token" at the top level of the answer to '
                f"{request} (the token answer of stage 10)", f"keys {sorted(body)}")
    return body


def signed_up(client, username: str, address: str | None = None) -> dict:
    """Register username and log in: the headers for requests as that user."""
    register(client, username, address)
    return bearer(tokens(client, username, address)["access_token"])


def wrong_login(client, address: str | None = None, **kwargs):
    """POST /auth/login with a wrong password for a user that may not exist."""
    body = {"username": "tester", "password": WRONG_PASSWORD}
    return client.post(LOGIN, **sent_from(address, json=body, **kwargs))


def integer_header(response, name: str, request: str) -> int:
    """The value of a header that holds a whole number; a failed check when it is missing or is not one."""
    value = response.headers.get(name)
    expect.that(value is not None, f"a {name} header on the answer to {request}",
                f"headers {sorted(response.headers.keys())}",
                "headers_enabled=True on the Limiter (or RATELIMIT_HEADERS_ENABLED) adds them to every limited answer.")
    expect.that(value.strip().isdigit(), f"{name} to be a whole number", repr(value))
    return int(value)


def limit_headers(response, request: str) -> dict[str, int]:
    """The X-RateLimit-* headers of an answer, as numbers."""
    return {name: integer_header(response, name, request) for name in LIMIT_HEADERS}


def passes(response, request: str) -> None:
    """The request was not refused by a limit."""
    expect.that(response.status_code != 429, f"{request} to be answered, not refused with 429",
                expect.describe(response))


def refused(response, request: str, limit: int | None = None, window: int = 60) -> str:
    """A 429 in the error envelope, with Retry-After and the X-RateLimit-* headers; return its message."""
    expect.that(response.status_code == 429, f"{request} to be refused with 429 Too Many Requests",
                expect.describe(response))
    message = expect.error(response, 429, request)
    seconds = integer_header(response, "Retry-After", request)
    expect.that(seconds <= window + 1, f"Retry-After on the answer to {request} to be at most {window} seconds",
                str(seconds))
    numbers = limit_headers(response, request)
    if limit is not None:
        expect.equal(numbers["X-RateLimit-Limit"], limit, f"X-RateLimit-Limit on the answer to {request}")
    expect.equal(numbers["X-RateLimit-Remaining"], 0, f"X-RateLimit-Remaining on the answer to {request}")
    return message


def spend(send, times: int, request: str) -> list:
    """Send the same request times times; each must be answered (no 429). Return the answers."""
    answers = []
    for number in range(1, times + 1):
        response = send()
        expect.that(response.status_code != 429, f"{request} number {number} of {times} to be answered (the limit "
                    f"allows {times}), not refused with 429", expect.describe(response))
        answers.append(response)
    return answers


def reset_is_epoch(value: int, request: str, window: int = 60) -> None:
    """X-RateLimit-Reset is the moment (seconds since 1970) the window ends: between now and now + window."""
    now = time.time()
    if not now - 2 <= value <= now + window + 2:
        raise CheckFailed(f"X-RateLimit-Reset on the answer to {request} to be the time the window ends, in seconds "
                          f"since 1970 (between {int(now)} and {int(now) + window})", str(value))
