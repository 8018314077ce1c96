"""Stage 04 · A persistent task API: creating tasks with POST, and the rules a new task must follow."""

import pytest

import expect
from tasks_db import as_json, create, fetch, listed

LONGEST_TITLE = "x" * 150


@pytest.mark.hint("Add the Task to db.session, save it, then answer task.to_dict() with 201.",
                  section="creating-a-task")
def test_create_answers_201_with_the_task(client):
    """POST /api/tasks answers 201 with the new task: id, title, description, status and both timestamps"""
    task = create(client, {"title": "Write tests", "description": "Cover every route."})
    expect.equal(task["title"], "Write tests", 'the new task\'s "title"')
    expect.equal(task["description"], "Cover every route.", 'the new task\'s "description"')
    expect.equal(task["status"], "pending", 'the new task\'s "status"')


@pytest.mark.hint('Give status default="pending" in the model, and leave description nullable.', section="the-model")
def test_create_fills_in_defaults(client):
    """POST /api/tasks with only a title makes a pending task whose description is null"""
    task = create(client, {"title": "Write tests"})
    expect.equal(task["status"], "pending", 'the new task\'s "status"')
    expect.equal(task["description"], None, 'the new task\'s "description"')


@pytest.mark.hint("The id is known after the commit: build the header with url_for('get_task', task_id=task.id).",
                  section="creating-a-task")
def test_create_points_to_the_new_task(client):
    """POST /api/tasks sends a Location header, and GET on that URL answers the new task"""
    response = client.post("/api/tasks", json={"title": "Write tests"})
    task = expect.success(response, 201, "POST /api/tasks")
    location = response.headers.get("Location")
    expect.that(location is not None, "a Location header on the 201 answer",
                f"headers {sorted(response.headers.keys())}")
    task_id = task.get("id") if isinstance(task, dict) else None
    expect.that(location.endswith(f"/api/tasks/{task_id}"), f"Location to end with /api/tasks/{task_id}",
                expect.shown(location))
    expect.equal(fetch(client, task_id, "GET on the Location URL"), task, "the task found at the Location URL")


@pytest.mark.hint("Store title.strip(), not the title as it arrived.", section="validating-input")
def test_create_strips_the_title(client):
    """POST /api/tasks stores the title without the spaces around it"""
    task = create(client, {"title": "   Write tests  "})
    expect.equal(task["title"], "Write tests", 'the new task\'s "title"')


@pytest.mark.hint("150 characters is allowed; only a longer title is refused.", section="validating-input")
def test_create_accepts_150_characters(client):
    """POST /api/tasks with a title of exactly 150 characters answers 201 and keeps it whole"""
    task = create(client, {"title": LONGEST_TITLE}, "POST /api/tasks with a 150-character title")
    expect.equal(len(task["title"]), 150, "the length of the stored title")


@pytest.mark.hint("Strip the title first, then count its characters: the limit is on the title as it is stored.",
                  section="validating-input")
def test_create_counts_the_stripped_title(client):
    """POST /api/tasks with a 150-character title between spaces answers 201: the limit counts the stripped title"""
    task = create(client, {"title": f"  {LONGEST_TITLE}   "},
                  "POST /api/tasks with a 150-character title between spaces")
    expect.equal(len(task["title"]), 150, "the length of the stored title")


@pytest.mark.hint("A JSON null description is allowed and stored as null.", section="validating-input")
def test_create_accepts_null_description(client):
    """POST /api/tasks with "description": null answers 201 with a null description"""
    task = create(client, {"title": "Write tests", "description": None})
    expect.equal(task["description"], None, 'the new task\'s "description"')


@pytest.mark.parametrize("body", [
    pytest.param({"description": "No title"}, id="no title"),
    pytest.param({"title": ""}, id="empty title"),
    pytest.param({"title": "   "}, id="blank title"),
    pytest.param({"title": None}, id="null title"),
    pytest.param({"title": 42}, id="number title"),
    pytest.param({"title": ["Write tests"]}, id="list title"),
    pytest.param({"title": "x" * 151}, id="151-character title"),
])
@pytest.mark.hint('"title" is required: a str, not blank once stripped, at most 150 characters.',
                  section="validating-input")
def test_create_refuses_a_bad_title(client, body):
    """POST /api/tasks with a missing, blank, non-string or too long title answers 400 in the error envelope"""
    expect.error(client.post("/api/tasks", json=body), 400, f"POST /api/tasks with {as_json(body)}")


@pytest.mark.parametrize("description", [42, True, ["a", "list"], {"text": "an object"}],
                         ids=["number", "boolean", "list", "object"])
@pytest.mark.hint('"description" may be left out or null; when it is there, it must be a str.',
                  section="validating-input")
def test_create_refuses_a_bad_description(client, description):
    """POST /api/tasks with a description that is neither a string nor null answers 400"""
    body = {"title": "Write tests", "description": description}
    expect.error(client.post("/api/tasks", json=body), 400, f"POST /api/tasks with {as_json(body)}")


@pytest.mark.parametrize("data", [
    pytest.param('["Write tests"]', id="a list"),
    pytest.param('"Write tests"', id="a string"),
    pytest.param("42", id="a number"),
    pytest.param('{"title": ', id="broken JSON"),
])
@pytest.mark.hint("get_json() may give a list, a str or a number: answer 400 unless it is a dict.",
                  section="validating-input")
def test_create_refuses_a_body_that_is_not_an_object(client, data):
    """POST /api/tasks whose JSON body is not an object answers 400 in the error envelope"""
    response = client.post("/api/tasks", data=data, content_type="application/json")
    expect.error(response, 400, f"POST /api/tasks with the body {data}")


@pytest.mark.hint("Validate everything before db.session.add(...): a refused task must never be stored.",
                  section="validating-input")
def test_refused_create_stores_nothing(client, fresh_app):
    """A POST /api/tasks answered with 400 stores nothing in the database"""
    expect.status(client.post("/api/tasks", json={"title": "x" * 151}), 400, "POST /api/tasks with a long title")
    expect.status(client.post("/api/tasks", json={"title": "Ok", "description": 7}), 400,
                  'POST /api/tasks with "description": 7')
    # A second app reads only what was committed, as the next start of the server would.
    restarted = fresh_app().test_client()
    tasks = listed(restarted, request="GET /api/tasks (after a restart) after two refused POSTs")
    expect.equal(tasks, [], "the list of tasks")
