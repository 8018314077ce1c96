"""The worker's entry point: celery -A make_celery worker --pool=solo --loglevel=info (from this folder).

FLASK_CONFIG picks the configuration, as for run.py, so the worker and the web app share one database and broker.
"""

import os

from app import create_app

flask_app = create_app(os.environ.get("FLASK_CONFIG", "development"))
celery_app = flask_app.extensions.get("celery")
if celery_app is None:
    raise SystemExit("create_app() made no Celery app: write celery_init_app() in app/celery_app.py first.")
