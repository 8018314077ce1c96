"""Bookmarks API, stage 04: the bookmarks live in a database, with Flask-SQLAlchemy."""

import os
from datetime import datetime
from urllib.parse import urlsplit

import click
from flask import Flask, abort, jsonify, request, url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, Text, func
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.exceptions import HTTPException, InternalServerError

# --8<-- [start:config]
app = Flask(__name__)


def database_url():
    """DATABASE_URL when the environment sets it; else a file in the instance folder."""
    from_environment = os.environ.get("DATABASE_URL")
    if from_environment:
        return from_environment
    # The default is the only case that needs the folder, so only it creates one.
    os.makedirs(app.instance_path, exist_ok=True)
    path = os.path.join(app.instance_path, "bookmarks.db")
    return f"sqlite:///{path}"


# Flask-SQLAlchemy reads the URL when it is set up, so the URL comes first.
app.config["SQLALCHEMY_DATABASE_URI"] = database_url()
db = SQLAlchemy(app)
# --8<-- [end:config]

# --8<-- [start:model]
URL_MAX = 2000
TITLE_MAX = 100


class Bookmark(db.Model):
    """One saved link: a row of the bookmarks table."""

    __tablename__ = "bookmarks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(URL_MAX))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    notes: Mapped[str | None] = mapped_column(Text)
    # --8<-- [start:timestamps]
    # The database sets both on insert, and updated_at again on every UPDATE.
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), index=True)
    updated_at: Mapped[datetime] = mapped_column(
        server_default=func.now(), onupdate=func.now()
    )
    # --8<-- [end:timestamps]
# --8<-- [end:model]

    # --8<-- [start:to-dict]
    def to_dict(self):
        """The bookmark as JSON-ready data; timestamps as ISO 8601 strings."""
        data = {"id": self.id, "url": self.url,
                "title": self.title, "notes": self.notes}
        data["created_at"] = self.created_at.isoformat()
        data["updated_at"] = self.updated_at.isoformat()
        return data
    # --8<-- [end:to-dict]


# --8<-- [start:create-tables]
# Creates the tables that do not exist yet; it never changes one that does.
with app.app_context():
    db.create_all()
# --8<-- [end:create-tables]


# --8<-- [start:envelopes]
def success_response(data, status=200, headers=None):
    """Wrap data in the success envelope; status and headers pass straight through."""
    body = {"status": "success", "data": data}
    return jsonify(body), status, headers


def error_response(message, status, headers=None):
    """Wrap a sentence for humans in the error envelope."""
    body = {"status": "error", "error": {"message": message}}
    return jsonify(body), status, headers


@app.errorhandler(HTTPException)
def handle_http_error(exc):
    """Every HTTP error, raised by Flask or by abort(), as an error envelope."""
    kept = [(name, value) for name, value in exc.get_headers()
            if name.lower() != "content-type"]
    return error_response(exc.description, exc.code, kept)


@app.errorhandler(InternalServerError)
def handle_server_error(exc):
    """An exception nobody caught: Flask has logged it; the client gets no details."""
    return error_response("The server could not finish this request.", 500)
# --8<-- [end:envelopes]


# --8<-- [start:validation]
def json_body():
    """The JSON object the client sent: 415 if it is not JSON, 400 if not an object."""
    if not request.is_json:
        abort(415, description="Send JSON, with Content-Type: application/json.")
    body = request.get_json()
    if not isinstance(body, dict):
        abort(400, description="The body must be a JSON object.")
    return body


def clean_url(value):
    """An http or https URL with a host; anything else is a 400."""
    parts = urlsplit(value.strip()) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        abort(400, description='"url" must be an http:// or https:// address.')
    if len(value.strip()) > URL_MAX:
        abort(400, description=f'"url" can have at most {URL_MAX} characters.')
    return value.strip()


def clean_title(value):
    """The title without surrounding spaces, 1 to TITLE_MAX characters."""
    title = value.strip() if isinstance(value, str) else ""
    if not 1 <= len(title) <= TITLE_MAX:
        abort(400, description=f'"title" must be text of 1 to {TITLE_MAX} characters.')
    return title


def clean_notes(value):
    """Notes are optional: a string, or null for none."""
    if value is not None and not isinstance(value, str):
        abort(400, description='"notes" must be a string or null.')
    return value


CLEANERS = {"url": clean_url, "title": clean_title, "notes": clean_notes}
FIELDS = tuple(CLEANERS)


