"""The API's description: the OpenAPI settings, the envelope as a schema, errors in the envelope, the docs' assets."""

from pathlib import Path

import flask_swagger_ui
from apiflask import APIBlueprint, Schema
from apiflask.fields import Field, String
from flask import abort, current_app, request, send_from_directory

# Swagger UI's own files, as the flask-swagger-ui package ships them: the docs page works without the internet.
SWAGGER_UI_DIST = Path(flask_swagger_ui.__file__).resolve().parent / "dist"
SWAGGER_UI_FILES = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "favicon-32x32.png")

docs_assets_bp = APIBlueprint("docs_assets", __name__)


class EnvelopeSchema(Schema):
    """The success envelope every documented answer is wrapped in: {"status": "success", "data": ...}."""

    status = String(required=True)
    # Field(), not String(): "data" holds whatever the route's own schema dumps (an object, a list, ...).
    data = Field()


def docs_settings(local_assets):
    """The settings APIFlask reads to describe the API; with local_assets, the docs page loads nothing from a CDN."""
    settings = {
        "BASE_RESPONSE_SCHEMA": EnvelopeSchema,
        "BASE_RESPONSE_DATA_KEY": "data",
        # Stage 13's message for a 422, so clients see the same answer as before the move to APIFlask.
        "VALIDATION_ERROR_DESCRIPTION": "The input is not valid; see details.",
        # @jwt_required is invisible to APIFlask: the scheme is declared here, and each protected route names it.
        "SECURITY_SCHEMES": {"BearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
    }
    if local_assets:
        settings.update({
            "SWAGGER_UI_CSS": "/docs/assets/swagger-ui.css",
            "SWAGGER_UI_BUNDLE_JS": "/docs/assets/swagger-ui-bundle.js",
            "SWAGGER_UI_STANDALONE_PRESET_JS": "/docs/assets/swagger-ui-standalone-preset.js",
            "DOCS_FAVICON": "/docs/assets/favicon-32x32.png",
        })
    return settings


@docs_assets_bp.get("/docs/assets/<name>")
@docs_assets_bp.doc(hide=True)
def swagger_ui_asset(name):
    """Serve one of Swagger UI's files from the installed package."""
    if name not in SWAGGER_UI_FILES:
        abort(404, description=f"There is no docs asset called {name}.")
    return send_from_directory(SWAGGER_UI_DIST, name, max_age=3600)


def envelope_error(error):
    """Answer APIFlask's errors (422 from @input, ...) in the error envelope, with each field's problems."""
    body = {"message": error.message}
    # APIFlask groups validation problems by where they were found ({"json": {...}}): the envelope lists the fields.
    details = error.detail.get("json") if isinstance(error.detail, dict) else None
    if details:
        body["details"] = details
    return {"status": "error", "error": body}, error.status_code, error.headers


def require_json_body():
    """Answer 415 when a route that takes a JSON body gets anything else, before APIFlask validates it (422)."""
    view = current_app.view_functions.get(request.endpoint)
    takes_body = "body" in getattr(view, "_spec", {})
    if takes_body and request.method in ("POST", "PUT", "PATCH") and not request.is_json:
        abort(415, description="Send a JSON body with Content-Type: application/json.")


# Error answers never have the success envelope: {"status": "error", "error": {"message", "details"?}}.
ERROR_ENVELOPE = {
    "type": "object",
    "required": ["status", "error"],
    "properties": {
        "status": {"type": "string", "enum": ["error"]},
        "error": {
            "type": "object",
            "required": ["message"],
            "properties": {"message": {"type": "string"},
                           "details": {"type": "object", "description": "The problems of each field"}},
        },
    },
}
# The login and refresh answers: OAuth 2.0's token shape, at the top level.
TOKEN_ANSWER = {
    "type": "object",
    "required": ["access_token", "token_type", "expires_in"],
    "properties": {"access_token": {"type": "string"}, "refresh_token": {"type": "string"},
                   "token_type": {"type": "string", "enum": ["Bearer"]}, "expires_in": {"type": "integer"}},
}
TOKEN_ROUTES = ("/auth/login", "/auth/refresh")
# These describe their bodies but check them by hand (400, not 422): APIFlask's automatic 422 does not apply.
HAND_CHECKED = ("/auth/register", "/auth/login")


def describe_answers(spec):
    """Correct what APIFlask cannot know: errors use the error envelope, tokens have none, a 304 has no body."""
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorEnvelope"] = ERROR_ENVELOPE
    schemas["TokenAnswer"] = TOKEN_ANSWER
    for path, operations in spec.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            if path in HAND_CHECKED:
                operation.get("responses", {}).pop("422", None)
            for code, answer in operation.get("responses", {}).items():
                if code.isdigit() and int(code) >= 400:
                    answer["content"] = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}
                elif code == "304":
                    answer.pop("content", None)
                elif code == "200" and path in TOKEN_ROUTES:
                    answer["content"] = {"application/json": {"schema": {"$ref": "#/components/schemas/TokenAnswer"}}}
    return spec
