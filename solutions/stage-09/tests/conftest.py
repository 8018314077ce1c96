"""Fixtures for the task API's tests: a new app on its own in-memory database for every test, two seeded users,
a test client, a CLI runner, and helpers that log in and build Authorization headers."""

import pytest
from werkzeug.security import generate_password_hash

from app import create_app
from app.extensions import db
from app.models import User

PASSWORD = "a-long-test-passphrase"
# Hashed once, cheaply (pbkdf2 with few rounds): the app's own hash costs about 0.1 s, once per user and per test.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
USERS = {"admin": "admin", "user": "user"}


@pytest.fixture
def app():
    """A new app for every test: the testing configuration, its own empty in-memory database, two users."""
    # --8<-- [start:todo-app-fixture] create_app("testing"); in an app context create_all() and add both USERS with PASSWORD_HASH.
    app = create_app("testing")
    with app.app_context():
        db.create_all()
        for username, role in USERS.items():
            db.session.add(User(username=username, email=f"{username}@example.com", role=role,
                                password_hash=PASSWORD_HASH))
        db.session.commit()
    return app
    # --8<-- [end:todo-app-fixture] stub: pytest.skip("TODO: write the app fixture in tests/conftest.py first")


@pytest.fixture
def client(app):
    """A test client: sends requests to the app without a server."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner for the app's command-line commands."""
    return app.test_cli_runner()


@pytest.fixture
def login(client):
    """A function that logs a user in and returns the answer."""
    def log_in(username="user", password=PASSWORD):
        # --8<-- [start:todo-login-helper] POST /auth/login with the username and password as JSON; return the response.
        return client.post("/auth/login", json={"username": username, "password": password})
        # --8<-- [end:todo-login-helper] stub: pytest.skip("TODO: write the login helper in tests/conftest.py first")
    return log_in


@pytest.fixture
def auth_headers(login):
    """A function that logs a user in and returns the Authorization header of their access token."""
    def headers(username="user"):
        # --8<-- [start:todo-auth-headers] Log in; read access_token at the top level; return {"Authorization": "Bearer ..."}.
        answer = login(username)
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return {"Authorization": f"Bearer {answer.get_json()['access_token']}"}
        # --8<-- [end:todo-auth-headers] stub: pytest.skip("TODO: write the auth_headers helper in tests/conftest.py first")
    return headers
