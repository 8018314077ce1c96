"""Fixtures of the stage 13 example: those of stage 12 (a migrated testing app
without limiter or cache, whose jobs now run eagerly; its client and CLI runner, an
`auth` helper, apps with a limiter or a real cache), and a development app on files
of its own."""

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


# --8<-- [start:app-fixture]
@pytest.fixture
def notices(tmp_path):
    """The test's own notices file (empty until a job writes to it)."""
    return tmp_path / "notices.jsonl"


@pytest.fixture
def app(notices):
    """A new app on its own in-memory database, brought to the head revision.

    Testing is eager: each job runs inside .delay(), with no broker and no worker.
    """
    app = create_app("testing", {"NOTICES_FILE": notices})
    with app.app_context():
        upgrade()  # what `flask db upgrade` runs
    return app
# --8<-- [end:app-fixture]


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
def dev_env(tmp_path, monkeypatch):
    """A development environment on files of the test's own: database and queue."""
    monkeypatch.setenv("DEV_DATABASE_URL", f"sqlite:///{tmp_path / 'dev.db'}")
    monkeypatch.setenv("CELERY_BROKER_URL", f"sqla+sqlite:///{tmp_path / 'queue.db'}")
    monkeypatch.setenv("CELERY_RESULT_BACKEND", f"db+sqlite:///{tmp_path / 'jobs.db'}")
    return monkeypatch


@pytest.fixture
def dev_app(dev_env):
    """The development app on an empty SQLite file: no table until an upgrade."""
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
