"""Stage 15 · Browser-protection headers on every kind of answer, HSTS only over HTTPS, and no redirects."""

import pytest

import expect
from security_steps import COLLECTION, security_headers, upgraded, user

EXTERNAL = ("http://", "https://")


@pytest.mark.parametrize("kind", ["success", "401", "404 of an unknown path", "405", "422", "500"])
@pytest.mark.hint("One after_request function sets the headers: Flask runs it for answers of error handlers too, "
                  "so 4xx and 500 answers get them as well.", section="security-headers", todo="todo-security-headers")
def test_every_answer_carries_security_headers(app_module, app, runner, client, kind):
    """Every kind of answer carries nosniff, a frame ban, a Referrer-Policy and a Content-Security-Policy"""
    if kind == "success":
        response, request = client.get("/health"), "GET /health"
    elif kind == "401":
        response, request = client.get(COLLECTION), f"GET {COLLECTION} without a token"
    elif kind == "404 of an unknown path":
        response, request = client.get("/no-such-page"), "GET /no-such-page"
    elif kind == "405":
        response, request = client.put("/health"), "PUT /health"
    elif kind == "422":
        upgraded(runner)
        headers = user(client, "alice")
        response, request = client.post(COLLECTION, json={"title": ""}, headers=headers), "a POST with a blank title"
        expect.status(response, 422, request)
    else:
        # A testing app lets exceptions through to the test; this one answers them, as a served app does.
        served = app_module.create_app("testing", {"PROPAGATE_EXCEPTIONS": False})
        served.add_raising_route("/grader-boom", "runtime_error", "a bug the check planted")
        response, request = served.test_client().get("/grader-boom"), "a route that raises an exception (500)"
        expect.status(response, 500, request)
    security_headers(response, request)


@pytest.mark.hint("/docs needs its own policy: default-src 'self' plus the inline script and styles Swagger UI's page "
                  "uses; its files come from this app (stage 14's local assets).", section="security-headers",
                  todo="todo-security-headers")
def test_docs_page_still_loads_under_its_policy(client):
    """/docs carries the headers, and its policy allows the page's own scripts and styles from this app"""
    response = client.get("/docs")
    expect.status(response, 200, "GET /docs")
    security_headers(response, "GET /docs")
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.split()}
    for kind in ("script-src", "style-src"):
        allowed = directives.get(kind) or directives.get("default-src") or []
        expect.that("'self'" in allowed or "'unsafe-inline'" in allowed,
                    f"the policy of /docs to allow its own {kind.split('-')[0]}s ({kind} 'self' and the inline "
                    "start-up code)", expect.shown(policy))
    html = response.get_data(as_text=True)
    expect.that(not any(prefix + "cdn" in html for prefix in EXTERNAL),
                "the docs page to load Swagger UI from this app (stage 14's local assets)", "a CDN address in the page")


@pytest.mark.hint("Strict-Transport-Security only when request.is_secure: a browser ignores it over http, and a "
                  "development server must not promise HTTPS.", section="https-and-hsts", todo="todo-security-headers")
def test_hsts_only_over_https(client):
    """Strict-Transport-Security is sent on HTTPS answers and not on plain HTTP ones"""
    secure = client.get("/health", base_url="https://localhost")
    expect.that("max-age=" in (secure.headers.get("Strict-Transport-Security") or ""),
                "Strict-Transport-Security with a max-age on GET https://localhost/health",
                expect.shown(secure.headers.get("Strict-Transport-Security")))
    plain = client.get("/health")
    expect.that(plain.headers.get("Strict-Transport-Security") is None,
                "no Strict-Transport-Security on a plain http answer", plain.headers.get("Strict-Transport-Security"))


@pytest.mark.hint("Never redirect to https inside the app (Flask-Talisman's default does): nginx does that in "
                  "production, and development, tests and the grader speak plain http.", section="https-and-hsts")
def test_plain_http_is_not_redirected(client):
    """Plain-http requests are answered, not redirected to https"""
    response = client.get("/health")
    expect.that(response.status_code == 200, "GET http://localhost/health to answer 200",
                expect.describe(response), "a 30x to https breaks the development server and every client of it.")
