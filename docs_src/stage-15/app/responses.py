"""The error envelope, for the answers no @output describes."""

from flask import jsonify


def error_response(message, status, headers=None, details=None):
    """Wrap a sentence for humans in the error envelope, with details if given."""
    error = {"message": message}
    if details is not None:
        error["details"] = details
    return jsonify({"status": "error", "error": error}), status, headers
