"""Stage 01 · Hello API: a first Flask app that answers in text and in JSON."""

# --8<-- [start:create-app]
from flask import Flask, jsonify

app = Flask(__name__)
# --8<-- [end:create-app]


# --8<-- [start:index]
@app.get("/")
def index():
    """Greet whoever opens the root URL, in plain text."""
    return "Hello from the course API! Try /api/hello for JSON."
# --8<-- [end:index]


# --8<-- [start:hello]
@app.get("/api/hello")
def hello():
    """Answer with a small JSON document."""
    # --8<-- [start:todo-hello] Return JSON with "message" (any text), "version": "1.0" and "status": "success".
    return jsonify(message="Hello, API world!", version="1.0", status="success")
    # --8<-- [end:todo-hello]
# --8<-- [end:hello]


# --8<-- [start:welcome]
@app.get("/api/welcome")
def welcome():
    """Describe the API: a welcome message and the endpoints it offers."""
    # --8<-- [start:todo-welcome] Return JSON with "message" and "endpoints_available" (a list of the two paths).
    return jsonify(
        message="Welcome to the course's first API!",
        endpoints_available=["/api/welcome", "/api/greet/<name>"],
    )
    # --8<-- [end:todo-welcome]
# --8<-- [end:welcome]


# --8<-- [start:greet]
@app.get("/api/greet/<name>")
def greet(name):
    """Greet someone by the name given in the URL."""
    # --8<-- [start:todo-greet] Return JSON {"greeting": "Hello, <name>! Nice to meet you."} using the URL's name.
    return jsonify(greeting=f"Hello, {name}! Nice to meet you.")
    # --8<-- [end:todo-greet]
# --8<-- [end:greet]


# --8<-- [start:run]
if __name__ == "__main__":
    app.run(debug=True)
# --8<-- [end:run]
