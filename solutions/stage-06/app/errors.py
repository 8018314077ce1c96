"""Error handlers for the whole app: every error, from any blueprint or from no route at all, answers in JSON."""

from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException, InternalServerError

from .responses import error_response


def http_error(exc):
    """Answer an HTTP error (400, 404, 405, 415, ...) in the error envelope, keeping headers such as Allow."""
    headers = {name: value for name, value in exc.get_headers() if name.lower() != "content-type"}
    return error_response(exc.description, exc.code, headers)


# --8<-- [start:validation-error]
def validation_error(exc):
    """Answer input a schema refused with 422, and what was wrong with each field under "details"."""
    # --8<-- [start:todo-validation-handler] Answer 422 with a message and details=exc.normalized_messages().
    # normalized_messages() is always a dict: errors that belong to no one field are listed under "_schema".
    return error_response("The input is not valid; see details.", 422, details=exc.normalized_messages())
    # --8<-- [end:todo-validation-handler]
# --8<-- [end:validation-error]


def server_error(exc):
    """Answer an unexpected failure with a plain 500; the traceback goes to the log, never to the client."""
    return error_response("Something went wrong on our side. Please try again later.", 500)


# --8<-- [start:register]
def register_error_handlers(app):
    """Attach the JSON error handlers to an app the factory is building."""
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(ValidationError, validation_error)
    app.register_error_handler(InternalServerError, server_error)
# --8<-- [end:register]
