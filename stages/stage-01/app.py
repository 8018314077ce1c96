"""Stage 01 · Hello API: a first Flask app that answers in text and in JSON."""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/")
def index():
    """Greet whoever opens the root URL, in plain text."""
    return "Hello from the course API! Try /api/hello for JSON."


@app.get("/api/hello")
def hello():
    """Answer with a small JSON document."""
    # TODO: Return JSON with "message" (any text), "version": "1.0" and "status": "success".
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


@app.get("/api/welcome")
def welcome():
    """Describe the API: a welcome message and the endpoints it offers."""
    # TODO: Return JSON with "message" and "endpoints_available" (a list of the two paths).
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


@app.get("/api/greet/<name>")
def greet(name):
    """Greet someone by the name given in the URL."""
    # TODO: Return JSON {"greeting": "Hello, <name>! Nice to meet you."} using the URL's name.
    return {"error": "Not implemented yet: see the TODO in app.py."}, 501


if __name__ == "__main__":
    app.run(debug=True)
