"""Stage 14 · The OpenAPI document: valid, named, complete (every route and method of the app), with request bodies,
read-only fields, the answers each operation may give, and the bearer token the task routes need."""

import pytest

import expect
from docs_steps import (COLLECTION, SPEC, TITLE, VERSION, answers, bearer_schemes, document, documented_paths,
                        operation, operations, resolved, security_of, url_map_paths)
from grader.plugin import CheckFailed

TASK = "/api/tasks/{task_id}"
READ_ONLY = ("id", "created_at", "updated_at")


@pytest.mark.hint("Build the app with APIFlask instead of Flask: it writes the OpenAPI document from the routes and "
                  "serves it at /openapi.json.", section="openapi-in-one-page", todo="todo-apiflask-app")
def test_document_is_valid_openapi(client):
    """GET /openapi.json answers 200 with an OpenAPI document that openapi-spec-validator accepts"""
    from openapi_spec_validator import validate

    spec = document(client)
    try:
        validate(spec)
    except Exception as exc:  # noqa: BLE001 - every way the validator refuses is reported the same way
        message = " ".join(str(getattr(exc, "message", exc)).split())[:300]
        raise CheckFailed("a valid OpenAPI document (openapi-spec-validator)", f"{type(exc).__name__}: {message}",
                          "paste the document into the docs page's validator, or run openapi-spec-validator on "
                          "it, to see the whole report.") from None


@pytest.mark.hint(f'Give APIFlask the API\'s name and version: APIFlask(__name__, title="{TITLE}", '
                  f'version="{VERSION}"). Without them the document says "APIFlask" and "0.1.0".',
                  section="openapi-in-one-page", todo="todo-apiflask-app")
def test_title_and_version(client):
    """The document's info names the API "Task API", version "1.0", not APIFlask's defaults"""
    info = document(client).get("info") or {}
    expect.equal({"title": info.get("title"), "version": info.get("version")}, {"title": TITLE, "version": VERSION},
                 f"the info of {SPEC} (title and version)")


@pytest.mark.hint("Every blueprint whose routes belong in the document must be an APIBlueprint (a plain Blueprint, or "
                  "enable_openapi=False, leaves its routes out), and every route added to the app is described.",
                  section="apiflask-and-apiblueprint", todo="todo-auth-blueprint")
def test_paths_equal_the_url_map(app, client):
    """The document's paths and methods are exactly the app's routes (the docs and the document itself aside)"""
    routes, described = url_map_paths(app), documented_paths(document(client))
    missing = sorted(f"{method.upper()} {path}" for path, methods in routes.items()
                     for method in methods - described.get(path, set()))
    extra = sorted(f"{method.upper()} {path}" for path, methods in described.items()
                   for method in methods - routes.get(path, set()))
    expect.that(not missing, "every route of the app to be in the document", f"missing: {', '.join(missing)}",
                "routes on a plain Blueprint, or on an APIBlueprint with enable_openapi=False, are left out; only the "
                "docs page's own routes (under /docs) may stay out of the document.")
    expect.that(not extra, "the document to describe only routes the app has", f"not in the app: {', '.join(extra)}")


@pytest.mark.hint("Describe the body with @tasks_bp.input(the task schema): the schema's required fields become the "
                  "requestBody's \"required\", and its dump_only fields are marked readOnly.",
                  section="input-and-output")
def test_create_body_requires_a_title(client):
    """POST /api/tasks/ documents a JSON requestBody that requires title; id, created_at, updated_at are readOnly"""
    spec = document(client)
    create = operation(spec, COLLECTION, "post")
    body = resolved(spec, create.get("requestBody")) or {}
    content = body.get("content") or {}
    expect.that("application/json" in content, f"POST {COLLECTION} to document a JSON requestBody",
                f"requestBody content types {sorted(content) or '(none)'}")
    schema = resolved(spec, content["application/json"].get("schema") or {})
    expect.that("title" in (schema.get("required") or []),
                f'the requestBody schema of POST {COLLECTION} to list "title" as required',
                f"required: {expect.shown(schema.get('required'))}")
    writable = [name for name in READ_ONLY
                if name in (schema.get("properties") or {})
                and not resolved(spec, schema["properties"][name]).get("readOnly")]
    expect.that(not writable, f"{', '.join(READ_ONLY)} not to be writable in the requestBody of POST {COLLECTION} "
                "(left out, or marked readOnly)", f"writable: {', '.join(writable)}")
    task = task_schema_of_created(spec, create)
    properties = task.get("properties") or {}
    not_marked = [name for name in READ_ONLY if not resolved(spec, properties.get(name, {})).get("readOnly")]
    expect.that(not not_marked, f"the task in the 201 answer of POST {COLLECTION} to have {', '.join(READ_ONLY)} "
                "marked readOnly", f"not marked: {', '.join(not_marked)}; the properties {sorted(properties)}")


