"""Stage 01 · Hello API: the text root and three JSON endpoints."""

import pytest

import expect


@pytest.mark.hint("Keep the route for / that the starter gives you.", section="routes-and-view-functions")
def test_root_answers_text(client):
    """GET / answers 200 with a text greeting"""
    response = client.get("/")
    expect.status(response, 200, "GET /")
    expect.that(bool(response.get_data(as_text=True).strip()), "a non-empty greeting", "an empty body")


@pytest.mark.hint("Return a dict or use jsonify so Flask sends JSON.", section="returning-json", todo="todo-hello")
def test_hello_is_json(client):
    """GET /api/hello answers 200 with JSON (Content-Type: application/json)"""
    response = client.get("/api/hello")
    expect.status(response, 200, "GET /api/hello")
    expect.json_object(response, "GET /api/hello")


@pytest.mark.hint('Three keys: "message", "version" and "status".', section="returning-json", todo="todo-hello")
def test_hello_fields(client):
    """GET /api/hello has a message, version "1.0" and status "success\""""
    body = expect.json_object(client.get("/api/hello"), "GET /api/hello")
    message = expect.key(body, "message", str)
    expect.that(bool(message.strip()), 'a non-empty "message"', expect.shown(message))
    expect.equal(expect.key(body, "version"), "1.0", '"version"')
    expect.equal(expect.key(body, "status"), "success", '"status"')


@pytest.mark.hint('"endpoints_available" is a list of paths.', section="returning-json", todo="todo-welcome")
def test_welcome_lists_endpoints(client):
    """GET /api/welcome answers with a message and the endpoints available"""
    response = client.get("/api/welcome")
    expect.status(response, 200, "GET /api/welcome")
    body = expect.json_object(response, "GET /api/welcome")
    expect.key(body, "message", str)
    endpoints = expect.key(body, "endpoints_available", list)
    for path in ("/api/welcome", "/api/greet/<name>"):
        expect.that(path in endpoints, f'"endpoints_available" to include "{path}"', expect.shown(endpoints))


@pytest.mark.parametrize("name", ["Ada", "Grace"])
@pytest.mark.hint("Take the name from the URL: @app.get('/api/greet/<name>').", section="variable-rules", todo="todo-greet")
def test_greet_by_name(client, name):
    """GET /api/greet/<name> greets that name"""
    response = client.get(f"/api/greet/{name}")
    expect.status(response, 200, f"GET /api/greet/{name}")
    body = expect.json_object(response, f"GET /api/greet/{name}")
    expect.equal(expect.key(body, "greeting", str), f"Hello, {name}! Nice to meet you.", '"greeting"')


@pytest.mark.hint("Flask decodes %20 in the URL for you; use the name as it arrives.", section="variable-rules",
                  todo="todo-greet")
def test_greet_decodes_url(client):
    """GET /api/greet/Ada%20Lovelace greets "Ada Lovelace" (URL-encoded names are decoded)"""
    response = client.get("/api/greet/Ada%20Lovelace")
    body = expect.json_object(response, "GET /api/greet/Ada%20Lovelace")
    expect.equal(body.get("greeting"), "Hello, Ada Lovelace! Nice to meet you.", '"greeting"')


@pytest.mark.parametrize("path", ["/api/hello", "/api/welcome", "/api/greet/Ada"])
@pytest.mark.hint("Routes answer GET only; Flask answers 405 for other methods by itself.", section="http-methods")
def test_wrong_method_is_405(client, path):
    """Sending POST to a GET-only endpoint answers 405 Method Not Allowed"""
    response = client.post(path)
    expect.status(response, 405, f"POST {path}")
