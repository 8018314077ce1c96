"""The two envelopes every answer of the API uses."""

from flask import jsonify


def success_response(data, status=200, headers=None):
    """Answer with the success envelope: {"status": "success", "data": ...}."""
    return jsonify(status="success", data=data), status, headers


def error_response(message, status, headers=None, details=None):
    """Answer with the error envelope: {"status": "error", "error": {"message": ...}}, plus "details" if given."""
    error = {"message": message}
    if details is not None:
        error["details"] = details
    return jsonify(status="error", error=error), status, headers
