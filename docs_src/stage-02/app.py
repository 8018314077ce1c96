"""Worked example for stage 02: an in-memory bookmarks API that reads the URL, the query
string, a JSON body and the headers, and answers a client's mistakes in JSON."""

# --8<-- [start:setup]
from itertools import count

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

# Kept in memory: every start of the process begins with these three bookmarks again.
bookmarks = [
    {
        "id": 1,
        "url": "https://flask.palletsprojects.com/",
        "title": "Flask documentation",
        "notes": "Start with the quickstart.",
    },
    {
        "id": 2,
        "url": "https://www.rfc-editor.org/rfc/rfc9110",
        "title": "HTTP Semantics (RFC 9110)",
        "notes": None,
    },
    {
        "id": 3,
        "url": "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status",
        "title": "HTTP status codes on MDN",
        "notes": "A page per status code.",
    },
]
# The server hands out ids, one after the other; a client never picks one.
bookmark_ids = count(start=4)
# --8<-- [end:setup]


# --8<-- [start:errors]
@app.errorhandler(400)
@app.errorhandler(404)
@app.errorhandler(415)
def client_error(error):
    """Send a client error as a JSON object instead of Flask's HTML page."""
    return {"error": error.description}, error.code
# --8<-- [end:errors]


# --8<-- [start:list]
@app.get("/api/bookmarks")
def list_bookmarks():
    """List the bookmarks: ?q= keeps titles that contain it, ?limit= caps the list."""
    found = bookmarks
    words = request.args.get("q")
    if words:
        found = [item for item in found if words.lower() in item["title"].lower()]
    limit = request.args.get("limit", default=10, type=int)
    return jsonify(found[: max(limit, 0)])
# --8<-- [end:list]


# --8<-- [start:get]
@app.get("/api/bookmarks/<int:bookmark_id>")
def get_bookmark(bookmark_id):
    """Answer one bookmark, or 404 when no bookmark has that id."""
    for bookmark in bookmarks:
        if bookmark["id"] == bookmark_id:
            return bookmark
    abort(404, description=f"No bookmark has the id {bookmark_id}.")
# --8<-- [end:get]


# --8<-- [start:check]
@app.get("/api/bookmarks/check")
def check_url():
    """Say whether a URL is bookmarked already; ?url= is required."""
    url = request.args.get("url")
    if not url:
        abort(400, description="Name the URL to check: /api/bookmarks/check?url=...")
    ids = [bookmark["id"] for bookmark in bookmarks if bookmark["url"] == url]
    return {"url": url, "bookmarked": bool(ids), "ids": ids}
# --8<-- [end:check]


# --8<-- [start:create-read]
@app.post("/api/bookmarks")
def create_bookmark():
    """Store a bookmark sent as a JSON object with "url", "title" and maybe "notes"."""
    if not request.is_json:
        abort(415, description="Send JSON, with Content-Type: application/json.")
    # A body that is not valid JSON makes get_json() raise a 400 by itself.
    payload = request.get_json()
    # --8<-- [end:create-read]
    # --8<-- [start:create-validate]
    if not isinstance(payload, dict):
        abort(400, description="The body must be a JSON object.")
    url = payload.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        abort(400, description='"url" must start with http:// or https://.')
    title = payload.get("title")
    if not isinstance(title, str) or not 1 <= len(title.strip()) <= 100:
        abort(400, description='"title" must be a string of 1 to 100 characters.')
    notes = payload.get("notes")
    if notes is not None and not isinstance(notes, str):
        abort(400, description='"notes" must be a string, or null.')
    # --8<-- [end:create-validate]
    # --8<-- [start:create-store]
    bookmark = {
        "id": next(bookmark_ids),
        "url": url,
        "title": title.strip(),
        "notes": notes,
    }
    bookmarks.append(bookmark)
    return bookmark, 201
    # --8<-- [end:create-store]


# --8<-- [start:headers]
@app.get("/api/client")
def client_info():
    """Tell the client what it sent: two headers by name, then its own X- headers."""
    sent = dict(request.headers)  # every header, copied into a plain dict
    extras = {name: value for name, value in sent.items() if name.startswith("X-")}
    return {
        "agent": request.headers.get("User-Agent"),
        "language": request.headers.get("accept-language", "not sent"),
        "extras": extras,
    }
# --8<-- [end:headers]


# --8<-- [start:run]
if __name__ == "__main__":
    app.run(debug=True)
# --8<-- [end:run]
