"""Bookmarks API, stage 03: one envelope for every answer, the fitting status code."""

# --8<-- [start:store]
from itertools import count
from urllib.parse import urlsplit

from flask import Flask, abort, jsonify, request, url_for
from werkzeug.exceptions import HTTPException, InternalServerError

app = Flask(__name__)

TITLE_MAX = 100
# Kept in memory: every restart begins again with these three bookmarks.
bookmarks = [
    {"id": 1, "url": "https://flask.palletsprojects.com/",
     "title": "Flask documentation", "notes": "Start with the quickstart."},
    {"id": 2, "url": "https://www.rfc-editor.org/rfc/rfc9110",
     "title": "HTTP Semantics (RFC 9110)", "notes": None},
    {"id": 3, "url": "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status",
     "title": "HTTP status codes on MDN", "notes": "A page per status code."},
]
# Only ever counts up, so a deleted bookmark's id never comes back.
bookmark_ids = count(start=len(bookmarks) + 1)
# --8<-- [end:store]


# --8<-- [start:envelopes]
def success_response(data, status=200, headers=None):
    """Wrap data in the success envelope; status and headers pass straight through."""
    body = {"status": "success", "data": data}
    return jsonify(body), status, headers


def error_response(message, status, headers=None):
    """Wrap a sentence for humans in the error envelope."""
    body = {"status": "error", "error": {"message": message}}
    return jsonify(body), status, headers
# --8<-- [end:envelopes]


# --8<-- [start:http-errors]
@app.errorhandler(HTTPException)
def handle_http_error(exc):
    """Every HTTP error, raised by Flask or by abort(), as an error envelope."""
    # A 405 carries Allow; the Content-Type is that of an HTML page, so it stays out.
    kept = [(name, value) for name, value in exc.get_headers()
            if name.lower() != "content-type"]
    return error_response(exc.description, exc.code, kept)
# --8<-- [end:http-errors]


# --8<-- [start:server-error]
@app.errorhandler(InternalServerError)
def handle_server_error(exc):
    """An exception nobody caught: Flask has logged it; the client gets no details."""
    return error_response("The server could not finish this request.", 500)
# --8<-- [end:server-error]


# --8<-- [start:helpers]
def find_bookmark(bookmark_id):
    """The bookmark with this id, or a 404 that the HTTPException handler wraps."""
    for bookmark in bookmarks:
        if bookmark["id"] == bookmark_id:
            return bookmark
    abort(404, description=f"No bookmark has the id {bookmark_id}.")


def json_body():
    """The JSON object the client sent: 415 if it is not JSON, 400 if not an object."""
    if not request.is_json:
        abort(415, description="Send JSON, with Content-Type: application/json.")
    body = request.get_json()
    if not isinstance(body, dict):
        abort(400, description="The body must be a JSON object.")
    return body
# --8<-- [end:helpers]


# --8<-- [start:rules]
def clean_url(value):
    """An http or https URL with a host; anything else is a 400."""
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        abort(400, description='"url" must be an http:// or https:// address.')
    return value


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
# --8<-- [end:rules]


# --8<-- [start:list]
@app.get("/api/bookmarks")
def list_bookmarks():
    """Every bookmark, or those whose title contains ?q= (in any case)."""
    term = request.args.get("q")
    if term is None:
        return success_response(bookmarks)
    if not term.strip():
        abort(400, description="?q= needs something to look for.")
    found = [b for b in bookmarks if term.strip().lower() in b["title"].lower()]
    return success_response(found)
# --8<-- [end:list]


# --8<-- [start:get]
@app.get("/api/bookmarks/<int:bookmark_id>")
def get_bookmark(bookmark_id):
    """One bookmark."""
    return success_response(find_bookmark(bookmark_id))
# --8<-- [end:get]


# --8<-- [start:create]
@app.post("/api/bookmarks")
def create_bookmark():
    """Store a bookmark from {"url", "title", "notes"?}; answer 201 and its address."""
    data = json_body()
    # Check every field before taking an id, so a refused bookmark uses up nothing.
    fields = {
        "url": clean_url(data.get("url")),
        "title": clean_title(data.get("title")),
        "notes": clean_notes(data.get("notes")),
    }
    bookmark = {"id": next(bookmark_ids), **fields}
    bookmarks.append(bookmark)
    where = url_for("get_bookmark", bookmark_id=bookmark["id"], _external=True)
    return success_response(bookmark, 201, {"Location": where})
# --8<-- [end:create]


# --8<-- [start:delete]
@app.delete("/api/bookmarks/<int:bookmark_id>")
def delete_bookmark(bookmark_id):
    """Forget a bookmark. Nothing is left to show: 204 and an empty body."""
    bookmarks.remove(find_bookmark(bookmark_id))
    return "", 204
# --8<-- [end:delete]


# --8<-- [start:put-notes]
@app.put("/api/bookmarks/<int:bookmark_id>/notes")
def put_notes(bookmark_id):
    """Replace a bookmark's notes with {"notes": "..."}, or clear them with null."""
    bookmark = find_bookmark(bookmark_id)  # 404 first: there is nothing to update
    data = json_body()  # then 415 / 400 for a body that is not a JSON object
    if "notes" not in data:
        abort(400, description='Send {"notes": "..."}, or {"notes": null} to clear.')
    notes = clean_notes(data["notes"])  # checked before anything changes
    bookmark["notes"] = notes
    return success_response(bookmark)
# --8<-- [end:put-notes]


if __name__ == "__main__":
    app.run(debug=True)
