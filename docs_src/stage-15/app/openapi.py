"""How the API describes itself: the envelopes as schemas, the token scheme, the
answers APIFlask cannot guess, and Swagger UI's files served by the app itself."""

from pathlib import Path

import flask_swagger_ui
from apiflask import Schema
from apiflask.fields import Dict, Field, Nested, String
from flask import Blueprint, abort, send_from_directory


# --8<-- [start:envelope]
class Envelope(Schema):
    """{"status": "success", "data": ...}: every successful answer but the tokens."""

    status = String(required=True)
    # Field() hands "data" over as the route's own schema dumped it. A String()
    # here would turn a whole bookmark into the text of a Python dict.
    data = Field()
# --8<-- [end:envelope]


# --8<-- [start:error-schemas]
class Problem(Schema):
    """What went wrong: a sentence, and for a 422 the problems of each field."""

    message = String(required=True)
    details = Dict(keys=String(), metadata={"description": "field: [problems]"})


class ErrorEnvelope(Schema):
    """{"status": "error", "error": {...}}: every error answer."""

    status = String(required=True, metadata={"enum": ["error"]})
    error = Nested(Problem, required=True)
# --8<-- [end:error-schemas]


# --8<-- [start:settings]
ACCESS_TOKEN = {
    "type": "http",
    "scheme": "bearer",
    "bearerFormat": "JWT",
    "description": "The access_token of POST /auth/login.",
}


def configure_openapi(app):
    """The settings APIFlask reads when it writes the document and the docs page."""
    app.config["DESCRIPTION"] = "Save links, find them again; writing needs a token."
    # The success envelope: each @output schema describes what goes in "data".
    app.config["BASE_RESPONSE_SCHEMA"] = Envelope
    app.config["BASE_RESPONSE_DATA_KEY"] = "data"  # the default, said out loud
    # The error envelope instead of APIFlask's {"detail", "message"}; this puts it
    # in components/schemas (promised_answers() below refers to it there).
    app.config["HTTP_ERROR_SCHEMA"] = ErrorEnvelope
    app.config["VALIDATION_ERROR_SCHEMA"] = ErrorEnvelope
    app.config["VALIDATION_ERROR_DESCRIPTION"] = "Some fields are not valid."
    # Flask-JWT-Extended checks tokens; APIFlask cannot see that. Name the scheme
    # here, then put security="AccessToken" on each operation that needs it.
    app.config["SECURITY_SCHEMES"] = {"AccessToken": ACCESS_TOKEN}
    if app.config["SWAGGER_UI_FROM"] == "app":
        app.config.update(LOCAL_SWAGGER_UI)
# --8<-- [end:settings]


# --8<-- [start:local-assets]
# The files of Swagger UI that the flask-swagger-ui package ships: with them, the
# docs page needs no CDN, and works in a lab without the internet.
SWAGGER_UI_DIR = Path(flask_swagger_ui.__file__).resolve().parent / "dist"
SERVED = {
    "swagger-ui.css",
    "swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js",
    "favicon-32x32.png",
}
LOCAL_SWAGGER_UI = {
    "SWAGGER_UI_CSS": "/docs/ui/swagger-ui.css",
    "SWAGGER_UI_BUNDLE_JS": "/docs/ui/swagger-ui-bundle.js",
    "SWAGGER_UI_STANDALONE_PRESET_JS": "/docs/ui/swagger-ui-standalone-preset.js",
    # APIFlask's default icon comes from apiflask.com: one more host to reach.
    "DOCS_FAVICON": "/docs/ui/favicon-32x32.png",
}

# A plain Blueprint: APIFlask leaves its routes out of the document, as it should.
swagger_ui_bp = Blueprint("swagger_ui", __name__)


@swagger_ui_bp.get("/<name>")
def swagger_ui_file(name):
    """One of Swagger UI's files, from the installed package; nothing else."""
    if name not in SERVED:
        abort(404, description=f"The docs page has no file called {name}.")
    return send_from_directory(SWAGGER_UI_DIR, name, max_age=86400)
# --8<-- [end:local-assets]


# --8<-- [start:error-processor]
def error_envelope(error):
    """APIFlask's own errors (the 422 of @input) in the error envelope."""
    problem = {"message": error.message}
    # APIFlask groups a 422's problems by where it found them: {"json": {...}}.
    found = error.detail if isinstance(error.detail, dict) else {}
    if found.get("json"):
        problem["details"] = found["json"]
    return {"status": "error", "error": problem}, error.status_code, error.headers
# --8<-- [end:error-processor]


# --8<-- [start:spec-processor]
TOKEN_ANSWER = {
    "type": "object",
    "required": ["access_token", "token_type", "expires_in"],
    "properties": {
        "access_token": {"type": "string"},
        "refresh_token": {"type": "string", "description": "login only"},
        "token_type": {"type": "string", "enum": ["Bearer"]},
        "expires_in": {"type": "integer", "description": "seconds"},
    },
}
TOKEN_ROUTES = ("/auth/login", "/auth/refresh")
# Their views check the body themselves and answer 400, never APIFlask's 422.
CHECKED_BY_HAND = ("/auth/register", "/auth/login")


def json_of(name):
    """A response's content: JSON described by the named component schema."""
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}


def promised_answers(spec):
    """Say what the decorators cannot: errors have no success envelope, tokens
    have none either, a body is required, no 422 where the view checks it."""
    spec["components"]["schemas"]["TokenAnswer"] = TOKEN_ANSWER
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            answers = operation["responses"]
            if path in CHECKED_BY_HAND:
                answers.pop("422", None)
            if "requestBody" in operation:
                # Without it, a client (or a fuzzer) may leave the body out.
                operation["requestBody"]["required"] = True
                answers.setdefault("400", {"description": "Malformed JSON"})
            for code, answer in answers.items():
                if code.startswith(("4", "5")):
                    # APIFlask wraps these in BASE_RESPONSE_SCHEMA too: unwrap.
                    answer["content"] = json_of("ErrorEnvelope")
                elif path in TOKEN_ROUTES and code == "200":
                    answer["content"] = json_of("TokenAnswer")
    return spec
# --8<-- [end:spec-processor]
