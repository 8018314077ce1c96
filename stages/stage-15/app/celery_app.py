"""Celery for the Flask app: its settings, and the Celery app made for each Flask app the factory builds."""

from pathlib import Path

from celery import Celery, Task


def celery_settings(app):
    """Celery's settings for this app: the configured broker and backend, else SQLite files in the instance folder."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    return {
        # No server needed: kombu keeps the queue in a SQLite file, and a worker started from this folder finds it.
        "broker_url": app.config["CELERY_BROKER_URL"] or f"sqla+sqlite:///{instance / 'celery-broker.sqlite'}",
        "result_backend": app.config["CELERY_RESULT_BACKEND"] or f"db+sqlite:///{instance / 'celery-results.sqlite'}",
        # The status route reads results: they must be kept (Celery's default for our jobs is set on each job too).
        "task_ignore_result": False,
        # Report STARTED while a worker runs a job, not only PENDING until it is done.
        "task_track_started": True,
        "task_always_eager": app.config["CELERY_TASK_ALWAYS_EAGER"],
        # Eager jobs keep their results too, and a failing eager job is recorded as FAILURE, as a worker would.
        "task_store_eager_result": True,
        "task_eager_propagates": False,
        "broker_connection_retry_on_startup": True,
    }


def celery_init_app(app):
    """Make the Celery app for this Flask app: every job runs inside its app context; kept in app.extensions."""
    class FlaskTask(Task):
        """A Celery task that runs with the Flask app's context pushed, so db and current_app work inside it."""

        def __call__(self, *args, **kwargs):
            """Run the job inside the Flask app's context."""
            # `app` is the Flask app this function was given; a task's own self.app is the Celery app.
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    # shared_task jobs (below) belong to whichever Celery app is the default: this one, from now on.
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app
