"""Stage 07 · Tokens: what they carry, how long they last, refreshing, and every way a token is refused."""

import base64
import json

import jwt as pyjwt
import pytest

import expect
from auth_requests import (COLLECTION, account, answer_field, bearer, claims, logged_in, oauth_shape, refused, register,
                           tokens)
from grader.plugin import CheckFailed

ONE_HOUR, SEVEN_DAYS = 3600, 7 * 24 * 3600
OTHER_KEY = "a-key-this-app-has-never-seen-0123456789"


def token_of(headers: dict) -> str:
    """The token in an Authorization header."""
    return headers["Authorization"].removeprefix("Bearer ")


def build(app_module, name: str):
    """create_app(name); an exception becomes a failure a student can read."""
    try:
        return app_module.create_app(name)
    except Exception as exc:
        raise CheckFailed(f"create_app({name!r}) to build an app", f"{type(exc).__name__}: {exc}") from None


def with_claims(token: str, **changes) -> str:
    """The token with some claims changed and its original signature kept, as a forger would try."""
    header, _, signature = token.split(".")
    payload = claims(token, "the access token") | changes
    encoded = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"


# --- What a token carries --------------------------------------------------------------------------------------


@pytest.mark.hint("Make the identity a string: create_access_token(identity=str(user.id), ...). With an integer, "
                  "every protected request is refused with \"Subject must be a string\".",
                  section="why-the-identity-is-a-string", todo="todo-login")
def test_login_token_opens_task_routes(client):
    """GET /api/tasks/ with the access token /auth/login just gave answers 200"""
    headers = logged_in(client)
    expect.success(client.get(COLLECTION, headers=headers), 200, f"GET {COLLECTION} with the token from /auth/login")


@pytest.mark.hint('Pass identity=str(user.id) and additional_claims={"role": user.role} to create_access_token.',
                  section="what-a-jwt-carries", todo="todo-login")
def test_access_token_carries_string_identity_and_role(client):
    """The access token's "sub" claim (the identity) is a string, and its "role" claim is "user" for a new account"""
    payload = claims(token_of(logged_in(client)), "the access token")
    subject = payload.get("sub")
    expect.that(isinstance(subject, str), 'the "sub" claim (the identity) to be a string such as "1"',
                f"{subject!r} ({type(subject).__name__})")
    expect.equal(payload.get("role"), "user", 'the "role" claim of a newly registered user\'s access token')


@pytest.mark.parametrize(("which", "seconds"), [
    pytest.param("access", ONE_HOUR, id="access token: 1 hour"),
    pytest.param("refresh", SEVEN_DAYS, id="refresh token: 7 days"),
])
@pytest.mark.hint("Set JWT_ACCESS_TOKEN_EXPIRES = timedelta(hours=1) and JWT_REFRESH_TOKEN_EXPIRES = "
                  "timedelta(days=7) in Config.", section="setting-up-flask-jwt-extended")
def test_token_lifetimes(client, which, seconds):
    """The access token expires 1 hour after it is issued, the refresh token 7 days after"""
    register(client, account("tester"))
    token = dict(zip(("access", "refresh"), tokens(client, "tester")))[which]
    payload = claims(token, f"the {which} token")
    lifetime = payload.get("exp", 0) - payload.get("iat", 0) if "exp" in payload else None
    expect.that(lifetime is not None and abs(lifetime - seconds) <= 1,
                f"the {which} token to expire {seconds} seconds after it is issued (exp - iat)",
                "no expiry at all" if lifetime is None else f"{lifetime} seconds")


# --- Refreshing ------------------------------------------------------------------------------------------------


@pytest.mark.hint("POST /auth/refresh, under @jwt_required(refresh=True), answers 200 with a new access_token for "
                  "get_jwt_identity().", section="refreshing", todo="todo-refresh")
