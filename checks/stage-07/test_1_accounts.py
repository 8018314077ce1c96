"""Stage 07 · Accounts: register, log in, and passwords that are never stored as they are."""

import pytest

import expect
from auth_requests import (PASSWORD, SEEDED_PASSWORD, account, answer_field, as_json, claims, login_response,
                           oauth_shape, register, seeded, tokens)


def holds_password(value) -> bool:
    """Whether a column's value contains the password as it was sent."""
    if isinstance(value, (bytes, memoryview)):
        return PASSWORD.encode() in bytes(value)
    return isinstance(value, str) and PASSWORD in value


# --- Registering -----------------------------------------------------------------------------------------------


@pytest.mark.hint('Answer 201 with {"message": ..., "user_id": <the new id>} (in the success envelope\'s data).',
                  section="registering", todo="todo-register")
def test_register_answers_201_with_user_id(client):
    """POST /auth/register with username, email and password answers 201 with a message and the new user_id"""
    body = account("tester")
    request = f"POST /auth/register with {as_json(body)}"
    response = client.post("/auth/register", json=body)
    expect.status(response, 201, request)
    message = answer_field(response, "message", str, request)
    expect.that(bool(message.strip()), f'a non-empty "message" in the answer to {request}', expect.shown(message))
    first = answer_field(response, "user_id", int, request)
    second = register(client, account("other"))
    expect.that(second != first, "a second user to get a user_id of its own", f"{first} both times")


@pytest.mark.hint("Before saving, look for a user with that username; if there is one, abort(409).",
                  section="registering", todo="todo-register")
def test_duplicate_username_is_409(client):
    """Registering a username that is taken answers 409, and neither creates a user nor changes the first one"""
    register(client, account("tester"))
    body = account("tester", email="someone-else@example.com", password="another-password-entirely")
    expect.error(client.post("/auth/register", json=body), 409, f"POST /auth/register with {as_json(body)}")
    response = login_response(client, "tester", "another-password-entirely")
    expect.status(response, 401, "logging in with the password of the refused registration")
    tokens(client, "tester")


@pytest.mark.hint("Check the email as well as the username (and give the email column unique=True): a taken email "
                  "is a 409 too.", section="registering", todo="todo-register")
def test_duplicate_email_is_409(client):
    """Registering an email that is taken, under a new username, answers 409 and creates no user"""
    register(client, account("tester"))
    body = account("other", email="tester@example.com")
    expect.error(client.post("/auth/register", json=body), 409, f"POST /auth/register with {as_json(body)}")
    expect.status(login_response(client, "other", PASSWORD), 401, 'logging in as "other", who was refused')


@pytest.mark.parametrize("missing", [
    pytest.param(("username",), id="no username"),
    pytest.param(("email",), id="no email"),
    pytest.param(("password",), id="no password"),
    pytest.param(("username", "email", "password"), id="empty object"),
])
@pytest.mark.hint("Read the three fields with credentials(REGISTER_FIELDS), which answers 400 for any that is "
                  "missing.", section="registering", todo="todo-register")
def test_register_missing_field_is_400(client, missing):
    """POST /auth/register without a required field answers 400 in the error envelope"""
    body = {name: value for name, value in account("tester").items() if name not in missing}
    expect.error(client.post("/auth/register", json=body), 400, f"POST /auth/register with {as_json(body)}")


@pytest.mark.hint('Build the User from the username and email only: its role is the model\'s default, "user", '
                  "whatever the body says.", section="roles-as-claims", todo="todo-register")
def test_register_cannot_choose_role(client):
    """Registering with "role": "admin" in the body does not make an admin: the user's token says "role": "user\""""
    body = account("intruder", role="admin")
    request = f"POST /auth/register with {as_json(body)}"
    response = client.post("/auth/register", json=body)
    if response.status_code in (400, 422):
        expect.error(response, response.status_code, request)
        return
    expect.status(response, 201, request)
    payload = claims(tokens(client, "intruder")[0], "the access token")
    expect.equal(payload.get("role"), "user", 'the "role" claim in the access token of the user who asked to be an '
                 "admin")


