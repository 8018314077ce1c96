"""Stage 11 · Where the limits are on and where they count: development counts in memory unless
RATELIMIT_STORAGE_URI names a store, a store that cannot be reached stops the start, and tests run without limits."""

import pytest

import expect
from grader.plugin import CheckFailed
from limiting import COLLECTION, LOGIN, integer_header, signed_up, upgraded, wrong_login

UNREACHABLE = "redis://127.0.0.1:1/0"
FROM_ENVIRONMENT = "memory://?set-by=the-environment"
MANY = 25


def development_app(remote):
    """create_app("development"), from an import made after the check set its environment variables."""
    module = remote.load(build=False)
    try:
        return module.create_app("development")
    except Exception as exc:
        raise CheckFailed('create_app("development") to build an app', f"{type(exc).__name__}: {exc}") from None


@pytest.mark.hint("TestingConfig sets RATELIMIT_ENABLED = False: a test suite logs in far more often than a person.",
                  section="limits-in-tests", todo="todo-testing-limits")
def test_testing_app_has_no_limits(runner, client):
    """create_app("testing") has no limits: 25 logins and 25 task lists in a row, none 429"""
    upgraded(runner)
    headers = signed_up(client, "tester")
    for number in range(1, MANY + 1):
        response = wrong_login(client)
        expect.error(response, 401, f"POST {LOGIN} with a wrong password, number {number}, in the testing app")
    for number in range(1, MANY + 1):
        response = client.get(COLLECTION, headers=headers)
        expect.status(response, 200, f"GET {COLLECTION} number {number}, in the testing app")


@pytest.mark.hint("Config: RATELIMIT_ENABLED = True, and RATELIMIT_STORAGE_URI a property that answers memory:// when "
                  "the environment has no RATELIMIT_STORAGE_URI; limiter.init_app(app) in create_app.",
                  section="the-limiter-and-its-storage", todo="todo-init-limiter")
def test_development_limits_in_memory(remote, monkeypatch):
    """create_app("development") limits logins, counting in memory:// by default"""
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    app = development_app(remote)
    uri = app.config.get("RATELIMIT_STORAGE_URI")
    expect.that(uri is None or str(uri).startswith("memory://"),
                'RATELIMIT_STORAGE_URI of create_app("development") without the variable to be "memory://"',
                expect.shown(uri))
    client = app.test_client()
    request = f'POST {LOGIN} without a password to create_app("development")'
    first = client.post(LOGIN, json={"username": "tester"})
    expect.error(first, 400, request)
    allowed = integer_header(first, "X-RateLimit-Limit", request)
    expect.that(0 < allowed < MANY, f"the development app's login limit (X-RateLimit-Limit) to be a small number of "
                f"attempts (under {MANY})", str(allowed))
    for _ in range(allowed):
        response = client.post(LOGIN, json={"username": "tester"})
    expect.that(response.status_code == 429, f"{request}, number {allowed + 1} within the window, to be refused with "
                "429", expect.describe(response))


@pytest.mark.hint("Read RATELIMIT_STORAGE_URI from the environment when create_app runs (a property on Config), so "
                  "every process of a deployment can count in one Redis.", section="the-limiter-and-its-storage",
                  todo="todo-rate-limit-settings")
def test_storage_comes_from_the_environment(remote, monkeypatch):
    """create_app("development") takes RATELIMIT_STORAGE_URI from the environment"""
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", FROM_ENVIRONMENT)
    app = development_app(remote)
    expect.equal(app.config.get("RATELIMIT_STORAGE_URI"), FROM_ENVIRONMENT,
                 f'RATELIMIT_STORAGE_URI of create_app("development") with RATELIMIT_STORAGE_URI={FROM_ENVIRONMENT} '
                 "in the environment")


@pytest.mark.hint("After limiter.init_app(app), ask the storage (limiter.storage.check()) and raise RuntimeError "
                  "naming RATELIMIT_STORAGE_URI when it cannot be reached.", section="several-processes-and-redis",
                  todo="todo-init-limiter")
def test_unreachable_store_stops_the_start(remote, monkeypatch):
    """A RATELIMIT_STORAGE_URI that cannot be reached stops create_app with an error naming it"""
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", UNREACHABLE)
    module = remote.load(build=False)
    try:
        app = module.create_app("development")
    except Exception as exc:
        expect.that("RATELIMIT_STORAGE_URI" in str(exc), "the error to name RATELIMIT_STORAGE_URI, the setting to fix",
                    f"{type(exc).__name__}: {str(exc)[:300]}")
        return
    uri = app.config.get("RATELIMIT_STORAGE_URI")
    raise CheckFailed(f'create_app("development") to refuse to start with RATELIMIT_STORAGE_URI={UNREACHABLE}',
                      f"an app (its RATELIMIT_STORAGE_URI: {expect.shown(uri)}): the first request would fail "
                      "instead, or go uncounted")
