"""Start the server with flask --app run run, or python run.py; FLASK_CONFIG picks."""

import os

from app import create_app

app = create_app(os.environ.get("FLASK_CONFIG", "development"))

if __name__ == "__main__":
    app.run()
