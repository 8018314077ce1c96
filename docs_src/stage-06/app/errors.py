"""Error handlers for the whole app: the factory attaches them to every new app."""

from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException, InternalServerError

from .responses import error_response


def handle_http_error(exc):
    """Every HTTP error, raised by Flask or by abort(), as an error envelope."""
    # A 405 carries Allow; the Content-Type is that of an HTML page, so it stays out.
    kept = [(name, value) for name, value in exc.get_headers()
            if name.lower() != "content-type"]
    return error_response(exc.description, exc.code, kept)


# --8<-- [start:validation-error]
def handle_validation_error(exc):
    """Input that a schema refused: 422, with each field's problems as "details"."""
    # Always a dict: problems that belong to no one field are listed under "_schema".
    problems = exc.normalized_messages()
    return error_response("Some fields are not valid.", 422, details=problems)
# --8<-- [end:validation-error]


def handle_server_error(exc):
    """An exception nobody caught: Flask has logged it; the client gets no details."""
    return error_response("The server could not finish this request.", 500)


# --8<-- [start:register]
def register_error_handlers(app):
    """Attach the JSON error handlers to an app that the factory is building."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(InternalServerError, handle_server_error)
# --8<-- [end:register]
