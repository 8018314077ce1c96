"""Tests of the stage 11 example: who is counted, which limit applies, what a
limited client sees, and the limiter's own traps."""

import time

import pytest
from flask import Flask
from flask_jwt_extended import get_jwt_identity
from flask_limiter import Limiter
from limits.errors import ConfigurationError
from flask_limiter.util import get_remote_address
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.limiting import client_key
from app.models import User
from conftest import PASSWORD, AuthActions

WRONG = {"email": "reader@example.com", "password": "not-the-password"}
BOOKMARK = {"url": "https://flask.palletsprojects.com/", "title": "Flask"}


def add_account(app, email):
    """An account made in the database, so that no request is spent on it."""
    with app.app_context():
        db.session.add(User(email=email, password=PASSWORD))
        db.session.commit()


def bearer(app, email):
    """Authorization headers for an account, logged in from an address of its own."""
    client = app.test_client()
    reply = client.post("/auth/login", json={"email": email, "password": PASSWORD},
                         environ_base={"REMOTE_ADDR": "192.0.2.250"})
    return {"Authorization": f"Bearer {reply.get_json()['access_token']}"}


# --8<-- [start:testing-has-no-limits]
def test_the_testing_config_has_no_limits(client):
    codes = {client.post("/auth/login", json=WRONG).status_code for _ in range(20)}
    assert codes == {401}
# --8<-- [end:testing-has-no-limits]


# --8<-- [start:sign-in-test]
def test_the_fourth_login_a_minute_is_refused(limited_app):
    client = limited_app(SIGN_IN_RATE_LIMIT="3 per minute").test_client()
    codes = [client.post("/auth/login", json=WRONG).status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]
    refused = client.post("/auth/login", json=WRONG)
    assert refused.status_code == 429
    assert refused.get_json()["status"] == "error"
    assert "3 per 1 minute" in refused.get_json()["error"]["message"]
    assert int(refused.headers["Retry-After"]) > 0
    # Another address has a budget of its own.
    elsewhere = {"REMOTE_ADDR": "203.0.113.9"}
    other = client.post("/auth/login", json=WRONG, environ_base=elsewhere)
    assert other.status_code == 401
# --8<-- [end:sign-in-test]


