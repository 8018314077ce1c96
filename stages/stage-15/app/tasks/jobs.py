"""The background jobs of the task API (Celery calls them tasks): what a worker runs, outside any request."""

import json
import time
from datetime import datetime, timezone
from pathlib import Path

from celery import shared_task
from flask import current_app

from ..extensions import db
from ..models import Task, User
from .caching import forget_cached_tasks


def outbox_path():
    """The JSON-lines file the confirmation messages are written to (instead of sending mail)."""
    return Path(current_app.config.get("OUTBOX_PATH") or Path(current_app.instance_path) / "outbox.jsonl")


@shared_task(ignore_result=False)
def send_confirmation(task_id, user_id):
    """Write the "task created" message for a user to the outbox; answer what was written."""
    # Ids, not rows: the arguments travel through the broker as JSON, and the row is read again here, now.
    task = db.session.get(Task, task_id)
    user = db.session.get(User, user_id)
    if task is None or user is None:
        raise LookupError(f"Task {task_id} or user {user_id} no longer exists; nothing to confirm.")
    message = {"to": user.email, "subject": f"Task created: {task.title}",
               "body": f"Your task {task.title!r} (id {task.id}) was saved.", "task_id": task.id,
               "sent_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    path = outbox_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as outbox:
        outbox.write(json.dumps(message) + "\n")
    return message


@shared_task(ignore_result=False)
def process_task(task_id):
    """The slow work on one task (simulated by a configurable delay): mark it completed; answer what changed."""
    time.sleep(current_app.config["JOB_DELAY_SECONDS"])
    task = db.session.get(Task, task_id)
    if task is None:
        raise LookupError(f"Task {task_id} no longer exists.")
    task.status = "completed"
    db.session.commit()
    # This process's cache only: a web process with its own SimpleCache keeps its copy until it expires.
    forget_cached_tasks()
    return {"task_id": task.id, "status": task.status}
