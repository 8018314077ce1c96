"""Stage 06 · Input the schema refuses: 422 with per-field details, 400 for an empty PATCH, 415 for non-JSON."""

import pytest

import expect
from task_requests import COLLECTION, as_json, create, refused, send, task_list, unchanged

TOO_LONG = "x" * 151


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({}, "title", id="no title"),
    pytest.param({"title": ""}, "title", id="empty title"),
    pytest.param({"title": "   "}, "title", id="title of spaces"),
    pytest.param({"title": TOO_LONG}, "title", id="151-character title"),
    pytest.param({"title": 42}, "title", id="number title"),
    pytest.param({"title": "Fine", "status": "done"}, "status", id="unknown status"),
    pytest.param({"title": "Fine", "description": 5}, "description", id="number description"),
    pytest.param({"title": "Fine", "priority": "high"}, "priority", id="field that does not exist"),
])
@pytest.mark.hint("Load the body with the schema and give the schema the rule named in [brackets]; the app's handler "
                  "turns the ValidationError into 422 with the messages as details.",
                  section="generating-a-schema-from-the-model", todo="todo-fields")
def test_invalid_post_is_422(client, body, field):
    """POST /api/tasks/ with invalid input answers 422, its details name the field, and nothing is created"""
    request = f"POST {COLLECTION} with {as_json(body)}"
    refused(expect.tasks_reached(client.post(COLLECTION, json=body), request), request, field)
    expect.equal(task_list(client), [], "the tasks after the refused POST")


@pytest.mark.parametrize(("method", "body", "field"), [
    pytest.param("POST", {"title": None}, "title", id="POST null title"),
    pytest.param("POST", {"title": "Fine", "status": None}, "status", id="POST null status"),
    pytest.param("PUT", {"title": "Fine", "status": None}, "status", id="PUT null status"),
    pytest.param("PATCH", {"status": None}, "status", id="PATCH null status"),
    pytest.param("PATCH", {"title": None}, "title", id="PATCH null title"),
])
@pytest.mark.hint("null is a value, not a missing field: a required field refuses it unless the schema says "
                  "allow_none=True, which only description does (the database column of the others cannot hold it).",
                  section="generating-a-schema-from-the-model", todo="todo-fields")
def test_null_for_a_required_field_is_422(client, method, body, field):
    """POST, PUT and PATCH that send null for title or status answer 422 naming it (not a 500), changing nothing"""
    task = create(client, {"title": "Draft", "description": "Rough notes"})
    path = COLLECTION if method == "POST" else f"/api/tasks/{task['id']}"
    request = f"{method} {path} with {as_json(body)}"
    refused(client.open(path, method=method, json=body), request, field)
    unchanged(client, task, f"after the refused {method}")
    expect.equal(len(task_list(client)), 1, f"the number of tasks after the refused {method}")


@pytest.mark.parametrize(("field", "value"), [
    pytest.param("id", 42, id="id"),
    pytest.param("created_at", "2000-01-01T00:00:00", id="created_at"),
    pytest.param("updated_at", "2000-01-01T00:00:00", id="updated_at"),
])
@pytest.mark.hint("List id, created_at and updated_at in Meta.dump_only: the schema then treats them as unknown "
                  "on load and refuses them.", section="output-only-fields", todo="todo-output-only")
def test_output_only_field_refused_on_post(client, field, value):
    """POST /api/tasks/ that sets an output-only field (id, created_at, updated_at) answers 422, creating nothing"""
    body = {"title": "Fine", field: value}
    request = f"POST {COLLECTION} with {as_json(body)}"
    refused(expect.tasks_reached(client.post(COLLECTION, json=body), request), request, field)
    expect.equal(task_list(client), [], "the tasks after the refused POST")


@pytest.mark.parametrize(("field", "value"), [
    pytest.param("id", 99, id="id"),
    pytest.param("created_at", "2000-01-01T00:00:00", id="created_at"),
])
@pytest.mark.hint("An output-only field is refused on every load, PATCH included: Meta.dump_only, with unknown "
                  "fields left to raise.", section="output-only-fields", todo="todo-output-only")
def test_output_only_field_refused_on_patch(client, field, value):
    """PATCH /api/tasks/<id> that sets an output-only field answers 422 and leaves the task as it was"""
    task = create(client, {"title": "Draft"})
    request = f"PATCH /api/tasks/{task['id']} with {as_json({field: value})}"
    refused(client.patch(f"/api/tasks/{task['id']}", json={field: value}), request, field)
    unchanged(client, task, "after the refused PATCH")


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"title": "Final"}, "status", id="no status"),
    pytest.param({"status": "completed"}, "title", id="no title"),
    pytest.param({"title": "Final", "status": "done"}, "status", id="unknown status"),
    pytest.param({"title": "   ", "status": "completed"}, "title", id="title of spaces"),
    pytest.param({"title": "Final", "status": "completed", "owner": "me"}, "owner", id="field that does not exist"),
])
@pytest.mark.hint("PUT loads the whole task: title and status are required (no partial), and the schema's rules "
                  "apply as on POST.", section="partial-loading", todo="todo-replace-load")
