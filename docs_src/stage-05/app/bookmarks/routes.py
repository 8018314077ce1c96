"""The bookmark routes, on a blueprint that the factory mounts at /api/bookmarks."""

from flask import Blueprint, abort, current_app, request, url_for
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import Bookmark
from ..responses import success_response
from .validation import FIELDS, bookmark_fields, json_body

# --8<-- [start:blueprint]
bookmarks_bp = Blueprint("bookmarks", __name__)
# --8<-- [end:blueprint]


def find_bookmark(bookmark_id):
    """The bookmark with this id, or a 404 in the error envelope."""
    message = f"No bookmark has the id {bookmark_id}."
    return db.get_or_404(Bookmark, bookmark_id, description=message)


# --8<-- [start:save]
def save():
    """Commit; if the database refuses, roll the session back and answer 500."""
    try:
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        # No module-level app any more: current_app is the one serving this request.
        current_app.logger.exception("A commit failed and was rolled back.")
        abort(500)
# --8<-- [end:save]


# --8<-- [start:list]
@bookmarks_bp.get("/")
def list_bookmarks():
    """Every bookmark, newest first, or those whose title contains ?q=."""
    query = db.select(Bookmark).order_by(Bookmark.created_at.desc(), Bookmark.id.desc())
    term = request.args.get("q")
    if term is not None:
        if not term.strip():
            abort(400, description="?q= needs something to look for.")
        query = query.where(Bookmark.title.icontains(term.strip()))
    return success_response([b.to_dict() for b in db.session.scalars(query)])
# --8<-- [end:list]


@bookmarks_bp.get("/<int:bookmark_id>")
def get_bookmark(bookmark_id):
    """One bookmark."""
    return success_response(find_bookmark(bookmark_id).to_dict())


# --8<-- [start:create]
@bookmarks_bp.post("/")
def create_bookmark():
    """Store a bookmark from {"url", "title", "notes"?}; answer 201 and its address."""
    bookmark = Bookmark(**bookmark_fields(json_body(), required=("url", "title")))
    db.session.add(bookmark)
    save()
    # In a blueprint, an endpoint's name starts with the blueprint's: "bookmarks.".
    where = url_for("bookmarks.get_bookmark", bookmark_id=bookmark.id, _external=True)
    return success_response(bookmark.to_dict(), 201, {"Location": where})
# --8<-- [end:create]


@bookmarks_bp.put("/<int:bookmark_id>")
def replace_bookmark(bookmark_id):
    """Replace a bookmark: url and title required; notes left out become null."""
    bookmark = find_bookmark(bookmark_id)
    fields = bookmark_fields(json_body(), required=("url", "title"))
    bookmark.url, bookmark.title = fields["url"], fields["title"]
    bookmark.notes = fields.get("notes")
    save()
    return success_response(bookmark.to_dict())


@bookmarks_bp.patch("/<int:bookmark_id>")
def update_bookmark(bookmark_id):
    """Change only the fields the body names; naming none of them is a 400."""
    bookmark = find_bookmark(bookmark_id)
    changes = bookmark_fields(json_body())
    if not changes:
        abort(400, description=f"Send at least one of {', '.join(FIELDS)}.")
    for key, value in changes.items():
        setattr(bookmark, key, value)
    save()
    return success_response(bookmark.to_dict())


@bookmarks_bp.delete("/<int:bookmark_id>")
def delete_bookmark(bookmark_id):
    """Forget a bookmark: 204 and an empty body."""
    db.session.delete(find_bookmark(bookmark_id))
    save()
    return "", 204
