"""Stage 14 · The document tells the truth: real answers (list, detail, create, a 422, a 404) are valid against the
schemas it gives for them."""

import pytest

import expect
from docs_steps import COLLECTION, create, detail, document, matches, ready

TASK = "/api/tasks/{task_id}"


@pytest.mark.hint("Return {\"status\": \"success\", \"data\": ...} from the views and set BASE_RESPONSE_SCHEMA (with "
                  "BASE_RESPONSE_DATA_KEY = \"data\"): APIFlask then documents every 2xx answer inside the envelope, "
                  "as the app sends it.", section="keeping-the-envelope", todo="todo-docs-settings")
def test_success_answers_match_the_document(app, client):
    """The real answers of GET /api/tasks/, GET /api/tasks/<id> and POST /api/tasks/ match their documented schemas"""
    headers = ready(app, client)
    spec = document(client)
    task, response = create(client, headers, {"title": "Documented", "description": "as promised"})
    matches(spec, COLLECTION, "post", response, f"POST {COLLECTION}")
    response = client.get(COLLECTION, headers=headers)
    expect.status(response, 200, f"GET {COLLECTION}")
    matches(spec, COLLECTION, "get", response, f"GET {COLLECTION}")
    path = detail(task["id"])
    response = client.get(path, headers=headers)
    expect.status(response, 200, f"GET {path}")
    matches(spec, TASK, "get", response, f"GET {path}")


@pytest.mark.hint("Error answers are not in the success envelope: the app's spec processor (describe_answers) "
                  "documents every 4xx with the error envelope, and the error processor must send that shape.",
                  section="errors-the-document-promises", todo="todo-error-processor")
def test_error_answers_match_the_document(app, client):
    """A real 422 (POST with a blank title) and a real 404 (GET of a missing task) match their documented schemas"""
    headers = ready(app, client)
    spec = document(client)
    request = f'POST {COLLECTION} with {{"title": "   "}}'
    response = client.post(COLLECTION, json={"title": "   "}, headers=headers)
    expect.status(response, 422, request)
    matches(spec, COLLECTION, "post", response, request)
    response = client.get(detail(9999), headers=headers)
    expect.status(response, 404, f"GET {detail(9999)}")
    matches(spec, TASK, "get", response, f"GET {detail(9999)}")
