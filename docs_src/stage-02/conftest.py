"""Fixtures for the stage 02 example, in the style of Flask's own tutorial tests."""

import importlib

import pytest

import app as example


@pytest.fixture()
def app():
    """A fresh copy of the example app: reloading the module brings back the three
    bookmarks it starts with, so no test sees what another one created."""
    module = importlib.reload(example)
    module.app.config.update(TESTING=True)
    yield module.app


@pytest.fixture()
def client(app):
    """A test client: sends requests to the app without a server."""
    return app.test_client()


@pytest.fixture()
def runner(app):
    """A runner for the app's flask commands (this stage has none of its own yet)."""
    return app.test_cli_runner()
