"""Stage 02 · Routing and request data: the search endpoint's query string and the headers echo."""

import pytest

import expect


def search(client, query: str) -> dict:
    """GET /api/search with this query string, expect 200 and a JSON object; return it."""
    request = f"GET /api/search?{query}"
    response = client.get(f"/api/search?{query}")
    expect.status(response, 200, request)
    return expect.json_object(response, request)


def result_ids(body: dict) -> list:
    """The ids of the tasks in a search answer's "results", in ascending order."""
    results = expect.key(body, "results", list, where="the search answer")
    for item in results:
        expect.that(isinstance(item, dict) and "id" in item, 'each result to be a task object with an "id"',
                    expect.shown(item, 200))
    return sorted(item["id"] for item in results)


@pytest.mark.hint("Read q with request.args.get('q'); when it is missing, abort(400, description=...).",
                  section="query-strings")
def test_search_without_q_is_400(client):
    """GET /api/search without ?q= answers 400 with a JSON {"error": ...} body"""
    request = "GET /api/search?limit=5"
    response = client.get("/api/search?limit=5")
    expect.status(response, 400, request)
    body = expect.json_object(response, request)
    message = expect.key(body, "error", str, where=f"the body of {request}")
    expect.that(bool(message.strip()), 'a non-empty "error" message', expect.shown(message))


@pytest.mark.hint("Answer query_received, limit_applied (an int) and sorting, read from request.args.",
                  section="query-strings")
def test_search_echoes_parameters(client):
    """GET /api/search?q=flask&limit=5&sort=date echoes q, the limit as a number and the sort"""
    body = search(client, "q=flask&limit=5&sort=date")
    expect.equal(expect.key(body, "query_received"), "flask", '"query_received"')
    expect.equal(expect.key(body, "limit_applied", int), 5, '"limit_applied"')
    expect.equal(expect.key(body, "sorting"), "date", '"sorting"')


@pytest.mark.hint('request.args.get("limit", default=20, type=int); sorting is "default" when ?sort= is missing.',
                  section="query-strings")
def test_search_defaults(client):
    """GET /api/search?q=flask applies limit 20 and sorting "default\""""
    body = search(client, "q=flask")
    expect.equal(expect.key(body, "limit_applied"), 20, '"limit_applied"')
    expect.equal(expect.key(body, "sorting"), "default", '"sorting"')


@pytest.mark.hint("With type=int, request.args.get falls back to the default when the value is not a number.",
                  section="query-strings")
def test_search_non_integer_limit_falls_back(client):
    """GET /api/search?q=flask&limit=abc falls back to limit 20 (no error)"""
    body = search(client, "q=flask&limit=abc")
    expect.equal(expect.key(body, "limit_applied"), 20, '"limit_applied"')


@pytest.mark.parametrize(("query", "ids"), [
    pytest.param("FLASK", [1], id="FLASK"),
    pytest.param("i", [1, 2, 3], id="i"),
])
@pytest.mark.hint("Keep the tasks whose title contains q, comparing both in lower case.", section="query-strings")
def test_search_finds_tasks_by_title(client, query, ids):
    """GET /api/search?q=... answers the tasks whose title contains q, in any case"""
    body = search(client, f"q={query}")
    expect.equal(result_ids(body), ids, f'the ids of the tasks in "results" for q={query}')


@pytest.mark.hint("Cut the matches down to the limit: matches[:limit].", section="query-strings")
def test_search_limit_caps_results(client):
    """GET /api/search?q=i&limit=2 answers only 2 of the 3 matching tasks"""
    ids = result_ids(search(client, "q=i&limit=2"))
    expect.that(len(ids) == 2 and set(ids) <= {1, 2, 3}, 'two of the tasks 1, 2 and 3 in "results"',
                f"the tasks {ids}")


@pytest.mark.hint('Read them with request.headers.get("User-Agent") and request.headers.get("Accept").',
                  section="request-headers")
def test_show_headers_names_two(client):
    """GET /api/show-headers answers the User-Agent and Accept headers it was sent"""
    headers = {"User-Agent": "course-checker/2.0", "Accept": "application/json"}
    response = client.get("/api/show-headers", headers=headers)
    expect.status(response, 200, "GET /api/show-headers")
    body = expect.json_object(response, "GET /api/show-headers")
    expect.equal(expect.key(body, "user_agent"), "course-checker/2.0", '"user_agent"')
    expect.equal(expect.key(body, "accept_header"), "application/json", '"accept_header"')


@pytest.mark.hint("dict(request.headers) turns every header into a plain dict jsonify can send.",
                  section="request-headers")
def test_show_headers_includes_custom_header(client):
    """GET /api/show-headers with X-Custom-Header: course lists it in "all_headers\""""
    response = client.get("/api/show-headers", headers={"X-Custom-Header": "course"})
    expect.status(response, 200, "GET /api/show-headers")
    body = expect.json_object(response, "GET /api/show-headers")
    headers = expect.key(body, "all_headers", dict)
    # Header names are case-insensitive, so any spelling of the name counts.
    sent = {str(name).lower(): value for name, value in headers.items()}
    expect.that(sent.get("x-custom-header") == "course", '"all_headers" to hold X-Custom-Header: course',
                expect.shown(headers, 300))
