"""The stage 09 example: tests that pin down the bookmarks API's contract."""

import pytest

from app.extensions import db
from app.models import Bookmark, User

PASSWORD = "a-long-enough-password"  # the seeded accounts' password (conftest.py)
NEWCOMER = {"email": "new@example.com", "password": "another-good-password"}
BOOKMARK = {"url": "https://docs.pytest.org/", "title": "pytest"}
# The contract lets the app refuse a bad token with either of these.
TOKEN_REFUSED = {401, 422}


# --8<-- [start:register-stored]
def test_register_stores_the_account(client, app):
    response = client.post("/auth/register", json=NEWCOMER)
    assert response.status_code == 201
    payload = response.get_json()
    assert payload["status"] == "success"
    # Read it back in a new app context: a new session, so only what was
    # committed is there (a route that forgot to commit fails here).
    with app.app_context():
        stored = db.session.get(User, payload["data"]["id"])
        assert stored.email == NEWCOMER["email"]
        assert stored.verify_password(NEWCOMER["password"])
# --8<-- [end:register-stored]


# --8<-- [start:each-field]
@pytest.mark.parametrize("left_out", ["email", "password"])
def test_register_needs_each_field(client, app, left_out):
    body = {name: value for name, value in NEWCOMER.items() if name != left_out}
    response = client.post("/auth/register", json=body)
    assert response.status_code == 400
    assert response.get_json()["status"] == "error"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 2
# --8<-- [end:each-field]


def test_an_email_has_one_account(client):
    body = {**NEWCOMER, "email": "reader@example.com"}
    assert client.post("/auth/register", json=body).status_code == 409


# --8<-- [start:token-answer]
def test_login_answers_the_token_shape(auth):
    tokens = auth.tokens()
    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] > 0
    assert tokens["access_token"].count(".") == 2  # header.payload.signature
    assert tokens["refresh_token"] != tokens["access_token"]


@pytest.mark.parametrize(
    "email, password",
    [("reader@example.com", "not-the-password"), ("nobody@example.com", PASSWORD)],
)
def test_login_refuses_bad_credentials(auth, email, password):
    response = auth.login(email, password)
    assert response.status_code == 401
    assert "access_token" not in response.get_json()
# --8<-- [end:token-answer]


# --8<-- [start:refresh]
def test_a_refreshed_token_works(client, auth):
    headers = auth.headers(kind="refresh_token")
    answer = client.post("/auth/refresh", headers=headers).get_json()
    write = {"Authorization": f"Bearer {answer['access_token']}"}
    created = client.post("/api/bookmarks/", json=BOOKMARK, headers=write)
    assert created.status_code == 201


@pytest.mark.parametrize("kind", ["access_token", "garbage"])
def test_refresh_wants_a_refresh_token(client, auth, kind):
    if kind == "garbage":
        headers = {"Authorization": "Bearer this.is-not.a-jwt"}
    else:
        headers = auth.headers(kind=kind)
    response = client.post("/auth/refresh", headers=headers)
    assert response.status_code in TOKEN_REFUSED  # the contract allows both
# --8<-- [end:refresh]


# --8<-- [start:bookmarks]
def test_writing_needs_a_token(client):
    response = client.post("/api/bookmarks/", json=BOOKMARK)
    assert response.status_code == 401
    assert response.get_json()["status"] == "error"


def test_a_new_bookmark_can_be_read_back(client, app, auth):
    created = client.post("/api/bookmarks/", json=BOOKMARK, headers=auth.headers())
    assert created.status_code == 201
    shown = client.get(created.headers["Location"])
    assert shown.get_json()["data"]["title"] == "pytest"
    with app.app_context():
        assert db.session.scalar(db.select(Bookmark.url)) == BOOKMARK["url"]
# --8<-- [end:bookmarks]


def test_only_admins_list_accounts(client, auth):
    assert client.get("/auth/users", headers=auth.headers()).status_code == 403
    everyone = client.get("/auth/users", headers=auth.headers("boss@example.com"))
    assert everyone.status_code == 200
    assert len(everyone.get_json()["data"]) == 2
