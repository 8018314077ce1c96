"""Stage 11 · The limits and what a client sees: 429 in the error envelope with Retry-After and X-RateLimit-*
headers, the login limit beside the default one, /health exempt, a window that ends."""

import time

import pytest

import expect
from limiting import (API_BUDGET, COLLECTION, LOGIN, LOGIN_BUDGET, SMALL, limit_headers, passes, refused,
                      reset_is_epoch, signed_up, spend, upgraded, wrong_login)


@pytest.mark.app_config(SMALL)
@pytest.mark.hint("Register a handler for RateLimitExceeded that answers 429 with error_response(...); the limiter "
                  "adds Retry-After and the X-RateLimit-* headers itself when headers_enabled=True.",
                  section="what-a-limited-client-sees", todo="todo-too-many")
def test_request_over_the_limit_is_429_in_the_envelope(runner, client):
    """The 4th login within a minute (limit "3 per minute") answers 429 in the error envelope, with Retry-After"""
    upgraded(runner)
    request = f"POST {LOGIN} with a wrong password"
    spend(lambda: wrong_login(client), LOGIN_BUDGET, request)
    refused(wrong_login(client), f"{request}, number {LOGIN_BUDGET + 1} within a minute", LOGIN_BUDGET)


@pytest.mark.app_config(SMALL)
@pytest.mark.hint("Limiter(..., headers_enabled=True): every answer of a limited route says its limit, what is left "
                  "and when the window ends.", section="what-a-limited-client-sees", todo="todo-limiter")
def test_remaining_counts_down(runner, client):
    """GET /api/tasks/ under "4 per minute" answers X-RateLimit-Limit 4 and X-RateLimit-Remaining 3, 2, 1, 0"""
    upgraded(runner)
    headers = signed_up(client, "tester")
    request = f"GET {COLLECTION} with a token"
    for number, answer in enumerate(spend(lambda: client.get(COLLECTION, headers=headers), API_BUDGET, request), 1):
        expect.status(answer, 200, f"{request} (number {number})")
        numbers = limit_headers(answer, f"{request} (number {number})")
        expect.equal(numbers["X-RateLimit-Limit"], API_BUDGET, f"X-RateLimit-Limit on the answer to {request}")
        expect.equal(numbers["X-RateLimit-Remaining"], API_BUDGET - number,
                     f"X-RateLimit-Remaining on the answer to {request} number {number}")
    refused(client.get(COLLECTION, headers=headers), f"{request}, number {API_BUDGET + 1} within a minute", API_BUDGET)


@pytest.mark.app_config(SMALL)
@pytest.mark.hint("Keep the limiter's own X-RateLimit-Reset (the end of the window, in seconds since 1970) and "
                  "Retry-After (seconds to wait).", section="what-a-limited-client-sees", todo="todo-limiter")
def test_reset_is_a_time_and_retry_after_seconds(runner, client):
    """X-RateLimit-Reset is the end of the window in seconds since 1970"""
    upgraded(runner)
    request = f"POST {LOGIN} with a wrong password"
    first = wrong_login(client)
    reset_is_epoch(limit_headers(first, request)["X-RateLimit-Reset"], request)
    spend(lambda: wrong_login(client), LOGIN_BUDGET - 1, request)
    over = wrong_login(client)
    refused(over, f"{request}, number {LOGIN_BUDGET + 1} within a minute")
    reset_is_epoch(limit_headers(over, request)["X-RateLimit-Reset"], f"{request} (the 429)")


@pytest.mark.app_config(SMALL)
@pytest.mark.hint("@limiter.limit(login_limit, key_func=get_remote_address) below @auth_bp.post(\"/login\"), which "
                  "replaces the default limit there; the view still answers 400 and 401 as before.",
                  section="a-default-limit-and-a-stricter-one", todo="todo-login-limit")
def test_first_logins_answer_as_before(runner, client):
    """Under the login limit, logins still answer 400, 401 and 200 until the limit, then 429"""
    upgraded(runner)
    signed_up(client, "tester", address="10.0.0.99")
    expect.error(client.post(LOGIN, json={"username": "tester"}), 400, f"POST {LOGIN} without a password")
    expect.error(wrong_login(client), 401, f"POST {LOGIN} with a wrong password")
    right = client.post(LOGIN, json={"username": "tester", "password": "correct-horse-battery-staple"})
    expect.status(right, 200, f"POST {LOGIN} with the right password")
    refused(client.post(LOGIN, json={"username": "tester", "password": "correct-horse-battery-staple"}),
            f"POST {LOGIN}, the 4th from this address within a minute (LOGIN_RATE_LIMIT \"3 per minute\")",
            LOGIN_BUDGET)


