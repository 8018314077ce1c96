"""Fixtures of the stage 13 example: a migrated app whose jobs run eagerly, a client,
a CLI runner, an `auth` helper, and a development app on files of its own."""

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