def bookmark_fields(data, required=()):
    """The bookmark fields found in data, cleaned; 400 if a required one is absent."""
    absent = [field for field in required if field not in data]
    if absent:
        abort(400, description=f"Missing: {', '.join(absent)}.")
    return {field: clean(data[field]) for field, clean in CLEANERS.items()
            if field in data}
# --8<-- [end:validation]


# --8<-- [start:save]
def save():
    """Commit; if the database refuses, roll the session back and answer 500."""
    try:
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        # The details go to the server's log, never to the client.
        app.logger.exception("A commit failed and was rolled back.")
        abort(500)
# --8<-- [end:save]


# --8<-- [start:find]
def find_bookmark(bookmark_id):
    """The bookmark with this id, or a 404 in the error envelope."""
    message = f"No bookmark has the id {bookmark_id}."
    return db.get_or_404(Bookmark, bookmark_id, description=message)
# --8<-- [end:find]


# --8<-- [start:list]
@app.get("/api/bookmarks")
def list_bookmarks():
    """Every bookmark, newest first, or those whose title contains ?q=."""
    newest_first = (Bookmark.created_at.desc(), Bookmark.id.desc())
    query = db.select(Bookmark).order_by(*newest_first)
    term = request.args.get("q")
    if term is not None:
        if not term.strip():
            abort(400, description="?q= needs something to look for.")
        query = query.where(Bookmark.title.icontains(term.strip()))
    return success_response([b.to_dict() for b in db.session.scalars(query)])
# --8<-- [end:list]


# --8<-- [start:get]
@app.get("/api/bookmarks/<int:bookmark_id>")
def get_bookmark(bookmark_id):
    """One bookmark."""
    return success_response(find_bookmark(bookmark_id).to_dict())
# --8<-- [end:get]


# --8<-- [start:create]
@app.post("/api/bookmarks")
def create_bookmark():
    """Store a bookmark from {"url", "title", "notes"?}; answer 201 and its address."""
    bookmark = Bookmark(**bookmark_fields(json_body(), required=("url", "title")))
    db.session.add(bookmark)
    save()
    # The database gave the bookmark its id during the commit; now it can be linked.
    where = url_for("get_bookmark", bookmark_id=bookmark.id, _external=True)
    return success_response(bookmark.to_dict(), 201, {"Location": where})
# --8<-- [end:create]


# --8<-- [start:replace]
@app.put("/api/bookmarks/<int:bookmark_id>")
def replace_bookmark(bookmark_id):
    """Replace a bookmark: url and title required; notes left out become null."""
    bookmark = find_bookmark(bookmark_id)
    fields = bookmark_fields(json_body(), required=("url", "title"))
    bookmark.url, bookmark.title = fields["url"], fields["title"]
    bookmark.notes = fields.get("notes")
    save()
    return success_response(bookmark.to_dict())
# --8<-- [end:replace]


# --8<-- [start:update]
@app.patch("/api/bookmarks/<int:bookmark_id>")
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
# --8<-- [end:update]


# --8<-- [start:delete]
@app.delete("/api/bookmarks/<int:bookmark_id>")
def delete_bookmark(bookmark_id):
    """Forget a bookmark: 204 and an empty body."""
    db.session.delete(find_bookmark(bookmark_id))
    save()
    return "", 204
# --8<-- [end:delete]


# --8<-- [start:seed]
STARTER_BOOKMARKS = [
    {"url": "https://flask.palletsprojects.com/", "title": "Flask documentation",
     "notes": "Start with the quickstart."},
    {"url": "https://www.rfc-editor.org/rfc/rfc9110",
     "title": "HTTP Semantics (RFC 9110)", "notes": None},
    {"url": "https://docs.sqlalchemy.org/", "title": "SQLAlchemy documentation",
     "notes": "The ORM quick start is the one to read."},
]


def add_starter_bookmarks():
    """Fill an empty bookmarks table with the starter bookmarks; return how many."""
    if db.session.scalar(db.select(func.count(Bookmark.id))) > 0:
        return 0
    db.session.add_all(Bookmark(**fields) for fields in STARTER_BOOKMARKS)
    db.session.commit()
    return len(STARTER_BOOKMARKS)


@app.cli.command("seed")
def seed_command():
    """Add a few starter bookmarks to an empty database."""
    added = add_starter_bookmarks()
    click.echo(f"Added {added} bookmarks." if added else "Not empty: nothing added.")
# --8<-- [end:seed]


# --8<-- [start:run]
if __name__ == "__main__":
    with app.app_context():
        add_starter_bookmarks()
    app.run(debug=True)
# --8<-- [end:run]
