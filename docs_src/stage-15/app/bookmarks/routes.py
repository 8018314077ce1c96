"""/api/bookmarks: each account keeps its own bookmarks; every route needs a token."""

from apiflask import APIBlueprint
from flask import abort, current_app, request, url_for
from flask_jwt_extended import get_jwt, get_jwt_identity, verify_jwt_in_request
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import ADMIN, Bookmark
from .schemas import BookmarkSchema, SearchArgs

# --8<-- [start:blueprint]
# An APIBlueprint: its routes, their schemas and answers go into the document,
# grouped under the tag "Bookmarks". A plain Blueprint's routes would be left out.
bookmarks_bp = APIBlueprint("bookmarks", __name__, tag="Bookmarks")
# --8<-- [end:blueprint]

WITH_BODY = ("POST", "PUT", "PATCH")
# For the document: what a write may answer besides its success.
NEEDS_TOKEN = {401: "No valid access token"}
NOT_JSON = {415: "The body is not JSON"}
NOT_YOURS = {403: "An admin editing someone else's bookmark",
             404: "No such bookmark, or not yours"}


# --8<-- [start:before-input]
@bookmarks_bp.before_request
def a_token_then_json():
    """Runs before every view of this blueprint, so before @input reads a body."""
    # Reading needs a token too now: a list without one would have no owner to
    # show bookmarks of.
    verify_jwt_in_request()  # raises, and the token handlers answer 401
    # @input would read a form body as "no fields at all" and answer 422 about
    # missing fields; the client's real mistake is the format: 415.
    if request.method in WITH_BODY and not request.is_json:
        abort(415, description="Send JSON, with Content-Type: application/json.")
# --8<-- [end:before-input]


# --8<-- [start:caller]
def caller_id():
    """The account id of the token, as the integer the bookmarks table holds."""
    # "sub" is a string ("7"): compared with user_id (7) it is never equal, and
    # every owner would be locked out of their own bookmarks.
    return int(get_jwt_identity())


def caller_is_admin():
    """Whether the token's role claim says admin."""
    return get_jwt().get("role") == ADMIN
# --8<-- [end:caller]


# SQLite's integers (and PostgreSQL's bigint) end at 2**63 - 1. A larger id in the
# URL made the driver raise, a 500; no bookmark can have it (the fuzzer found it).
LARGEST_ID = 2**63 - 1


def stored(bookmark_id):
    """The row with this id, or None, whoever owns it."""
    if bookmark_id > LARGEST_ID:
        return None
    return db.session.get(Bookmark, bookmark_id)


# --8<-- [start:find]
def find_bookmark(bookmark_id, *, to_edit=False):
    """The bookmark with this id if the caller may see it, else the 404 of a
    missing one; with to_edit, a 403 for an admin editing someone else's."""
    bookmark = stored(bookmark_id)
    mine = bookmark is not None and bookmark.user_id == caller_id()
    if not mine and not (bookmark is not None and caller_is_admin()):
        # Word for word the answer for an id nobody has: a 403 would tell a
        # stranger that bookmark 12 exists, and ids are easy to count through.
        abort(404, description=f"No bookmark has the id {bookmark_id}.")
    if to_edit and not mine:
        # An admin can see it anyway, so a 404 would hide nothing: say why.
        abort(403, description="Admins may read and delete others' bookmarks, "
                               "not edit them.")
    return bookmark
# --8<-- [end:find]


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
@bookmarks_bp.doc(
    summary="List your bookmarks",
    security="AccessToken",
    responses={400: "?q= is blank", **NEEDS_TOKEN},
)
def list_bookmarks(search):
    """Your bookmarks (an admin: everyone's), newest first; ?q= searches titles."""
    query = db.select(Bookmark).order_by(Bookmark.created_at.desc(), Bookmark.id.desc())
    if not caller_is_admin():
        query = query.filter_by(user_id=caller_id())
    term = search.get("q")
    if term is not None:
        if not term.strip():
            abort(400, description="?q= needs something to look for.")
        query = query.where(Bookmark.title.icontains(term.strip()))
    return {"status": "success", "data": db.session.scalars(query).all()}
# --8<-- [end:list]


@bookmarks_bp.get("/<int:bookmark_id>")
@bookmarks_bp.output(BookmarkSchema)
@bookmarks_bp.doc(
    summary="Show one of your bookmarks",
    security="AccessToken",
    responses={404: "No such bookmark, or not yours", **NEEDS_TOKEN},
)
def get_bookmark(bookmark_id):
    """One bookmark of yours (an admin: anyone's)."""
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
    # json_data is what BookmarkSchema loaded: checked, trimmed, a plain dict. It
    # has no user_id (the schema has no such field): the owner is the token's.
    bookmark = Bookmark(user_id=caller_id(), **json_data)
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
    summary="Replace one of your bookmarks",
    security="AccessToken",
    responses={**NEEDS_TOKEN, **NOT_YOURS, **NOT_JSON},
)
def replace_bookmark(bookmark_id, json_data):
    """Replace a bookmark: url and title required; notes left out become null."""
    bookmark = find_bookmark(bookmark_id, to_edit=True)
    for key, value in json_data.items():
        setattr(bookmark, key, value)
    save()
    return {"status": "success", "data": bookmark}


@bookmarks_bp.patch("/<int:bookmark_id>")
@bookmarks_bp.input(BookmarkSchema(partial=True))
@bookmarks_bp.output(BookmarkSchema)
@bookmarks_bp.doc(
    summary="Change some fields of one of your bookmarks",
    security="AccessToken",
    responses={400: "The body names no field", **NEEDS_TOKEN, **NOT_YOURS,
               **NOT_JSON},
)
def update_bookmark(bookmark_id, json_data):
    """Change only the fields the body names; naming none of them is a 400."""
    bookmark = find_bookmark(bookmark_id, to_edit=True)
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
    responses={204: "Forgotten; no body", 404: "No such bookmark, or not yours",
               **NEEDS_TOKEN},
)
def delete_bookmark(bookmark_id):
    """Forget one of your bookmarks (an admin: anyone's); 204 and no body."""
    db.session.delete(find_bookmark(bookmark_id))
    save()
    return "", 204
# --8<-- [end:delete]
