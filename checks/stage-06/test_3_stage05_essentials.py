"""Stage 06 · What stage 05 built still holds: the factory's testing app, the blueprint, /health, init-db, lists."""

import pytest

import expect
from task_requests import COLLECTION, create, ids, task_list

STATUSES = ("pending", "completed")


@pytest.mark.hint("Keep stage 05's TestingConfig: TESTING = True and sqlite:///:memory:.",
                  section="the-stage-contract")
def test_testing_app_uses_memory_database(app):
    """create_app("testing") builds an app with TESTING set and an in-memory SQLite database"""
    expect.equal(app.config.get("TESTING"), True, 'app.config["TESTING"] of create_app("testing")')
    uri = app.config.get("SQLALCHEMY_DATABASE_URI")
    expect.that(expect.is_in_memory(uri), 'SQLALCHEMY_DATABASE_URI of create_app("testing") to be "sqlite:///:memory:"',
                expect.shown(uri))


@pytest.mark.hint('Keep the tasks blueprint registered with url_prefix="/api/tasks".', section="the-stage-contract")
def test_tasks_blueprint_is_registered(app):
    """The app has a blueprint named "tasks" that holds the /api/tasks routes"""
    expect.that("tasks" in app.blueprints, 'a blueprint named "tasks" in app.blueprints', repr(sorted(app.blueprints)))
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/tasks")]
    expect.that(bool(rules), "routes under /api/tasks", repr(sorted(rule.rule for rule in app.url_map.iter_rules())))
    outside = [rule.rule for rule in rules if not rule.endpoint.startswith("tasks.")]
    expect.that(not outside, 'every /api/tasks route to belong to the "tasks" blueprint', f"outside it: {outside}")


@pytest.mark.hint('Keep the /health route of stage 05: {"status": "ok"}.', section="the-stage-contract")
def test_health(client):
    """GET /health answers 200 with {"status": "ok"}"""
    response = client.get("/health")
    expect.status(response, 200, "GET /health")
    expect.equal(expect.json_object(response, "GET /health"), {"status": "ok"}, "the body of GET /health")


@pytest.mark.hint("init-db adds its tasks straight to the session; it needs no schema. Keep stage 05's command.",
                  section="the-stage-contract")
def test_init_db_seeds_three_tasks(runner, client):
    """flask init-db succeeds and leaves exactly three tasks, each dumped with a title and a valid status"""
    create(client, {"title": "Made before init-db"})
    result = runner.invoke(args=["init-db"])
    expect.that(result.exit_code == 0, "flask init-db to succeed (exit code 0)",
                f"exit code {result.exit_code}, output {result.output.strip()!r:.200}")
    tasks = task_list(client)
    expect.equal(len(tasks), 3, "the number of tasks after init-db")
    for task in tasks:
        expect.that(isinstance(task, dict) and task.get("status") in STATUSES,
                    'each seeded task to have a "status" of "pending" or "completed"', expect.shown(task, 200))


@pytest.mark.hint("Dump the query's results with a many=True schema, newest first as in stage 05.",
                  section="the-stage-contract")
def test_list_is_newest_first(client):
    """GET /api/tasks/ lists the tasks newest first"""
    made = [create(client, {"title": title})["id"] for title in ("First", "Second", "Third")]
    expect.equal(ids(task_list(client)), made[::-1], f"the ids GET {COLLECTION} lists")


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.hint("Keep the ?status= filter of stage 05.", section="the-stage-contract")
def test_filter_by_status(client, status):
    """GET /api/tasks/?status=... lists only the tasks with that status"""
    pending = create(client, {"title": "Still to do"})["id"]
    done = create(client, {"title": "Done already", "status": "completed"})["id"]
    wanted = {"pending": [pending], "completed": [done]}[status]
    expect.equal(ids(task_list(client, f"?status={status}")), wanted, f"the ids listed for ?status={status}")


@pytest.mark.hint('The ?status= filter is a query string, not a body: any other value than "pending" or '
                  '"completed" stays a 400.', section="422-or-400")
def test_bad_status_filter_is_400(client):
    """GET /api/tasks/?status=done (not a status) answers 400 in the error envelope"""
    expect.error(client.get(COLLECTION + "?status=done"), 400, f"GET {COLLECTION}?status=done")


@pytest.mark.hint("Delete the row, commit, and answer 204 with an empty body.", section="the-stage-contract")
def test_delete_then_gone(client):
    """DELETE /api/tasks/<id> answers 204 with no body, and the task is gone afterwards"""
    task_id = create(client, {"title": "Short-lived"})["id"]
    response = client.delete(f"/api/tasks/{task_id}")
    expect.status(response, 204, f"DELETE /api/tasks/{task_id}")
    expect.equal(response.get_data(as_text=True), "", f"the body of DELETE /api/tasks/{task_id}")
    expect.error(client.get(f"/api/tasks/{task_id}"), 404, f"GET /api/tasks/{task_id} after deleting it")


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
@pytest.mark.hint("Look the task up with db.get_or_404 before loading the body.", section="the-stage-contract")
def test_unknown_id_is_404(client, method):
    """Every verb on /api/tasks/999 (no such task) answers 404 in the error envelope"""
    body = {"title": "Anything", "status": "pending"} if method in ("PUT", "PATCH") else None
    expect.error(client.open("/api/tasks/999", method=method, json=body), 404, f"{method} /api/tasks/999")


@pytest.mark.hint("Keep the HTTPException handler next to the new ValidationError one.",
                  section="one-handler-for-every-validation-error")
def test_unknown_url_is_json_404(client):
    """GET /api/nothing-here answers 404 in the error envelope"""
    expect.error(client.get("/api/nothing-here"), 404, "GET /api/nothing-here")
