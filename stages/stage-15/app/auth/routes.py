"""The auth routes, recorded on the auth blueprint; the factory mounts them under /auth."""

from apiflask import APIBlueprint, Schema
from apiflask.fields import Integer, String
from flask import abort, request
from flask_jwt_extended import create_access_token, create_refresh_token, get_jwt_identity, jwt_required
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import IntegrityError

from ..extensions import db, limiter
from ..limits import login_limit
from ..models import User
from ..responses import token_response

auth_bp = APIBlueprint("auth", __name__, tag="Auth")


class RegisterIn(Schema):
    """What registering takes."""

    username = String(required=True)
    email = String(required=True)
    password = String(required=True, load_only=True)


class LoginIn(Schema):
    """What logging in takes."""

    username = String(required=True)
    password = String(required=True, load_only=True)


class RegisteredOut(Schema):
    """What registering answers, inside the envelope."""

    message = String()
    user_id = Integer()


# The bodies are described with validation=False: the views check them themselves and keep stage 7's 400s.
# The token answers have no envelope: app/openapi.py describes them (describe_answers).

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
@auth_bp.input(RegisterIn, validation=False)
@auth_bp.output(RegisteredOut, status_code=201)
@auth_bp.doc(responses={400: "A field is missing or empty", 409: "The username or email is taken",
                        415: "The body is not JSON"})
def register(json_data):
    """Create an account from {"username", "email", "password"}; answer 201 with the new user's id."""
    fields = credentials(REGISTER_FIELDS)
    if is_taken(User.username, fields["username"]):
        abort(409, description="That username is already taken.")
    if is_taken(User.email, fields["email"]):
        abort(409, description="That email address already has an account.")
    # The role is never the client's to choose: every new account gets the model's default, "user".
    user = User(username=fields["username"], email=fields["email"])
    user.set_password(fields["password"])
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        # Someone took the name between the check above and this commit; the unique constraints caught it.
        db.session.rollback()
        abort(409, description="That username or email address is already taken.")
    return {"status": "success", "data": {"message": f"Registered {user.username}; log in to get a token.",
                                          "user_id": user.id}}, 201


@auth_bp.post("/login")
# Below the route decorator, so the limiter wraps the view that is registered; above it, it would wrap nothing.
# Per address: whoever is guessing has no token yet, and counting per username would let them try every name.
@limiter.limit(login_limit, key_func=get_remote_address)
@auth_bp.input(LoginIn, validation=False)
@auth_bp.doc(responses={200: "The tokens (OAuth 2.0 token answer, no envelope)", 400: "A field is missing or empty",
                        401: "Wrong username or password", 415: "The body is not JSON",
                        429: "Too many logins from this address"})
def login(json_data):
    """Trade a username and password for an access token and a refresh token."""
    fields = credentials(LOGIN_FIELDS)
    user = db.session.scalar(db.select(User).where(User.username == fields["username"]))
    # One answer for both mistakes, so that nobody can use this route to find out which usernames exist.
    if user is None or not user.check_password(fields["password"]):
        abort(401, description="Invalid username or password.")
    # JWT's "sub" claim must be a string: with the integer id, every protected request would be refused.
    identity = str(user.id)
    access_token = create_access_token(identity=identity, additional_claims={"role": user.role})
    refresh_token = create_refresh_token(identity=identity)
    return token_response(access_token, refresh_token)


@auth_bp.post("/refresh")
@jwt_required(refresh=True)
@auth_bp.doc(security="BearerAuth", responses={200: "A new access token (OAuth 2.0 token answer, no envelope)",
                                               401: "No valid refresh token"})
def refresh():
    """Trade a valid refresh token (and only a refresh token) for a new access token."""
    user = db.session.get(User, int(get_jwt_identity()))
    if user is None:
        abort(401, description="The account this token was issued for no longer exists.")
    # The role is read again now, so a change of role shows up in the next access token.
    access_token = create_access_token(identity=str(user.id), additional_claims={"role": user.role})
    return token_response(access_token)
