"""/api/bookmarks: anyone may read (answers come from the cache when they can);
writing needs an access token, and forgets every cached answer."""

from flask import Blueprint, abort, current_app, request, url_for
from flask_jwt_extended import get_jwt_identity, verify_jwt_in_request
from kombu.exceptions import OperationalError
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import Bookmark
from ..responses import success_response
from .caching import cached_answer, forget_bookmark_answers
from .jobs import check_link, write_notice
from .schemas import BookmarkSchema

bookmarks_bp = Blueprint("bookmarks", __name__)

# Made once, at import, and shared by every request: a schema keeps no request's data.
bookmark_schema = BookmarkSchema()
bookmarks_schema = BookmarkSchema(many=True)
READING = ("GET", "HEAD", "OPTIONS")


@bookmarks_bp.before_request
def writes_need_a_token():
    """Runs before every view of this blueprint: reading is open, writing is not."""
    if request.method not in READING:
        verify_jwt_in_request()  # raises, and the token handlers answer 401


def find_bookmark(bookmark_id):
    """The bookmark with this id, or a 404 in the error envelope."""
    message = f"No bookmark has the id {bookmark_id}."
    return db.get_or_404(Bookmark, bookmark_id, description=message)


def json_body():
    """The JSON the client sent, whatever its shape (the schema judges); else 415."""
    if not request.is_json:
        abort(415, description="Send JSON, with Content-Type: application/json.")
    return request.get_json()


# --8<-- [start:save]
def save():
    """Commit, then forget the cached answers; if the database refuses, roll back
    and answer 500 (nothing changed, so nothing to forget)."""
    try:
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("A commit failed and was rolled back.")
        abort(500)
    forget_bookmark_answers()
# --8<-- [end:save]


# --8<-- [start:queue-notice]
def queue_notice(bookmark_id, user_id):
    """Queue the "new bookmark" notice; if that fails, log it and carry on."""
    try:
        write_notice.delay(bookmark_id, user_id)
    except Exception:
        # The bookmark is committed. A 500 now would tell the client it was not,
        # and its retry would save it twice. A missing notice is the smaller harm.
        current_app.logger.exception("No notice queued for bookmark %s.", bookmark_id)
# --8<-- [end:queue-notice]


# --8<-- [start:cached-views]
@bookmarks_bp.get("/")
@cached_answer  # below the route: the route registers the cached view
def list_bookmarks():
    """Every bookmark, newest first, or those whose title contains ?q=."""
    query = db.select(Bookmark).order_by(Bookmark.created_at.desc(), Bookmark.id.desc())
    term = request.args.get("q")
    if term is not None:
        if not term.strip():
            abort(400, description="?q= needs something to look for.")
        query = query.where(Bookmark.title.icontains(term.strip()))
    return success_response(bookmarks_schema.dump(db.session.scalars(query).all()))


@bookmarks_bp.get("/<int:bookmark_id>")
@cached_answer
def get_bookmark(bookmark_id):
    """One bookmark."""
    return success_response(bookmark_schema.dump(find_bookmark(bookmark_id)))
# --8<-- [end:cached-views]


@bookmarks_bp.post("/")
def create_bookmark():
    """Store a bookmark from {"url", "title", "notes"?}; answer 201 and its address."""
    # A ValidationError leaves the view here; the app-wide handler answers 422.
    bookmark = Bookmark(**bookmark_schema.load(json_body()))
    db.session.add(bookmark)
    save()
    # --8<-- [start:queue-after-commit]
    # After the commit: only now does the row exist, for a worker to read.
    queue_notice(bookmark.id, int(get_jwt_identity()))
    # --8<-- [end:queue-after-commit]
    where = url_for("bookmarks.get_bookmark", bookmark_id=bookmark.id, _external=True)
    return success_response(bookmark_schema.dump(bookmark), 201, {"Location": where})


@bookmarks_bp.put("/<int:bookmark_id>")
def replace_bookmark(bookmark_id):
    """Replace a bookmark: url and title required; notes left out become null."""
    bookmark = find_bookmark(bookmark_id)
    for key, value in bookmark_schema.load(json_body()).items():
        setattr(bookmark, key, value)
    save()
    return success_response(bookmark_schema.dump(bookmark))


@bookmarks_bp.patch("/<int:bookmark_id>")
def update_bookmark(bookmark_id):
    """Change only the fields the body names; naming none of them is a 400."""
    bookmark = find_bookmark(bookmark_id)
    changes = bookmark_schema.load(json_body(), partial=True)
    if not changes:
        # No field is wrong: there is no field. The request as a whole is incomplete.
        abort(400, description="Send at least one of url, title and notes.")
    for key, value in changes.items():
        setattr(bookmark, key, value)
    save()
    return success_response(bookmark_schema.dump(bookmark))


@bookmarks_bp.delete("/<int:bookmark_id>")
def delete_bookmark(bookmark_id):
    """Forget a bookmark: 204 and an empty body."""
    db.session.delete(find_bookmark(bookmark_id))
    save()
    return "", 204


# --8<-- [start:check-route]
@bookmarks_bp.post("/<int:bookmark_id>/check")
def check_bookmark(bookmark_id):
    """Queue a check of the link; answer 202 at once, with where to follow it."""
    find_bookmark(bookmark_id)  # a 404 now, rather than a job that fails later
    try:
        job = check_link.delay(bookmark_id)
    except OperationalError:
        # Nothing was saved: the honest answer is that the check cannot start.
        current_app.logger.exception("The broker refused the check job.")
        abort(503, description="Checks cannot be queued right now; try later.")
    follow = url_for("jobs.job_state", job_id=job.id, _external=True)
    body = {"job_id": job.id, "status_url": follow}
    return success_response(body, 202, {"Location": follow})
# --8<-- [end:check-route]