def test_refresh_gives_working_access_token(client):
    """POST /auth/refresh with a refresh token answers 200 with a new access token that opens the task routes"""
    register(client, account("tester"))
    _, refresh = tokens(client, "tester")
    request = "POST /auth/refresh with the refresh token"
    response = client.post("/auth/refresh", headers=bearer(refresh))
    expect.status(response, 200, request)
    access = answer_field(response, "access_token", str, request)
    oauth_shape(response, access, request)
    expect.success(client.get(COLLECTION, headers=bearer(access)), 200,
                   f"GET {COLLECTION} with the access token from /auth/refresh")


@pytest.mark.hint("The account a refresh token names may have been deleted since: db.session.get(User, ...) then "
                  "gives None, and the answer is 401 in the envelope, not a 500 from using None.",
                  section="refreshing", todo="todo-refresh")
def test_refresh_for_a_deleted_account_is_401(app, client):
    """POST /auth/refresh with the refresh token of an account deleted since answers 401 (not 500)"""
    user_id = register(client, account("tester"))
    _, refresh = tokens(client, "tester")
    app.delete("users", user_id)
    refused(client.post("/auth/refresh", headers=bearer(refresh)),
            "POST /auth/refresh with the refresh token of an account deleted since")


@pytest.mark.hint("Protect the refresh route with @jwt_required(refresh=True): then it takes refresh tokens only.",
                  section="access-and-refresh-tokens")
def test_refresh_refuses_access_token(client):
    """POST /auth/refresh with an access token (not a refresh token) is refused with 401 or 422"""
    refused(client.post("/auth/refresh", headers=logged_in(client)), "POST /auth/refresh with an access token",
            (401, 422))


@pytest.mark.hint("The refresh route needs a token like any protected route; without one, the unauthorized loader "
                  "answers 401.", section="token-errors-in-the-envelope", todo="todo-token-errors")
def test_refresh_without_token_is_401(client):
    """POST /auth/refresh without a token answers 401 in the error envelope"""
    refused(client.post("/auth/refresh"), "POST /auth/refresh without a token")


@pytest.mark.hint("verify_jwt_in_request() (like @jwt_required()) takes access tokens only: a refresh token opens "
                  "nothing but /auth/refresh.", section="access-and-refresh-tokens", todo="todo-protect")
def test_refresh_token_does_not_open_task_routes(client):
    """GET /api/tasks/ with a refresh token instead of an access token is refused with 401 or 422"""
    register(client, account("tester"))
    _, refresh = tokens(client, "tester")
    refused(client.get(COLLECTION, headers=bearer(refresh)), f"GET {COLLECTION} with a refresh token", (401, 422))


# --- Refused tokens --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path"), [
    pytest.param("GET", COLLECTION, id="GET list"),
    pytest.param("POST", COLLECTION, id="POST"),
    pytest.param("GET", "/api/tasks/1", id="GET one"),
    pytest.param("PUT", "/api/tasks/1", id="PUT"),
    pytest.param("PATCH", "/api/tasks/1", id="PATCH"),
    pytest.param("DELETE", "/api/tasks/1", id="DELETE"),
])
@pytest.mark.hint("Call verify_jwt_in_request() in the tasks blueprint's before_request hook (or put "
                  "@jwt_required() on every task route), and answer a missing token with your unauthorized loader.",
                  section="protecting-the-task-routes", todo="todo-protect")
def test_task_route_without_token_is_401(client, method, path):
    """Every task route without a token answers 401 in the error envelope"""
    body = {"title": "Changed", "status": "completed"} if method in ("POST", "PUT", "PATCH") else None
    refused(client.open(path, method=method, json=body), f"{method} {path} without a token")


@pytest.mark.hint("Flask-JWT-Extended refuses a token it cannot decode; your invalid token loader answers in the "
                  "envelope.", section="token-errors-in-the-envelope", todo="todo-token-errors")
def test_garbage_token_is_refused(client):
    """GET /api/tasks/ with "Authorization: Bearer not-a-token" is refused with 401 or 422 in the error envelope"""
    refused(client.get(COLLECTION, headers=bearer("not-a-token")), f"GET {COLLECTION} with a token that is not a JWT",
            (401, 422))


