"""Stage 07 · What stages 05 and 06 built still holds, for a client that sends its token."""

import pytest

import expect
from auth_requests import COLLECTION, as_json, create, logged_in, seeded

UNKNOWN_ID = 999


@pytest.mark.hint("Keep stage 05's TestingConfig: TESTING = True and sqlite:///:memory:.",
                  section="the-stage-contract")
def test_testing_app_uses_memory_database(app):
    """create_app("testing") builds an app with TESTING set and an in-memory SQLite database"""
    expect.equal(app.config.get("TESTING"), True, 'app.config["TESTING"] of create_app("testing")')
    uri = app.config.get("SQLALCHEMY_DATABASE_URI")
    expect.that(expect.is_in_memory(uri), 'SQLALCHEMY_DATABASE_URI of create_app("testing") to be "sqlite:///:memory:"',
                expect.shown(uri))


@pytest.mark.hint("Only the task routes need a token: /health stays open for monitors and load balancers.",
                  section="protecting-the-task-routes")
def test_health_needs_no_token(client):
    """GET /health without a token answers 200 with {"status": "ok"}"""
    response = client.get("/health")
    expect.status(response, 200, "GET /health without a token")
    expect.equal(expect.json_object(response, "GET /health"), {"status": "ok"}, "the body of GET /health")


@pytest.mark.hint("Keep stage 06's create view: load with the schema, save, 201 with a Location header.",
                  section="the-stage-contract")
def test_post_with_token_is_201(client):
    """POST /api/tasks/ with a token answers 201 with the task and a Location header, and GET finds it"""
    headers = logged_in(client)
    response = client.post(COLLECTION, json={"title": "  Spaces go  "}, headers=headers)
    task = expect.success(response, 201, f"POST {COLLECTION} with a token")
    expect.equal(task.get("title") if isinstance(task, dict) else task, "Spaces go", "the title of the new task")
    location = response.headers.get("Location", "")
    expect.that(location.endswith(f"/api/tasks/{task.get('id')}"),
                f"a Location header ending in /api/tasks/{task.get('id')}", expect.shown(location))
    expect.success(client.get(f"/api/tasks/{task['id']}", headers=headers), 200, f"GET /api/tasks/{task['id']}")


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({}, "title", id="no title"),
    pytest.param({"title": "Fine", "status": "done"}, "status", id="unknown status"),
    pytest.param({"title": "Fine", "id": 42}, "id", id="output-only id"),
])
@pytest.mark.hint("Keep stage 06's schema and its ValidationError handler: 422 with details per field.",
                  section="the-stage-contract")
def test_invalid_post_with_token_is_422(client, body, field):
    """POST /api/tasks/ with a token and invalid input answers 422 whose details name the field"""
    request = f"POST {COLLECTION} with {as_json(body)} and a token"
    response = client.post(COLLECTION, json=body, headers=logged_in(client))
    expect.error(response, 422, request)
    details = response.get_json()["error"].get("details")
    expect.that(isinstance(details, dict) and field in details, f'the details of {request} to name "{field}"',
                expect.shown(details, 200))


@pytest.mark.hint("Keep stage 06's PATCH: an empty body is a 400.", section="the-stage-contract")
def test_empty_patch_with_token_is_400(client):
    """PATCH /api/tasks/<id> with {} and a token answers 400 in the error envelope"""
    headers = logged_in(client)
    task = create(client, headers)
    expect.error(client.patch(f"/api/tasks/{task['id']}", json={}, headers=headers), 400,
                 f"PATCH /api/tasks/{task['id']} with {{}} and a token")


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH"])
@pytest.mark.hint("With a valid token, an unknown id is still a 404 (the token check comes first, then the lookup).",
                  section="the-stage-contract")
def test_unknown_id_with_token_is_404(client, method):
    """GET, PUT and PATCH on /api/tasks/999 (no such task) with a token answer 404 in the error envelope"""
    body = {"title": "Anything", "status": "pending"} if method != "GET" else None
    response = client.open(f"/api/tasks/{UNKNOWN_ID}", method=method, json=body, headers=logged_in(client))
    expect.error(response, 404, f"{method} /api/tasks/{UNKNOWN_ID} with a token")


@pytest.mark.hint("init-db still adds the three example tasks, besides the two users.",
                  section="seeding-users-for-development")
def test_init_db_seeds_three_tasks(runner, client):
    """flask init-db leaves exactly three tasks, which a client with a token can list"""
    headers = seeded(runner, client, "user")
    tasks = expect.success(client.get(COLLECTION, headers=headers), 200, f"GET {COLLECTION} after init-db")
    expect.that(isinstance(tasks, list), f'the "data" of GET {COLLECTION} to be a list', expect.shown(tasks, 200))
    expect.equal(len(tasks), 3, "the number of tasks after init-db")


@pytest.mark.hint("Keep the HTTPException handler: every URL, known or not, answers errors in the envelope.",
                  section="the-stage-contract")
def test_unknown_url_is_json_404(client):
    """GET /api/nothing-here answers 404 in the error envelope"""
    expect.error(client.get("/api/nothing-here"), 404, "GET /api/nothing-here")
