"""Fixtures for the stage 01 example, in the style of Flask's own tutorial tests."""

import pytest

from app import app as example_app


@pytest.fixture()
def app():
    """The example app, in testing mode (errors are raised, not turned into 500s)."""
    example_app.config.update(TESTING=True)
    yield example_app


@pytest.fixture()
def client(app):
    """A test client: sends requests to the app without a server."""
    return app.test_client()


@pytest.fixture()
def runner(app):
    """A runner for the app's flask commands (this stage has none of its own yet)."""
    return app.test_cli_runner()