@pytest.mark.hint("The signature covers the claims: a token whose claims were changed no longer verifies. Keep "
                  "the invalid token loader's answer in the envelope.", section="what-a-jwt-carries",
                  todo="todo-token-errors")
def test_edited_token_is_refused(client):
    """A real access token whose "role" claim was edited to "admin" is refused with 401 or 422 (bad signature)"""
    forged = with_claims(token_of(logged_in(client)), role="admin")
    refused(client.get(COLLECTION, headers=bearer(forged)), f'GET {COLLECTION} with a token edited to say "admin"',
            (401, 422))


@pytest.mark.hint("Tokens are signed with JWT_SECRET_KEY; one signed with any other key must be refused.",
                  section="what-a-jwt-carries", todo="todo-token-errors")
def test_token_signed_with_other_key_is_refused(client):
    """An access token with the right claims but signed with another key is refused with 401 or 422"""
    payload = claims(token_of(logged_in(client)), "the access token")
    forged = pyjwt.encode(payload, OTHER_KEY, algorithm="HS256")
    refused(client.get(COLLECTION, headers=bearer(forged)), f"GET {COLLECTION} with a token signed with another key",
            (401, 422))


@pytest.mark.hint("Give jwt an expired_token_loader that answers 401 in the error envelope.",
                  section="token-errors-in-the-envelope", todo="todo-token-errors")
def test_expired_token_is_401(app, client):
    """An access token that expired a minute ago answers 401 in the error envelope"""
    subject = claims(token_of(logged_in(client)), "the access token").get("sub")
    expired = app.access_token(subject, {"role": "user"}, expires_seconds=-60)
    refused(client.get(COLLECTION, headers=bearer(expired)), f"GET {COLLECTION} with an expired access token")


# --- Keys ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["testing", "development"])
@pytest.mark.hint("Give JWT_SECRET_KEY at least 32 bytes (HS256 keys shorter than that are easy to guess, and "
                  "PyJWT warns about them).", section="setting-up-flask-jwt-extended")
def test_jwt_secret_key_is_long_enough(app_module, name):
    """create_app("testing") and create_app("development") have a JWT_SECRET_KEY of at least 32 bytes"""
    key = build(app_module, name).config.get("JWT_SECRET_KEY")
    length = len(key.encode() if isinstance(key, str) else key or b"")
    expect.that(length >= 32, f'JWT_SECRET_KEY of create_app("{name}") to have at least 32 bytes',
                f"{key!r} ({length} bytes)" if key else "no JWT_SECRET_KEY")


@pytest.mark.hint('ProductionConfig reads JWT_SECRET_KEY with required_setting("JWT_SECRET_KEY") in a property, '
                  "as it does SECRET_KEY.", section="setting-up-flask-jwt-extended")
def test_production_refuses_without_jwt_secret_key(app_module, monkeypatch, tmp_path):
    """create_app("production") without JWT_SECRET_KEY in the environment refuses to start (raises an exception)"""
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-of-at-least-32-bytes")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'production.db'}")
    monkeypatch.delenv("JWT_SECRET_KEY", raising=False)
    try:
        app = app_module.create_app("production")
    except Exception:
        return
    expect.that(False, 'create_app("production") to raise an exception when JWT_SECRET_KEY is not set',
                f"an app, with JWT_SECRET_KEY {app.config.get('JWT_SECRET_KEY')!r}")


@pytest.mark.hint("ProductionConfig reads JWT_SECRET_KEY from the environment when the app is built.",
                  section="setting-up-flask-jwt-extended")
def test_production_reads_jwt_secret_key(app_module, monkeypatch, tmp_path):
    """create_app("production") with JWT_SECRET_KEY set in the environment takes its JWT_SECRET_KEY from there"""
    secret = "the-production-jwt-key-of-at-least-32-bytes"
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-of-at-least-32-bytes")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'production.db'}")
    monkeypatch.setenv("JWT_SECRET_KEY", secret)
    app = build(app_module, "production")
    expect.equal(app.config.get("JWT_SECRET_KEY"), secret, 'JWT_SECRET_KEY of create_app("production")')
