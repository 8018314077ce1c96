"""Fixtures of the stage 12 example: those of stage 11 (a migrated testing app
without limiter or cache, its client and CLI runner, an `auth` helper,
`limited_app`), plus apps with a real cache."""

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


@pytest.fixture
def app():
    """A new app on its own in-memory database, brought to the head revision."""
    app = create_app("testing")
    with app.app_context():
        upgrade()  # what `flask db upgrade` runs
    return app


# --8<-- [start:limited-app]
@pytest.fixture
def limited_app():
    """Build a testing app with the limiter on, and the given settings on top.

    Call it once per test: the limiter is one object for every app, and the app
    built last decides whether it is on (see stage 11's test_example.py).
    """

    def build(**settings):
        app = create_app("testing", {"RATELIMIT_ENABLED": True, **settings})
        with app.app_context():
            upgrade()
        return app

    return build
# --8<-- [end:limited-app]


# --8<-- [start:cached-app]
@pytest.fixture
def make_app():
    """Build a migrated testing app with settings of the test's own."""

    def make(**settings):
        app = create_app("testing", settings)
        with app.app_context():
            upgrade()
        return app

    return make


@pytest.fixture
def cached_app(make_app):
    """The testing app with SimpleCache switched on, for the tests of the cache."""
    return make_app(CACHE_TYPE="SimpleCache")
# --8<-- [end:cached-app]


@pytest.fixture
def dev_app(tmp_path, monkeypatch):
    """The development app on an empty SQLite file: no table until an upgrade."""
    monkeypatch.setenv("DEV_DATABASE_URL", f"sqlite:///{tmp_path / 'dev.db'}")
    return create_app("development")


@pytest.fixture
def dev_runner(dev_app):
    return dev_app.test_cli_runner()


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
        """Register (if need be) and log in; the token answer as a dict."""
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
def cached_client(cached_app):
    return cached_app.test_client()


@pytest.fixture
def cached_auth(cached_app, cached_client):
    return AuthActions(cached_app, cached_client)
