"""Reading and checking what a client sends: each helper aborts with 400 or 415 when the input is wrong."""

from flask import abort, request

from ..models import STATUSES, TITLE_MAX_LENGTH


def json_object():
    """The request's JSON body as a dict: 415 when the body is not JSON, 400 when it is not a JSON object."""
    if not request.is_json:
        abort(415, description="Send a JSON body with Content-Type: application/json.")
    data = request.get_json()
    if not isinstance(data, dict):
        abort(400, description='The JSON body must be an object, like {"title": "..."}.')
    return data


def task_fields(data, required=()):
    """The task fields found in data, checked and cleaned; 400 for a missing required field or a bad value."""
    missing = [name for name in required if name not in data]
    if missing:
        abort(400, description=f"Missing required field(s): {', '.join(missing)}.")
    fields = {}
    if "title" in data:
        title = data["title"]
        if not isinstance(title, str) or not title.strip():
            abort(400, description='"title" must be a non-empty string.')
        if len(title.strip()) > TITLE_MAX_LENGTH:
            abort(400, description=f'"title" can be at most {TITLE_MAX_LENGTH} characters long.')
        fields["title"] = title.strip()
    if "description" in data:
        if data["description"] is not None and not isinstance(data["description"], str):
            abort(400, description='"description" must be a string or null.')
        fields["description"] = data["description"]
    if "status" in data:
        if data["status"] not in STATUSES:
            abort(400, description='"status" must be "pending" or "completed".')
        fields["status"] = data["status"]
    return fields
