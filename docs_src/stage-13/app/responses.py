"""The two envelopes every answer of the API uses."""

from flask import jsonify


def success_response(data, status=200, headers=None):
    """Wrap data in the success envelope; status and headers pass straight through."""
    body = {"status": "success", "data": data}
    return jsonify(body), status, headers


def error_response(message, status, headers=None, details=None):
    """Wrap a sentence for humans in the error envelope, with details if given."""
    error = {"message": message}
    if details is not None:
        error["details"] = details
    return jsonify({"status": "error", "error": error}), status, headers