@pytest.mark.hint("set_password stores generate_password_hash(password); the password itself goes in no column.",
                  section="storing-passwords", todo="todo-set-password")
def test_password_not_stored_in_plain_text(app, client):
    """After registering, no column of the users table holds the password as it was sent"""
    register(client, account("tester"))
    try:
        rows = app.select("SELECT * FROM users")
    except Exception as exc:
        expect.that(False, "a table named users holding the accounts", f"{type(exc).__name__}: {exc}")
    expect.that(bool(rows), "the registered user to be a row of the users table", "no rows")
    leaks = sorted({column for row in rows for column, value in row.items() if holds_password(value)})
    expect.that(not leaks, "no column to hold the password as it was sent (store a hash instead)",
                f"the password in the column(s) {leaks}")


# --- Logging in ------------------------------------------------------------------------------------------------


@pytest.mark.hint("Answer token_response() with an access_token (create_access_token) and a refresh_token "
                  "(create_refresh_token).", section="logging-in", todo="todo-login")
def test_login_answers_two_tokens(client):
    """POST /auth/login with the right password answers 200 with an access token and a refresh token"""
    register(client, account("tester"))
    request = 'POST /auth/login as "tester"'
    response = login_response(client, "tester", PASSWORD)
    expect.status(response, 200, request)
    access = answer_field(response, "access_token", str, request)
    refresh = answer_field(response, "refresh_token", str, request)
    oauth_shape(response, access, request)
    access_claims = claims(access, '"access_token"')
    refresh_claims = claims(refresh, '"refresh_token"')
    expect.equal(access_claims.get("type"), "access", 'the "type" claim of the access token')
    expect.equal(refresh_claims.get("type"), "refresh", 'the "type" claim of the refresh token')


@pytest.mark.hint("Compare the password with user.check_password(); a wrong one is abort(401).",
                  section="logging-in", todo="todo-login")
def test_wrong_password_is_401(client):
    """POST /auth/login with a wrong password answers 401 in the error envelope"""
    register(client, account("tester"))
    expect.error(login_response(client, "tester", "not-the-password"), 401, 'POST /auth/login as "tester" with a wrong '
                 "password")


@pytest.mark.hint("Answer an unknown username exactly as a wrong password: the same 401 and the same message, so "
                  "nobody can learn which usernames exist.", section="logging-in", todo="todo-login")
def test_unknown_user_is_401_like_wrong_password(client):
    """POST /auth/login as a user who does not exist answers 401 with the same message as a wrong password"""
    register(client, account("tester"))
    unknown = expect.error(login_response(client, "nobody", PASSWORD), 401, 'POST /auth/login as "nobody"')
    wrong = expect.error(login_response(client, "tester", "not-the-password"), 401,
                         'POST /auth/login as "tester" with a wrong password')
    expect.that(unknown == wrong, "the same message for an unknown user as for a wrong password",
                f"{unknown!r} for the unknown user, {wrong!r} for the wrong password")


@pytest.mark.parametrize("body", [
    pytest.param({"password": PASSWORD}, id="no username"),
    pytest.param({"username": "tester"}, id="no password"),
    pytest.param({}, id="empty object"),
])
@pytest.mark.hint("Read the fields with credentials(LOGIN_FIELDS), which answers 400 for any that is missing.",
                  section="logging-in", todo="todo-login")
def test_login_missing_field_is_400(client, body):
    """POST /auth/login without a username or password answers 400 in the error envelope"""
    register(client, account("tester"))
    expect.error(client.post("/auth/login", json=body), 400, f"POST /auth/login with {as_json(body)}")


# --- Seeded users ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["admin", "user"])
@pytest.mark.hint('init-db adds "admin" (role admin) and "user" (role user), each with the password "password".',
                  section="seeding-users-for-development")
def test_init_db_seeds_users(runner, client, username):
    """flask init-db adds the users admin and user, who log in with the password "password" and carry their role"""
    headers = seeded(runner, client, username)
    token = headers["Authorization"].removeprefix("Bearer ")
    expect.equal(claims(token, f'the access token of "{username}"').get("role"), username,
                 f'the "role" claim in the access token of "{username}" (password "{SEEDED_PASSWORD}")')
