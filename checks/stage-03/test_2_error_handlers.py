"""Stage 03 · Responses and status codes: JSON error envelopes for Flask's own errors and for unexpected ones."""

import pytest

import expect
from expect import error

SECRET = "secret-detail-123"
LEAKS = (SECRET, "Traceback", "RuntimeError")


@pytest.fixture
def failing_path(app):
    """A route, added to the freshly imported app, that fails with an exception nobody handles."""
    app.add_raising_route("/__check/boom", "runtime_error", SECRET)
    return "/__check/boom"


@pytest.mark.parametrize("path", ["/api/nothing-here", "/api/tasks/not-a-number"])
@pytest.mark.hint("Flask raises its own 404 for unknown URLs: one handler for HTTPException envelopes it too.",
                  section="json-error-handlers-for-every-error")
def test_unknown_url_is_404_envelope(client, path):
    """GET on a URL the API does not have answers 404 in the error envelope, not an HTML page"""
    error(client.get(path), 404, f"GET {path}")


@pytest.mark.parametrize(("method", "path", "allowed"), [
    pytest.param("DELETE", "/api/tasks", {"GET", "POST"}, id="DELETE /api/tasks"),
    pytest.param("POST", "/api/tasks/1", {"GET", "DELETE"}, id="POST /api/tasks/1"),
    pytest.param("GET", "/api/tasks/1/status", {"PUT"}, id="GET /api/tasks/1/status"),
])
@pytest.mark.hint("Your handler builds a new response: copy the exception's headers (exc.get_headers()) into it.",
                  section="json-error-handlers-for-every-error")
def test_wrong_method_is_405_with_allow(client, method, path, allowed):
    """A method the URL does not support answers 405 in the error envelope, with an Allow header"""
    response = client.open(path, method=method)
    error(response, 405, f"{method} {path}")
    header = response.headers.get("Allow")
    expect.that(header is not None, "an Allow header listing the methods this URL supports",
                f"headers {sorted(response.headers.keys())}")
    methods = {name.strip().upper() for name in header.split(",")}
    expect.that(allowed <= methods, f"Allow to include {', '.join(sorted(allowed))}", expect.shown(header))


@pytest.mark.hint("Register a handler for InternalServerError (500) that answers with the error envelope.",
                  section="hiding-internals-in-500s")
def test_unexpected_exception_is_500_envelope(client, failing_path):
    """A route that raises an unexpected exception answers 500 in the error envelope"""
    error(client.get(failing_path), 500, "a request to a route that raises RuntimeError")


@pytest.mark.hint("Answer with a fixed, generic message: never str(exception) or a traceback.",
                  section="hiding-internals-in-500s")
def test_500_hides_the_exception(client, failing_path):
    """The answer to an unexpected exception shows neither the exception nor a traceback"""
    body = client.get(failing_path).get_data(as_text=True)
    shown = [leak for leak in LEAKS if leak in body]
    expect.that(not shown, "a body without the exception's type, text or traceback",
                f"{', '.join(shown)} in the body: {body[:200]!r}")
