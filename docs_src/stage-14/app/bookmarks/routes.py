"""/api/bookmarks: anyone may read; writing needs an access token."""

from apiflask import APIBlueprint
from flask import abort, current_app, request, url_for
from flask_jwt_extended import verify_jwt_in_request
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import Bookmark
from .schemas import BookmarkSchema, SearchArgs

# --8<-- [start:blueprint]
# An APIBlueprint: its routes, their schemas and answers go into the document,
# grouped under the tag "Bookmarks". A plain Blueprint's routes would be left out.
bookmarks_bp = APIBlueprint("bookmarks", __name__, tag="Bookmarks")
# --8<-- [end:blueprint]

READING = ("GET", "HEAD", "OPTIONS")
WITH_BODY = ("POST", "PUT", "PATCH")
# For the document: what a write may answer besides its success.
NEEDS_TOKEN = {401: "No valid access token"}
NOT_JSON = {415: "The body is not JSON"}


# --8<-- [start:before-input]
@bookmarks_bp.before_request
def writes_need_a_token_and_json():
    """Runs before every view of this blueprint, so before @input reads a body."""
    if request.method in READING:
        return
    verify_jwt_in_request()  # raises, and the token handlers answer 401
    # @input would read a form body as "no fields at all" and answer 422 about
    # missing fields; the client's real mistake is the format: 415.
    if request.method in WITH_BODY and not request.is_json:
        abort(415, description="Send JSON, with Content-Type: application/json.")
# --8<-- [end:before-input]


# --8<-- [start:largest-id]
# SQLite's integers (and PostgreSQL's bigint) end at 2**63 - 1. A larger id in the
# URL made the driver raise, a 500; no bookmark can have it (the fuzzer found it).
LARGEST_ID = 2**63 - 1


def find_bookmark(bookmark_id):
    """The bookmark with this id, or a 404 in the error envelope."""
    message = f"No bookmark has the id {bookmark_id}."
    if bookmark_id > LARGEST_ID:
        abort(404, description=message)
    return db.get_or_404(Bookmark, bookmark_id, description=message)
# --8<-- [end:largest-id]


def save():
    """Commit; if the database refuses, roll the session back and answer 500."""
    try:
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("A commit failed and was rolled back.")
        abort(500)


# --8<-- [start:list]
@bookmarks_bp.get("/")
@bookmarks_bp.input(SearchArgs, location="query", arg_name="search")
@bookmarks_bp.output(BookmarkSchema(many=True))
@bookmarks_bp.doc(summary="List bookmarks", responses={400: "?q= is blank"})
def list_bookmarks(search):
    """Every bookmark, newest first, or those whose title contains ?q=."""
    query = db.select(Bookmark).order_by(Bookmark.created_at.desc(), Bookmark.id.desc())
    term = search.get("q")
    if term is not None:
        if not term.strip():
            abort(400, description="?q= needs something to look for.")
        query = query.where(Bookmark.title.icontains(term.strip()))
    return {"status": "success", "data": db.session.scalars(query).all()}
# --8<-- [end:list]


@bookmarks_bp.get("/<int:bookmark_id>")
@bookmarks_bp.output(BookmarkSchema)
@bookmarks_bp.doc(summary="Show one bookmark")
def get_bookmark(bookmark_id):
    """One bookmark."""
    return {"status": "success", "data": find_bookmark(bookmark_id)}


# --8<-- [start:create]
@bookmarks_bp.post("/")
@bookmarks_bp.input(BookmarkSchema)
@bookmarks_bp.output(BookmarkSchema, status_code=201, description="Saved")
@bookmarks_bp.doc(
    summary="Save a bookmark",
    security="AccessToken",
    responses={**NEEDS_TOKEN, **NOT_JSON},
)
def create_bookmark(json_data):
    """Store a bookmark from {"url", "title", "notes"?}; answer 201 and its address."""
    # json_data is what BookmarkSchema loaded: checked, trimmed, a plain dict.
    bookmark = Bookmark(**json_data)
    db.session.add(bookmark)
    save()
    where = url_for("bookmarks.get_bookmark", bookmark_id=bookmark.id, _external=True)
    # The object, not jsonify(...): @output dumps it, inside the envelope.
    return {"status": "success", "data": bookmark}, 201, {"Location": where}
# --8<-- [end:create]


@bookmarks_bp.put("/<int:bookmark_id>")
@bookmarks_bp.input(BookmarkSchema)
@bookmarks_bp.output(BookmarkSchema)
@bookmarks_bp.doc(
    summary="Replace a bookmark",
    security="AccessToken",
    responses={**NEEDS_TOKEN, **NOT_JSON},
)
def replace_bookmark(bookmark_id, json_data):
    """Replace a bookmark: url and title required; notes left out become null."""
    bookmark = find_bookmark(bookmark_id)
    for key, value in json_data.items():
        setattr(bookmark, key, value)
    save()
    return {"status": "success", "data": bookmark}


@bookmarks_bp.patch("/<int:bookmark_id>")
@bookmarks_bp.input(BookmarkSchema(partial=True))
@bookmarks_bp.output(BookmarkSchema)
@bookmarks_bp.doc(
    summary="Change some fields of a bookmark",
    security="AccessToken",
    responses={400: "The body names no field", **NEEDS_TOKEN, **NOT_JSON},
)
def update_bookmark(bookmark_id, json_data):
    """Change only the fields the body names; naming none of them is a 400."""
    bookmark = find_bookmark(bookmark_id)
    if not json_data:
        # No field is wrong: there is no field. The request as a whole is incomplete.
        abort(400, description="Send at least one of url, title and notes.")
    for key, value in json_data.items():
        setattr(bookmark, key, value)
    save()
    return {"status": "success", "data": bookmark}


# --8<-- [start:delete]
@bookmarks_bp.delete("/<int:bookmark_id>")
@bookmarks_bp.doc(
    summary="Forget a bookmark",
    security="AccessToken",
    responses={204: "Forgotten; no body", **NEEDS_TOKEN},
)
def delete_bookmark(bookmark_id):
    """Forget a bookmark: 204 and an empty body."""
    db.session.delete(find_bookmark(bookmark_id))
    save()
    return "", 204
# --8<-- [end:delete]