def test_invalid_put_is_422(client, body, field):
    """PUT /api/tasks/<id> with a missing or invalid field answers 422 naming it, and the task does not change"""
    task = create(client, {"title": "Draft", "description": "Rough notes"})
    request = f"PUT /api/tasks/{task['id']} with {as_json(body)}"
    refused(client.put(f"/api/tasks/{task['id']}", json=body), request, field)
    unchanged(client, task, "after the refused PUT")


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"status": "done"}, "status", id="unknown status"),
    pytest.param({"title": ""}, "title", id="empty title"),
    pytest.param({"title": TOO_LONG}, "title", id="151-character title"),
    pytest.param({"title": None}, "title", id="null title"),
    pytest.param({"priority": "high"}, "priority", id="field that does not exist"),
])
@pytest.mark.hint("PATCH loads with partial=True: fields may be left out, but every field that is sent must be "
                  "valid.", section="partial-loading", todo="todo-update-load")
def test_invalid_patch_is_422(client, body, field):
    """PATCH /api/tasks/<id> with an invalid field answers 422 naming it, and the task does not change"""
    task = create(client, {"title": "Draft", "description": "Rough notes"})
    request = f"PATCH /api/tasks/{task['id']} with {as_json(body)}"
    refused(client.patch(f"/api/tasks/{task['id']}", json=body), request, field)
    unchanged(client, task, "after the refused PATCH")


@pytest.mark.hint("An empty PATCH has no invalid field: it names no field at all. After loading, abort(400) when "
                  "nothing is left to change.", section="422-or-400", todo="todo-update-load")
def test_empty_patch_is_400(client):
    """PATCH /api/tasks/<id> with {} answers 400 (not 422) in the error envelope, and the task does not change"""
    task = create(client, {"title": "Draft"})
    expect.error(client.patch(f"/api/tasks/{task['id']}", json={}), 400, f"PATCH /api/tasks/{task['id']} with {{}}")
    unchanged(client, task, "after PATCH with {}")


@pytest.mark.parametrize(("method", "body"), [
    pytest.param("POST", ["Write the report"], id="POST a list"),
    pytest.param("POST", "Write the report", id="POST a string"),
    pytest.param("POST", 7, id="POST a number"),
    pytest.param("PUT", [{"title": "Final", "status": "completed"}], id="PUT a list"),
    pytest.param("PATCH", ["status", "completed"], id="PATCH a list"),
    pytest.param("PATCH", "completed", id="PATCH a string"),
])
@pytest.mark.hint("Hand whatever JSON arrives to schema.load: it refuses anything that is not an object with a "
                  "ValidationError, which your handler turns into 422.", section="load-and-dump")
def test_body_that_is_not_an_object_is_refused(client, method, body):
    """A JSON body that is not an object answers 400 or 422 in the error envelope (never 500) and changes nothing"""
    task = create(client, {"title": "Draft"})
    path = COLLECTION if method == "POST" else f"/api/tasks/{task['id']}"
    request = f"{method} {path} with {as_json(body)}"
    response = send(client, method, path, body)
    expect.that(response.status_code in (400, 422), f"{request} to answer 400 or 422", expect.describe(response))
    expect.error(response, response.status_code, request)
    expect.equal([item.get("id") for item in task_list(client)], [task["id"]], "the task ids after the refused request")
    unchanged(client, task, "after the refused request")


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
@pytest.mark.hint("Keep stage 05's test of request.is_json before loading: a body that is not JSON is a 415.",
                  section="load-and-dump")
def test_form_body_is_415(client, method):
    """POST, PUT or PATCH with form data instead of JSON answers 415 in the error envelope"""
    task = create(client, {"title": "Draft"})
    path = COLLECTION if method == "POST" else f"/api/tasks/{task['id']}"
    response = client.open(path, method=method, data="title=Report&status=completed",
                           content_type="application/x-www-form-urlencoded")
    expect.error(response, 415, f"{method} {path} with form data")
    unchanged(client, task, "after the refused request")


@pytest.mark.hint("Register the handler on the app in create_app (app.register_error_handler(ValidationError, ...)), "
                  "not on the blueprint, and pass the error's messages as details.",
                  section="one-handler-for-every-validation-error", todo="todo-validation-handler")
def test_validation_error_handled_app_wide(app, client):
    """A ValidationError raised in any view (here one the check adds) answers 422 with its messages as details"""
    messages = {"answer": ["Not a valid answer."]}
    app.add_raising_route("/check-only/validation-error", "validation_error", messages)
    response = client.get("/check-only/validation-error")
    expect.error(response, 422, "GET on a route that raises ValidationError")
    details = response.get_json()["error"].get("details")
    expect.equal(details, messages, 'the "details" of the 422 answer')