@pytest.mark.app_config({"RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "2 per minute",
                         "LOGIN_RATE_LIMIT": "4 per minute"})
@pytest.mark.hint("A limit on a route replaces the default there (override_defaults is True): login counts only "
                  "LOGIN_RATE_LIMIT, even when it allows more than API_RATE_LIMIT.",
                  section="a-default-limit-and-a-stricter-one", todo="todo-login-limit")
def test_login_limit_replaces_the_default(runner, client):
    """A login limit of 4 replaces a default limit of 2 on POST /auth/login: 4 logins answered"""
    upgraded(runner)
    request = f"POST {LOGIN} with a wrong password"
    for answer in spend(lambda: wrong_login(client), 4, request):
        expect.error(answer, 401, request)
    refused(wrong_login(client), f"{request}, number 5 within a minute", 4)


@pytest.mark.app_config(SMALL)
@pytest.mark.hint("The default limit counts per route: a client that used up GET /api/tasks/ can still register and "
                  "log in, and login's budget is its own.", section="a-default-limit-and-a-stricter-one",
                  todo="todo-limiter")
def test_each_route_has_its_own_budget(runner, client):
    """After GET /api/tasks/ is refused with 429, register and login still answer"""
    upgraded(runner)
    request = f"GET {COLLECTION} without a token"
    for answer in spend(lambda: client.get(COLLECTION), API_BUDGET, request):
        expect.error(answer, 401, request)
    refused(client.get(COLLECTION), f"{request}, number {API_BUDGET + 1} within a minute", API_BUDGET)
    headers = signed_up(client, "tester")
    expect.status(client.get(f"{COLLECTION}1", headers=headers), 404, f"GET {COLLECTION}1 as the new user")
    answer = wrong_login(client)
    passes(answer, f"POST {LOGIN} after GET {COLLECTION} was refused")
    numbers = limit_headers(answer, f"POST {LOGIN}")
    expect.equal(numbers["X-RateLimit-Limit"], LOGIN_BUDGET, f"X-RateLimit-Limit on the answer to POST {LOGIN}")
    expect.equal(numbers["X-RateLimit-Remaining"], LOGIN_BUDGET - 2,
                 f"X-RateLimit-Remaining on the 2nd POST {LOGIN} (its own budget of {LOGIN_BUDGET})")


@pytest.mark.app_config({"RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "2 per minute",
                         "LOGIN_RATE_LIMIT": "2 per minute"})
@pytest.mark.hint("Put @limiter.exempt on the /health view: monitors call it all day long.",
                  section="a-default-limit-and-a-stricter-one", todo="todo-health-exempt")
def test_health_is_exempt(client):
    """GET /health is never limited: 12 in a row under a limit of "2 per minute" answer 200"""
    for number in range(1, 13):
        response = client.get("/health")
        expect.status(response, 200, f"GET /health number {number}")


@pytest.mark.app_config({"RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "2 per 1 second",
                         "LOGIN_RATE_LIMIT": "2 per 1 second"})
@pytest.mark.hint("The limits come from the settings (a callable that reads current_app.config), so \"2 per 1 "
                  "second\" ends after a second.", section="a-default-limit-and-a-stricter-one",
                  todo="todo-rate-limit-settings")
def test_window_ends(runner, client):
    """Under "2 per 1 second", the 3rd login is refused and one a second later is answered"""
    upgraded(runner)
    request = f"POST {LOGIN} with a wrong password"
    spend(lambda: wrong_login(client), 2, request)
    refused(wrong_login(client), f"{request}, the 3rd within a second", 2, window=1)
    time.sleep(1.1)
    answer = wrong_login(client)
    if answer.status_code == 429:
        # A sliding window still counts part of the last one for a moment: give it one more second.
        time.sleep(1.0)
        answer = wrong_login(client)
    expect.error(answer, 401, f"{request}, once the second has passed")
