"""Fixtures for the stage 09 example: the bookmarks API's own test suite.

Every test gets a new app on its own in-memory database, so no test sees what
another one left behind, and the order the tests run in does not matter."""

import pytest
from werkzeug.security import generate_password_hash

from app import create_app
from app.extensions import db
from app.models import ADMIN, User

PASSWORD = "a-long-enough-password"
# --8<-- [start:cheap-hash]
# One hash for every seeded account, made once per run and cheaply: the app's
# own scrypt hash is slow on purpose, and a suite makes dozens of accounts.
SEED_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
# --8<-- [end:cheap-hash]


# --8<-- [start:app-fixture]
@pytest.fixture
def app():
    """A new app for each test: testing settings, an empty in-memory database
    with its tables, and two accounts to log in with."""
    app = create_app("testing")
    with app.app_context():
        db.create_all()
        db.session.add_all([
            User(email="reader@example.com", password_hash=SEED_HASH),
            User(email="boss@example.com", password_hash=SEED_HASH, role=ADMIN),
        ])
        db.session.commit()
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
# --8<-- [end:app-fixture]


# --8<-- [start:auth-helper]
class AuthActions:
    """Log in and build Authorization headers, the way a client would."""

    def __init__(self, client):
        self._client = client

    def login(self, email="reader@example.com", password=PASSWORD):
        body = {"email": email, "password": password}
        return self._client.post("/auth/login", json=body)

    def tokens(self, email="reader@example.com"):
        response = self.login(email)
        assert response.status_code == 200, response.get_json()
        return response.get_json()  # the token answer: no envelope

    def headers(self, email="reader@example.com", kind="access_token"):
        return {"Authorization": f"Bearer {self.tokens(email)[kind]}"}


@pytest.fixture
def auth(client):
    return AuthActions(client)
# --8<-- [end:auth-helper]
