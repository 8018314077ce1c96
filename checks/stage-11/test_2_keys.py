"""Stage 11 · Who is counted: each user with a valid token has a budget, every other request spends its address's,
and a forged X-Forwarded-For header gets nobody a new one."""

import pytest

import expect
from limiting import (API_BUDGET, COLLECTION, LOGIN, LOGIN_BUDGET, SMALL, bearer, limit_headers, refused, signed_up,
                      spend, upgraded, wrong_login)

FORWARDED = ["203.0.113.7", "198.51.100.23", "192.0.2.55", "203.0.113.200", "198.51.100.1"]


@pytest.mark.app_config(SMALL)
@pytest.mark.hint("The limits count per address (get_remote_address) when there is no valid token: each address "
                  "has its own budget.", section="who-is-counting-the-key-function", todo="todo-user-key")
def test_another_address_has_its_own_budget(runner, client):
    """After 10.0.0.7 is refused with 429, 10.0.0.8 is still answered"""
    upgraded(runner)
    first, second = {"REMOTE_ADDR": "10.0.0.7"}, {"REMOTE_ADDR": "10.0.0.8"}
    request = f"POST {LOGIN} with a wrong password from 10.0.0.7"
    spend(lambda: wrong_login(client, "10.0.0.7"), LOGIN_BUDGET, request)
    refused(wrong_login(client, "10.0.0.7"), f"{request}, number {LOGIN_BUDGET + 1} within a minute")
    expect.error(wrong_login(client, "10.0.0.8"), 401, f"POST {LOGIN} with a wrong password from 10.0.0.8")
    request = f"GET {COLLECTION} without a token from 10.0.0.7"
    spend(lambda: client.get(COLLECTION, environ_base=first), API_BUDGET, request)
    refused(client.get(COLLECTION, environ_base=first), f"{request}, number {API_BUDGET + 1} within a minute")
    expect.error(client.get(COLLECTION, environ_base=second), 401, f"GET {COLLECTION} without a token from 10.0.0.8")


@pytest.mark.app_config(SMALL)
@pytest.mark.hint("The key function calls verify_jwt_in_request(optional=True) before get_jwt_identity(): the "
                  "limiter runs before the view, so @jwt_required has not read the token yet.",
                  section="who-is-counting-the-key-function", todo="todo-user-key")
def test_each_user_has_its_own_budget(runner, client):
    """Two users from one address: after "ann" is refused with 429, "bob" still gets 200"""
    upgraded(runner)
    ann, bob = signed_up(client, "ann"), signed_up(client, "bob")
    request = f'GET {COLLECTION} as "ann"'
    spend(lambda: client.get(COLLECTION, headers=ann), API_BUDGET, request)
    refused(client.get(COLLECTION, headers=ann), f"{request}, number {API_BUDGET + 1} within a minute", API_BUDGET)
    answer = client.get(COLLECTION, headers=bob)
    expect.status(answer, 200, f'GET {COLLECTION} as "bob", from the same address, after "ann" was refused')
    expect.equal(limit_headers(answer, f'GET {COLLECTION} as "bob"')["X-RateLimit-Remaining"], API_BUDGET - 1,
                 f'X-RateLimit-Remaining on "bob"\'s first GET {COLLECTION} (his own budget)')


@pytest.mark.app_config(SMALL)
@pytest.mark.hint("A user's requests spend the user's budget, not the address's: with a token, clients behind one "
                  "address (an office, a phone network) do not share one budget.",
                  section="who-is-counting-the-key-function", todo="todo-user-key")
def test_a_user_does_not_spend_the_address_budget(runner, client):
    """Requests with a token do not spend the budget of requests without one"""
    upgraded(runner)
    headers = signed_up(client, "tester")
    request = f"GET {COLLECTION} with a token"
    spend(lambda: client.get(COLLECTION, headers=headers), API_BUDGET, request)
    refused(client.get(COLLECTION, headers=headers), f"{request}, number {API_BUDGET + 1} within a minute")
    expect.error(client.get(COLLECTION), 401, f"GET {COLLECTION} without a token, from the same address")


