"""Stage 14 · The same answers as stage 13: APIFlask changes how the routes are written, not what a client gets (the
token before any validation, 415 for a body that is not JSON, both envelopes, the messages, the top-level tokens)."""

import pytest

import expect
from docs_steps import COLLECTION, create, detail, prepared, ready

TASK_FIELDS = ("id", "title", "status")


@pytest.mark.hint("Check the token before APIFlask validates the body: the blueprint's before_request "
                  "(verify_jwt_in_request) runs first; @input below @jwt_required validates first and answers 422 to "
                  "someone who has not even logged in.", section="input-and-output")
def test_token_before_validation(app, client):
    """An anonymous POST /api/tasks/ with a wrong body, or no JSON at all, answers 401, not 422 or 415"""
    prepared(app)
    expect.error(client.post(COLLECTION, json={"title": 5, "status": "someday"}), 401,
                 f'an anonymous POST {COLLECTION} with {{"title": 5, "status": "someday"}}')
    expect.error(client.post(COLLECTION, data="title=Hello", content_type="application/x-www-form-urlencoded"), 401,
                 f"an anonymous POST {COLLECTION} with a form body")
    expect.error(client.put(detail(1), json=["not", "an", "object"]), 401,
                 f"an anonymous PUT {detail(1)} with a JSON array")


@pytest.mark.hint("APIFlask's @input answers a body that is not JSON with 422. Keep stage 13's 415: a before_request "
                  "hook that answers 415 when the route takes a JSON body and the request is not JSON.",
                  section="keeping-the-envelope", todo="todo-json-only")
def test_non_json_body_is_415(app, client):
    """With a token, a POST, PUT or PATCH whose body is not JSON answers 415 in the error envelope"""
    headers = ready(app, client)
    form = {"data": "title=Hello", "content_type": "application/x-www-form-urlencoded", "headers": headers}
    expect.error(client.post(COLLECTION, **form), 415, f"POST {COLLECTION} with a form body")
    expect.error(client.put(detail(1), **form), 415, f"PUT {detail(1)} with a form body")
    expect.error(client.patch(detail(1), data='{"title": "x"}', content_type="text/plain", headers=headers), 415,
                 f"PATCH {detail(1)} with JSON text sent as text/plain")


@pytest.mark.hint("APIFlask's own error shape is {\"message\", \"detail\": {\"json\": {...}}}. The error processor "
                  "answers {\"status\": \"error\", \"error\": {\"message\", \"details\"}} with the fields of "
                  "error.detail[\"json\"].", section="keeping-the-envelope", todo="todo-error-processor")
def test_422_lists_each_field(app, client):
    """A body with a blank title and an unknown status answers 422 in the error envelope, with details per field"""
    headers = ready(app, client)
    request = f'POST {COLLECTION} with {{"title": "", "status": "someday"}}'
    response = client.post(COLLECTION, json={"title": "", "status": "someday"}, headers=headers)
    expect.error(response, 422, request)
    details = response.get_json()["error"].get("details")
    expect.that(isinstance(details, dict) and {"title", "status"} <= set(details),
                f'the error of {request} to have "details" naming the fields "title" and "status"',
                f"details {expect.shown(details, 200)}")


@pytest.mark.hint("Keep the app's own error handlers after the error processor: abort(404, description=...) and "
                  "abort(403, ...) keep their messages (APIFlask alone answers just \"Not Found\").",
                  section="keeping-the-envelope", todo="todo-error-processor")
def test_404_and_403_keep_their_messages(app, client):
    """A missing task answers 404 and a user's DELETE 403, each in the error envelope with the app's own message"""
    from werkzeug.exceptions import Forbidden, NotFound

    headers = ready(app, client)
    for response, code, request, default in (
            (client.get(detail(9999), headers=headers), 404, f"GET {detail(9999)}", NotFound),
            (client.delete(detail(1), headers=headers), 403, f'DELETE {detail(1)} as "user"', Forbidden)):
        message = expect.error(response, code, request)
        generic = {default().name.lower(), default().description.lower()}
        expect.that(message.strip().rstrip(".").lower() not in {text.rstrip(".") for text in generic},
                    f"the error message of {request} to be the app's own (as in stage 13), not the generic "
                    f"{default().name!r}", expect.shown(message))


@pytest.mark.hint("Views return {\"status\": \"success\", \"data\": ...}; with BASE_RESPONSE_SCHEMA's data as "
                  "Field() (not String(), which turns the task into text) the envelope keeps the task or the list.",
                  section="keeping-the-envelope", todo="todo-docs-settings")
def test_success_envelope_kept(app, client):
    """List, detail and create answer {"status": "success", "data": ...} with the tasks as objects"""
    headers = ready(app, client)
    task, _ = create(client, headers, {"title": "In the envelope"})
    listed = expect.success(client.get(COLLECTION, headers=headers), 200, f"GET {COLLECTION}")
    expect.that(isinstance(listed, list) and bool(listed) and all(isinstance(item, dict) for item in listed),
                f'the "data" of GET {COLLECTION} to be a list of task objects', expect.shown(listed, 200))
    one = expect.success(client.get(detail(task["id"]), headers=headers), 200, f"GET {detail(task['id'])}")
    expect.that(isinstance(one, dict), f'the "data" of GET {detail(task["id"])} to be the task',
                expect.shown(one, 200))
    for name in TASK_FIELDS:
        expect.key(one, name, where=f'the task GET {detail(task["id"])} answers')
    expect.equal(one["title"], "In the envelope", f'the title GET {detail(task["id"])} answers')


@pytest.mark.hint("The login answer stays OAuth 2.0's token answer at the top level, with no envelope: document it "
                  "with @doc, not with an @output that BASE_RESPONSE_SCHEMA would wrap.",
                  section="keeping-the-envelope", todo="todo-docs-settings")
def test_token_answer_at_top_level(app, client):
    """POST /auth/login answers access_token, refresh_token and token_type at the top level of the body"""
    prepared(app)
    response = client.post("/auth/login", json={"username": "user", "password": "password"})
    expect.status(response, 200, 'POST /auth/login as "user"')
    body = expect.json_object(response, "POST /auth/login")
    for name in ("access_token", "refresh_token", "token_type"):
        expect.key(body, name, str, where="the answer of POST /auth/login (at its top level)")