def task_schema_of_created(spec: dict, create: dict) -> dict:
    """The schema of the task inside the 201 answer's envelope ("data"), or the answer's schema itself."""
    answer = resolved(spec, answers(create).get("201")) or {}
    schema = resolved(spec, ((answer.get("content") or {}).get("application/json") or {}).get("schema") or {})
    expect.that(bool(schema), f"POST {COLLECTION} to document its 201 answer with a JSON schema",
                f"documented answers {sorted(answers(create))}")
    data = (schema.get("properties") or {}).get("data")
    return resolved(spec, data) if isinstance(data, dict) else schema


@pytest.mark.hint("@input documents 422 and @output(..., status_code=201) the 201; the answers the view gives itself "
                  "(415, 401) go in @doc(responses={...}).", section="errors-the-document-promises")
def test_create_documents_its_answers(client):
    """POST /api/tasks/ documents 201, 401, 415 and 422"""
    found = answers(operation(document(client), COLLECTION, "post"))
    missing = [code for code in ("201", "401", "415", "422") if code not in found]
    expect.that(not missing, f"POST {COLLECTION} to document the answers 201, 401, 415 and 422",
                f"documented: {', '.join(sorted(found))}")


@pytest.mark.hint("Document DELETE with @doc(responses={204: ..., 403: ..., 404: ...}): a 204 has no body (no "
                  "@output, no content), only an admin may delete (403), and the task may not exist (404).",
                  section="errors-the-document-promises", todo="todo-doc-delete")
def test_delete_documents_its_answers(client):
    """DELETE /api/tasks/{task_id} documents 204 without a body, 403 and 404"""
    spec = document(client)
    found = answers(operation(spec, TASK, "delete"))
    missing = [code for code in ("204", "403", "404") if code not in found]
    expect.that(not missing, f"DELETE {TASK} to document the answers 204, 403 and 404",
                f"documented: {', '.join(sorted(found))}")
    content = (resolved(spec, found["204"]) or {}).get("content")
    expect.that(not content, f"the 204 answer of DELETE {TASK} to be documented without a body (a 204 has none)",
                f"content {expect.shown(content, 200)}")


@pytest.mark.hint('APIFlask cannot see @jwt_required or a before_request token check: declare the scheme in '
                  'SECURITY_SCHEMES, e.g. {"BearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": '
                  '"JWT"}}.', section="documenting-security", todo="todo-docs-settings")
def test_bearer_scheme_is_declared(client):
    """components.securitySchemes declares an HTTP bearer scheme for the JWT access token"""
    spec = document(client)
    schemes = (spec.get("components") or {}).get("securitySchemes")
    expect.that(bool(bearer_schemes(spec)),
                'components.securitySchemes to have {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}',
                f"securitySchemes {expect.shown(schemes, 200)}")


@pytest.mark.hint('Name the scheme on every task route with @tasks_bp.doc(security="BearerAuth", responses={401: '
                  '...}); register and login are open, so they name none.', section="documenting-security",
                  todo="todo-doc-list")
def test_task_operations_need_the_token(client):
    """Every /api/tasks operation requires the bearer scheme and documents 401; register and login require none"""
    spec = document(client)
    bearer = set(bearer_schemes(spec))
    task_operations = list(operations(spec, "/api/tasks"))
    expect.that(bool(task_operations), "the document to describe the /api/tasks operations",
                f"the paths {sorted(spec.get('paths', {}))}")
    unprotected = [f"{method.upper()} {path}" for path, method, found in task_operations
                   if not needs_bearer(security_of(spec, found), bearer)]
    expect.that(not unprotected, "every /api/tasks operation to require the bearer scheme (security: "
                "[{\"BearerAuth\": []}])", f"without it: {', '.join(unprotected)}")
    no_401 = [f"{method.upper()} {path}" for path, method, found in task_operations if "401" not in answers(found)]
    expect.that(not no_401, "every /api/tasks operation to document the answer 401",
                f"without 401: {', '.join(no_401)}")
    for path in ("/auth/register", "/auth/login"):
        requirements = security_of(spec, operation(spec, path, "post"))
        expect.that(not requirements or {} in requirements, f"POST {path} to require no token (nobody has one yet)",
                    f"security {expect.shown(requirements)}")


def needs_bearer(requirements: list, bearer: set) -> bool:
    """Whether security requirements demand a bearer scheme: there are some, and each names one ({} would not)."""
    return bool(requirements) and all(isinstance(requirement, dict) and set(requirement) & bearer
                                      for requirement in requirements)
