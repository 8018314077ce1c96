"""Error handlers for the whole app: every error, from any blueprint or from no route at all, answers in JSON."""

from werkzeug.exceptions import HTTPException, InternalServerError

from .responses import error_response


def http_error(exc):
    """Answer an HTTP error (400, 404, 405, 415, ...) in the error envelope, keeping headers such as Allow."""
    headers = {name: value for name, value in exc.get_headers() if name.lower() != "content-type"}
    return error_response(exc.description, exc.code, headers)


def server_error(exc):
    """Answer an unexpected failure with a plain 500; the traceback goes to the log, never to the client."""
    return error_response("Something went wrong on our side. Please try again later.", 500)


# --8<-- [start:register]
def register_error_handlers(app):
    """Attach the JSON error handlers to an app the factory is building."""
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(InternalServerError, server_error)
# --8<-- [end:register]
