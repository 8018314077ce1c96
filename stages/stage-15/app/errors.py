"""Error handlers for the whole app: every error, from any blueprint or from no route at all, answers in JSON."""

from flask_limiter import RateLimitExceeded
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException, InternalServerError

from .responses import error_response

# RFC 6750: a 401 for a bearer token says so, and says when the token itself was the problem.
BEARER = {"WWW-Authenticate": "Bearer"}
BAD_BEARER = {"WWW-Authenticate": 'Bearer error="invalid_token"'}


def http_error(exc):
    """Answer an HTTP error (400, 404, 405, 415, ...) in the error envelope, keeping headers such as Allow."""
    headers = {name: value for name, value in exc.get_headers() if name.lower() != "content-type"}
    return error_response(exc.description, exc.code, headers)


def validation_error(exc):
    """Answer input a schema refused with 422, and what was wrong with each field under "details"."""
    # normalized_messages() is always a dict: errors that belong to no one field are listed under "_schema".
    return error_response("The input is not valid; see details.", 422, details=exc.normalized_messages())


def too_many_requests(exc):
    """Answer a request over its limit with 429 in the error envelope, saying which limit it hit."""
    # The limiter adds Retry-After and the X-RateLimit-* headers to this answer after it is made.
    return error_response(f"Too many requests: the limit here is {exc.limit.limit}. Wait a little, then try "
                          "again (the Retry-After header says how many seconds).", 429)


def server_error(exc):
    """Answer an unexpected failure with a plain 500; the traceback goes to the log, never to the client."""
    return error_response("Something went wrong on our side. Please try again later.", 500)


def register_error_handlers(app):
    """Attach the JSON error handlers to an app the factory is building."""
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(ValidationError, validation_error)
    app.register_error_handler(RateLimitExceeded, too_many_requests)
    app.register_error_handler(InternalServerError, server_error)


def register_token_error_handlers(jwt):
    """Make Flask-JWT-Extended answer every refused token with 401 in the error envelope, not its own {"msg"}."""
    @jwt.unauthorized_loader
    def token_missing(reason):
        """No token where one is needed, or an Authorization header that is not "Bearer <token>"."""
        return error_response("Log in first, then send the access token as Authorization: Bearer <token>.",
                              401, BEARER)

    @jwt.invalid_token_loader
    def token_invalid(reason):
        """A token that is not a JWT, is signed with another key, or is the wrong type for this route."""
        return error_response(f"The token was refused: {reason.rstrip('.')}.", 401, BAD_BEARER)

    @jwt.expired_token_loader
    def token_expired(header, payload):
        """A token past its expiry time ("exp")."""
        return error_response("The token has expired: get a new one from /auth/refresh, or log in again.",
                              401, BAD_BEARER)
