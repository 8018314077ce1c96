"""Fixtures for the stage 05 example, in the style of Flask's own tutorial tests."""

# --8<-- [start:fixtures]
import pytest

from app import create_app


@pytest.fixture()
def app():
    """A new app for each test, with its own empty in-memory database."""
    app = create_app("testing")
    yield app


@pytest.fixture()
def client(app):
    """Sends requests to the app without a server."""
    return app.test_client()


@pytest.fixture()
def runner(app):
    """Runs the app's flask commands, such as init-db, without a terminal."""
    return app.test_cli_runner()
# --8<-- [end:fixtures]
