"""A vacuous suite: it sends the right requests but accepts any answer, so it passes even on the 501 stubs."""

import pytest

from app import create_app
from app.extensions import db


@pytest.fixture
def client():
    app = create_app("testing")
    with app.app_context():
        db.create_all()
    return app.test_client()


def test_register(client):
    answer = client.post("/auth/register", json={"username": "a", "email": "a@example.com", "password": "pw"})
    assert answer.status_code < 600


def test_login(client):
    answer = client.post("/auth/login", json={"username": "a", "password": "pw"})
    assert answer.is_json


def test_refresh(client):
    answer = client.post("/auth/refresh", headers={"Authorization": "Bearer not-a-jwt"})
    assert answer.status_code != 500
