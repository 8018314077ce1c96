"""Tests of the stage 14 example: the document, the contract it must not change,
the docs page without the internet, and a fuzzer run over the document."""

import re

import pytest
import schemathesis
from hypothesis import given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from apiflask import APIFlask, Schema
from apiflask.fields import String
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

from app import create_app

NEGATIVE = GenerationMode.NEGATIVE
BOOKMARK = {"url": "https://example.org/", "title": "Example"}
# Flask's static files, APIFlask's document and docs page, Swagger UI's files.
NOT_DESCRIBED = ("static", "openapi", "swagger_ui")


# --8<-- [start:document-tests]
def test_the_document_is_valid_openapi(spec):
    validate(spec)  # raises, saying where, if the document breaks the standard
    assert spec["info"] == {
        "title": "Bookmarks API",
        "version": "2.0",
        "description": "Save links, find them again; writing needs a token.",
    }


def test_every_route_is_described(app, spec):
    """The document's paths and methods are exactly the app's routes."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in NOT_DESCRIBED:
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            routes |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    paths = spec["paths"]
    described = {(path, method) for path in paths for method in paths[path]}
    assert described == routes
# --8<-- [end:document-tests]


# --8<-- [start:body-tests]
def test_the_body_is_described(spec):
    create = spec["paths"]["/api/bookmarks/"]["post"]
    body = create["requestBody"]["content"]["application/json"]["schema"]
    bookmark = spec["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    assert set(bookmark["required"]) == {"url", "title"}
    # dump_only fields are readOnly: a client reads them, never sends them.
    assert bookmark["properties"]["id"]["readOnly"] is True
    assert bookmark["properties"]["created_at"]["readOnly"] is True
    assert {"201", "401", "415", "422"} <= set(create["responses"])
# --8<-- [end:body-tests]


def test_writes_name_the_token_and_reads_do_not(spec):
    scheme = spec["components"]["securitySchemes"]["AccessToken"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    operations = spec["paths"]["/api/bookmarks/{bookmark_id}"]
    for method in ("put", "patch", "delete"):
        assert operations[method]["security"] == [{"AccessToken": []}]
    assert "security" not in operations["get"]
    deleted = operations["delete"]["responses"]["204"]
    assert deleted == {"description": "Forgotten; no body"}  # no content: no body


# --8<-- [start:answer-tests]
def documented_schema(spec, path, method, status):
    """A validator for the JSON the document promises for this reply."""
    reply = spec["paths"][path][method]["responses"][str(status)]
    schema = reply["content"]["application/json"]["schema"]
    # The refs point at #/components/...: keep the components next to the schema.
    return OAS31Validator({**schema, "components": spec["components"]})


def test_real_answers_match_the_document(client, auth, spec):
    headers = auth.headers()
    created = client.post("/api/bookmarks/", json=BOOKMARK, headers=headers)
    refused = client.post("/api/bookmarks/", json={"url": "x"}, headers=headers)
    login = auth.login()
    for path, method, reply in [
        ("/api/bookmarks/", "post", created),
        ("/api/bookmarks/", "post", refused),
        ("/api/bookmarks/", "get", client.get("/api/bookmarks/")),
        ("/api/bookmarks/{bookmark_id}", "get", client.get("/api/bookmarks/99")),
        ("/auth/login", "post", login),
    ]:
        validator = documented_schema(spec, path, method, reply.status_code)
        validator.validate(reply.get_json())  # raises on any difference
# --8<-- [end:answer-tests]


def test_the_envelope_holds_objects_not_text(client, auth):
    body = client.post("/api/bookmarks/", json=BOOKMARK, headers=auth.headers())
    assert body.get_json()["data"]["title"] == "Example"


def test_a_validation_error_lists_each_field(client, auth):
    body = {"url": "ftp://example.org/", "title": "", "id": 7}
    reply = client.post("/api/bookmarks/", json=body, headers=auth.headers())
    assert reply.status_code == 422
    error = reply.get_json()["error"]
    assert set(error["details"]) == {"url", "title", "id"}


# --8<-- [start:contract-tests]
def test_a_form_body_is_415_not_422(client, auth):
    reply = client.post("/api/bookmarks/", data=BOOKMARK, headers=auth.headers())
    assert reply.status_code == 415
    assert reply.get_json()["status"] == "error"


def test_no_token_is_401_before_any_validation(client):
    reply = client.post("/api/bookmarks/", json={"title": ""})
    assert reply.status_code == 401


def test_abort_keeps_its_message(client):
    reply = client.get("/api/bookmarks/99")
    assert reply.get_json()["error"]["message"] == "No bookmark has the id 99."
# --8<-- [end:contract-tests]


def test_login_still_answers_400_and_the_top_level_tokens(client, auth):
    missing_password = {"email": "x@example.com"}
    assert client.post("/auth/login", json=missing_password).status_code == 400
    auth.register()
    tokens = auth.login().get_json()
    assert tokens["token_type"] == "Bearer" and "status" not in tokens


def test_only_an_admin_lists_the_accounts(client, auth):
    assert client.get("/auth/users", headers=auth.headers()).status_code == 403
    admin = auth.make_admin()
    reply = client.get("/auth/users", headers=auth.headers(admin))
    assert [user["email"] for user in reply.get_json()["data"]] == [
        "reader@example.com", admin]


# --8<-- [start:offline-tests]
def external_addresses(page):
    """The src and href values of the page that point at another host."""
    return re.findall(r'(?:src|href)="((?:https?:)?//[^"]+)"', page)


def test_the_docs_page_loads_nothing_from_elsewhere(client):
    page = client.get("/docs").get_data(as_text=True)
    assert external_addresses(page) == []
    assert "/docs/ui/swagger-ui-bundle.js" in page
    assert client.get("/docs/ui/swagger-ui-bundle.js").status_code == 200


def test_the_cdn_is_an_option(monkeypatch):
    monkeypatch.setenv("SWAGGER_UI_FROM", "cdn")
    page = create_app("testing").test_client().get("/docs").get_data(as_text=True)
    assert any("cdn.jsdelivr.net" in url for url in external_addresses(page))
# --8<-- [end:offline-tests]


def test_only_swagger_ui_files_are_served(client):
    assert client.get("/docs/ui/../config.py").status_code == 404
    assert client.get("/docs/ui/index.css").status_code == 404


def test_there_is_no_redoc_page(client):
    # APIFlask 3 has one docs page; docs_ui="redoc" would make it ReDoc.
    assert client.get("/redoc").status_code == 404


# --8<-- [start:traps]
class Note(Schema):
    text = String(required=True)


def test_the_body_arrives_as_json_data_not_data():
    app = APIFlask(__name__)
    app.testing = True  # let the exception reach the test

    @app.post("/notes")
    @app.input(Note)
    def add_note(data):  # the name older tutorials use
        return data

    with pytest.raises(TypeError, match="json_data"):
        app.test_client().post("/notes", json={"text": "hi"})


def test_a_string_data_field_stringifies_the_payload():
    class TextEnvelope(Schema):
        status = String()
        data = String()  # should be Field()

    app = APIFlask(__name__)
    app.config["BASE_RESPONSE_SCHEMA"] = TextEnvelope

    @app.get("/note")
    @app.output(Note)
    def note():
        return {"status": "success", "data": {"text": "hi"}}

    assert app.test_client().get("/note").get_json()["data"] == "{'text': 'hi'}"
# --8<-- [end:traps]


# --8<-- [start:fuzz]
def test_the_fuzzer_finds_no_server_error(app, auth):
    """Requests made up from the document: no 5xx, every reply as documented."""
    admin = auth.headers(auth.make_admin())  # a token that opens every door
    api = schemathesis.openapi.from_wsgi("/openapi.json", app)  # no server needed
    for result in api.get_all_operations():
        operation = result.ok()

        # Valid requests, and requests that break the document (wrong types,
        # missing fields): both kinds must get a documented reply.
        cases = operation.as_strategy() | operation.as_strategy(NEGATIVE)

        @given(case=cases)
        @settings(max_examples=25, deadline=None, database=None)
        def no_failure(case):
            case.call_and_validate(
                headers=admin,
                checks=[not_a_server_error, response_schema_conformance],
            )

        no_failure()
# --8<-- [end:fuzz]
