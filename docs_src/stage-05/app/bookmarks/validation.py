"""Reading and checking request bodies; each helper aborts with 400 or 415."""

from urllib.parse import urlsplit

from flask import abort, request

from ..models import TITLE_MAX, URL_MAX


def json_body():
    """The JSON object the client sent: 415 if it is not JSON, 400 if not an object."""
    if not request.is_json:
        abort(415, description="Send JSON, with Content-Type: application/json.")
    body = request.get_json()
    if not isinstance(body, dict):
        abort(400, description="The body must be a JSON object.")
    return body


def clean_url(value):
    """An http or https URL with a host; anything else is a 400."""
    parts = urlsplit(value.strip()) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        abort(400, description='"url" must be an http:// or https:// address.')
    if len(value.strip()) > URL_MAX:
        abort(400, description=f'"url" can have at most {URL_MAX} characters.')
    return value.strip()


def clean_title(value):
    """The title without surrounding spaces, 1 to TITLE_MAX characters."""
    title = value.strip() if isinstance(value, str) else ""
    if not 1 <= len(title) <= TITLE_MAX:
        abort(400, description=f'"title" must be text of 1 to {TITLE_MAX} characters.')
    return title


def clean_notes(value):
    """Notes are optional: a string, or null for none."""
    if value is not None and not isinstance(value, str):
        abort(400, description='"notes" must be a string or null.')
    return value


CLEANERS = {"url": clean_url, "title": clean_title, "notes": clean_notes}
FIELDS = tuple(CLEANERS)


def bookmark_fields(data, required=()):
    """The bookmark fields found in data, cleaned; 400 if a required one is absent."""
    absent = [field for field in required if field not in data]
    if absent:
        abort(400, description=f"Missing: {', '.join(absent)}.")
    return {field: clean(data[field]) for field, clean in CLEANERS.items()
            if field in data}
