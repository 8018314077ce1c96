"""The entry point of a production server: gunicorn --config gunicorn.conf.py wsgi:application.

FLASK_CONFIG picks the configuration; a server that imports this file runs production unless told otherwise, and
production refuses to start without SECRET_KEY, JWT_SECRET_KEY and DATABASE_URL in the environment.
"""

import logging
import os

from app import create_app

application = create_app(os.environ.get("FLASK_CONFIG", "production"))

gunicorn_errors = logging.getLogger("gunicorn.error")
if gunicorn_errors.handlers:
    # Replace the app's handlers, do not add to them: with Flask's own handler and gunicorn's both attached, every
    # message would be written twice. Outside gunicorn (flask --app wsgi db upgrade) Flask keeps its own handler.
    application.logger.handlers = list(gunicorn_errors.handlers)
    application.logger.setLevel(gunicorn_errors.level)
