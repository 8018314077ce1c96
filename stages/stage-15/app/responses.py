"""The two envelopes every answer of the API uses, and the one answer that has none: the token answer."""

from flask import current_app, jsonify


def success_response(data, status=200, headers=None):
    """Answer with the success envelope: {"status": "success", "data": ...}."""
    return jsonify(status="success", data=data), status, headers


def error_response(message, status, headers=None, details=None):
    """Answer with the error envelope: {"status": "error", "error": {"message": ...}}, plus "details" if given."""
    error = {"message": message}
    if details is not None:
        error["details"] = details
    return jsonify(status="error", error=error), status, headers


def token_response(access_token, refresh_token=None):
    """Answer a login or a refresh in the OAuth 2.0 token shape (RFC 6749, section 5.1), at the top level.

    Clients and libraries that speak OAuth read the tokens here, not under an envelope's "data". "expires_in" says
    how many seconds the access token lives, so a client knows when to refresh; a refresh answer has no
    "refresh_token": the client keeps the one it has.
    """
    seconds = int(current_app.config["JWT_ACCESS_TOKEN_EXPIRES"].total_seconds())
    body = {"access_token": access_token, "token_type": "Bearer", "expires_in": seconds}
    if refresh_token is not None:
        body["refresh_token"] = refresh_token
    # Tokens are credentials: RFC 6749 asks that no cache on the way keeps a copy.
    return jsonify(body), 200, {"Cache-Control": "no-store"}
