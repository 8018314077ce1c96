"""The auth routes, recorded on the auth blueprint; the factory mounts them under /auth."""

from flask import Blueprint, abort, request
from flask_jwt_extended import create_access_token, create_refresh_token, get_jwt_identity, jwt_required
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import User
from ..responses import success_response, token_response

auth_bp = Blueprint("auth", __name__)

REGISTER_FIELDS = ("username", "email", "password")
LOGIN_FIELDS = ("username", "password")


def credentials(names):
    """The named fields of the JSON body, each a non-empty string; 400 naming every one that is not."""
    if not request.is_json:
        abort(415, description="Send a JSON body with Content-Type: application/json.")
    body = request.get_json()
    if not isinstance(body, dict):
        abort(400, description=f"Send a JSON object with {', '.join(names)}.")
    missing = [name for name in names if not isinstance(body.get(name), str) or not body[name].strip()]
    if missing:
        abort(400, description=f"Missing or empty: {', '.join(missing)}.")
    # Only the named fields: anything else in the body, such as a "role", is ignored.
    return {name: body[name] for name in names}


def is_taken(column, value):
    """Whether some user already has this value in this column."""
    return db.session.scalar(db.select(User.id).where(column == value)) is not None


@auth_bp.post("/register")
def register():
    """Create an account from {"username", "email", "password"}; answer 201 with the new user's id."""
    # TODO: credentials(); 409 if username or email is_taken(); save with set_password(); 201.
    return {"error": "Not implemented yet: see the TODO in app/auth/routes.py."}, 501


@auth_bp.post("/login")
def login():
    """Trade a username and password for an access token and a refresh token."""
    # TODO: credentials(); one 401 for a bad name or password; else token_response(), str(user.id).
    return {"error": "Not implemented yet: see the TODO in app/auth/routes.py."}, 501


@auth_bp.post("/refresh")
@jwt_required(refresh=True)
def refresh():
    """Trade a valid refresh token (and only a refresh token) for a new access token."""
    # TODO: Find the user get_jwt_identity() names; token_response() with a new access token.
    return {"error": "Not implemented yet: see the TODO in app/auth/routes.py."}, 501
