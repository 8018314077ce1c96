"""Start the development server: python run.py, or flask --app run run. FLASK_CONFIG picks the configuration."""

import os

from app import create_app

app = create_app(os.environ.get("FLASK_CONFIG", "development"))

if __name__ == "__main__":
    app.run()
