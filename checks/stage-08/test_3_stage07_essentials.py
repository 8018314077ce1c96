"""Stage 08 · What stage 07 built still holds on the migrated database: tokens, roles, /health, the testing app."""

import pytest

import expect
from migration_steps import COLLECTION, SEEDED_PASSWORD, create, log_in, logged_in, succeeds, upgraded


@pytest.mark.hint("Keep stage 05's TestingConfig: TESTING = True and sqlite:///:memory:.",
                  section="the-stage-contract")
def test_testing_app_uses_memory_database(app):
    """create_app("testing") builds an app with TESTING set and an in-memory SQLite database"""
    expect.equal(app.config.get("TESTING"), True, 'app.config["TESTING"] of create_app("testing")')
    uri = app.config.get("SQLALCHEMY_DATABASE_URI")
    expect.that(expect.is_in_memory(uri), 'SQLALCHEMY_DATABASE_URI of create_app("testing") to be "sqlite:///:memory:"',
                expect.shown(uri))


@pytest.mark.hint("Keep the /health route: it needs no token, and no table either.", section="the-stage-contract")
def test_health_needs_no_token(client):
    """GET /health without a token answers 200 with {"status": "ok"}"""
    response = client.get("/health")
    expect.status(response, 200, "GET /health without a token")
    expect.equal(expect.json_object(response, "GET /health"), {"status": "ok"}, "the body of GET /health")


@pytest.mark.hint("Keep stage 07's check on the tasks blueprint: no valid access token, 401 in the error envelope.",
                  section="the-stage-contract")
def test_tasks_need_a_token(runner, client):
    """GET /api/tasks/ without a token answers 401 in the error envelope"""
    upgraded(runner)
    expect.error(client.get(COLLECTION), 401, f"GET {COLLECTION} without a token")


@pytest.mark.hint("Keep stage 07's login: a wrong password is a 401.", section="the-stage-contract")
def test_wrong_password_is_401(runner, client):
    """POST /auth/login with a wrong password answers 401 in the error envelope"""
    upgraded(runner)
    logged_in(client, "tester")
    response = client.post("/auth/login", json={"username": "tester", "password": "not-the-password"})
    expect.error(response, 401, 'POST /auth/login as "tester" with a wrong password')


@pytest.mark.hint('Keep stage 07\'s rule: DELETE answers 403 unless the token\'s "role" claim is "admin".',
                  section="the-stage-contract")
def test_only_admin_deletes(runner, client):
    """After upgrade and init-db, DELETE /api/tasks/<id> answers 403 for "user" (the task stays) and 204 for "admin\""""
    upgraded(runner)
    succeeds(runner, ["init-db"], "this check seeds the users admin and user with flask init-db.")
    user = log_in(client, "user", SEEDED_PASSWORD)
    admin = log_in(client, "admin", SEEDED_PASSWORD)
    path = f"{COLLECTION}{create(client, user, {'title': 'Short-lived'})['id']}"
    expect.error(client.delete(path, headers=user), 403, f'DELETE {path} as "user" (role user)')
    expect.success(client.get(path, headers=user), 200, f"GET {path} after the refused DELETE")
    expect.status(client.delete(path, headers=admin), 204, f'DELETE {path} as "admin" (role admin)')
    expect.error(client.get(path, headers=user), 404, f"GET {path} after the admin deleted it")
