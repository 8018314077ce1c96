"""The stage 07 example: accounts, tokens, protected writes and an admin-only route."""

from datetime import timedelta

import jwt as pyjwt
import pytest
from flask_jwt_extended import create_access_token, decode_token

from app import create_app
from app.extensions import db
from app.models import User
from conftest import PASSWORD

BOOKMARK = {"url": "https://example.com/", "title": "Example"}


def claims(app, token):
    with app.app_context():
        return decode_token(token)


def test_register_answers_the_account_without_its_hash(client, auth):
    response = auth.register()
    assert response.status_code == 201
    account = response.get_json()["data"]
    assert account["email"] == "reader@example.com"
    assert account["role"] == "member"
    assert "password" not in str(account)


def test_only_a_hash_is_stored(app, auth):
    auth.register()
    with app.app_context():
        account = User.query.one()
        assert PASSWORD not in account.password_hash
        assert account.verify_password(PASSWORD)
        with pytest.raises(AttributeError):
            account.password


def test_register_twice_is_409(auth):
    auth.register()
    response = auth.register(email="READER@example.com ")
    assert response.status_code == 409
    assert response.get_json()["status"] == "error"


@pytest.mark.parametrize(
    "body",
    [
        {"password": PASSWORD},
        {"email": "reader@example.com"},
        {"email": "not-an-email", "password": PASSWORD},
        {"email": "reader@example.com", "password": "short"},
    ],
)
def test_register_needs_email_and_long_password(client, body):
    response = client.post("/auth/register", json=body)
    assert response.status_code == 400
    assert response.get_json()["status"] == "error"


def test_register_ignores_a_role_in_the_body(app, auth):
    assert auth.register(role="admin").get_json()["data"]["role"] == "member"
    assert claims(app, auth.login().get_json()["access_token"])["role"] == "member"


def test_login_answers_the_oauth_token_shape(app, auth):
    auth.register()
    response = auth.login()
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 30 * 60
    access = claims(app, body["access_token"])
    assert access["sub"] == "1" and access["type"] == "access"
    assert access["exp"] - access["iat"] == 30 * 60
    refresh = claims(app, body["refresh_token"])
    assert refresh["type"] == "refresh"
    assert refresh["exp"] - refresh["iat"] == 14 * 24 * 3600


def test_wrong_password_and_unknown_email_look_alike(auth):
    auth.register()
    wrong = auth.login(password="not-the-password")
    unknown = auth.login(email="nobody@example.com")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()


def test_reading_needs_no_token(client):
    assert client.get("/api/bookmarks/").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/"), ("put", "/1"), ("patch", "/1"), ("delete", "/1")],
)
def test_writing_without_a_token_is_401(client, method, path):
    response = getattr(client, method)(f"/api/bookmarks{path}", json=BOOKMARK)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.get_json()["status"] == "error"


def test_writing_with_an_access_token_works(client, auth):
    headers = auth.headers()
    created = client.post("/api/bookmarks/", json=BOOKMARK, headers=headers)
    assert created.status_code == 201
    location = created.headers["Location"]
    patched = client.patch(location, json={"notes": "read later"}, headers=headers)
    assert patched.get_json()["data"]["notes"] == "read later"
    assert client.delete(location, headers=headers).status_code == 204


# --8<-- [start:bad-tokens]
def forged(app, token):
    """The token's claims with role admin, signed again with another key."""
    payload = {**claims(app, token), "role": "admin"}
    return pyjwt.encode(payload, "some-other-key-of-at-least-32-bytes!", "HS256")


@pytest.mark.parametrize("kind", ["garbage", "refresh", "forged", "expired"])
def test_a_bad_token_is_401(app, client, auth, kind):
    tokens = auth.tokens()
    with app.app_context():
        expired = create_access_token("1", expires_delta=timedelta(seconds=-60))
    token = {
        "garbage": "not-a-token",
        "refresh": tokens["refresh_token"],
        "forged": forged(app, tokens["access_token"]),
        "expired": expired,
    }[kind]
    headers = {"Authorization": f"Bearer {token}"}
    response = client.post("/api/bookmarks/", json=BOOKMARK, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert response.get_json()["status"] == "error"
# --8<-- [end:bad-tokens]


def test_refresh_answers_a_new_access_token(app, client, auth):
    headers = auth.headers(kind="refresh_token")
    response = client.post("/auth/refresh", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert claims(app, body["access_token"])["role"] == "member"
    new_headers = {"Authorization": f"Bearer {body['access_token']}"}
    created = client.post("/api/bookmarks/", json=BOOKMARK, headers=new_headers)
    assert created.status_code == 201


@pytest.mark.parametrize("kind", ["access_token", None])
def test_refresh_needs_a_refresh_token(client, auth, kind):
    headers = auth.headers(kind=kind) if kind else {}
    assert client.post("/auth/refresh", headers=headers).status_code == 401


def test_the_list_of_accounts_is_for_admins(client, auth):
    assert client.get("/auth/users").status_code == 401
    assert client.get("/auth/users", headers=auth.headers()).status_code == 403
    admin = auth.make_admin()
    response = client.get("/auth/users", headers=auth.headers(admin))
    assert response.status_code == 200
    accounts = response.get_json()["data"]
    roles = {account["email"]: account["role"] for account in accounts}
    assert roles == {"reader@example.com": "member", "admin@example.com": "admin"}


def test_refresh_picks_up_a_new_role(app, client, auth):
    refresh_headers = auth.headers(kind="refresh_token")
    with app.app_context():
        account = User.query.one()
        account.role = "admin"
        db.session.commit()
    response = client.post("/auth/refresh", headers=refresh_headers)
    assert claims(app, response.get_json()["access_token"])["role"] == "admin"


def test_init_db_seeds_bookmarks_and_accounts(runner, client, auth):
    result = runner.invoke(args=["init-db"])
    assert "admin@example.com" in result.output
    assert len(client.get("/api/bookmarks/").get_json()["data"]) == 3
    response = auth.login("admin@example.com", "example-password")
    assert response.status_code == 200


def test_production_needs_a_jwt_key(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.delenv("JWT_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="JWT_SECRET_KEY"):
        create_app("production")
