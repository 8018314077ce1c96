"""The worker's entry point: celery -A make_celery worker --pool=solo --loglevel=info

Start it from this folder, with the FLASK_CONFIG and the variables of the web app, so
that the worker reads the same database and the same queue.
"""

import os

from app import create_app

flask_app = create_app(os.environ.get("FLASK_CONFIG", "development"))
# The one Celery app in this module: `celery -A make_celery` finds it by its type.
celery_app = flask_app.extensions["celery"]