# --8<-- [start:headers-test]
def test_the_headers_count_down(limited_app):
    client = limited_app(DEFAULT_RATE_LIMIT="3 per minute").test_client()
    answers = [client.get("/api/bookmarks/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["X-RateLimit-Limit"] for a in answers] == ["3"] * 4
    left = [a.headers["X-RateLimit-Remaining"] for a in answers]
    assert left == ["2", "1", "0", "0"]
    reset = int(answers[0].headers["X-RateLimit-Reset"])  # seconds since 1970
    assert time.time() < reset <= time.time() + 61
    assert "Retry-After" in answers[3].headers
# --8<-- [end:headers-test]


def test_each_route_has_its_own_default_budget(limited_app):
    app = limited_app(DEFAULT_RATE_LIMIT="1 per minute")
    client = app.test_client()
    assert client.get("/api/bookmarks/").status_code == 200
    assert client.get("/api/bookmarks/").status_code == 429
    assert client.get("/api/bookmarks/1").status_code == 404  # another route


# --8<-- [start:override-tests]
def test_the_login_limit_replaces_the_default(limited_app):
    app = limited_app(DEFAULT_RATE_LIMIT="1 per minute",
                      SIGN_IN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    codes = [client.post("/auth/login", json=WRONG).status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]


def test_the_sign_up_limit_adds_to_the_default(limited_app):
    app = limited_app(DEFAULT_RATE_LIMIT="2 per minute", SIGN_UP_RATE_LIMIT="5 per day")
    client = app.test_client()
    codes = [client.post("/auth/register", json={}).status_code for _ in range(3)]
    assert codes == [400, 400, 429]  # the default's 2 per minute still holds
# --8<-- [end:override-tests]


# --8<-- [start:key-tests]
def test_get_jwt_identity_alone_knows_nobody_yet(app, auth):
    headers = auth.headers()
    with app.test_request_context(headers=headers):
        # What the limiter would see if the key function only asked:
        with pytest.raises(RuntimeError):
            get_jwt_identity()
    with app.test_request_context(headers=headers):
        assert client_key() == "account-1"


def test_a_bad_token_is_counted_by_address(app):
    headers = {"Authorization": "Bearer not-a-token"}
    place = {"REMOTE_ADDR": "198.51.100.4"}
    with app.test_request_context(headers=headers, environ_base=place):
        assert client_key() == "ip-198.51.100.4"


def test_a_refresh_token_still_refreshes(limited_app):
    app = limited_app()
    auth = AuthActions(app, app.test_client())
    refresh = auth.headers(kind="refresh_token")
    # The key function meets a refresh token where it checks for an access token.
    reply = app.test_client().post("/auth/refresh", headers=refresh)
    assert reply.status_code == 200
    assert "access_token" in reply.get_json()


def test_each_account_has_its_own_budget(limited_app):
    app = limited_app(DEFAULT_RATE_LIMIT="2 per minute")
    add_account(app, "ana@example.com")
    add_account(app, "ben@example.com")
    ana, ben = bearer(app, "ana@example.com"), bearer(app, "ben@example.com")
    client = app.test_client()  # both from 127.0.0.1, as behind one office router
    codes = [
        client.post("/api/bookmarks/", json=BOOKMARK, headers=ana).status_code
        for _ in range(3)
    ]
    assert codes == [201, 201, 429]
    assert client.post("/api/bookmarks/", json=BOOKMARK, headers=ben).status_code == 201
# --8<-- [end:key-tests]


# --8<-- [start:spoofing-test]
def test_a_forged_x_forwarded_for_changes_nothing(limited_app):
    client = limited_app(SIGN_IN_RATE_LIMIT="2 per minute").test_client()
    codes = [
        client.post("/auth/login", json=WRONG,
                    headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code
        for n in range(3)
    ]
    assert codes == [401, 401, 429]  # no trusted proxy: the header is ignored
# --8<-- [end:spoofing-test]


def test_behind_one_proxy_only_its_value_counts(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-for-the-tests")
    monkeypatch.setenv("JWT_SECRET_KEY", "a-production-jwt-key-of-at-least-32-bytes")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    monkeypatch.setenv("PROXY_COUNT", "1")
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    app = create_app("production", {"SIGN_IN_RATE_LIMIT": "2 per minute"})
    with app.app_context():
        upgrade()
    client = app.test_client()

    def login(forwarded):
        headers = {"X-Forwarded-For": forwarded}
        return client.post("/auth/login", json=WRONG, headers=headers).status_code

    # The client may write anything first; the proxy appends the real address.
    codes = [login(f"10.0.0.{n}, 198.51.100.7") for n in range(3)]
    assert codes == [401, 401, 429]
    assert login("198.51.100.8") == 401  # another client


def test_health_is_exempt(limited_app):
    client = limited_app(DEFAULT_RATE_LIMIT="1 per minute").test_client()
    answers = [client.get("/health") for _ in range(5)]
    assert {reply.status_code for reply in answers} == {200}
    assert "X-RateLimit-Limit" not in answers[-1].headers


def test_the_budget_comes_back(limited_app):
    client = limited_app(SIGN_IN_RATE_LIMIT="1 per 1 second").test_client()
    assert client.post("/auth/login", json=WRONG).status_code == 401
    assert client.post("/auth/login", json=WRONG).status_code == 429
    time.sleep(1.1)
    assert client.post("/auth/login", json=WRONG).status_code == 401


def test_an_unreachable_store_stops_the_app(monkeypatch):
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:1/0")
    with pytest.raises(RuntimeError, match="redis://127.0.0.1:1/0"):
        create_app("development")


# --8<-- [start:limiter-traps]
def test_the_strategy_names_an_algorithm():
    app = Flask(__name__)
    app.config["RATELIMIT_STRATEGY"] = "ip"  # who is counted is key_func's job
    with pytest.raises(ConfigurationError):
        Limiter(key_func=get_remote_address, storage_uri="memory://").init_app(app)


def test_the_first_app_decides_for_the_headers():
    limiter = Limiter(key_func=get_remote_address, default_limits=["5 per minute"],
                      storage_uri="memory://")
    apps = []
    for headers_on in (False, True):
        app = Flask(__name__)
        app.config["RATELIMIT_HEADERS_ENABLED"] = headers_on
        app.get("/")(lambda: "hello")
        limiter.init_app(app)
        apps.append(app)
    reply = apps[1].test_client().get("/")
    assert "X-RateLimit-Limit" not in reply.headers  # the first app's setting


def test_the_last_app_switches_the_limiter_for_all():
    limiter = Limiter(key_func=get_remote_address, default_limits=["1 per minute"],
                      storage_uri="memory://")
    apps = []
    for enabled in (True, False):
        app = Flask(__name__)
        app.config["RATELIMIT_ENABLED"] = enabled
        app.get("/")(lambda: "hello")
        limiter.init_app(app)
        apps.append(app)
    client = apps[0].test_client()
    assert [client.get("/").status_code for _ in range(3)] == [200, 200, 200]
# --8<-- [end:limiter-traps]


def test_a_limit_above_the_route_decorator_does_nothing():
    limiter = Limiter(key_func=get_remote_address, storage_uri="memory://")
    app = Flask(__name__)

    @limiter.limit("1 per minute")
    @app.get("/")
    def home():
        return "hello"

    limiter.init_app(app)
    client = app.test_client()
    assert [client.get("/").status_code for _ in range(3)] == [200, 200, 200]