@pytest.mark.app_config(SMALL)
@pytest.mark.hint("In the key function, a token that fails verification (expired, forged) means \"no user\": catch "
                  "the error and count by address; the view's @jwt_required still answers 401.",
                  section="who-is-counting-the-key-function", todo="todo-user-key")
def test_bad_token_counts_against_the_address(app, runner, client):
    """An expired or malformed token answers 401 and counts against the address, not against a user"""
    upgraded(runner)
    expired = bearer(app.access_token("1", {"role": "user"}, expires_seconds=-60))
    bad = [("an expired token", expired), ("a token that is not a JWT", bearer("not-a-token"))] * (API_BUDGET // 2)
    for number, (kind, headers) in enumerate(bad, 1):
        request = f"GET {COLLECTION} with {kind} (request {number} of {API_BUDGET})"
        answer = client.get(COLLECTION, headers=headers)
        expect.error(answer, 401, request)
        limit_headers(answer, request)
    refused(client.get(COLLECTION), f"GET {COLLECTION} without a token after {API_BUDGET} with bad ones, from the same "
            "address", API_BUDGET)


@pytest.mark.app_config(SMALL)
@pytest.mark.hint("Count by request.remote_addr (get_remote_address); X-Forwarded-For is believed only through "
                  "ProxyFix when TRUSTED_PROXIES says a proxy sets it (0 here).",
                  section="who-is-counting-the-key-function", todo="todo-user-key")
def test_forwarded_for_does_not_reset_the_budget(runner, client):
    """A new X-Forwarded-For header on each request does not reset the budget"""
    upgraded(runner)
    spoofed = iter(FORWARDED * 4)
    request = f"POST {LOGIN} with a wrong password and a new X-Forwarded-For each time"
    spend(lambda: wrong_login(client, headers={"X-Forwarded-For": next(spoofed)}), LOGIN_BUDGET, request)
    refused(wrong_login(client, headers={"X-Forwarded-For": next(spoofed)}),
            f"{request}, number {LOGIN_BUDGET + 1} within a minute")
    request = f"GET {COLLECTION} without a token and a new X-Forwarded-For each time"
    spend(lambda: client.get(COLLECTION, headers={"X-Forwarded-For": next(spoofed)}), API_BUDGET, request)
    refused(client.get(COLLECTION, headers={"X-Forwarded-For": next(spoofed), "X-Real-IP": next(spoofed)}),
            f"{request}, number {API_BUDGET + 1} within a minute")


@pytest.mark.app_config(SMALL | {"TRUSTED_PROXIES": 1})
@pytest.mark.hint("Behind a proxy the factory's ProxyFix (stage 10) puts the client's address in request.remote_addr: "
                  "count with get_remote_address(), never with a header of your own choosing.",
                  section="who-is-counting-the-key-function", todo="todo-user-key")
def test_behind_a_trusted_proxy_each_client_has_a_budget(runner, client):
    """With TRUSTED_PROXIES 1, each client address the proxy reports in X-Forwarded-For has its own login budget"""
    upgraded(runner)
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    first, second = {"X-Forwarded-For": FORWARDED[0]}, {"X-Forwarded-For": FORWARDED[1]}
    request = f"POST {LOGIN} with a wrong password, through the proxy for {FORWARDED[0]}"
    spend(lambda: wrong_login(client, headers=first, environ_base=proxy), LOGIN_BUDGET, request)
    refused(wrong_login(client, headers=first, environ_base=proxy), f"{request}, number {LOGIN_BUDGET + 1}")
    expect.error(wrong_login(client, headers=second, environ_base=proxy), 401,
                 f"POST {LOGIN} with a wrong password, through the same proxy for {FORWARDED[1]}")
