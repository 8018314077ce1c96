"""The entry point of a production server: gunicorn --config gunicorn.conf.py wsgi:application.

FLASK_CONFIG picks the configuration; a server that imports this file runs production unless told otherwise, and
production refuses to start without SECRET_KEY, JWT_SECRET_KEY and DATABASE_URL in the environment.
"""

import logging
import os

from app import create_app

application = create_app(os.environ.get("FLASK_CONFIG", "production"))

# TODO: Under gunicorn, give application.logger gunicorn's error-log handlers and level.
pass
