"""Fixtures for the stage 03 example: a fresh app for each test, and its clients."""

import importlib
import sys

import pytest


@pytest.fixture
def app():
    """The example app, imported afresh so each test starts with the three bookmarks."""
    sys.modules.pop("app", None)
    module = importlib.import_module("app")
    module.app.config.update(TESTING=True)
    yield module.app
    sys.modules.pop("app", None)


@pytest.fixture
def client(app):
    """A test client: requests without a running server."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner for the app's `flask` commands."""
    return app.test_cli_runner()
