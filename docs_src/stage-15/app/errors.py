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


def handle_validation_error(exc):
    """Input that a schema refused: 422, with each field's problems as "details"."""
    # Always a dict: problems that belong to no one field are listed under "_schema".
    problems = exc.normalized_messages()
    return error_response("Some fields are not valid.", 422, details=problems)


# --8<-- [start:server-error]
def handle_server_error(exc):
    """An exception nobody caught: Flask has logged it; the client gets no details."""
    return error_response("The server could not finish this request.", 500)
# --8<-- [end:server-error]


def register_error_handlers(app):
    """Attach the JSON error handlers to an app that the factory is building."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(InternalServerError, handle_server_error)


def refused(message, bad_token=False):
    """A 401 whose WWW-Authenticate header says a bearer token is wanted (RFC 6750)."""
    challenge = 'Bearer error="invalid_token"' if bad_token else "Bearer"
    return error_response(message, 401, {"WWW-Authenticate": challenge})


def no_token(reason):
    """No Authorization header, or one that is not "Bearer <token>"."""
    return refused("Log in and send Authorization: Bearer <access_token>.")


def bad_token(reason):
    """Not a JWT, a wrong signature, or the wrong kind of token for this route."""
    return refused(f"This token is not accepted here: {reason}", bad_token=True)


def old_token(jwt_header, jwt_payload):
    """A token past its "exp" time."""
    return refused("This token has expired; refresh it or log in.", bad_token=True)


def register_token_handlers(jwt):
    """Answer refused tokens with the functions above, not with {"msg": ...}."""
    jwt.unauthorized_loader(no_token)
    jwt.invalid_token_loader(bad_token)
    jwt.expired_token_loader(old_token)
