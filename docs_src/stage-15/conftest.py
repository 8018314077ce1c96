"""Fixtures of the stage 15 example: a migrated app, a client, an `auth` helper,
and the app's own OpenAPI document."""

from functools import partial

import pytest
from flask_migrate import upgrade

from app import create_app
from app import models
from app.extensions import db
from app.models import ADMIN, User

PASSWORD = "a-long-enough-password"


@pytest.fixture(autouse=True)
def quick_hashing(monkeypatch):
    """Hash with a low cost while testing: still a real salted hash, only cheaper."""
    cheap = partial(models.generate_password_hash, method="pbkdf2:sha256:1000")
    monkeypatch.setattr(models, "generate_password_hash", cheap)


@pytest.fixture(autouse=True)
def docs_from_the_app(monkeypatch):
    """Whatever the shell says, tests start with Swagger UI served by the app."""
    monkeypatch.delenv("SWAGGER_UI_FROM", raising=False)


@pytest.fixture
def app():
    """A new app on its own in-memory database, brought to the head revision."""
    app = create_app(config_name="testing")
    with app.app_context():
        upgrade()  # what `flask db upgrade` runs
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Register, log in, and build Authorization headers, as a client would."""

    def __init__(self, app, client):
        self._app = app
        self._client = client

    def register(self, email="reader@example.com", password=PASSWORD, **extra):
        body = {"email": email, "password": password, **extra}
        return self._client.post("/auth/register", json=body)

    def login(self, email="reader@example.com", password=PASSWORD):
        return self._client.post(
            "/auth/login", json={"email": email, "password": password}
        )

    def tokens(self, email="reader@example.com"):
        """Register (if need be) and log in; the token reply as a dict."""
        self.register(email)
        return self.login(email).get_json()

    def headers(self, email="reader@example.com", kind="access_token"):
        return {"Authorization": f"Bearer {self.tokens(email)[kind]}"}

    def make_admin(self, email="admin@example.com"):
        """An admin account, made in the database: the API never makes one."""
        with self._app.app_context():
            db.session.add(User(email=email, role=ADMIN, password=PASSWORD))
            db.session.commit()
        return email


@pytest.fixture
def auth(app, client):
    return AuthActions(app, client)


@pytest.fixture
def spec(client):
    """The document the app serves at /openapi.json."""
    return client.get("/openapi.json").get_json()
