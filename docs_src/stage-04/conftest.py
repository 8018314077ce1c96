"""Fixtures for the stage 04 example: a fresh app on an empty database for each test."""

import importlib
import sys

import pytest


def import_example():
    """Import app.py afresh, as a new start of the server would."""
    sys.modules.pop("app", None)
    return importlib.import_module("app")


@pytest.fixture
def example(tmp_path, monkeypatch):
    """The example module, on a SQLite file of its own that DATABASE_URL names."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'test.db'}")
    module = import_example()
    module.app.config.update(TESTING=True)
    yield module
    with module.app.app_context():
        module.db.engine.dispose()
    sys.modules.pop("app", None)


@pytest.fixture
def app(example):
    """The Flask app of the example."""
    return example.app


@pytest.fixture
def client(app):
    """A test client: requests without a running server."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner for the app's `flask` commands, such as seed."""
    return app.test_cli_runner()


@pytest.fixture
def restart(example):
    """Import the app again on the same database, as a restart of the server would."""
    def restarted():
        module = import_example()
        module.app.config.update(TESTING=True)
        return module.app
    return restarted
