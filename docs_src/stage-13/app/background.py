"""Celery for the bookmarks app: one Celery app per Flask app, its jobs in context."""

from pathlib import Path

from celery import Celery, Task


# --8<-- [start:local-stores]
def with_local_stores(settings: dict, instance: Path) -> dict:
    """The settings, with SQLite files in `instance` where no server is named."""
    instance.mkdir(parents=True, exist_ok=True)
    queue_file = instance / "broker.sqlite"
    results_file = instance / "results.sqlite"
    return settings | {
        "broker_url": settings["broker_url"] or f"sqla+sqlite:///{queue_file}",
        "result_backend": settings["result_backend"] or f"db+sqlite:///{results_file}",
    }
# --8<-- [end:local-stores]


# --8<-- [start:celery-init-app]
def celery_init_app(app):
    """Make this Flask app's Celery app, run each job in the app's context, keep it."""

    class AppContextTask(Task):
        """A job that runs with `app`'s context pushed: db and current_app work."""

        def __call__(self, *job_args, **job_kwargs):
            # `app` is the Flask app of the enclosing function. Inside a task,
            # self.app is the Celery app, which has no app_context() at all.
            with app.app_context():
                return self.run(*job_args, **job_kwargs)

    celery = Celery(app.name, task_cls=AppContextTask)
    settings = with_local_stores(app.config["CELERY"], Path(app.instance_path))
    celery.config_from_object(settings)
    # @shared_task jobs use the default Celery app when they are queued: this one.
    celery.set_default()
    app.extensions["celery"] = celery
    return celery
# --8<-- [end:celery-init-app]
