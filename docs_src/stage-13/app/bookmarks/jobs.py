"""Background jobs of the bookmarks API: what a worker runs, outside any request."""

import json
import time
from pathlib import Path

from celery import shared_task
from flask import current_app
from sqlalchemy import func

from ..extensions import db
from ..models import Bookmark, User
from .caching import forget_bookmark_answers


def notices_file() -> Path:
    """Where notices go: NOTICES_FILE, else notices.jsonl in the instance folder."""
    configured = current_app.config["NOTICES_FILE"]
    return Path(configured or Path(current_app.instance_path) / "notices.jsonl")


# --8<-- [start:write-notice]
@shared_task(ignore_result=False)
def write_notice(bookmark_id: int, user_id: int) -> dict:
    """Append a "new bookmark" notice for its author to the notices file."""
    # Ids arrive, as JSON; the rows are read now, from this process's database.
    bookmark = db.session.get(Bookmark, bookmark_id)
    author = db.session.get(User, user_id)
    if bookmark is None or author is None:
        raise LookupError(f"Bookmark {bookmark_id} or user {user_id} is gone.")
    notice = {
        "to": author.email,
        "subject": f"New bookmark: {bookmark.title}",
        "bookmark_id": bookmark.id,
        "url": bookmark.url,
    }
    path = notices_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as notices:
        notices.write(json.dumps(notice) + "\n")
    return notice
# --8<-- [end:write-notice]


# --8<-- [start:check-link]
@shared_task(ignore_result=False)
def check_link(bookmark_id: int) -> dict:
    """Check a bookmark's link (slowly, offline) and stamp it checked."""
    # Stands in for slow work, such as fetching the page; no network here.
    time.sleep(current_app.config["CHECK_DELAY"])
    bookmark = db.session.get(Bookmark, bookmark_id)
    if bookmark is None:
        raise LookupError(f"Bookmark {bookmark_id} was deleted before its check.")
    bookmark.checked_at = func.now()
    db.session.commit()
    # Forgets the answers cached in this process, the worker. A web process with
    # a SimpleCache of its own keeps serving its copy until that copy expires.
    forget_bookmark_answers()
    secure = bookmark.url.startswith("https://")
    return {"bookmark_id": bookmark.id, "https": secure,
            "checked_at": bookmark.checked_at.isoformat()}
# --8<-- [end:check-link]
