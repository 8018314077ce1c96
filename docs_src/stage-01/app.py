"""Worked example for stage 01: the first few routes of a bookmarks API."""

# --8<-- [start:create-app]
from flask import Flask, jsonify

app = Flask(__name__)
# --8<-- [end:create-app]


# --8<-- [start:index]
@app.get("/")
def index():
    """Say what this is, in plain text, to whoever opens the root URL."""
    return "Bookmarks API. Ask /api/about for the same in JSON."
# --8<-- [end:index]


# --8<-- [start:about]
@app.get("/api/about")
def about():
    """Describe the API. A returned dict goes out as JSON."""
    return {
        "name": "Bookmarks API",
        "version": "0.1",
        "routes": ["/api/about", "/api/tags/<tag>"],
    }
# --8<-- [end:about]


# --8<-- [start:tag]
@app.get("/api/tags/<tag>")
def show_tag(tag):
    """Answer about the tag named in the URL; Flask has already decoded it."""
    return jsonify(tag=tag, length=len(tag), message=f"Nothing is tagged {tag} yet.")
# --8<-- [end:tag]


# --8<-- [start:run]
if __name__ == "__main__":
    app.run(debug=True)
# --8<-- [end:run]
