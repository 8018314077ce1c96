"""Tests of the accounts routes: register, log in, refresh. Each test gets a new app with two seeded users."""

import jwt as pyjwt

from app.extensions import db
from app.models import User

from .conftest import PASSWORD

NEW_USER = {"username": "newcomer", "email": "newcomer@example.com", "password": "another-long-passphrase"}
# A refused token may answer 401 or 422: the contract leaves that choice to the app.
REFUSED = (401, 422)


def test_register_success(client, app):
    """201 with the new user's id, and the user is really in the database, role "user", password hashed."""
    # --8<-- [start:todo-register-success] POST NEW_USER (plus "role": "admin"); 201, envelope, user_id; then read the user back in a new app context.
    answer = client.post("/auth/register", json={**NEW_USER, "role": "admin"})
    assert answer.status_code == 201
    body = answer.get_json()
    assert body["status"] == "success"
    user_id = body["data"]["user_id"]
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        assert (user.username, user.email, user.role) == ("newcomer", "newcomer@example.com", "user")
        assert user.password_hash != NEW_USER["password"]
        assert user.check_password(NEW_USER["password"])
    # --8<-- [end:todo-register-success] stub: pytest.fail("TODO: write this test")


def test_register_missing_fields(client, app):
    """A body without one of the fields is a 400 in the error envelope, and no user is added."""
    # --8<-- [start:todo-register-missing] For each field, POST NEW_USER without it: 400, error envelope; no user added.
    for name in NEW_USER:
        body = {key: value for key, value in NEW_USER.items() if key != name}
        answer = client.post("/auth/register", json=body)
        assert answer.status_code == 400, name
        assert answer.get_json()["status"] == "error"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(User.id))) == 2
    # --8<-- [end:todo-register-missing] stub: pytest.fail("TODO: write this test")


def test_register_duplicate_username(client):
    """A username that is taken is a 409, even with a new email address."""
    # --8<-- [start:todo-register-duplicate-username] POST the seeded username "user" with a new email: 409.
    answer = client.post("/auth/register", json={**NEW_USER, "username": "user"})
    assert answer.status_code == 409
    assert answer.get_json()["status"] == "error"
    # --8<-- [end:todo-register-duplicate-username] stub: pytest.fail("TODO: write this test")


def test_register_duplicate_email(client):
    """An email address that already has an account is a 409, even with a new username."""
    # --8<-- [start:todo-register-duplicate-email] POST a new username with the seeded email "user@example.com": 409.
    answer = client.post("/auth/register", json={**NEW_USER, "email": "user@example.com"})
    assert answer.status_code == 409
    assert answer.get_json()["status"] == "error"
    # --8<-- [end:todo-register-duplicate-email] stub: pytest.fail("TODO: write this test")


def test_login_success(login):
    """200 with both tokens at the top level, "token_type": "Bearer", and "expires_in" in seconds."""
    # --8<-- [start:todo-login-success] login(); 200; access_token and refresh_token are JWTs of the right type; Bearer; expires_in > 0.
    answer = login("user")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["token_type"] == "Bearer"
    assert isinstance(body["expires_in"], int) and body["expires_in"] > 0
    for name, kind in (("access_token", "access"), ("refresh_token", "refresh")):
        claims = pyjwt.decode(body[name], options={"verify_signature": False})
        assert claims["type"] == kind
    # --8<-- [end:todo-login-success] stub: pytest.fail("TODO: write this test")


def test_login_wrong_password(login):
    """A wrong password is a 401, and no token."""
    # --8<-- [start:todo-login-wrong-password] login() with a wrong password: 401, no access_token.
    answer = login("user", "not-the-password")
    assert answer.status_code == 401
    assert "access_token" not in answer.get_json()
    # --8<-- [end:todo-login-wrong-password] stub: pytest.fail("TODO: write this test")


def test_login_nonexistent_user(login):
    """A username nobody has is a 401 too: the answer does not tell which usernames exist."""
    # --8<-- [start:todo-login-unknown-user] login() as a user nobody registered: 401.
    answer = login("nobody", PASSWORD)
    assert answer.status_code == 401
    assert "access_token" not in answer.get_json()
    # --8<-- [end:todo-login-unknown-user] stub: pytest.fail("TODO: write this test")


def test_login_missing_fields(client):
    """A body without the username or the password is a 400."""
    # --8<-- [start:todo-login-missing] POST /auth/login without username, then without password: 400 each.
    for body in ({"password": PASSWORD}, {"username": "user"}):
        answer = client.post("/auth/login", json=body)
        assert answer.status_code == 400
    # --8<-- [end:todo-login-missing] stub: pytest.fail("TODO: write this test")


def test_refresh_token_success(client, login):
    """A refresh token gets a new access token, and that token opens a protected route."""
    # --8<-- [start:todo-refresh-success] Send the refresh token to /auth/refresh: 200, a new access_token that GET /api/tasks/ accepts.
    refresh_token = login("user").get_json()["refresh_token"]
    answer = client.post("/auth/refresh", headers={"Authorization": f"Bearer {refresh_token}"})
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["token_type"] == "Bearer"
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert client.get("/api/tasks/", headers=headers).status_code == 200
    # --8<-- [end:todo-refresh-success] stub: pytest.fail("TODO: write this test")


def test_refresh_with_access_token(client, login):
    """An access token is not a refresh token: refused, 401 or 422."""
    # --8<-- [start:todo-refresh-access-token] Send the access token to /auth/refresh: 401 or 422, no access_token.
    access_token = login("user").get_json()["access_token"]
    answer = client.post("/auth/refresh", headers={"Authorization": f"Bearer {access_token}"})
    assert answer.status_code in REFUSED
    assert "access_token" not in (answer.get_json() or {})
    # --8<-- [end:todo-refresh-access-token] stub: pytest.fail("TODO: write this test")


def test_refresh_invalid_token(client):
    """A token that is not a JWT at all is refused, 401 or 422."""
    # --8<-- [start:todo-refresh-invalid-token] Send "Bearer not-a-jwt" to /auth/refresh: 401 or 422, no access_token.
    answer = client.post("/auth/refresh", headers={"Authorization": "Bearer not-a-jwt"})
    assert answer.status_code in REFUSED
    assert "access_token" not in (answer.get_json() or {})
    # --8<-- [end:todo-refresh-invalid-token] stub: pytest.fail("TODO: write this test")
